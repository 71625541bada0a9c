#include "llmtco/breakeven.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/portfolio.hpp"
#include "llmtco/recommend.hpp"

#include <algorithm>
#include <future>
#include <system_error>
#include <thread>

namespace llmtco {

namespace {

/// Whether the option at OptionIndex position k serves workload `w`.
bool serves_at(const Profile& p, const OptionIndex& index, std::size_t k, const Workload& w) {
    return serves_workload(
        index.is_cloud(k) ? p.cloud[index.cloud_at(k)].serves : p.local[index.local_at(k)].serves, w.name);
}

} // namespace

Result estimate(const Profile& p) {
    Result result;
    result.currency = p.settings.currency;
    result.exchange_rate = p.settings.exchange_rate;
    result.horizon_months = p.settings.horizon_months;
    result.days_per_month = p.settings.days_per_month;
    if (p.settings.discount_rate) result.discount_rate = p.settings.discount_rate->value;
    result.assumptions = settings_assumptions(p);
    result.catalog_sources = p.catalog_sources;
    const OptionIndex index(p);
    for (std::size_t wi = 0; wi < p.workloads.size(); ++wi) {
        const auto& w = p.workloads[wi];
        WorkloadResult wr;
        wr.name = w.name;
        wr.calls_per_day = w.calls.calls_per_day(p.settings.days_per_month);
        for (const auto& c : p.cloud)
            wr.options.push_back(evaluate_cloud(p, w, c));
        for (const auto& l : p.local)
            wr.options.push_back(evaluate_local(p, w, l));
        if (result.discount_rate) {
            for (auto& o : wr.options)
                o.npv = present_value(o.monthly_cost, o.residual_value, *result.discount_rate);
        }
        wr.assumptions = workload_assumptions(p, wi);
        for (std::size_t c = 0; c < index.clouds; ++c)
            wr.options[index.cloud(c)].assumptions = cloud_assumptions(p, c, &w);
        for (std::size_t l = 0; l < index.locals; ++l) {
            auto& o = wr.options[index.local(l)];
            o.assumptions = local_assumptions(p, l, o.capacity ? &*o.capacity : nullptr);
        }
        result.workloads.push_back(std::move(wr));
    }
    // An option whose `serves` leaves a workload out is no option for it (PRODUCT §4c): not listed,
    // no breakeven against it. The portfolios see the options that serve (their own copy); the
    // breakevens and the recommendation, which passes such an option over, the full list.
    Result served;
    for (std::size_t wi = 0; wi < p.workloads.size(); ++wi) {
        auto& wr = served.workloads.emplace_back();
        wr.name = result.workloads[wi].name;
        wr.calls_per_day = result.workloads[wi].calls_per_day;
        for (std::size_t k = 0; k < index.options(); ++k)
            if (serves_at(p, index, k, p.workloads[wi]))
                wr.options.push_back(result.workloads[wi].options[k]);
    }
    // With a second core the portfolios and the breakevens run side by side: neither writes what
    // the other reads.
    std::future<PortfolioResult> portfolio;
    if (std::thread::hardware_concurrency() > 1) {
        try {
            portfolio = std::async(std::launch::async, [&p, &served] { return portfolios(p, served); });
        } catch (const std::system_error&) { // no thread to be had: below, in turn
        }
    }
    for (std::size_t wi = 0; wi < p.workloads.size(); ++wi) {
        const auto& w = p.workloads[wi];
        auto& wr = result.workloads[wi];
        for (std::size_t l = 0; l < index.locals; ++l) { // in OptionIndex::pair order
            const VolumeSearchScope scope;
            for (std::size_t c = 0; c < index.clouds; ++c) {
                if (!serves_at(p, index, index.local(l), w) || !serves_at(p, index, index.cloud(c), w)) {
                    BreakevenResult unserved_pair; // (not served: dropped below)
                    unserved_pair.local = p.local[l].name;
                    unserved_pair.cloud = p.cloud[c].name;
                    wr.breakeven.push_back(std::move(unserved_pair));
                    continue;
                }
                wr.breakeven.push_back(breakeven(p, w, p.local[l], p.cloud[c], wr.options[index.local(l)],
                                                 wr.options[index.cloud(c)]));
                if (result.discount_rate) {
                    wr.breakeven.back().npv_month = present_value_breakeven(
                        wr.options[index.local(l)], wr.options[index.cloud(c)], *result.discount_rate);
                }
            }
        }
        wr.recommendation = recommend(p, w, wr);
        std::vector<std::string> unserved;
        for (std::size_t k = 0; k < index.options(); ++k)
            if (!serves_at(p, index, k, w)) unserved.push_back(wr.options[k].name);
        if (!unserved.empty()) {
            auto out = [&](const std::string& name) {
                return std::find(unserved.begin(), unserved.end(), name) != unserved.end();
            };
            std::erase_if(wr.options, [&](const OptionResult& o) { return out(o.name); });
            std::erase_if(wr.breakeven,
                          [&](const BreakevenResult& b) { return out(b.local) || out(b.cloud); });
        }
    }
    result.portfolio = portfolio.valid() ? portfolio.get() : portfolios(p, served);
    return result;
}

} // namespace llmtco
