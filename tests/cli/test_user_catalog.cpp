// The user catalog (PRODUCT §4f, issue 19): `prices import FILE` installs a price file in the XDG
// data directory and every command lays it over the built-in catalog. The rest of the suite runs
// with it ignored (LLMTCO_NO_USER_CATALOG=1, from ctest and run()); these tests unset that and
// point XDG_DATA_HOME at a fresh temporary directory.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using llmtco::test::contains;
using llmtco::test::run;
using llmtco::test::RunResult;

namespace {

namespace fs = std::filesystem;

/// classification-10k: 10,000 calls a day of 300 input + 5 output tokens; its first cloud option
/// is gpt-4o-mini (setup_hours 2), 36 months of 30.416667 days.
const std::string kTenKProfile = "profiles/classification-10k.yaml";

/// A LiteLLM price file pricing gpt-4o-mini at $0.30 / $1.20 per million tokens.
const std::string kLiteLLM = R"({
  "gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat",
                  "input_cost_per_token": 0.0000003, "output_cost_per_token": 0.0000012}
}
)";

/// A data directory of its own and the environment that uses it, the user catalog not ignored.
struct DataHome {
    std::string dir = llmtco::test::temp_dir("usercat");
    std::vector<std::string> env{"LLMTCO_NO_USER_CATALOG", "XDG_DATA_HOME=" + dir};
    std::string installed(const char* name = "prices.json") const { return dir + "/llm-tco/" + name; }

    RunResult operator()(const std::vector<std::string>& args, std::vector<std::string> extra = {}) const {
        auto e = env;
        e.insert(e.end(), extra.begin(), extra.end());
        return run(args, LLMTCO_SOURCE_DIR, "", e);
    }
    ~DataHome() { fs::remove_all(dir); }
};

nlohmann::json gpt_4o_mini_option(const RunResult& r) {
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& option = j.at("workloads").at(0).at("options").at(0);
    REQUIRE(option.at("name") == "gpt-4o-mini");
    return option;
}

nlohmann::json listed(const RunResult& r, const std::string& name) {
    REQUIRE(r.exit_code == 0);
    for (const auto& m : nlohmann::json::parse(r.out))
        if (m.at("name") == name) return m;
    FAIL("prices list has no " << name);
    return {};
}

} // namespace

TEST_CASE("prices import installs a LiteLLM file, and estimate prices with it, naming the file") {
    const DataHome home;
    const auto original = llmtco::test::temp_file("model_prices.json", kLiteLLM);
    const std::vector<std::string> estimate{"estimate", kTenKProfile, "--format", "json"};

    // Built-in: 300 × $0.15/Mtok + 5 × $0.60/Mtok = $0.000045 + $0.000003 = $0.000048 a call
    CHECK(gpt_4o_mini_option(home(estimate)).at("cost_per_call").get<double>() == Approx(0.000048));

    const auto imported = home({"prices", "import", original});
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.err.empty()); // nothing replaced
    CHECK(contains(imported.out, "installed the user catalog " + home.installed() + ": 1 model, imported " +
                                     llmtco::test::kToday + " from " + original + "\n"));
    // The copy is the part of the file that is read: the imported model and its price keys.
    CHECK(nlohmann::json::parse(llmtco::test::read_file(home.installed())) ==
          nlohmann::json::parse(R"({"gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat",
                                   "input_cost_per_token": 3e-07, "output_cost_per_token": 1.2e-06}})"));
    const auto record = nlohmann::json::parse(llmtco::test::read_file(home.installed("user-catalog.json")));
    CHECK(record.at("original") == original);
    CHECK(record.at("imported") == llmtco::test::kToday);
    CHECK(record.at("models") == 1);
    CHECK(record.at("skipped") == 0);

    // The user catalog: 300 × $0.30/Mtok + 5 × $1.20/Mtok = $0.00009 + $0.000006 = $0.000096 a call.
    // Over 36 months: 10,000/day × 30.416667 days × 36 = 10,950,000 calls; input 10.95M × 300 ×
    // $0.30/Mtok = $985.50, output 10.95M × 5 × $1.20/Mtok = $65.70, setup 2 h × $150 = $300:
    // $1,351.20 (built-in: $492.75 + $32.85 + $300 = $825.60).
    const auto option = gpt_4o_mini_option(home(estimate));
    CHECK(option.at("cost_per_call").get<double>() == Approx(0.000096));
    CHECK(option.at("total_cost").get<double>() == Approx(1351.20));
    const std::string named =
        "user catalog " + home.installed() + ", imported " + llmtco::test::kToday + " from " + original;
    int from_user = 0;
    for (const auto& a : option.at("assumptions")) {
        if (a.at("path") == "options.cloud.gpt-4o-mini.price.input_per_mtok") CHECK(a.at("value") == 0.3);
        if (a.at("path") == "options.cloud.gpt-4o-mini.price.output_per_mtok") CHECK(a.at("value") == 1.2);
        if (!a.contains("catalog")) continue;
        CHECK(a.at("origin") == "catalog:gpt-4o-mini");
        CHECK(a.at("catalog") == named);
        ++from_user;
    }
    CHECK(from_user == 2); // input and output: the workload reads no cache and is not batched

    const auto explained = home({"estimate", kTenKProfile, "--explain"});
    CHECK(
        contains(explained.out, "price.input_per_mtok = $0.30/Mtok (catalog: gpt-4o-mini, " + named + ")\n"));
    CHECK(contains(explained.out,
                   "gpt-4o-mini: LiteLLM price file " + home.installed() + " (key gpt-4o-mini)"));
    const auto table = home({"estimate", kTenKProfile});
    std::string summary; // the table's lines of assumptions, unwrapped
    for (const auto& line : llmtco::test::lines_of(table.out))
        if (const auto text = line.find_first_not_of(' '); text != std::string::npos)
            summary += " " + line.substr(text);
    CHECK(contains(summary, "35 from the catalog (2 of them from the user catalog)"));
    CHECK(table.err.empty()); // no note on every run: the assumptions say it

    SECTION("--no-user-catalog and LLMTCO_NO_USER_CATALOG=1 restore the built-in price") {
        auto flagged = estimate;
        flagged.push_back("--no-user-catalog");
        CHECK(gpt_4o_mini_option(home(flagged)).at("cost_per_call").get<double>() == Approx(0.000048));
        const auto by_env = gpt_4o_mini_option(home(estimate, {"LLMTCO_NO_USER_CATALOG=1"}));
        CHECK(by_env.at("cost_per_call").get<double>() == Approx(0.000048));
        CHECK(by_env.at("total_cost").get<double>() == Approx(825.60));
        CHECK(gpt_4o_mini_option(home(estimate, {"LLMTCO_NO_USER_CATALOG=0"}))
                  .at("cost_per_call")
                  .get<double>() == Approx(0.000096)); // "0" is not "ignore"
        // run() ignores it unless told otherwise, as the rest of the suite relies on
        const auto suite = run(estimate, LLMTCO_SOURCE_DIR, "", {"XDG_DATA_HOME=" + home.dir});
        CHECK(gpt_4o_mini_option(suite).at("cost_per_call").get<double>() == Approx(0.000048));
    }
    SECTION("prices list says which catalog each price is from and how old it is") {
        const std::vector<std::string> list{"prices", "list", "--format", "json"};
        const auto mini = listed(home(list), "gpt-4o-mini");
        CHECK(mini.at("catalog") == "user");
        CHECK(mini.at("as_of") == llmtco::test::kToday); // a LiteLLM file is dated by its import
        CHECK(mini.at("age_days") == 0);
        CHECK(mini.at("input_per_mtok") == 0.3);
        CHECK(mini.at("cached_input_per_mtok") == 0.075); // what the file does not say is kept
        const auto builtin = listed(home(list), "gpt-4o");
        CHECK(builtin.at("catalog") == "built-in");
        CHECK(builtin.at("age_days") == 128); // 2026-07-24 → 2026-11-29
        // 2026-11-29 → 2027-01-08: 30 + 10 = 40 days
        CHECK(listed(home(list, {"LLMTCO_TODAY=2027-01-08"}), "gpt-4o-mini").at("age_days") == 40);
        const auto text = home({"prices", "list", "--name", "gpt-4o-mini"});
        CHECK(contains(text.out, "as of       age  catalog\n"));
        CHECK(contains(text.out, llmtco::test::kToday + std::string("  0 d  user\n")));
        const auto shown = home({"prices", "show", "gpt-4o-mini"});
        CHECK(contains(shown.out, "  catalog:        " + named + "\n"));
        CHECK(contains(shown.out, "  as of:          2026-11-29 (today)\n"));
    }
    SECTION("its import date ages the way a catalog date does") {
        // 2026-11-29 → 2027-06-01 is 184 days: older than the default --max-price-age of 180
        const auto later = home({"estimate", kTenKProfile}, {"LLMTCO_TODAY=2027-06-01"});
        CHECK(contains(later.out, "the catalog price of 'gpt-4o-mini' dates from 2026-11-29 (184 days ago)"));
    }
    SECTION("an explicit --catalog wins over the user catalog") {
        const auto extra = llmtco::test::temp_file(
            "mine.yaml", "cloud_models:\n  - {name: gpt-4o-mini, provider: openai, input_per_mtok: 1, "
                         "output_per_mtok: 2, as_of: 2026-11-01, source: a quote}\n");
        auto args = estimate;
        args.insert(args.end(), {"--catalog", extra});
        // 300 × $1/Mtok + 5 × $2/Mtok = $0.0003 + $0.00001 = $0.00031 a call
        const auto o = gpt_4o_mini_option(home(args));
        CHECK(o.at("cost_per_call").get<double>() == Approx(0.00031));
        for (const auto& a : o.at("assumptions"))
            CHECK_FALSE(a.contains("catalog")); // not the user catalog's
        CHECK(listed(home({"prices", "list", "--format", "json", "--catalog", extra}), "gpt-4o-mini")
                  .at("catalog") == extra);
    }
    SECTION("prices diff builtin user shows what the user catalog changes") {
        const auto diff = home({"prices", "diff", "builtin", "user"});
        REQUIRE(diff.exit_code == 0);
        CHECK(contains(diff.out, "builtin → user: 0 added, 0 removed, 2 prices changed on 1 model\n"));
    }
    SECTION("--remove restores the built-in catalog, and says when there is nothing to remove") {
        const auto removed = home({"prices", "import", "--remove"});
        CHECK(removed.exit_code == 0);
        CHECK(removed.out.empty());
        CHECK(removed.err ==
              "llm-tco: note: removed the " + named + "; the built-in catalog is in use again\n");
        CHECK_FALSE(fs::exists(home.installed()));
        CHECK_FALSE(fs::exists(home.installed("user-catalog.json")));
        CHECK(gpt_4o_mini_option(home(estimate)).at("cost_per_call").get<double>() == Approx(0.000048));
        const auto again = home({"prices", "import", "--remove"});
        CHECK(again.exit_code == 0);
        CHECK(again.err ==
              "llm-tco: note: no user catalog is installed in " + home.dir + "/llm-tco; nothing to remove\n");
    }
}

TEST_CASE("prices import refuses a broken file with its location and installs nothing") {
    const DataHome home;
    const auto broken = llmtco::test::temp_file(
        "broken.json",
        "{\n  \"gpt-4o-mini\": {\"input_cost_per_token\": 1e-6,\n    \"input_cost_per_token\": "
        "2e-6, \"output_cost_per_token\": 1e-6}\n}\n");
    const auto r = home({"prices", "import", broken});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == broken +
                       ":3:5: error: the key 'input_cost_per_token' is given twice in one object; keep one "
                       "(nothing was installed)\n");
    CHECK_FALSE(fs::exists(home.dir + "/llm-tco"));

    const auto typo = llmtco::test::temp_file(
        "typo.yaml", "cloud_models:\n  - name: gpt-4o-mini\n    input_per_mtok: 1\n    output_per_mtok: 2\n"
                     "    as_off: 2026-11-01\n");
    const auto t = home({"prices", "import", typo});
    CHECK(t.exit_code == 2);
    CHECK(contains(t.err, typo + ":5:5: error: unknown key 'as_off' in cloud model 'gpt-4o-mini' (did you "
                                 "mean 'as_of'?)"));

    const auto empty = llmtco::test::temp_file("empty.json", "{\"sample_spec\": {}}\n");
    const auto e = home({"prices", "import", empty});
    CHECK(e.exit_code == 2);
    CHECK(e.err ==
          empty + ":1:1: error: no model in this LiteLLM file has token prices; nothing was installed\n");

    SECTION("a refused file leaves the installed user catalog as it was") {
        REQUIRE(home({"prices", "import", llmtco::test::temp_file("p.json", kLiteLLM)}).exit_code == 0);
        const auto before = llmtco::test::read_file(home.installed());
        CHECK(home({"prices", "import", broken}).exit_code == 2);
        CHECK(llmtco::test::read_file(home.installed()) == before);
        CHECK(gpt_4o_mini_option(home({"estimate", kTenKProfile, "--format", "json"}))
                  .at("cost_per_call")
                  .get<double>() == Approx(0.000096));
    }
    SECTION("usage mistakes are exit 2") {
        CHECK(home({"prices", "import"}).exit_code == 2);
        CHECK(home({"prices", "import", "--remove", broken}).exit_code == 2);
        CHECK(home({"prices", "list", "--remove"}).exit_code == 2);
        CHECK(home({"prices", "import", "no-such-file.json"}).exit_code == 2);
    }
}

TEST_CASE("importing again replaces the user catalog and says what it replaced") {
    const DataHome home;
    const auto first = llmtco::test::temp_file("first.json", kLiteLLM);
    REQUIRE(home({"prices", "import", first}).exit_code == 0);
    const auto yaml = llmtco::test::temp_file(
        "mine.yaml", "cloud_models:\n  - {name: gpt-4o-mini, provider: openai, input_per_mtok: 0.2, "
                     "output_per_mtok: 0.8, as_of: 2026-10-01, source: our contract}\n");
    const auto r = home({"prices", "import", yaml});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err == "llm-tco: note: replaced the user catalog " + home.installed() + ", imported " +
                       llmtco::test::kToday + " from " + first + " (1 model)\n");
    CHECK(
        contains(r.out, "installed the user catalog " + home.installed("prices.yaml") + ": 1 catalog entry"));
    CHECK_FALSE(fs::exists(home.installed())); // one user catalog
    const auto mini = listed(home({"prices", "list", "--format", "json"}), "gpt-4o-mini");
    CHECK(mini.at("catalog") == "user");
    CHECK(mini.at("as_of") == "2026-10-01"); // a YAML entry keeps its own date
    CHECK(mini.at("age_days") == 59);        // 2026-10-01 → 2026-11-29: 31 + 28
    // 300 × $0.20/Mtok + 5 × $0.80/Mtok = $0.00006 + $0.000004 = $0.000064 a call
    CHECK(gpt_4o_mini_option(home({"estimate", kTenKProfile, "--format", "json"}))
              .at("cost_per_call")
              .get<double>() == Approx(0.000064));
}

TEST_CASE("without XDG_DATA_HOME the user catalog is in ~/.local/share/llm-tco, shown with ~") {
    const DataHome home;
    const std::vector<std::string> env{"XDG_DATA_HOME", "HOME=" + home.dir};
    const auto r = home({"prices", "import", "tests/data/catalog/litellm-fixture.json"}, env);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out,
                   "installed the user catalog ~/.local/share/llm-tco/prices.json: 2 models (2 entries "
                   "without token prices skipped), imported 2026-11-29 from " LLMTCO_SOURCE_DIR
                   "/tests/data/catalog/litellm-fixture.json\n"));
    CHECK(fs::exists(home.dir + "/.local/share/llm-tco/prices.json"));
    // a relative XDG_DATA_HOME is not a data directory (XDG Base Directory): $HOME's is used
    const auto relative =
        home({"prices", "show", "acme-chat"}, {"XDG_DATA_HOME=relative", "HOME=" + home.dir});
    CHECK(contains(relative.out, "  catalog:        user catalog ~/.local/share/llm-tco/prices.json"));
}

TEST_CASE("a damaged user catalog stops each command with exit 2 naming it, and --remove clears it") {
    const DataHome home;
    REQUIRE(home({"prices", "import", llmtco::test::temp_file("p.json", kLiteLLM)}).exit_code == 0);
    std::ofstream(home.installed(), std::ios::trunc) << "{ nope";
    const auto r = home({"estimate", kTenKProfile});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, home.installed() + ":1:1: error: not valid JSON"));
    CHECK(contains(r.err,
                   "(in the user catalog; import the price file again ('llm-tco prices import FILE'), "
                   "remove it ('llm-tco prices import --remove') or ignore it (--no-user-catalog))\n"));
    CHECK(home({"estimate", kTenKProfile, "--no-user-catalog"}).exit_code == 0);

    std::ofstream(home.installed("user-catalog.json"), std::ios::trunc) << "[]";
    const auto record = home({"prices", "list"});
    CHECK(record.exit_code == 2);
    CHECK(contains(record.err, home.installed("user-catalog.json") +
                                   ":1:1: error: the record of the user catalog is damaged: it is not a JSON "
                                   "object"));
    const auto removed = home({"prices", "import", "--remove"});
    CHECK(removed.exit_code == 0);
    CHECK(removed.err == "llm-tco: note: removed a damaged user catalog from " + home.dir + "/llm-tco\n");
    CHECK(home({"prices", "list"}).exit_code == 0);
}

TEST_CASE("every command that loads the catalog takes --no-user-catalog") {
    for (const char* command :
         {"estimate", "breakeven", "recommend", "plan", "report", "sweep", "simulate", "sensitivity", "check",
          "diff", "validate", "init", "import", "calibrate", "prices", "completion"}) {
        INFO(command);
        const auto help = run({command, "--help"});
        CHECK(help.exit_code == 0);
        CHECK(contains(help.out, "--no-user-catalog"));
    }
}
