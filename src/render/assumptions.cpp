#include "llmtco/money.hpp"
#include "render/format.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace llmtco::render {
namespace {

/// A figure of an assumption: a money unit keeps the digits its source has ($0.125, not $0.12).
std::string figure(double v, std::string_view unit, const std::string& currency) {
    if (unit.starts_with("currency")) return format_unit_price(v, currency); // every digit the source has
    if (unit.starts_with("fraction")) return format_number(v * 100, 4) + "%";
    return format_number(v, 4);
}

std::string unit_suffix(std::string_view unit, double value) {
    if (unit.starts_with("currency")) return std::string(unit.substr(8)); // "/hour", "/Mtok", ""
    if (unit.starts_with("fraction")) return std::string(unit.substr(8)); // "/month", ""
    if (unit == "ratio") return "×";
    if (value == 1) { // "1 hour/month", "1 accelerator/machine", "1 call"
        const auto slash = unit.find('/');
        const auto first = unit.substr(0, slash);
        if (first.size() > 1 && first.back() == 's' && first.find(' ') == std::string_view::npos)
            return " " + std::string(first.substr(0, first.size() - 1)) +
                   std::string(slash == std::string_view::npos ? std::string_view() : unit.substr(slash));
    }
    return unit.empty() ? std::string() : " " + std::string(unit);
}

template <class F> void each_assumption(const Result& r, const WorkloadResult& w, F f) {
    for (const auto& a : r.assumptions)
        f(a);
    for (const auto& a : w.assumptions)
        f(a);
    for (const auto& o : w.options) {
        for (const auto& a : o.assumptions)
            f(a);
    }
}

} // namespace

std::string assumption_value_text(const Assumption& a, const std::string& currency) {
    if (!a.value) return a.word;
    const auto suffix = unit_suffix(a.unit, a.low ? 2.0 : *a.value);
    if (a.low && a.high) {
        return fmt::format("{}..{}{} (mean {})", figure(*a.low, a.unit, currency),
                           figure(*a.high, a.unit, currency), suffix, figure(*a.value, a.unit, currency));
    }
    return figure(*a.value, a.unit, currency) + suffix;
}

std::string assumption_line(const Assumption& a, const std::string& currency, bool full_path) {
    std::string origin;
    switch (a.origin) {
    case Origin::default_value:
        origin = "default";
        break;
    case Origin::set:
        origin = "--set";
        break;
    case Origin::catalog:
        origin = catalog_origin_text(a);
        break;
    case Origin::derived:
        origin = "derived";
        break;
    case Origin::profile:
        origin = "profile";
        break;
    }
    return fmt::format("{} = {} ({})", full_path ? a.path : a.key, assumption_value_text(a, currency),
                       origin);
}

std::string catalog_origin_text(const Assumption& a) {
    return "catalog: " + a.entry + (a.catalog.empty() ? "" : ", " + a.catalog);
}

std::size_t assumption_count(const Result& r, const WorkloadResult& w) {
    std::size_t n = 0;
    each_assumption(r, w, [&](const Assumption&) { ++n; });
    return n;
}

std::vector<std::string> defaulted_keys(const Result& r, const WorkloadResult& w) {
    std::vector<std::string> keys;
    std::set<std::string> seen;
    each_assumption(r, w, [&](const Assumption& a) {
        if (a.origin == Origin::default_value && seen.insert(a.key).second) keys.push_back(a.key);
    });
    return keys;
}

std::string assumptions_summary(const Result& r, const WorkloadResult& w) {
    std::size_t defaults = 0, catalog = 0, derived = 0, set = 0;
    std::size_t named_file = 0; // catalog figures from a file the assumptions name: the user catalog's
    each_assumption(r, w, [&](const Assumption& a) {
        if (!a.catalog.empty()) ++named_file;
        switch (a.origin) {
        case Origin::default_value:
            ++defaults;
            break;
        case Origin::catalog:
            ++catalog;
            break;
        case Origin::derived:
            ++derived;
            break;
        case Origin::set:
            ++set;
            break;
        case Origin::profile:
            break;
        }
    });
    const auto total = defaults + catalog + derived + set;
    if (total == 0) return {};
    std::vector<std::string> parts;
    if (defaults > 0) {
        // The defaulted keys by where they apply: the settings' and the workload's, then each option's.
        auto names = [](const std::vector<Assumption>& list, std::vector<std::string>& out) {
            for (const auto& a : list)
                if (a.origin == Origin::default_value) out.push_back(a.key);
        };
        std::vector<std::string> groups, shared;
        names(r.assumptions, shared);
        names(w.assumptions, shared);
        if (!shared.empty()) groups.push_back(fmt::format("{}", fmt::join(shared, ", ")));
        for (const auto& o : w.options) {
            std::vector<std::string> keys;
            names(o.assumptions, keys);
            if (!keys.empty()) groups.push_back(fmt::format("{}: {}", o.name, fmt::join(keys, ", ")));
        }
        parts.push_back(
            fmt::format("{} default{} ({})", defaults, defaults == 1 ? "" : "s", fmt::join(groups, "; ")));
    }
    if (catalog > 0) {
        parts.push_back(fmt::format(
            "{} from the catalog{}", catalog,
            named_file > 0 ? fmt::format(" ({} of them from the user catalog)", named_file) : std::string()));
    }
    if (derived > 0) parts.push_back(fmt::format("{} derived", derived));
    if (set > 0) parts.push_back(fmt::format("{} from --set", set));
    return fmt::format(
        "assumed: {} input{} not written in the profile — {}; --explain lists each with its value", total,
        total == 1 ? "" : "s", fmt::join(parts, ", "));
}

nlohmann::ordered_json assumptions_json(const std::vector<Assumption>& list) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& a : list) {
        nlohmann::ordered_json j;
        j["path"] = a.path;
        j["value"] = a.value ? nlohmann::ordered_json(checked(*a.value, "an assumption"))
                             : nlohmann::ordered_json(a.word);
        if (a.low && a.high) {
            j["low"] = checked(*a.low, "an assumption");
            j["high"] = checked(*a.high, "an assumption");
        }
        j["origin"] = origin_text(a);
        if (!a.catalog.empty()) j["catalog"] = a.catalog; // the file of a catalog:ENTRY, when named
        out.push_back(std::move(j));
    }
    return out;
}

std::string catalog_sources_text(const Result& r, const std::string& indent) {
    std::set<std::string> used;
    for (const auto& w : r.workloads)
        each_assumption(r, w, [&](const Assumption& a) {
            if (a.origin == Origin::catalog) used.insert(a.entry);
        });
    std::string out;
    for (const auto& entry : used) {
        const auto it = r.catalog_sources.find(entry);
        if (it == r.catalog_sources.end() || it->second.empty()) continue;
        out += fmt::format("{}{}: {}\n", indent, entry, it->second);
    }
    return out.empty()
               ? out
               : indent.substr(0, indent.size() >= 2 ? indent.size() - 2 : 0) + "catalog sources:\n" + out;
}

} // namespace llmtco::render
