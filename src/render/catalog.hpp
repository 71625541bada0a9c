#pragma once
// Rendering of the catalog for `llm-tco prices`.

#include "llmtco/catalog.hpp"
#include "render/format.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace llmtco::render {

std::string cloud_models_table(const std::vector<const CloudModel*>& models, const Style& style);
std::string cloud_models_csv(const std::vector<const CloudModel*>& models);
nlohmann::ordered_json cloud_model_json(const CloudModel& m);
std::string local_catalog_table(const Catalog& c, const Style& style);

} // namespace llmtco::render
