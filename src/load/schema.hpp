#pragma once
// The JSON Schema of the profile format, generated from the key table (the loader's source of truth).

#include <nlohmann/json.hpp>
#include <string>

namespace llmtco::load {

nlohmann::ordered_json profile_schema();

/// The key reference of docs/profile-format.md: one Markdown table per part of a profile (version
/// and settings, workloads, options.cloud, options.local, team, budgets), each under its `###`
/// heading, one row per key in table order. tests/docs/key_reference.py keeps the docs equal to it.
std::string key_reference_markdown();

} // namespace llmtco::load
