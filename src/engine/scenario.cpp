#include "llmtco/breakeven.hpp"
#include "llmtco/recommend.hpp"
#include "llmtco/sweep.hpp"

#include <algorithm>

namespace llmtco {

void portfolio_problem(const Profile& p, const std::vector<ScenarioWorkload>& figures,
                       PortfolioProblem& out) {
    const std::size_t clouds = p.cloud.size();
    out.cloud_fixed.resize(clouds);
    for (std::size_t c = 0; c < clouds; ++c)
        out.cloud_fixed[c] = cloud_fixed_over_horizon(p.settings, p.cloud[c]);
    out.candidates.resize(figures.size());
    for (std::size_t wi = 0; wi < figures.size(); ++wi) {
        auto& list = out.candidates[wi];
        list.clear();
        const auto& f = figures[wi];
        for (std::size_t o = 0; o < f.totals.size() && o < f.allowed.size(); ++o) {
            if (!f.allowed[o]) continue;
            PortfolioCandidate c;
            c.option = o;
            c.total = f.totals[o];
            c.local = o >= clouds;
            c.shared_cloud =
                c.local ? serving_fallback(p, p.workloads[wi], p.local[o - clouds]) : static_cast<int>(o);
            if (c.local) c.local_option = static_cast<int>(o - clouds);
            list.push_back(c);
        }
    }
    attach_pools(p, out);
}

void ScenarioEvaluator::evaluate(const Profile& p, std::vector<ScenarioWorkload>& out) {
    out.resize(p.workloads.size());
    for (std::size_t i = 0; i < p.workloads.size(); ++i)
        evaluate(p, p.workloads[i], out[i]);
}

void ScenarioEvaluator::evaluate(const Profile& p, const Workload& w, ScenarioWorkload& out) {
    const OptionIndex index(p);
    monthly_.resize(index.options());
    recurring_.resize(index.options());
    exclusions_.resize(index.options());
    unserved_.assign(index.options(), 0.0);
    out.totals.resize(index.options());
    out.feasible.assign(index.options(), 1);
    if (out.allowed.size() != index.options()) out.allowed.resize(index.options());
    out.residual_value.resize(index.locals);
    out.breakeven_months.resize(index.pairs());
    out.breakeven_month.resize(index.pairs());
    const double calls_per_day = w.calls.calls_per_day(p.settings.days_per_month);
    double calls = 0; // over the horizon, the same for every option
    out.largest_fleet = 0;

    for (std::size_t c = 0; c < index.clouds; ++c) {
        const auto& option = p.cloud[c];
        const std::size_t o = index.cloud(c);
        out.totals[o] = cloud_series(p, w, option, calls_per_day, monthly_[o], recurring_[o]);
        exclusions_[o] = exclusion_of(p, w, option);
        out.allowed[o] = exclusions_[o] == Exclusion::none;
        out.feasible[o] = cloud_is_feasible(w, option);
    }
    for (std::size_t l = 0; l < index.locals; ++l) {
        const auto& option = p.local[l];
        const std::size_t o = index.local(l);
        LocalSummary summary;
        out.totals[o] = local_series(p, w, option, calls_per_day, monthly_[o], recurring_[o], &summary);
        exclusions_[o] = exclusion_of(p, w, option, summary);
        out.allowed[o] = exclusions_[o] == Exclusion::none;
        unserved_[o] = summary.unserved_calls;
        calls = summary.calls;
        out.feasible[o] = summary.feasible;
        out.residual_value[l] = summary.residual_value;
        if (!option.machines) out.largest_fleet = std::max(out.largest_fleet, summary.machines);
        const auto flows = local_flows(pool_costs(p, option), monthly_[o], recurring_[o], summary);
        for (std::size_t c = 0; c < index.clouds; ++c) {
            const std::size_t cloud = index.cloud(c);
            const CloudFlows cloud_flows{monthly_[cloud],
                                         recurring_[cloud].empty() ? 0 : recurring_[cloud].back(),
                                         FlowSums{out.totals[cloud]}};
            auto& months = out.breakeven_months[index.pair(l, c)];
            auto& month = out.breakeven_month[index.pair(l, c)];
            months.reset();
            month.reset();
            if (!summary.feasible || !out.feasible[cloud])
                continue; // no breakeven with an option that cannot serve
            std::optional<int> within;
            if (const auto m = breakeven_months(flows, cloud_flows, &within)) months = *m;
            if (within) month = *within;
        }
    }
    out.recommended = pick_recommended(out.totals, exclusions_, unserved_, calls);
}

} // namespace llmtco
