#pragma once
// `sweep`: the grid of --vary values over a profile, checked once and turned into assignments.
// render/sweep.hpp streams the rows.

#include "llmtco/catalog.hpp"
#include "llmtco/fields.hpp"
#include "llmtco/profile.hpp"
#include "load/profile_loader.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace llmtco::load {

/// One --vary: a PATH and the value texts it takes, in order (cli/vary.hpp parses the syntax).
struct Vary {
    std::string path;
    std::vector<std::string> values;
    std::vector<double> numbers; ///< for a generated grid (a..b:n): the values as numbers
};

/// How one value of one --vary changes a profile, found by loading the profile with it once.
struct Assignment {
    enum class Kind {
        number,
        calls,
        price,
        horizon,
        days_per_month,
        labor_rate,
        batchable,
        data_local,
        can_maintain
    };
    Kind kind = Kind::number;
    std::size_t index = 0; ///< field index (number), workload index (calls, flags), cloud index (price)
    Num num;
    CallRate rate;
    Price price;
    std::string model;
    double number = 0;
    bool flag = false;
};

struct SweepPlan {
    std::vector<Vary> varies;
    Profile base;
    bool fast = true; ///< every varied PATH maps to a field; else each scenario is loaded in full
    std::vector<std::vector<Assignment>> assignments; ///< [vary][value], when fast
    Tree tree;                                        ///< merged sources with --set, when slow
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

  private:
    const SweepPlan& plan_;
    Profile profile_;
    Profile slow_;
    std::vector<Field> fields_;
};

} // namespace llmtco::load
