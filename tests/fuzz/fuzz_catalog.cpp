// libFuzzer target: a --catalog file, LiteLLM JSON or llm-tco's YAML, merged into the built-in
// catalog. Any input must merge or be refused with an InputError/UsageError (duplicate keys and
// names, bad dates, control characters, numbers a double cannot hold); nothing else may escape.

#include "catalog/catalog.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    llmtco::Catalog catalog = llmtco::catalog::builtin();
    try {
        if (llmtco::catalog::is_json_catalog(text)) {
            (void)llmtco::catalog::merge_litellm_json(catalog, text, "fuzz.json");
        } else {
            llmtco::catalog::merge_catalog_text(catalog, text, "fuzz.yaml");
        }
    } catch (const llmtco::InputError&) {
        return 0;
    } catch (const llmtco::UsageError&) {
        return 0;
    }
    // Whatever merged is findable by name: the merge's index and the lookups agree.
    for (const auto& m : catalog.cloud_models)
        if (!catalog.find_cloud(m.name)) __builtin_trap();
    return 0;
}
