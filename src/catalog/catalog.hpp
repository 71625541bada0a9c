#pragma once
// Loading the catalog: the built-in data compiled from profiles/catalog/*.yaml, and extra
// catalog files given with --catalog (entries override built-in ones by name).

#include "llmtco/catalog.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace llmtco::catalog {

/// The built-in catalog. Parsed once; later calls return the same object.
const Catalog& builtin();

/// The example profiles shipped in profiles/*.yaml, compiled in: (file name, text) pairs.
std::span<const std::pair<std::string_view, std::string_view>> example_profiles();

struct LiteLLMImport {
    std::size_t imported = 0;
    std::size_t skipped = 0; ///< entries without token prices (images, audio, …)
};

/// Adds or overrides cloud models from a LiteLLM `model_prices_and_context_window.json`: per-token
/// prices become per-million, cache reads and `*_batches` prices are kept, `*_above_Nk_tokens`
/// become long-context tiers. Unknown fields are ignored. Throws InputError on invalid JSON.
/// Each model is labelled `catalog` (empty: `display_name`) and dated `as_of` (empty: undated; the
/// file gives no dates of its own).
LiteLLMImport merge_litellm_json(Catalog& into, std::string_view text, const std::string& display_name,
                                 const std::string& catalog = {}, const std::string& as_of = {});

/// The part of a LiteLLM file merge_litellm_json reads: the entries it imports, with only the keys
/// it reads (mode, provider, limits, token prices), as compact JSON. Merging it gives the same models
/// as merging `text`; the user catalog keeps it so every run parses a fraction of the file. `text`
/// must have been merged (validated) already.
std::string digest_litellm_json(std::string_view text);

/// True when `text` looks like JSON (a LiteLLM file) rather than our YAML.
bool is_json_catalog(std::string_view text);

/// Adds or overrides the entries of a catalog file in our YAML format, each labelled `catalog`
/// (empty: `display_name`). Throws InputError.
void merge_catalog_text(Catalog& into, std::string_view text, const std::string& display_name,
                        const std::string& catalog = {});

/// A catalog file in either format (is_json_catalog tells which) merged by the function above for
/// it; the LiteLLM counts, or nullopt for our YAML. `as_of` dates a LiteLLM file's models.
std::optional<LiteLLMImport> merge_catalog_file(Catalog& into, std::string_view text,
                                                const std::string& display_name,
                                                const std::string& catalog = {},
                                                const std::string& as_of = {});

} // namespace llmtco::catalog
