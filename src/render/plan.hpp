#pragma once
// `plan` output: one ranked table per workload, local combinations beside the cloud options.

#include "load/plan.hpp"
#include "render/format.hpp"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace llmtco::render {

/// `top`: rows per workload (0: all).
std::string plan_table(const load::Plan& p, std::size_t top, const Style& style);
std::string plan_markdown(const load::Plan& p, std::size_t top);
std::string plan_csv(const load::Plan& p, std::size_t top);
nlohmann::ordered_json plan_json(const load::Plan& p, std::size_t top);

} // namespace llmtco::render
