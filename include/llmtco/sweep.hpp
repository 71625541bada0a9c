#pragma once
/// Fast evaluation of many scenarios of one profile shape: no strings, no allocation once warm.
/// Used by `sweep`, `simulate` and `sensitivity`; `estimate` gives the same figures with detail.

#include "llmtco/engine.hpp"
#include "llmtco/portfolio.hpp"
#include "llmtco/recommend.hpp"

#include <optional>
#include <vector>

namespace llmtco {

/// One workload's figures in one scenario.
struct ScenarioWorkload {
    std::vector<double> totals;                          ///< per option, at OptionIndex::cloud / local
    std::vector<char> feasible;                          ///< per option (cloud options always)
    std::vector<char> allowed;                           ///< per option: no hard constraint excludes it
    std::vector<double> residual_value;                  ///< per local option
    std::vector<std::optional<double>> breakeven_months; ///< per local × cloud pair, at OptionIndex::pair
    std::vector<std::optional<double>> breakeven_month;  ///< the same pairs: month within the horizon
    int recommended = -1;                                ///< pick_recommended(); -1: every option excluded
    double largest_fleet = 0; ///< machines: the largest fleet an `auto` local option reached (kMachineLimit)
};

/// The portfolio search's input (portfolio.hpp) from one scenario's figures of every workload of
/// `p`: each workload's allowed options with their totals, each cloud option's fixed costs shared.
void portfolio_problem(const Profile& p, const std::vector<ScenarioWorkload>& figures, PortfolioProblem& out);

class ScenarioEvaluator {
  public:
    /// Evaluates every workload of `p`; `out` is resized to the workload count.
    void evaluate(const Profile& p, std::vector<ScenarioWorkload>& out);

    /// One workload only.
    void evaluate(const Profile& p, const Workload& w, ScenarioWorkload& out);

  private:
    std::vector<std::vector<double>> monthly_;
    std::vector<std::vector<double>> recurring_;
    std::vector<Exclusion> exclusions_;
    std::vector<double> unserved_;
};

} // namespace llmtco
