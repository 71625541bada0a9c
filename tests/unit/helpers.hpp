#pragma once
// Builds profiles from YAML text through the real loader and the built-in catalog.

#include "catalog/catalog.hpp"
#include "llmtco/engine.hpp"
#include "load/profile_loader.hpp"

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

} // namespace llmtco::test
