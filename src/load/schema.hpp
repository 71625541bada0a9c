#pragma once
// The JSON Schema of the profile format, generated from the key table (the loader's source of truth).

#include <nlohmann/json.hpp>

namespace llmtco::load {

nlohmann::ordered_json profile_schema();

} // namespace llmtco::load
