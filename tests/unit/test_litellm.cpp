#include "catalog/catalog.hpp"
#include "helpers.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace llmtco;

namespace {
std::string fixture() {
    std::ifstream in(std::string(LLMTCO_SOURCE_DIR) + "/tests/data/catalog/litellm-fixture.json");
    return std::string(std::istreambuf_iterator<char>(in), {});
}
} // namespace

TEST_CASE("a LiteLLM price file imports per-token prices as per-million, with cache, batch and tiers") {
    Catalog c;
    const auto counts = catalog::merge_litellm_json(c, fixture(), "fixture.json");
    CHECK(counts.imported == 2); // acme-chat, acme-embed
    CHECK(counts.skipped == 2);  // acme-image has no token prices; acme-broken's price is not a number
    const auto* m = c.find_cloud("acme-chat");
    REQUIRE(m);
    CHECK(m->price.input_per_mtok.value == Approx(2));           // 2e-06 × 1e6
    CHECK(m->price.output_per_mtok.value == Approx(8));          // 8e-06 × 1e6
    CHECK(m->price.cached_input_per_mtok->value == Approx(0.5)); // 5e-07 × 1e6
    CHECK(m->price.batch_discount.value == Approx(0.5));         // 1 − 1e-06 / 2e-06
    REQUIRE(m->price.tiers.size() == 1);
    CHECK(m->price.tiers[0].above_input_tokens == 200000);
    CHECK(m->price.tiers[0].input_per_mtok.value == Approx(4));
    CHECK(m->price.tiers[0].output_per_mtok.value == Approx(12));
    const auto* e = c.find_cloud("acme-embed");
    REQUIRE(e);
    CHECK(e->mode == "embedding");
    CHECK(e->price.output_per_mtok.value == 0);
}

TEST_CASE("a merged file labels its entries with their catalog, and a LiteLLM file's with a date if given") {
    Catalog c = catalog::builtin();
    CHECK(c.find_cloud("gpt-4o-mini")->catalog == "built-in");
    CHECK(c.find_hardware("rtx-4090-workstation")->catalog == "built-in");
    const auto counts = catalog::merge_catalog_file(c, fixture(), "fixture.json");
    REQUIRE(counts); // JSON: LiteLLM's format
    CHECK(counts->imported == 2);
    CHECK(c.find_cloud("acme-chat")->catalog == "fixture.json"); // a --catalog file: its name
    CHECK(c.find_cloud("acme-chat")->as_of.empty());             // LiteLLM gives no dates
    catalog::merge_catalog_file(c, fixture(), "~/.local/share/llm-tco/prices.json", "user", "2026-12-04");
    CHECK(c.find_cloud("acme-chat")->catalog == "user");
    CHECK(c.find_cloud("acme-chat")->as_of == "2026-12-04");
    CHECK_FALSE(catalog::merge_catalog_file(
        c, "quants: [{name: Q9, bits_per_weight: 9, as_of: 2026-01-01}]\n", "q.yaml", "user"));
    CHECK(c.find_quant("Q9")->catalog == "user");
    CHECK(c.find_quant("Q9")->as_of == "2026-01-01");
}

TEST_CASE("a LiteLLM entry replacing a hosted endpoint keeps the local model it serves") {
    Catalog c = catalog::builtin();
    REQUIRE(c.find_cloud("groq/llama-3.1-8b-instant")->open_model == "llama-3.1-8b");
    catalog::merge_litellm_json(c,
                                R"({"groq/llama-3.1-8b-instant": {"litellm_provider": "groq", "mode": "chat",
        "input_cost_per_token": 6e-08, "output_cost_per_token": 9e-08}})",
                                "new.json");
    const auto* m = c.find_cloud("groq/llama-3.1-8b-instant");
    CHECK(m->price.input_per_mtok.value == Approx(0.06)); // the file's price
    CHECK(m->open_model == "llama-3.1-8b");               // not a price: kept
}

TEST_CASE("an imported tier prices a long call whole") {
    Catalog c = catalog::builtin();
    catalog::merge_litellm_json(c, fixture(), "fixture.json");
    const auto p = load::load_profile({load::Source{"p.yaml", R"(
workloads: [{name: w, calls: 1/day, input_tokens: 250000, output_tokens: 1000}]
options: {cloud: [{name: a, model: acme-chat}]}
)"}},
                                      {}, c);
    // 250,000 × $4/Mtok + 1,000 × $12/Mtok = 1.0 + 0.012
    CHECK(cloud_cost_per_call(p.workloads[0], p.cloud[0].price) == Approx(1.012));
}

TEST_CASE("invalid JSON is a located error") {
    Catalog c;
    REQUIRE_THROWS_WITH(catalog::merge_litellm_json(c, "{ nope", "x.json"),
                        Catch::StartsWith("x.json:1:1: error: not valid JSON"));
    CHECK(catalog::is_json_catalog("  \n{\"a\": 1}"));
    CHECK_FALSE(catalog::is_json_catalog("cloud_models: []"));
}

TEST_CASE("the real LiteLLM file imports when it is present") {
    const std::string path =
        std::string(LLMTCO_SOURCE_DIR) + "/../shared/data/litellm-model-prices-2026-07-24.json";
    if (!std::filesystem::exists(path)) {
        WARN("shared/data LiteLLM file not present; skipped");
        return;
    }
    std::ifstream in(path);
    const std::string text(std::istreambuf_iterator<char>(in), {});
    Catalog c = catalog::builtin();
    const auto counts = catalog::merge_litellm_json(c, text, "litellm.json");
    CHECK(counts.imported > 100);
    const auto* mini = c.find_cloud("gpt-4o-mini");
    REQUIRE(mini);
    CHECK(mini->price.input_per_mtok.value == Approx(0.15));
    CHECK(mini->price.output_per_mtok.value == Approx(0.60));
    CHECK(mini->price.cached_input_per_mtok->value == Approx(0.075));
    CHECK(mini->price.batch_discount.value == Approx(0.5));
    // The built-in batch discount survives when the file has no batch price (Anthropic).
    CHECK(c.find_cloud("claude-sonnet-4-5")->price.batch_discount.value == Approx(0.5));
}

TEST_CASE("a LiteLLM file's max_input_tokens and max_output_tokens become the model's limits") {
    llmtco::Catalog c = llmtco::catalog::builtin();
    llmtco::catalog::merge_litellm_json(c, R"({
      "acme-long": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "mode": "chat",
                    "max_input_tokens": 400000, "max_output_tokens": 32000},
      "gpt-5": {"input_cost_per_token": 1e-06, "output_cost_per_token": 8e-06, "mode": "chat"}
    })",
                                        "limits.json");
    CHECK(*c.find_cloud("acme-long")->max_input_tokens == 400000);
    CHECK(*c.find_cloud("acme-long")->max_output_tokens == 32000);
    // An entry without them keeps the built-in model's (gpt-5: 272,000 and 128,000).
    CHECK(*c.find_cloud("gpt-5")->max_input_tokens == 272000);
    CHECK(*c.find_cloud("gpt-5")->max_output_tokens == 128000);
}

TEST_CASE("a LiteLLM file's digest merges to the same models as the file, in a fraction of its size") {
    const std::string file = R"({
  "sample_spec": {"input_cost_per_token": 0, "output_cost_per_token": 0, "mode": "chat"},
  "claude-x": {"litellm_provider": "anthropic", "mode": "chat", "max_input_tokens": 200000,
               "max_output_tokens": 64000, "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
               "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
               "cache_creation_input_token_cost_above_1hr": 6e-06,
               "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
               "input_cost_per_token_batches": 1.5e-06, "supports_vision": true, "supports_tool_choice": true,
               "tool_use_system_prompt_tokens": 346, "search_context_cost_per_query": {"search_context_size_low": 0.01}},
  "embed-y": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 2e-08,
              "output_vector_size": 1536},
  "image-z": {"litellm_provider": "openai", "mode": "image_generation", "output_cost_per_image": 0.04},
  "free-w": {"litellm_provider": "x", "mode": "chat", "input_cost_per_token": 0}
})";
    Catalog whole, digested;
    const auto a = catalog::merge_litellm_json(whole, file, "prices.json");
    const auto digest = catalog::digest_litellm_json(file);
    const auto b = catalog::merge_litellm_json(digested, digest, "prices.json");
    CHECK(a.imported ==
          2); // claude-x and embed-y; the image model and the one without an output price skipped
    CHECK(b.imported == 2);
    CHECK(b.skipped == 0); // the digest holds only what is imported
    REQUIRE(whole.cloud_models.size() == digested.cloud_models.size());
    for (std::size_t i = 0; i < whole.cloud_models.size(); ++i) {
        const auto& x = whole.cloud_models[i];
        const auto& y = digested.cloud_models[i];
        INFO(x.name);
        CHECK(x.name == y.name);
        CHECK(x.provider == y.provider);
        CHECK(x.mode == y.mode);
        CHECK(x.price == y.price); // base, cache reads and writes, batch discount, the 200k tier
        CHECK(x.max_input_tokens == y.max_input_tokens);
        CHECK(x.max_output_tokens == y.max_output_tokens);
    }
    REQUIRE(whole.cloud_models[0].name == "claude-x");                      // (so the checks above saw them:)
    CHECK(whole.cloud_models[0].price.tiers.size() == 1);                   // above 200k tokens
    CHECK(whole.cloud_models[0].price.batch_discount.value == Approx(0.5)); // 1 − 1.5/3
    CHECK(whole.cloud_models[0].price.cache_write_1h_per_mtok->value == Approx(6)); // 6e-06 × 1e6
    CHECK(digest.find("supports_vision") == std::string::npos);
    CHECK(digest.find("image-z") == std::string::npos);
    CHECK(digest.size() < file.size() / 2);
}
