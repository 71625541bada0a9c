#include "llmtco/breakeven.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/portfolio.hpp"
#include "llmtco/recommend.hpp"

#include <algorithm>

namespace llmtco {

Result estimate(const Profile& p) {
    Result result;
    result.currency = p.settings.currency;
    result.exchange_rate = p.settings.exchange_rate;
    result.horizon_months = p.settings.horizon_months;
    result.days_per_month = p.settings.days_per_month;
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
        for (std::size_t l = 0; l < index.locals; ++l) { // in OptionIndex::pair order
            const VolumeSearchScope scope;
            for (std::size_t c = 0; c < index.clouds; ++c) {
                if (!serves_workload(p.local[l].serves, w.name) ||
                    !serves_workload(p.cloud[c].serves, w.name)) {
                    BreakevenResult unserved_pair; // (not served: dropped below)
                    unserved_pair.local = p.local[l].name;
                    unserved_pair.cloud = p.cloud[c].name;
                    wr.breakeven.push_back(std::move(unserved_pair));
                    continue;
                }
                wr.breakeven.push_back(breakeven(p, w, p.local[l], p.cloud[c], wr.options[index.local(l)],
                                                 wr.options[index.cloud(c)]));
            }
        }
        wr.recommendation = recommend(p, w, wr);
        wr.assumptions = workload_assumptions(p, wi);
        for (std::size_t c = 0; c < index.clouds; ++c)
            wr.options[index.cloud(c)].assumptions = cloud_assumptions(p, c, &w);
        for (std::size_t l = 0; l < index.locals; ++l) {
            auto& o = wr.options[index.local(l)];
            o.assumptions = local_assumptions(p, l, o.capacity ? &*o.capacity : nullptr);
        }
        // An option whose `serves` leaves the workload out is no option for it (PRODUCT §4c): not
        // listed, no breakeven against it (the recommendation already passed it over).
        std::vector<std::string> unserved;
        for (const auto& c : p.cloud)
            if (!serves_workload(c.serves, w.name)) unserved.push_back(c.name);
        for (const auto& l : p.local)
            if (!serves_workload(l.serves, w.name)) unserved.push_back(l.name);
        if (!unserved.empty()) {
            auto out = [&](const std::string& name) {
                return std::find(unserved.begin(), unserved.end(), name) != unserved.end();
            };
            std::erase_if(wr.options, [&](const OptionResult& o) { return out(o.name); });
            std::erase_if(wr.breakeven,
                          [&](const BreakevenResult& b) { return out(b.local) || out(b.cloud); });
        }
        result.workloads.push_back(std::move(wr));
    }
    result.portfolio = portfolios(p, result);
    return result;
}

} // namespace llmtco
