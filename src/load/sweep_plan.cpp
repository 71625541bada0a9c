#include "load/sweep_plan.hpp"

#include "llmtco/fields.hpp"
#include "llmtco/sweep.hpp"
#include "load/path.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <cmath>
#include <fmt/format.h>

namespace llmtco::load {
namespace {

std::vector<std::string> field_paths(Profile& p) {
    std::vector<std::string> out;
    for (const auto& f : numeric_fields(p))
        out.push_back(f.path);
    return out;
}

/// Finds the fast assignment for PATH in a profile loaded with PATH=value; false when there is none.
bool fast_assignment(const std::string& path, const std::vector<std::string>& base_paths, Profile& with_value,
                     Assignment& a) {
    using K = Assignment::Kind;
    if (path == "settings.horizon_months") {
        a.kind = K::horizon;
        a.number = with_value.settings.horizon_months;
        return true;
    }
    if (path == "settings.days_per_month") {
        a.kind = K::days_per_month;
        a.number = with_value.settings.days_per_month;
        return true;
    }
    if (path == "settings.labor_rate_per_hour") {
        a.kind = K::labor_rate;
        a.number = with_value.settings.labor_rate_per_hour;
        return true;
    }
    if (path == "team.can_maintain_local") {
        a.kind = K::can_maintain;
        a.flag = with_value.team.can_maintain_local;
        return true;
    }
    for (std::size_t i = 0; i < with_value.workloads.size(); ++i) {
        const auto prefix = "workloads." + with_value.workloads[i].name + ".";
        if (path == prefix + "calls") {
            a.kind = K::calls;
            a.index = i;
            a.rate = with_value.workloads[i].calls;
            return true;
        }
        if (path == prefix + "batchable" || path == prefix + "data_must_stay_local") {
            a.kind = path == prefix + "batchable" ? K::batchable : K::data_local;
            a.index = i;
            a.flag = a.kind == K::batchable ? with_value.workloads[i].batchable
                                            : with_value.workloads[i].data_must_stay_local;
            return true;
        }
    }
    for (std::size_t i = 0; i < with_value.cloud.size(); ++i) {
        if (path == "options.cloud." + with_value.cloud[i].name + ".model") {
            a.kind = K::price;
            a.index = i;
            a.price = with_value.cloud[i].price;
            a.model = with_value.cloud[i].model;
            return true;
        }
    }
    if (base_paths != field_paths(with_value)) return false; // the value added or removed a field
    const auto fields = numeric_fields(with_value);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].path == path) {
            a.kind = K::number;
            a.index = i;
            a.num = *fields[i].num;
            return true;
        }
    }
    return false;
}

void apply(const Assignment& a, Profile& p, std::vector<Field>& fields) {
    using K = Assignment::Kind;
    switch (a.kind) {
    case K::number:
        *fields[a.index].num = a.num;
        break;
    case K::calls:
        p.workloads[a.index].calls = a.rate;
        break;
    case K::price:
        p.cloud[a.index].price = a.price;
        p.cloud[a.index].model = a.model;
        break;
    case K::horizon:
        p.settings.horizon_months = static_cast<int>(a.number);
        break;
    case K::days_per_month:
        p.settings.days_per_month = a.number;
        break;
    case K::labor_rate:
        p.settings.labor_rate_per_hour = a.number;
        break;
    case K::batchable:
        p.workloads[a.index].batchable = a.flag;
        break;
    case K::data_local:
        p.workloads[a.index].data_must_stay_local = a.flag;
        break;
    case K::can_maintain:
        p.team.can_maintain_local = a.flag;
        break;
    }
}

} // namespace

SweepPlan plan_sweep(const std::vector<Source>& sources, const std::vector<std::string>& sets,
                     const Catalog& catalog, const std::vector<Vary>& varies, std::size_t max_scenarios,
                     const std::atomic<bool>* cancel) {
    SweepPlan plan;
    plan.varies = varies;
    plan.catalog = catalog;
    plan.tree = merged_tree(sources, sets);
    plan.base = decode_profile(plan.tree, catalog);
    for (std::size_t i = 0; i < varies.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (varies[i].path == varies[j].path) {
                throw UsageError(
                    fmt::format("--vary {} is given twice; give one --vary per PATH", varies[i].path));
            }
        }
    }
    for (const auto& v : varies) {
        if (plan.scenarios > max_scenarios / v.values.size()) {
            throw UsageError(fmt::format("the grid has more than {} scenarios (limit max_sweep_scenarios); "
                                         "use fewer values",
                                         max_scenarios));
        }
        plan.scenarios *= v.values.size();
    }
    const auto base_paths = field_paths(plan.base); // once, not once per value
    for (const auto& v : varies) {
        std::vector<Assignment> list;
        auto load_value = [&](const std::string& value) {
            Tree tree = plan.tree;
            apply_set(tree, v.path + "=" + value, "--vary");
            Profile with_value = decode_profile(tree, catalog); // the loader's checks and messages
            Assignment a;
            if (!fast_assignment(v.path, base_paths, with_value, a)) plan.fast = false;
            return a;
        };
        if (!v.numbers.empty()) {
            // A generated grid lies between its ends: load both, and if they are plain numbers (or a
            // rate per day) the values between pass the same bounds and differ only in the number.
            const auto first = load_value(v.values.front());
            const auto last = load_value(v.values.back());
            using K = Assignment::Kind;
            const bool simple = plan.fast && first.kind == last.kind &&
                                (first.kind == K::number || first.kind == K::calls ||
                                 first.kind == K::labor_rate || first.kind == K::days_per_month);
            if (simple) {
                for (std::size_t i = 0; i < v.numbers.size(); ++i) {
                    Assignment a = i + 1 == v.numbers.size() ? last : first;
                    a.num = Num::point(v.numbers[i]);
                    a.rate = CallRate{Num::point(v.numbers[i]), 1, 0};
                    a.number = v.numbers[i];
                    list.push_back(std::move(a));
                }
                plan.assignments.push_back(std::move(list));
                continue;
            }
        }
        for (const auto& value : v.values) {
            if (cancel && cancel->load()) return plan;
            list.push_back(load_value(value));
        }
        plan.assignments.push_back(std::move(list));
    }
    return plan;
}

ScenarioBuilder::ScenarioBuilder(const SweepPlan& plan) : plan_(plan), profile_(plan.base) {
    fields_ = numeric_fields(profile_);
}

const Profile& ScenarioBuilder::build(const std::vector<std::size_t>& digits) {
    if (plan_.fast) {
        for (std::size_t v = 0; v < digits.size(); ++v)
            apply(plan_.assignments[v][digits[v]], profile_, fields_);
        return profile_;
    }
    Tree tree = plan_.tree;
    for (std::size_t v = 0; v < digits.size(); ++v)
        apply_set(tree, plan_.varies[v].path + "=" + plan_.varies[v].values[digits[v]], "--vary");
    slow_ = decode_profile(tree, plan_.catalog);
    return slow_;
}

void grid_digits(const SweepPlan& plan, std::size_t row, std::vector<std::size_t>& digits) {
    digits.resize(plan.varies.size());
    for (std::size_t v = plan.varies.size(); v-- > 0;) {
        digits[v] = row % plan.varies[v].values.size();
        row /= plan.varies[v].values.size();
    }
}

} // namespace llmtco::load
