#pragma once
// Rendering of the catalog for `llm-tco prices`.

#include "llmtco/catalog.hpp"
#include "render/format.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace llmtco::render {

/// The cloud models, each with its age on `today` (YYYY-MM-DD) and the catalog it came from.
std::string cloud_models_table(const std::vector<const CloudModel*>& models, const Style& style,
                               std::string_view today);
std::string cloud_models_csv(const std::vector<const CloudModel*>& models, std::string_view today);
nlohmann::ordered_json cloud_model_json(const CloudModel& m);
std::string local_catalog_table(const Catalog& c, const Style& style);
nlohmann::ordered_json hardware_json(const HardwarePreset& h);
nlohmann::ordered_json local_model_json(const LocalModelPreset& m);
nlohmann::ordered_json quant_json(const Quant& q);
/// {"hardware": […], "local_models": […], "quants": […]}
nlohmann::ordered_json local_catalog_json(const Catalog& c);

} // namespace llmtco::render
