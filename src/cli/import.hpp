#pragma once
// What `import` and `calibrate` share: reading usage records and naming their models in the catalog.

#include "llmtco/catalog.hpp"
#include "load/usage_formats.hpp"

#include <string>
#include <vector>

namespace llmtco::cli {

/// The catalog model a usage record's model name is (its name or alias; else without a provider
/// prefix, as a Bedrock model id, with dots as dashes, without a snapshot date), or null. `how`
/// receives the rule that matched, empty for a direct hit.
const CloudModel* match_model(const Catalog& catalog, const std::string& model, std::string* how);

struct ImportResult {
    std::string yaml; ///< the profile, commented with its provenance
    std::vector<load::UsageFileReport> reports;
};

/// Reads `files` and writes the measured profile (PRODUCT §4e). Throws InputError for a model the
/// catalog lacks (with the nearest names) and for a file without a usable record.
ImportResult import_usage(load::UsageFormat format, const std::vector<std::string>& files,
                          const load::UsageOptions& options, const Catalog& catalog,
                          const std::string& command);

} // namespace llmtco::cli
