#pragma once
// The command-line syntax of --vary: "PATH=a..b:n", "PATH=a..b:n:log" or "PATH=v1,v2,v3".

#include "load/sweep_plan.hpp"

#include <string>

namespace llmtco::cli {

/// Parses one --vary argument into its PATH and value texts. Throws UsageError.
load::Vary parse_vary(const std::string& arg);

} // namespace llmtco::cli
