#pragma once
/// Every number of a profile with its PATH ("workloads.monitoring.input_tokens"), so sweeps,
/// simulations and sensitivity can read and set inputs without re-parsing the profile.

#include "llmtco/profile.hpp"

#include <string>
#include <vector>

namespace llmtco {

struct Field {
    std::string path;
    Num* num; ///< into the profile the list was made from
};

/// Every `Num` of the profile, in a fixed order (the same for any copy of the same profile).
/// A call rate appears as "workloads.NAME.calls" with its amount.
std::vector<Field> numeric_fields(Profile& p);

/// The fields whose value is a range.
std::vector<Field> ranged_fields(Profile& p);

} // namespace llmtco
