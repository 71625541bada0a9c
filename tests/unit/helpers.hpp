#pragma once
// Builds profiles from YAML text through the real loader and the built-in catalog.

#include "catalog/catalog.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/portfolio.hpp"
#include "load/profile_loader.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace llmtco::test {

inline Profile profile(const std::string& yaml, const std::vector<std::string>& sets = {}) {
    return load::load_profile({load::Source{"p.yaml", yaml}}, sets, catalog::builtin());
}

inline const OptionResult& option(const WorkloadResult& w, const std::string& name) {
    for (const auto& o : w.options) {
        if (o.name == name) return o;
    }
    throw std::runtime_error("no option " + name);
}

inline const LineItem& item(const OptionResult& o, const std::string& label) {
    for (const auto& i : o.items) {
        if (i.label == label) return i;
    }
    throw std::runtime_error("no line item " + label + " in " + o.name);
}

inline double sum(const std::vector<double>& v) {
    double s = 0;
    for (double x : v)
        s += x;
    return s;
}

inline double items_total(const OptionResult& o) {
    double s = 0;
    for (const auto& i : o.items)
        s += i.total;
    return s;
}

/// The cheapest portfolio total over every assignment, by enumeration.
inline double brute_force(const PortfolioProblem& p) {
    std::vector<std::size_t> pick(p.candidates.size(), 0);
    double best = HUGE_VAL;
    while (true) {
        best = std::min(best, portfolio_total(p, pick));
        std::size_t i = 0;
        while (i < pick.size() && ++pick[i] == p.candidates[i].size())
            pick[i++] = 0;
        if (i == pick.size()) break;
    }
    return best;
}

} // namespace llmtco::test
