#include "load/input_diff.hpp"

#include "llmtco/fields.hpp"
#include "load/sweep_plan.hpp"

#include <fmt/format.h>
#include <map>

namespace llmtco::load {
namespace {

std::string num_text(const Num& n) {
    switch (n.dist) {
    case Dist::point:
        return fmt::format("{}", n.value);
    case Dist::uniform:
        return fmt::format("{}..{}", n.low, n.high);
    case Dist::triangular:
        return fmt::format("{{min: {}, mode: {}, max: {}}}", n.low, n.mode, n.high);
    }
    return "?";
}

std::string rate_text(const CallRate& r) {
    const auto amount = num_text(r.amount);
    if (r.unit_months == 0) {
        if (r.unit_days == 1) return amount + "/day";
        if (r.unit_days == 7) return amount + "/week";
        if (amount == "1") return fmt::format("every {} days", r.unit_days);
    } else if (r.unit_days == 0) {
        if (r.unit_months == 1) return amount + "/month";
        if (r.unit_months == 12) return amount + "/year";
        if (amount == "1") return fmt::format("every {} months", r.unit_months);
    }
    return fmt::format("{} every {} days and {} months", amount, r.unit_days, r.unit_months);
}

std::string value_text(const Value& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return "—";
            } else if constexpr (std::is_same_v<T, Num>) {
                return num_text(x);
            } else if constexpr (std::is_same_v<T, std::optional<Num>>) {
                return x ? num_text(*x) : "—";
            } else if constexpr (std::is_same_v<T, double>) {
                return fmt::format("{}", x);
            } else if constexpr (std::is_same_v<T, std::optional<double>>) {
                return x ? fmt::format("{}", *x) : "—";
            } else if constexpr (std::is_same_v<T, int>) {
                return std::to_string(x);
            } else if constexpr (std::is_same_v<T, bool>) {
                return x ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::string>) {
                return x.empty() ? "—" : x;
            } else if constexpr (std::is_same_v<T, CallRate>) {
                return rate_text(x);
            } else if constexpr (std::is_same_v<T, CloudModel>) {
                return x.model.empty() ? "—" : x.model;
            } else {
                static_assert(std::is_same_v<T, std::optional<int>>);
                return x ? std::to_string(*x) : "auto";
            }
        },
        v);
}

} // namespace

std::vector<InputChange> changed_inputs(const Profile& before, const Profile& after) {
    Profile old_copy = before;
    Profile new_copy = after;
    std::map<std::string, std::string> old_values;
    for (const auto& b : bindings(old_copy))
        old_values[b.path] = value_text(read_value(old_copy, b));
    std::vector<InputChange> out;
    for (const auto& b : bindings(new_copy)) {
        const auto it = old_values.find(b.path);
        if (it == old_values.end()) continue;
        auto now = value_text(read_value(new_copy, b));
        if (now != it->second) out.push_back({b.path, it->second, std::move(now)});
    }
    return out;
}

} // namespace llmtco::load
