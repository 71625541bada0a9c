#include "load/sweep_plan.hpp"

#include "llmtco/fields.hpp"
#include "llmtco/limits.hpp"
#include "llmtco/sweep.hpp"
#include "load/path.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace llmtco::load {
namespace {

/// Writes `value` into the member `target` points to in `scope` (the alternative that matches).
void write_value(const Target& target, Scope& scope, const Value& value) {
    std::visit(
        [&](auto f) {
            using F = decltype(f);
            if constexpr (std::is_same_v<F, std::monostate>) {
                throw std::logic_error("a sweep assignment without a target");
            } else if constexpr (std::is_same_v<F, CloudOption* (*)(Scope&)>) {
                auto* c = f(scope);
                const auto& m = std::get<CloudModel>(value);
                c->model = m.model;
                c->price = m.price;
                c->price_as_of = m.price_as_of;
                c->embedding = m.embedding;
                c->max_input_tokens = m.max_input_tokens;
                c->max_output_tokens = m.max_output_tokens;
            } else {
                using T = std::remove_pointer_t<decltype(f(scope))>;
                *f(scope) = std::get<T>(value);
            }
        },
        target);
}

/// Keys whose value is a name (a catalog entry, an option, a currency) are resolved by the loader
/// (a fallback's index, a preset's fields), so varying them loads each scenario in full.
bool copyable(const KeySpec& k) { return !std::holds_alternative<std::string* (*)(Scope&)>(k.target); }

/// Finds the fast assignment for PATH in a profile loaded with PATH=value: the binding of that
/// PATH with its value, checked by applying it to the base profile and comparing every keyed value
/// with the loaded one (a value that changes other values too, like a purchase price on rented
/// hardware, fails the check). False when there is none.
bool fast_assignment(const std::string& path, const Profile& base, Profile& with_value, Assignment& a) {
    const auto loaded = bindings(with_value);
    const auto it =
        std::find_if(loaded.begin(), loaded.end(), [&](const Binding& b) { return b.path == path; });
    if (it == loaded.end() || !copyable(*it->key)) return false;
    a.key = it->key;
    a.at = it->at;
    a.value = read_value(with_value, *it);

    Profile applied = base;
    auto scope = scope_at(applied, a.at);
    write_value(a.key->target, scope, a.value);
    const auto after = bindings(applied);
    if (after.size() != loaded.size()) return false;
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (after[i].path != loaded[i].path ||
            read_value(applied, after[i]) != read_value(with_value, loaded[i]))
            return false;
    }
    return true;
}

/// A generated grid's value between two loaded ends, when the key takes a plain number.
std::optional<Value> between(const Value& end, double number) {
    if (std::holds_alternative<Num>(end) || std::holds_alternative<std::optional<Num>>(end)) {
        return std::holds_alternative<Num>(end) ? Value(Num::point(number))
                                                : Value(std::optional<Num>(Num::point(number)));
    }
    if (std::holds_alternative<double>(end)) return Value(number);
    if (std::holds_alternative<std::optional<double>>(end)) return Value(std::optional<double>(number));
    if (std::holds_alternative<CallRate>(end)) return Value(CallRate{Num::point(number), 1, 0}); // per day
    return std::nullopt;
}

} // namespace

namespace {

/// Grid value `i` as a number: 12 significant digits (so 10^(1/4)·… is 100, not
/// 100.00000000000004), the last exactly b as written.
double grid_number(const Vary::Grid& g, std::size_t i) {
    if (i + 1 == g.n && g.n > 1) return std::stod(g.b_text);
    const double t = g.n == 1 ? 0 : static_cast<double>(i) / static_cast<double>(g.n - 1);
    const double value =
        g.log ? std::exp(std::log(g.a) + t * (std::log(g.b) - std::log(g.a))) : g.a + t * (g.b - g.a);
    return std::stod(fmt::format("{:.12g}", value));
}

/// Grid value `i` as text: the shortest that reads back as grid_number (b as written).
std::string grid_text(const Vary::Grid& g, std::size_t i) {
    return i + 1 == g.n && g.n > 1 ? g.b_text : fmt::format("{}", grid_number(g, i));
}

} // namespace

Vary Vary::list(std::string path, std::vector<std::string> values) {
    Vary v;
    v.path = std::move(path);
    v.values = std::move(values);
    return v;
}

Vary Vary::generated(std::string path, const Grid& grid) {
    Vary v;
    v.path = std::move(path);
    v.grid = grid;
    if (grid.n <= kHeldGridValues) {
        for (std::size_t i = 0; i < grid.n; ++i) {
            v.values.push_back(grid_text(grid, i));
            v.numbers.push_back(grid_number(grid, i));
        }
    }
    return v;
}

std::string Vary::text(std::size_t i) const {
    return grid && values.empty() ? grid_text(*grid, i) : values[i];
}

double Vary::number(std::size_t i) const {
    if (!numbers.empty()) return numbers[i];
    return grid ? grid_number(*grid, i) : std::stod(values[i]);
}

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
        if (plan.scenarios > max_scenarios / v.size()) {
            throw UsageError(fmt::format("the grid has more than {} scenarios (limit max_sweep_scenarios); "
                                         "use fewer values",
                                         max_scenarios));
        }
        plan.scenarios *= v.size();
    }
    for (const auto& v : varies) {
        std::vector<Assignment> list;
        auto load_value = [&](const std::string& value) {
            Tree tree = plan.tree;
            apply_set(tree, v.path + "=" + value, "--vary");
            Profile with_value = decode_profile(tree, catalog); // the loader's checks and messages
            Assignment a;
            if (!fast_assignment(v.path, plan.base, with_value, a)) plan.fast = false;
            return a;
        };
        if (v.grid) {
            // A generated grid lies between its ends: load both, and if they are plain numbers (or a
            // rate per day) the values between pass the same bounds and differ only in the number.
            const auto first = load_value(v.text(0));
            const auto last = load_value(v.text(v.size() - 1));
            const bool simple = plan.fast && first.key == last.key && first.at == last.at &&
                                first.value.index() == last.value.index() && between(first.value, 0);
            if (simple) {
                plan.assignments.push_back({first, last});
                plan.between.push_back(true);
                continue;
            }
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (cancel && cancel->load()) return plan;
            auto a = load_value(v.text(i));
            // A scenario loaded in full needs no assignments: hold none (a grid may be 10 million).
            if (plan.fast) list.push_back(std::move(a));
        }
        if (!plan.fast) list.clear();
        plan.assignments.push_back(std::move(list));
        plan.between.push_back(false);
    }
    // A model brings a whole price: with another --vary of the same cloud option the order of the two
    // would matter, so such a grid is loaded in full, where the profile's price keys win as usual.
    for (std::size_t i = 0; plan.fast && i < plan.assignments.size(); ++i) {
        for (std::size_t j = 0; plan.fast && j < plan.assignments.size(); ++j) {
            const auto& x = plan.assignments[i].front();
            const auto& y = plan.assignments[j].front();
            if (i != j && std::holds_alternative<CloudModel>(x.value) && y.at.cloud == x.at.cloud)
                plan.fast = false;
        }
    }
    return plan;
}

Value read_value(Profile& p, const Binding& b) {
    auto scope = scope_at(p, b.at);
    return std::visit(
        [&](auto f) -> Value {
            using F = decltype(f);
            if constexpr (std::is_same_v<F, std::monostate>) {
                return std::monostate{};
            } else if constexpr (std::is_same_v<F, CloudOption* (*)(Scope&)>) {
                const auto* c = f(scope);
                return CloudModel{c->model,
                                  c->price,
                                  c->price_as_of,
                                  c->embedding,
                                  c->max_input_tokens,
                                  c->max_output_tokens};
            } else {
                return *f(scope);
            }
        },
        b.key->target);
}

ScenarioBuilder::ScenarioBuilder(const SweepPlan& plan) : plan_(plan), profile_(plan.base) {
    if (!plan.fast) return;
    for (const auto& list : plan.assignments)
        scopes_.push_back(scope_at(profile_, list.front().at));
}

std::string ScenarioBuilder::scenario_text(const std::vector<std::size_t>& digits) const {
    std::vector<std::string> values;
    std::size_t row = 0;
    for (std::size_t v = 0; v < digits.size(); ++v) {
        row = row * plan_.varies[v].size() + digits[v];
        values.push_back(plan_.varies[v].path + "=" + plan_.varies[v].text(digits[v]));
    }
    return fmt::format("sweep scenario {} of {} ({})", row + 1, plan_.scenarios, fmt::join(values, ", "));
}

const Profile& ScenarioBuilder::build(const std::vector<std::size_t>& digits) {
    if (plan_.fast) {
        for (std::size_t v = 0; v < digits.size(); ++v) {
            const auto& list = plan_.assignments[v];
            const std::size_t i = digits[v];
            const std::size_t n = plan_.varies[v].size();
            if (!plan_.between[v]) {
                write_value(list[i].key->target, scopes_[v], list[i].value);
            } else if (i == 0 || i + 1 == n) {
                write_value(list[0].key->target, scopes_[v], list[i == 0 ? 0 : 1].value);
            } else {
                write_value(list[0].key->target, scopes_[v],
                            *between(list[0].value, plan_.varies[v].number(i)));
            }
        }
        // Each value passed the loader alone; a combination (growth × horizon, a model × a prompt)
        // may still break a limit. The rows before it are complete. The fleets wait for
        // check_fleets: the evaluator sizes them anyway.
        if (const auto breach = first_limit_breach(profile_, LimitChecks::except_fleets))
            throw UsageError(fmt::format("{}: {}", scenario_text(digits), breach->message));
        return profile_;
    }
    Tree tree = plan_.tree;
    for (std::size_t v = 0; v < digits.size(); ++v)
        apply_set(tree, plan_.varies[v].path + "=" + plan_.varies[v].text(digits[v]), "--vary");
    try {
        slow_ = decode_profile(tree, plan_.catalog); // the loader checks every limit
    } catch (const InputError& e) {
        throw InputError(fmt::format("{} ({})", e.what(), scenario_text(digits)));
    }
    return slow_;
}

void ScenarioBuilder::check_fleets(const std::vector<std::size_t>& digits,
                                   const std::vector<ScenarioWorkload>& figures) {
    if (!plan_.fast || std::none_of(figures.begin(), figures.end(), [](const ScenarioWorkload& w) {
            return w.largest_fleet > kMachineLimit;
        }))
        return;
    // Rare: the whole check, for its message.
    if (const auto breach = first_limit_breach(profile_))
        throw UsageError(fmt::format("{}: {}", scenario_text(digits), breach->message));
}

void grid_digits(const SweepPlan& plan, std::size_t row, std::vector<std::size_t>& digits) {
    digits.resize(plan.varies.size());
    for (std::size_t v = plan.varies.size(); v-- > 0;) {
        digits[v] = row % plan.varies[v].size();
        row /= plan.varies[v].size();
    }
}

} // namespace llmtco::load
