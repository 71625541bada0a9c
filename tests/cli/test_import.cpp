// `import` and `calibrate` as a user runs them (PRODUCT §4e), on the fixtures of
// tests/data/usage (written by generate.py, which also computes the figures an import must find
// there, independently of the importer: expected.json).

#include "checks.hpp"
#include "llmtco/catalog.hpp"
#include "llmtco/engine.hpp"
#include "load/profile_loader.hpp"
#include "run.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

namespace import_test {

using llmtco::test::contains;
using llmtco::test::run;

const std::string kUsage = std::string(LLMTCO_SOURCE_DIR) + "/tests/data/usage/";

llmtco::Profile load(const std::string& yaml) {
    return llmtco::load::load_profile({llmtco::load::Source{"imported.yaml", yaml}}, {},
                                      llmtco::catalog::builtin());
}

const llmtco::Workload& workload(const llmtco::Profile& p, const std::string& name) {
    for (const auto& w : p.workloads)
        if (w.name == name) return w;
    FAIL("no workload " << name);
    throw 0;
}

/// The profile's figures equal the expected ones, to the digits import writes.
void check_figures(const llmtco::Workload& w, const nlohmann::json& e) {
    const double dpm = 730.0 / 24;
    CHECK(w.calls.calls_per_day(dpm) == Approx(e["calls_per_day"].get<double>()).margin(0.005));
    for (const auto& [num, key] :
         {std::pair{&w.input_tokens, "input"}, std::pair{&w.output_tokens, "output"}}) {
        const auto& s = e[key];
        INFO(key);
        if (s["p90"].get<double>() - s["p10"].get<double>() < 0.005) {
            CHECK(num->value == Approx(s["mean"].get<double>()).margin(0.05));
        } else {
            CHECK(num->low == Approx(s["p10"].get<double>()).margin(0.05));
            CHECK(num->high == Approx(s["p90"].get<double>()).margin(0.05));
            CHECK(num->mode == Approx(s["mode"].get<double>()).margin(0.05));
            // the triangle's mean is the data's (unclamped here)
            CHECK(num->value == Approx(s["mean"].get<double>()).margin(0.1));
        }
    }
    CHECK(w.cached_input_share.value == Approx(e["cached_share"].get<double>()).margin(0.00005));
    CHECK(w.cache_write_share.value == Approx(e["write_share"].get<double>()).margin(0.00005));
    CHECK(w.cache_write_1h_share.value == Approx(e["write_1h_share"].get<double>()).margin(0.00005));
    CHECK(w.peak_to_average.value == Approx(e["peak_to_average"].get<double>()).margin(0.005));
    CHECK(w.growth_per_month.value == Approx(e["growth_per_month"].get<double>()).margin(0.00005));
}

TEST_CASE("import: each format's fixture gives the figures computed from it independently") {
    std::ifstream in(kUsage + "expected.json");
    const auto expected = nlohmann::json::parse(in);
    int formats = 0, adopted_growth = 0;
    for (const auto& [name, e] : expected.items()) {
        const std::string format = name == "litellm-spend-json" ? "litellm-spend" : name;
        std::vector<std::string> args = {"import", format, kUsage + e["file"].get<std::string>()};
        if (e.contains("args"))
            for (const auto& a : e["args"])
                args.push_back(a.get<std::string>());
        const auto r = run(args);
        INFO(name << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(contains(r.out, fmt::format(": {} record", e["records"].get<int>())));
        const int bad = e["bad"].get<int>();
        if (bad > 0) { // counted and named with their lines, on stderr and in the profile
            CHECK(contains(r.err, fmt::format("{} malformed record", bad)));
            for (const auto& line : e["bad_lines"])
                CHECK(contains(r.err, fmt::format("{}:{}:", e["file"].get<std::string>(), line.get<int>())));
            CHECK(contains(r.out, fmt::format("{} malformed", bad)));
        } else {
            CHECK(r.err.empty());
        }
        const auto p = load(r.out); // it validates
        REQUIRE(p.workloads.size() == e["workloads"].size());
        for (const auto& [model, figures] : e["workloads"].items()) {
            INFO(model);
            check_figures(workload(p, llmtco::util::path_safe_name(model)), figures);
            if (figures["growth_per_month"].get<double>() != 0) ++adopted_growth;
        }
        // one cloud option per model, from the catalog, and estimate runs on it unchanged
        CHECK(p.cloud.size() == e["workloads"].size());
        const auto est = run({"estimate", "-", "--format", "json"}, LLMTCO_SOURCE_DIR, r.out);
        CHECK(est.exit_code == 0);
        ++formats;
    }
    CHECK(formats == 8);        // seven formats, LiteLLM as CSV and as JSON
    CHECK(adopted_growth >= 2); // the hourly buckets' fits are adopted (R² over 0.5 on 35 days)
}

TEST_CASE("import: a hand-worked handful of LiteLLM rows") {
    // Five requests on gpt-4o-mini over two UTC days (2026-11-02 and -03):
    //   prompt 1000 (cached 400), 2000 (0), 1000 (600), 3000 (0), 1000 (0); completion 100, 200, 100, 50, 100
    //   (the last with 40 reasoning tokens). Calls a day 5 / 2 = 2.5.
    //   input: mean 8000 / 5 = 1600; sorted 1000, 1000, 1000, 2000, 3000: P10 (nearest rank 0.5) = 1000,
    //   P90 (rank 4.5 → the 5th) = 3000; mode 3 × 1600 − 1000 − 3000 = 800, under P10: clamped to 1000
    //   (said in the comment; the triangle's mean is then 5000/3 = 1666.7).
    //   output (reasoning apart): 100, 200, 100, 50, 60 → mean 102; P10 50, P90 200; mode 306 − 250 = 56.
    //   reasoning: 0, 0, 0, 0, 40 → mean 8, P10 0, P90 40, mode 24 − 40 < 0 → clamped to 0.
    //   cached share 1000 / 8000 = 0.125. Busiest hour: 10:00 on the 2nd, 2 calls; the average hour
    //   5 / 48 → peak_to_average 2 × 48 / 5 = 19.2. Two days: no growth fit.
    const std::string csv =
        "request_id,model,prompt_tokens,completion_tokens,startTime,spend,metadata\n"
        "a,gpt-4o-mini,1000,100,2026-11-02 "
        "10:05:00,0.000165,\"{\"\"usage_object\"\":{\"\"prompt_tokens_details\"\":{\"\"cached_tokens\"\":400}"
        "}}\"\n"
        "b,gpt-4o-mini,2000,200,2026-11-02 10:45:00,0.00042,{}\n"
        "c,gpt-4o-mini,1000,100,2026-11-02 "
        "23:10:00,0.0001155,\"{\"\"usage_object\"\":{\"\"cache_read_input_tokens\"\":600}}\"\n"
        "d,gpt-4o-mini,3000,50,2026-11-03 08:00:00,0.00048,{}\n"
        "e,gpt-4o-mini,1000,100,2026-11-03T17:30:00Z,0.00021,\"{\"\"usage_object\"\":{\"\"completion_tokens_"
        "details\"\":{\"\"reasoning_tokens\"\":40}}}\"\n";
    const auto file = llmtco::test::temp_file("spend.csv", csv);
    const auto r = run({"import", "litellm-spend", file});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto p = load(r.out);
    const auto& w = p.workloads.at(0);
    CHECK(w.calls.calls_per_day(30) == Approx(2.5));
    CHECK(w.input_tokens.low == 1000);
    CHECK(w.input_tokens.mode == 1000);
    CHECK(w.input_tokens.high == 3000);
    CHECK(contains(r.out, "clamped to 1,000: the range's mean is 1,666.7, not the data's"));
    CHECK(w.output_tokens.low == 50);
    CHECK(w.output_tokens.mode == Approx(56));
    CHECK(w.output_tokens.high == 200);
    CHECK(w.reasoning_tokens.high == 40);
    CHECK(w.cached_input_share.value == Approx(0.125));
    CHECK(w.peak_to_average.value == Approx(19.2));
    CHECK(w.growth_per_month.value == 0);
    CHECK(contains(r.out, "too few to fit"));
    CHECK(contains(r.out,
                   "the records' own cost: $0.0014")); // 0.000165 + 0.00042 + 0.0001155 + 0.00048 + 0.00021
}

TEST_CASE("import: bad input is exit 2 with the file, and names what is wrong") {
    SECTION("a file with no usable record") {
        const auto file = llmtco::test::temp_file("empty.jsonl", "not json\nnor this\n");
        const auto r = run({"import", "bedrock", file});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "error: no usable usage record in the file (2 malformed"));
        CHECK(r.out.empty());
    }
    SECTION("an unknown format, with the nearest") {
        const auto r = run({"import", "litelm-spend", kUsage + "litellm-spend.csv"});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "unknown format 'litelm-spend'"));
        CHECK(contains(r.err, "did you mean 'litellm-spend'"));
    }
    SECTION("a model the catalog lacks, with the nearest names") {
        const auto file = llmtco::test::temp_file(
            "spend.csv",
            "model,prompt_tokens,completion_tokens,startTime\ngpt-4o-mimi,10,5,2026-11-02 10:00:00\n");
        const auto r = run({"import", "litellm-spend", file});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "model 'gpt-4o-mimi' of the usage records is not in the catalog"));
        CHECK(contains(r.err, "gpt-4o-mini"));
    }
    SECTION("anthropic-usage needs the size of a call") {
        const auto r = run({"import", "anthropic-usage", kUsage + "anthropic-usage.json"});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "--input-per-call"));
    }
    SECTION("csv needs its column map, and a mapped column must exist") {
        auto r = run({"import", "csv", kUsage + "gateway.csv"});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "csv needs --map"));
        r = run({"import", "csv", kUsage + "gateway.csv", "--map",
                 "time=ts,model=llm,input=promt,output=completion"});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "no column 'promt' in the header"));
        CHECK(contains(r.err, "did you mean 'prompt'"));
    }
}

TEST_CASE(
    "calibrate: the catalog prices reproduce the fixture's reported costs; a wrong price fails --tolerance") {
    // The fixture's spend was written with the catalog's prices (generate.py), so the profile
    // import makes of it models the bill to the cent: 0.00 % for every model and month.
    const auto imported = run({"import", "litellm-spend", kUsage + "litellm-spend.csv"});
    REQUIRE(imported.exit_code == 0);
    const auto profile = llmtco::test::temp_file("measured.yaml", imported.out);
    auto r = run({"calibrate", profile, kUsage + "litellm-spend.csv", "--from", "litellm-spend",
                  "--tolerance", "1", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["rows"].size() == 4); // two models × November and December
    for (const auto& row : j["rows"]) {
        INFO(row.dump());
        CHECK(std::fabs(row["percent"].get<double>()) < 1e-6);
        CHECK(row["pass"].get<bool>());
    }
    // gpt-4o-mini's input at $0.20 instead of $0.15: its months are off by several percent
    r = run({"calibrate", profile, kUsage + "litellm-spend.csv", "--from", "litellm-spend", "--tolerance",
             "1", "--set", "options.cloud.gpt-4o-mini.price.input_per_mtok=0.2"});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "FAIL: 2 model-months beyond 1%"));
    CHECK(contains(r.out, "claude-haiku-4-5"));
    // JUnit for CI: one test case a model and month, the failing ones with their figures
    r = run({"calibrate", profile, kUsage + "litellm-spend.csv", "--from", "litellm-spend", "--tolerance",
             "1", "--set", "options.cloud.gpt-4o-mini.price.input_per_mtok=0.2", "--format", "junit"});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "<testsuites name=\"llm-tco calibrate\" tests=\"4\" failures=\"2\""));
    // records that carry no cost cannot be calibrated
    r = run({"calibrate", profile, kUsage + "gateway.csv", "--from", "csv", "--map",
             "time=ts,model=llm,input=prompt,output=completion"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "no record carries a cost"));
}

} // namespace import_test

namespace import_test {

TEST_CASE("import: --group-by makes one workload per value; the path goes on to estimate and plan") {
    // generate.py labels every third LiteLLM row team_b, the others team_a: 680 calls in all.
    const auto r = run({"import", "litellm-spend", kUsage + "litellm-spend.csv", "--group-by", "team_id"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto p = load(r.out);
    REQUIRE(p.workloads.size() == 2);
    const double dpm = 730.0 / 24;
    const double a = workload(p, "team_a").calls.calls_per_day(dpm),
                 b = workload(p, "team_b").calls.calls_per_day(dpm);
    CHECK((a + b) * 35 == Approx(680).margin(0.01)); // 35 days; calls a day written to 4 decimals
    CHECK(a > b);
    // each team's workload runs on its most used model, and the comment names both
    CHECK(contains(r.out, "models gpt-4o-mini, claude-haiku-4-5 (priced on gpt-4o-mini, the most used)"));
    // a cloud-only profile, as every import is, can ask plan for the machines that would serve it
    const auto plan = run({"plan", "-", "--max-price-age", "0"}, LLMTCO_SOURCE_DIR, r.out);
    INFO(plan.err);
    CHECK(plan.exit_code == 0);
    CHECK(contains(plan.out, "labour, power and fallback of the defaults of a local option"));
}

TEST_CASE("calibrate: markdown and table name every model-month; --from must be a format") {
    const auto imported = run({"import", "litellm-spend", kUsage + "litellm-spend.csv"});
    REQUIRE(imported.exit_code == 0);
    const auto profile = llmtco::test::temp_file("measured.yaml", imported.out);
    auto r = run({"calibrate", profile, kUsage + "litellm-spend.csv", "--from", "litellm-spend", "--format",
                  "markdown"});
    CHECK(r.exit_code == 0);
    CHECK(
        contains(r.out, "| model | option | month | records | modelled | reported | difference | percent |"));
    CHECK(contains(r.out, "| gpt-4o-mini | gpt-4o-mini | 2026-12 |"));
    r = run({"calibrate", profile, kUsage + "litellm-spend.csv", "--from", "litellm-spnd"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "did you mean 'litellm-spend'"));
}

} // namespace import_test

namespace import_test {

TEST_CASE("calibrate --costs: usage APIs against the provider's own cost export") {
    // generate.py priced each day's tokens of each model at the catalog's prices, split by token
    // type as the exports are (OpenAI's line_item "gpt-4o-mini-2024-07-18, input", Anthropic's
    // amount in cents): the imported profile models both to 0.00 %.
    for (const auto& [format, usage, costs, extra] :
         {std::tuple{"openai-usage", "openai-usage.jsonl", "openai-costs.json", ""},
          std::tuple{"anthropic-usage", "anthropic-usage.json", "anthropic-cost-report.json", "2000"}}) {
        INFO(format);
        std::vector<std::string> import = {"import", format, kUsage + usage};
        std::vector<std::string> calibrate;
        if (*extra) import.insert(import.end(), {"--input-per-call", extra});
        const auto imported = run(import);
        REQUIRE(imported.exit_code == 0);
        const auto profile = llmtco::test::temp_file("measured.yaml", imported.out);
        calibrate = {"calibrate",    profile,       kUsage + usage, "--from",   format, "--costs",
                     kUsage + costs, "--tolerance", "0.01",         "--format", "json"};
        if (*extra) calibrate.insert(calibrate.end(), {"--input-per-call", extra});
        const auto r = run(calibrate);
        INFO(r.err << r.out);
        REQUIRE(r.exit_code == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j["rows"].size() == 4); // two models × November and December
        for (const auto& row : j["rows"])
            CHECK(std::fabs(row["percent"].get<double>()) < 1e-6);
    }
    // a cost export for a format whose records carry their cost is refused
    const auto r =
        run({"calibrate", kUsage + "../../../profiles/monitoring-agent.yaml", kUsage + "litellm-spend.csv",
             "--from", "litellm-spend", "--costs", kUsage + "openai-costs.json"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--costs reads the cost exports of openai-usage and anthropic-usage"));
}

} // namespace import_test

namespace import_test {

TEST_CASE("import: two record names of one catalog model make one option serving both workloads") {
    // gpt-4o-mini and its dated snapshot gpt-4o-mini-2024-07-18 are one catalog model
    const auto file = llmtco::test::temp_file("two.csv", "model,prompt_tokens,completion_tokens,startTime\n"
                                                         "gpt-4o-mini,10,5,2026-11-02 10:00:00\n"
                                                         "gpt-4o-mini-2024-07-18,20,5,2026-11-02 11:00:00\n");
    const auto r = run({"import", "litellm-spend", file});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto p = load(r.out);
    REQUIRE(p.workloads.size() == 2);
    REQUIRE(p.cloud.size() == 1);
    CHECK(p.cloud[0].serves == std::vector<std::string>{"gpt-4o-mini", "gpt-4o-mini-2024-07-18"});
}

} // namespace import_test
