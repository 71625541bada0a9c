#pragma once
// PATHs address any input: dot-separated keys, list items by their `name`
// ("workloads.monitoring.calls", "options.local.mac-mini.hardware.purchase").

#include "load/tree.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace llmtco::load {

/// Applies "PATH=VALUE" to a merged profile tree: VALUE is YAML ("10k/day", "{purchase: 500}").
/// Creates keys the format allows but the profile leaves out. Throws UsageError for a PATH that
/// matches nothing (with the nearest valid path suggested).
/// `flag` names the option in messages ("--set", "--vary").
void apply_set(Tree& root, std::string_view assignment, std::string_view flag = "--set");

/// Every concrete PATH of leaf keys the tree could set (for suggestions and completion).
std::vector<std::string> valid_paths(const Tree& root);

} // namespace llmtco::load
