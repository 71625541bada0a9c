// Price ages (`--max-price-age`, LLMTCO_TODAY) and `prices show` reporting where an entry is used.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using llmtco::test::contains;
using llmtco::test::run;

namespace {
const std::string kAgent = "profiles/monitoring-agent.yaml"; // haiku, catalog price as of 2026-02-19
const std::string kStaleLine =
    "  warning: haiku: the catalog price of 'claude-3-5-haiku' dates from 2026-02-19 (283 days ago), "
    "older than --max-price-age 180 days; check it and give 'price:', or import a current price file (llm-tco prices import)\n";
} // namespace

TEST_CASE("estimate warns about a catalog price older than 180 days, naming its date") {
    const auto r = run({"estimate", kAgent});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty()); // the warning is part of the output, in every format
    CHECK(contains(r.out, kStaleLine));

    const auto json = run({"estimate", kAgent, "--format", "json"});
    const auto j = nlohmann::json::parse(json.out);
    const auto& warnings = j.at("workloads").at(0).at("options").at(0).at("warnings");
    REQUIRE(warnings.size() == 1);
    CHECK(contains(warnings[0].get<std::string>(), "2026-02-19 (283 days ago)"));

    SECTION("--max-price-age raises the limit or turns it off") {
        CHECK_FALSE(contains(run({"estimate", kAgent, "--max-price-age", "283"}).out, "warning"));
        CHECK(contains(run({"estimate", kAgent, "--max-price-age", "282"}).out, "(283 days ago)"));
        CHECK_FALSE(contains(run({"estimate", kAgent, "--max-price-age", "0"}).out, "warning"));
    }
    SECTION("the age is counted from LLMTCO_TODAY, or the clock") {
        // 2026-02-19 + 180 days = 2026-08-18: not older than 180 days on that day, older a day later
        CHECK_FALSE(contains(
            run({"estimate", kAgent}, LLMTCO_SOURCE_DIR, "", {"LLMTCO_TODAY=2026-08-18"}).out, "warning"));
        CHECK(contains(run({"estimate", kAgent}, LLMTCO_SOURCE_DIR, "", {"LLMTCO_TODAY=2026-08-19"}).out,
                       "(181 days ago)"));
        // empty: the system clock, which is after 2026-08-18 wherever this suite runs
        CHECK(contains(run({"estimate", kAgent}, LLMTCO_SOURCE_DIR, "", {"LLMTCO_TODAY="}).out,
                       "dates from 2026-02-19"));
    }
    SECTION("a bad LLMTCO_TODAY or --max-price-age is a usage error") {
        const auto bad = run({"estimate", kAgent}, LLMTCO_SOURCE_DIR, "", {"LLMTCO_TODAY=2026-02-30"});
        CHECK(bad.exit_code == 2);
        CHECK(bad.err == "llm-tco: error: LLMTCO_TODAY must be a date YYYY-MM-DD, got '2026-02-30'\n");
        const auto negative = run({"estimate", kAgent, "--max-price-age", "-1"});
        CHECK(negative.exit_code == 2);
        CHECK(contains(negative.err, "--max-price-age"));
    }
}

TEST_CASE("a profile's own price is never called stale") {
    const auto r = run({"estimate", kAgent, "--set", "options.cloud.haiku.price.input_per_mtok=0.8", "--set",
                        "options.cloud.haiku.price.output_per_mtok=4"});
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(contains(r.out, "warning"));
    CHECK(contains(r.out, "$0.86")); // 1,440 × (500 × 0.80 + 50 × 4.00) / 1e6 = $0.864
}

TEST_CASE("stale hardware prices are named too, and validate lists them without failing") {
    const auto r = run({"validate", "profiles/field-device-offline.yaml"});
    CHECK(r.exit_code == 0);
    // 2024-12-17 → 2026-11-29: 14 + 365 (2025) + 333 (2026 to Nov 29) = 712
    // The warning, then the assumptions ledger (tests/cli/test_assumptions.cpp checks its lines).
    CHECK(r.out.starts_with(
        "profiles/field-device-offline.yaml: ok (1 workload, 2 options)\n"
        "  warning: jetson-3b: the catalog price of hardware 'jetson-orin-nano-super-8gb' dates from "
        "2024-12-17 (712 days ago), older than --max-price-age 180 days; check it and give 'purchase:', "
        "or a newer catalog (--catalog FILE, llm-tco prices import)\n  assumed ("));
    CHECK(
        run({"validate", "profiles/field-device-offline.yaml", "--max-price-age", "0"})
            .out.starts_with("profiles/field-device-offline.yaml: ok (1 workload, 2 options)\n  assumed ("));
}

TEST_CASE("commands whose output has no warning column print stale prices on stderr") {
    // (check too, on a profile with budgets: test_check_diff.cpp; this one has none, which check refuses)
    for (const std::string command : {"recommend", "breakeven", "simulate", "sensitivity"}) {
        INFO(command);
        const auto r = run({command, kAgent});
        CHECK(r.exit_code == 0);
        CHECK(r.err == llmtco::test::kStaleHaiku);
    }
}

TEST_CASE("prices show names the entry's age and the example profiles whose math it feeds") {
    const auto r = run({"prices", "show", "claude-3-5-haiku"});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out,
                   "  as of:          2026-02-19 (283 days ago), older than --max-price-age 180 days\n"));
    // monitoring-agent: 1,440 calls × $0.0006 = $0.86 a month; × 36 = $31.10
    CHECK(contains(r.out, "monitoring-agent.yaml        haiku   cloud option"));
    CHECK(contains(r.out, "cloud option, fallback of 'mac-mini-8b-q4'"));
    // monitoring-10k: 300,000 calls × $0.0006 = $180.00; × 36 = $6,480.00
    CHECK(contains(r.out, "$180.00   $6,480.00 (36 mo)"));
    CHECK_FALSE(contains(r.out, "classification-10k.yaml")); // uses gpt-4o-mini, not haiku

    const auto young = run({"prices", "show", "gpt-4o-mini"});
    CHECK(contains(
        young.out,
        "  as of:          2026-07-24 (128 days ago)\n")); // Jul 24 → Nov 24: 31+31+30+31 = 123, + 5 = 128
    CHECK(contains(young.out, "classification-10k.yaml"));

    SECTION("with --profile it reports the user's profiles as well") {
        const auto mine =
            run({"prices", "show", "claude-3-5-haiku-latest", "--profile", "tests/data/ci/check-kinds.yaml"});
        REQUIRE(mine.exit_code == 0);
        // agent: 10,000/day × 30 = 300,000 calls × $0.0006 = $180.00 a month; × 12 = $2,160.00
        CHECK(contains(mine.out, "tests/data/ci/check-kinds.yaml  haiku"));
        CHECK(contains(mine.out, "$180.00   $2,160.00 (12 mo)"));
    }
    SECTION("JSON carries the age and the uses") {
        const auto j = nlohmann::json::parse(run({"prices", "show", "claude-3-5-haiku", "-f", "json"}).out);
        CHECK(j.at("age_days") == 283);
        CHECK(j.at("stale") == true);
        bool found = false;
        for (const auto& u : j.at("used_by")) {
            if (u.at("profile") != "monitoring-1k.yaml") continue;
            found = true;
            CHECK(u.at("option") == "haiku");
            CHECK(u.at("monthly_cost").get<double>() == Approx(18.0)); // 30,000 × $0.0006
            CHECK(u.at("total_cost").get<double>() == Approx(648.0));  // × 36
        }
        CHECK(found);
    }
    SECTION("hardware, local models and quantisations report the local options that use them") {
        const auto hw = run({"prices", "show", "mac-studio-m2-ultra-192gb", "-f", "json"});
        REQUIRE(hw.exit_code == 0);
        const auto j = nlohmann::json::parse(hw.out);
        CHECK(j.at("purchase") == 6599.0);
        REQUIRE(j.at("used_by").size() == 2);
        CHECK(j.at("used_by")[0].at("profile") == "medical-records.yaml");
        CHECK(j.at("used_by")[0].at("role") == "local (hardware)");
        CHECK(j.at("used_by")[0].at("cost_per_call").is_null());
        CHECK(contains(run({"prices", "show", "nomic-embed-text-v1.5"}).out, "embeddings-search.yaml"));
    }
    SECTION("an entry no example uses says so") {
        CHECK(contains(run({"prices", "show", "gpt-5"}).out,
                       "  used by:        none of the example profiles (add yours with --profile FILE)\n"));
    }
}

TEST_CASE("prices list names the prices older than --max-price-age") {
    const auto r = run({"prices", "list", "--provider", "anthropic"});
    REQUIRE(r.exit_code == 0);
    // only claude-3-5-haiku (2026-02-19, 283 days); the others are from 2026-07-24 (128 days)
    CHECK(contains(r.out,
                   "\nOlder than --max-price-age 180 days: claude-3-5-haiku (a profile using them gets a "
                   "warning).\n"));
    CHECK_FALSE(
        contains(run({"prices", "list", "--provider", "anthropic", "--max-price-age", "0"}).out, "Older"));
    // 100 days: everything from the LiteLLM file of 2026-07-24 is older too
    CHECK(contains(run({"prices", "list", "--provider", "anthropic", "--max-price-age", "100"}).out,
                   "claude-3-5-haiku, claude-haiku-4-5,"));
}

TEST_CASE("prices list --local prints JSON, and refuses CSV with a reason") {
    const auto json = run({"prices", "list", "--local", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j.at("hardware").size() >= 5);
    CHECK(j.at("quants").size() >= 3);
    const auto csv = run({"prices", "list", "--local", "--format", "csv"});
    CHECK(csv.exit_code == 2);
    CHECK(contains(csv.err, "table or json"));
}
