#include "llmtco/breakeven.hpp"
#include "llmtco/recommend.hpp"
#include "llmtco/sweep.hpp"

namespace llmtco {

void ScenarioEvaluator::evaluate(const Profile& p, std::vector<ScenarioWorkload>& out) {
    out.resize(p.workloads.size());
    for (std::size_t i = 0; i < p.workloads.size(); ++i)
        evaluate(p, p.workloads[i], out[i]);
}

void ScenarioEvaluator::evaluate(const Profile& p, const Workload& w, ScenarioWorkload& out) {
    const std::size_t clouds = p.cloud.size();
    const std::size_t options = clouds + p.local.size();
    monthly_.resize(options);
    recurring_.resize(options);
    out.totals.resize(options);
    out.breakeven_months.resize(p.local.size() * clouds);
    const double calls_per_day = w.calls.calls_per_day(p.settings.days_per_month);

    double best = 0;
    out.recommended = -1;
    auto consider = [&](std::size_t index, OptionKind kind, int local_index, bool feasible,
                        bool latency_known, double latency_high) {
        if (exclusion_of(p, w, kind, local_index, feasible, latency_known, latency_high) != Exclusion::none)
            return;
        if (out.recommended < 0 || out.totals[index] < best) {
            out.recommended = static_cast<int>(index);
            best = out.totals[index];
        }
    };
    for (std::size_t c = 0; c < clouds; ++c) {
        const auto& option = p.cloud[c];
        out.totals[c] = cloud_series(p, w, option, calls_per_day, monthly_[c], recurring_[c]);
        consider(c, OptionKind::cloud, -1, true, option.latency_ms.has_value(),
                 option.latency_ms ? option.latency_ms->high : 0);
    }
    for (std::size_t l = 0; l < p.local.size(); ++l) {
        const auto& option = p.local[l];
        const std::size_t index = clouds + l;
        LocalSummary summary;
        out.totals[index] =
            local_series(p, w, option, calls_per_day, monthly_[index], recurring_[index], &summary);
        const double latency =
            option.latency_ms ? option.latency_ms->high : local_seconds_per_call(w, option.throughput) * 1000;
        consider(index, OptionKind::local, static_cast<int>(l), summary.feasible, true, latency);
        for (std::size_t c = 0; c < clouds; ++c) {
            out.breakeven_months[l * clouds + c] =
                summary.feasible
                    ? breakeven_months(monthly_[index], monthly_[c], recurring_[index], recurring_[c])
                    : std::nullopt;
        }
    }
}

} // namespace llmtco
