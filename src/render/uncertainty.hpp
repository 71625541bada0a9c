#pragma once
// Renderers for `simulate` and `sensitivity`.

#include "llmtco/simulate.hpp"
#include "render/format.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace llmtco::render {

std::string simulation_table(const Simulation& s, const std::string& currency, const Style& style);
nlohmann::ordered_json simulation_json(const Simulation& s);

std::string sensitivity_table(const std::vector<SensitivityPair>& pairs, const std::string& currency,
                              const Style& style);
nlohmann::ordered_json sensitivity_json(const std::vector<SensitivityPair>& pairs);

} // namespace llmtco::render
