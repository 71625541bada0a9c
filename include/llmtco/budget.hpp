#pragma once
/// Budgets (`llm-tco check`): each assertion of each `budgets:` entry, evaluated against a result.

#include "llmtco/engine.hpp"

#include <optional>
#include <string>
#include <vector>

namespace llmtco {

enum class BudgetKind { max_monthly, max_total, max_cost_per_1k_calls, breakeven_within_months, recommend };

struct BudgetResult {
    BudgetKind kind = BudgetKind::max_total;
    std::string workload;
    std::string option;           ///< the option checked (the recommended one when the budget names none)
    std::string against;          ///< breakeven: the cloud option compared with
    std::optional<double> actual; ///< the figure; nullopt: none (breakeven never, no option)
    double limit = 0;             ///< numeric budgets
    std::string actual_text;      ///< for people: "$0.86", "never", "haiku (cloud)"
    std::string limit_text;       ///< "≤ $5.00", "≤ 24 months", "cloud"
    bool pass = false;
    std::string message; ///< one line: what was checked and what was found
    SourceLoc loc;       ///< the budget entry in the profile
};

std::string budget_kind_name(BudgetKind kind);

/// Evaluates every budget of the profile against its estimate.
std::vector<BudgetResult> check_budgets(const Profile& p, const Result& r);

} // namespace llmtco
