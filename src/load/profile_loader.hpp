#pragma once
// Sources (load/source.hpp) → merged tree → `--set` → validated Profile. Only this layer knows source
// positions.

#include "llmtco/catalog.hpp"
#include "llmtco/profile.hpp"
#include "load/source.hpp"
#include "load/tree.hpp"

#include <string>
#include <vector>

namespace llmtco::load {

/// Parses and merges the sources in order (later ones override earlier ones key by key), applies
/// each "PATH=VALUE" of `sets`, then validates and converts. Throws InputError / UsageError.
Profile load_profile(const std::vector<Source>& sources, const std::vector<std::string>& sets,
                     const Catalog& catalog);

/// The merged tree before validation (for PATH lookups by sweeps).
Tree merged_tree(const std::vector<Source>& sources, const std::vector<std::string>& sets);

/// Validates and converts a merged tree.
Profile decode_profile(const Tree& root, const Catalog& catalog);

} // namespace llmtco::load
