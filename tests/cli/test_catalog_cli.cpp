// --catalog with our YAML is read strictly: a misspelt key or an enumerated value outside its
// values stops the command with exit 2 and the located message (tests/data/catalog/).

#include "run.hpp"

#include <catch2/catch.hpp>

using llmtco::test::run;

TEST_CASE("a --catalog YAML with a misspelt key or value exits 2 with the located message") {
    struct Case {
        std::string file;
        std::string message;
    };
    const std::vector<Case> cases{
        {"tests/data/catalog/hardware-key-typo.yaml",
         "tests/data/catalog/hardware-key-typo.yaml:7:5: error: unknown key 'biling' in hardware 'rented-l4' "
         "(did you mean 'billing'?)\n"},
        {"tests/data/catalog/hardware-billing-typo.yaml",
         "tests/data/catalog/hardware-billing-typo.yaml:6:14: error: 'billing' of hardware 'rented-l4' must "
         "be always_on or on_demand, got 'on-demand' (did you mean 'on_demand'?)\n"},
        {"tests/data/catalog/cloud-mode-typo.yaml",
         "tests/data/catalog/cloud-mode-typo.yaml:5:11: error: 'mode' of cloud model 'acme-embed' must be "
         "chat or embedding, got 'embeding' (did you mean 'embedding'?)\n"},
    };
    for (const auto& c : cases) {
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"estimate", "profiles/monitoring-agent.yaml", "--catalog", c.file},
              std::vector<std::string>{"prices", "list", "--catalog", c.file}}) {
            INFO(args.front() << " --catalog " << c.file);
            const auto r = run(args);
            CHECK(r.exit_code == 2);
            CHECK(r.out.empty());
            CHECK(r.err == c.message);
        }
    }
}

TEST_CASE("prices diff OLD NEW lists the models added, removed and repriced") {
    const auto before = llmtco::test::temp_file(
        "old.yaml",
        "cloud_models:\n"
        "  - {name: a, provider: x, input_per_mtok: 1, output_per_mtok: 2, as_of: 2026-01-01, source: s}\n"
        "  - {name: b, provider: x, input_per_mtok: 3, output_per_mtok: 4, as_of: 2026-01-01, source: s}\n");
    const auto after = llmtco::test::temp_file(
        "new.yaml",
        "cloud_models:\n"
        "  - {name: a, provider: x, input_per_mtok: 1.5, output_per_mtok: 2, cached_input_per_mtok: 0.1, "
        "as_of: 2026-06-01, source: s}\n"
        "  - {name: c, provider: x, input_per_mtok: 3, output_per_mtok: 4, as_of: 2026-06-01, source: s}\n");
    auto r = llmtco::test::run({"prices", "diff", before, after});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(llmtco::test::contains(r.out, "1 added, 1 removed, 2 prices changed on 1 model\n"));
    CHECK(llmtco::test::contains(r.out, "$1.00/Mtok  $1.50/Mtok  +50.0%")); // 1 → 1.5
    r = llmtco::test::run({"prices", "diff", before, after, "--format", "json"});
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["added"] == nlohmann::json::array({"c"}));
    CHECK(j["removed"] == nlohmann::json::array({"b"}));
    CHECK(j["repriced"].size() == 2);
    CHECK(j["repriced"][1]["old"].is_null()); // a cached price where there was none
    // against the built-in catalog, and a missing second catalog
    r = llmtco::test::run({"prices", "diff", "builtin", "builtin"});
    CHECK(llmtco::test::contains(r.out, "0 added, 0 removed, 0 prices changed"));
    r = llmtco::test::run({"prices", "diff", before});
    CHECK(r.exit_code == 2);
    CHECK(llmtco::test::contains(r.err, "prices diff needs two catalogs"));
}
