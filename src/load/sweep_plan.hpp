#pragma once
// `sweep`: the grid of --vary values over a profile, checked once and turned into assignments.
// render/sweep.hpp streams the rows.

#include "llmtco/catalog.hpp"
#include "llmtco/fields.hpp"
#include "llmtco/profile.hpp"
#include "llmtco/sweep.hpp"
#include "load/profile_loader.hpp"

#include <atomic>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace llmtco::load {

/// A generated grid's values are held (texts and numbers) up to this many; past it each is
/// computed when its row is written, so a --vary of 10 million values takes no memory of its own.
inline constexpr std::size_t kHeldGridValues = 65536;

/// One --vary: a PATH and the value texts it takes, in order (cli/vary.hpp parses the syntax).
struct Vary {
    /// a..b:n or a..b:n:log: n values from a to b, evenly or log-spaced, each printed with 12
    /// significant digits (so 10^(1/4)·… reads 100, not 100.00000000000004), the last b exactly.
    struct Grid {
        double a = 0;
        double b = 0;
        std::size_t n = 1;
        bool log = false;
        std::string b_text; ///< the last value, as written
    };

    std::string path;
    std::vector<std::string> values; ///< a list's values; a grid's when it has ≤ kHeldGridValues
    std::vector<double> numbers;     ///< a held grid's values as numbers
    std::optional<Grid> grid;

    /// A list of values.
    static Vary list(std::string path, std::vector<std::string> values);
    /// A generated grid (its values held when there are at most kHeldGridValues).
    static Vary generated(std::string path, const Grid& grid);

    std::size_t size() const { return grid ? grid->n : values.size(); }
    /// The text of value `i`.
    std::string text(std::size_t i) const;
    /// Value `i` of a grid as a number (the number its text reads).
    double number(std::size_t i) const;
};

/// A cloud option's `model` as a value: the model with the price it brings.
struct CloudModel {
    std::string model;
    Price price;
    std::string price_as_of;
    bool embedding = false;
    std::optional<double> max_input_tokens;
    std::optional<double> max_output_tokens;
    bool operator==(const CloudModel&) const = default;
};

/// A value of any key table target type (keys.hpp), in the same order of alternatives.
using Value = std::variant<std::monostate, Num, std::optional<Num>, double, std::optional<double>, int, bool,
                           std::string, CallRate, CloudModel, std::optional<int>>;

/// The value at one binding of a profile.
Value read_value(Profile& p, const Binding& b);

/// How one value of one --vary changes a profile, found by loading the profile with it once: the
/// key table row and item it lands in, and the value.
struct Assignment {
    const KeySpec* key = nullptr;
    Address at;
    Value value;
};

struct SweepPlan {
    std::vector<Vary> varies;
    Profile base;
    bool fast = true; ///< every varied PATH maps to one value; else each scenario is loaded in full
    /// [vary][value], when fast; for a grid of plain numbers only its two ends ([0] and [1]), the
    /// values between written from Vary::number (between[vary] is true).
    std::vector<std::vector<Assignment>> assignments;
    std::vector<bool> between;
    Tree tree; ///< merged sources with --set, when slow
    Catalog catalog;
    std::size_t scenarios = 1;
};

/// Validates every value of every --vary by loading the profile with it (exact error messages).
/// A generated grid's ends are loaded in full; the values between them share the ends' checks.
/// Stops early (returning a partial plan) when `cancel` is set.
SweepPlan plan_sweep(const std::vector<Source>& sources, const std::vector<std::string>& sets,
                     const Catalog& catalog, const std::vector<Vary>& varies, std::size_t max_scenarios,
                     const std::atomic<bool>* cancel = nullptr);

/// The grid position of row `row` (the last --vary fastest): one value index per --vary.
void grid_digits(const SweepPlan& plan, std::size_t row, std::vector<std::size_t>& digits);

/// Builds the profile of one scenario: the fast assignments applied to a copy of the base profile,
/// or, for a slow plan, the merged tree decoded again with the --vary values set. One per thread.
class ScenarioBuilder {
  public:
    explicit ScenarioBuilder(const SweepPlan& plan);
    /// The scenario at `digits` (from grid_digits); valid until the next call.
    const Profile& build(const std::vector<std::size_t>& digits);
    /// After the scenario at `digits` is evaluated: throws UsageError, naming the scenario, when a
    /// fleet it sized is past kMachineLimit (build() checks every other limit before evaluation).
    void check_fleets(const std::vector<std::size_t>& digits, const std::vector<ScenarioWorkload>& figures);

  private:
    std::string scenario_text(const std::vector<std::size_t>& digits) const;

    const SweepPlan& plan_;
    Profile profile_;
    Profile slow_;
    std::vector<Scope> scopes_; ///< per --vary: the items of profile_ its assignments land in
};

} // namespace llmtco::load
