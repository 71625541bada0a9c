#pragma once
// Loading the catalog: the built-in data compiled from profiles/catalog/*.yaml, and extra
// catalog files given with --catalog (entries override built-in ones by name).

#include "llmtco/catalog.hpp"

#include <string>
#include <string_view>

namespace llmtco::catalog {

/// The built-in catalog. Parsed once; later calls return the same object.
const Catalog& builtin();

/// Adds or overrides the entries of a catalog file in our YAML format. Throws InputError.
void merge_catalog_text(Catalog& into, std::string_view text, const std::string& display_name);

} // namespace llmtco::catalog
