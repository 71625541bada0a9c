#include "llmtco/fields.hpp"
#include "llmtco/simulate.hpp"
#include "llmtco/sweep.hpp"

#include <algorithm>
#include <cmath>

namespace llmtco {

std::vector<SensitivityPair> sensitivity(const Profile& profile) {
    Profile p = profile;
    auto fields = ranged_fields(p);
    ScenarioEvaluator evaluator;
    const OptionIndex index(p);
    std::vector<SensitivityPair> out;
    for (std::size_t w = 0; w < p.workloads.size(); ++w) {
        ScenarioWorkload base;
        evaluator.evaluate(p, p.workloads[w], base);
        // What is compared: each local − cloud difference, or each option's total when no pair exists.
        struct Target {
            std::size_t a;
            std::optional<std::size_t> b;
        };
        std::vector<Target> targets;
        for (std::size_t l = 0; l < index.locals; ++l) {
            for (std::size_t c = 0; c < index.clouds; ++c)
                targets.push_back({index.local(l), index.cloud(c)});
        }
        if (targets.empty()) {
            for (std::size_t o = 0; o < base.totals.size(); ++o)
                targets.push_back({o, std::nullopt});
        }
        auto figure = [](const ScenarioWorkload& s, const Target& t) {
            return s.totals[t.a] - (t.b ? s.totals[*t.b] : 0.0);
        };
        const std::size_t first = out.size();
        for (const auto& t : targets) {
            SensitivityPair pair;
            pair.workload = p.workloads[w].name;
            if (t.b) {
                pair.local = p.local[index.local_at(t.a)].name;
                pair.cloud = p.cloud[index.cloud_at(*t.b)].name;
            } else {
                pair.option = index.is_cloud(t.a) ? p.cloud[index.cloud_at(t.a)].name
                                                  : p.local[index.local_at(t.a)].name;
            }
            pair.base_difference = figure(base, t);
            out.push_back(std::move(pair));
        }
        ScenarioWorkload low;
        ScenarioWorkload high;
        for (auto& f : fields) {
            const double mean = f.num->value;
            f.num->value = f.num->low;
            evaluator.evaluate(p, p.workloads[w], low);
            f.num->value = f.num->high;
            evaluator.evaluate(p, p.workloads[w], high);
            f.num->value = mean;
            for (std::size_t i = 0; i < targets.size(); ++i) {
                SensitivityRow row;
                row.input = f.path;
                row.low = f.num->low;
                row.high = f.num->high;
                row.difference_at_low = figure(low, targets[i]);
                row.difference_at_high = figure(high, targets[i]);
                row.swing = std::fabs(row.difference_at_high - row.difference_at_low);
                out[first + i].rows.push_back(std::move(row));
            }
        }
        for (std::size_t i = first; i < out.size(); ++i) {
            std::stable_sort(out[i].rows.begin(), out[i].rows.end(),
                             [](const auto& a, const auto& b) { return a.swing > b.swing; });
        }
    }
    return out;
}

} // namespace llmtco
