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
