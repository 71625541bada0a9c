#pragma once
// Renderers for the CI commands: `check` (budgets) and `diff` (cost deltas).

#include "llmtco/budget.hpp"
#include "llmtco/diff.hpp"
#include "render/format.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace llmtco::render {

/// With `quiet`, only the failures' messages (nothing when every budget passes).
std::string check_text(const std::vector<BudgetResult>& results, const Style& style, bool quiet = false);
nlohmann::ordered_json check_json(const std::vector<BudgetResult>& results);
/// JUnit XML: one testsuite per profile, one testcase per budget assertion.
std::string check_junit(const std::vector<BudgetResult>& results, const std::string& suite_name);
std::string check_markdown(const std::vector<BudgetResult>& results);

std::string diff_text(const Diff& d, const Style& style);
nlohmann::ordered_json diff_json(const Diff& d);
std::string diff_markdown(const Diff& d, const std::string& old_name, const std::string& new_name);

/// XML text escaping of & < > " '.
std::string xml_escape(const std::string& s);

} // namespace llmtco::render
