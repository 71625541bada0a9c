#include "helpers.hpp"
#include "load/path.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;
using llmtco::test::profile;

namespace {
const char* kBase = R"(version: 1
settings: {days_per_month: 30}
workloads:
  - name: monitoring
    calls: every 30 minutes
    input_tokens: 500
    output_tokens: 50
options:
  cloud:
    - name: haiku
      model: claude-3-5-haiku
)";

Profile overlay(const std::string& base, const std::string& over, const std::vector<std::string>& sets = {}) {
    return load::load_profile({load::Source{"base.yaml", base}, load::Source{"over.yaml", over}}, sets,
                              catalog::builtin());
}
} // namespace

TEST_CASE("an unknown key is located and the nearest key suggested") {
    REQUIRE_THROWS_WITH(profile(R"(workloads:
  - name: w
    calls: 48/day
    input_tokns: 500
options: {cloud: [{name: haiku, model: claude-3-5-haiku}]}
)"),
                        "p.yaml:4:5: error: unknown key 'input_tokns' (did you mean 'input_tokens'?)");
}

TEST_CASE("an unknown key with nothing close lists the keys that are allowed") {
    REQUIRE_THROWS_WITH(profile(std::string(kBase) + "team: {zebra: 1}\n"),
                        "p.yaml:12:8: error: unknown key 'zebra' (expected one of: can_maintain_local)");
}

TEST_CASE("a bare growth above 1 is refused with the percentage it probably means") {
    // growth_per_month: 5 used to be 5 = 500 % a month: calls × 6 every month.
    REQUIRE_THROWS_WITH(
        profile(kBase, {"workloads.monitoring.growth_per_month=5"}),
        "--set workloads.monitoring.growth_per_month:1:1: error: 'growth_per_month': 5 would be "
        "read as a fraction, 500%; write '5%' for 5 %");
    REQUIRE_THROWS_WITH(
        profile(kBase, {"workloads.monitoring.growth_per_month={min: 0, mode: 0.02, max: 3}"}),
        Catch::Contains("'growth_per_month': 3 would be read as a fraction"));
    CHECK(profile(kBase, {"workloads.monitoring.growth_per_month=5%"}).workloads[0].growth_per_month.value ==
          Approx(0.05));
    CHECK(
        profile(kBase, {"workloads.monitoring.growth_per_month=0.05"}).workloads[0].growth_per_month.value ==
        Approx(0.05));
    CHECK(profile(kBase, {"workloads.monitoring.growth_per_month=1", "settings.horizon_months=6"})
              .workloads[0]
              .growth_per_month.value == 1);
    CHECK(profile(kBase, {"workloads.monitoring.growth_per_month=500%", "settings.horizon_months=6"})
              .workloads[0]
              .growth_per_month.value == Approx(5)); // written as a percentage, it is what it says
    // Every share key follows the one rule (those bounded by 1 refused a bare 30 before, without the hint).
    REQUIRE_THROWS_WITH(
        profile(kBase, {"workloads.monitoring.cached_input_share=30"}),
        Catch::Contains("'cached_input_share': 30 would be read as a fraction, 3000%; write '30%'"));
}

TEST_CASE("values are checked against their bounds with the key named") {
    REQUIRE_THROWS_WITH(
        profile(kBase, {"workloads.monitoring.cached_input_share=150%"}),
        "--set workloads.monitoring.cached_input_share:1:1: error: 'cached_input_share' must be "
        "between 0 and 1, got 150%");
    REQUIRE_THROWS_WITH(profile(kBase, {"workloads.monitoring.input_tokens=-5"}),
                        Catch::EndsWith("error: 'input_tokens' must be 0 or more, got -5"));
    REQUIRE_THROWS_WITH(profile(kBase, {"settings.horizon_months=0"}),
                        Catch::EndsWith("error: 'horizon_months' must be between 1 and 1200, got 0"));
    REQUIRE_THROWS_WITH(profile(kBase, {"settings.horizon_months=1.5"}),
                        Catch::EndsWith("error: 'horizon_months' must be a whole number, got 1.5"));
}

TEST_CASE("an unknown catalog model is an error with the nearest names, never a silent $0") {
    REQUIRE_THROWS_WITH(
        profile(kBase, {"options.cloud.haiku.model=claude-3-5-haiku-typo"}),
        Catch::Contains("unknown model 'claude-3-5-haiku-typo' (did you mean 'claude-3-5-haiku'?): it is "
                        "not in the catalog"));
}

TEST_CASE("a model alias resolves to the same price") {
    const auto p = profile(kBase, {"options.cloud.haiku.model=claude-3-5-haiku-latest"});
    CHECK(p.cloud[0].price.input_per_mtok.value == 0.80);
}

TEST_CASE("duplicate YAML keys and duplicate names are errors") {
    REQUIRE_THROWS_WITH(profile("settings:\n  horizon_months: 12\n  horizon_months: 24\n"),
                        "p.yaml:3:3: error: duplicate key 'horizon_months' (first written at line 2)");
    REQUIRE_THROWS_WITH(profile(R"(workloads:
  - {name: a, calls: 1, input_tokens: 1}
  - {name: a, calls: 1, input_tokens: 1}
options: {cloud: [{name: haiku, model: claude-3-5-haiku}]}
)"),
                        "p.yaml:3:12: error: duplicate name 'a' (first used at line 2)");
}

TEST_CASE("a fallback must name a cloud option of the profile") {
    REQUIRE_THROWS_WITH(
        profile(std::string(kBase) + R"(  local:
    - name: box
      hardware: {purchase: 0}
      throughput: {prefill_tokens_per_s: 100, decode_tokens_per_s: 10}
      fallback: haiku2
)"),
        "p.yaml:16:17: error: fallback 'haiku2' is not a cloud option of this profile (did you "
        "mean 'haiku'?)");
}

TEST_CASE("ranges load as their mean and keep their ends") {
    const auto p =
        profile(kBase, {"options.cloud.haiku.setup_hours=4..8",
                        "options.cloud.haiku.maintenance_hours_per_month={min: 1, mode: 2, max: 6}"});
    CHECK(p.cloud[0].setup_hours.value == 6);
    CHECK(p.cloud[0].setup_hours.low == 4);
    CHECK(p.cloud[0].maintenance_hours_per_month.value == 3); // (1 + 2 + 6) / 3
    CHECK(p.cloud[0].maintenance_hours_per_month.dist == Dist::triangular);
}

TEST_CASE("NaN and infinity are refused") {
    REQUIRE_THROWS_WITH(profile(kBase, {"workloads.monitoring.input_tokens=.nan"}),
                        Catch::Contains("'input_tokens': expected a number, got '.nan'"));
    REQUIRE_THROWS_WITH(profile(kBase, {"workloads.monitoring.input_tokens=.inf"}),
                        Catch::Contains("'input_tokens': expected a number, got '.inf'"));
}

TEST_CASE("later files override earlier ones key by key, named items by name") {
    const auto p = overlay(kBase, R"(
settings: {horizon_months: 12}
workloads:
  - name: monitoring
    input_tokens: 1000
  - name: extra
    calls: 10/day
    input_tokens: 10
)");
    CHECK(p.settings.horizon_months == 12);
    CHECK(p.settings.days_per_month == 30); // kept from the base
    REQUIRE(p.workloads.size() == 2);
    CHECK(p.workloads[0].input_tokens.value == 1000); // overridden
    CHECK(p.workloads[0].output_tokens.value == 50);  // kept
    CHECK(p.workloads[1].name == "extra");
}

TEST_CASE("an error in an overlay points into the overlay file") {
    REQUIRE_THROWS_WITH(overlay(kBase, "settings:\n  horizn_months: 12\n"),
                        "over.yaml:2:3: error: unknown key 'horizn_months' (did you mean 'horizon_months'?)");
}

TEST_CASE("set paths: addresses list items by name and creates keys the format allows") {
    const auto p =
        profile(kBase, {"workloads.monitoring.calls=10k/day", "options.cloud.haiku.fixed_monthly=7"});
    CHECK(p.workloads[0].calls.calls_per_day(30) == 10000);
    CHECK(p.cloud[0].fixed_monthly.value == 7);
}

TEST_CASE("set paths: with a path that matches nothing suggests the nearest valid path") {
    REQUIRE_THROWS_WITH(
        profile(kBase, {"workloads.monitorin.calls=5"}),
        "--set workloads.monitorin.calls: no item named 'monitorin' in workloads (did you mean "
        "'workloads.monitoring.calls'?)");
    REQUIRE_THROWS_WITH(
        profile(kBase, {"workloads.monitoring.cals=5"}),
        "--set workloads.monitoring.cals: no key 'cals' at this place in a profile (did you mean "
        "'workloads.monitoring.calls'?)");
    REQUIRE_THROWS_AS(profile(kBase, {"no-equals-sign"}), UsageError);
}

TEST_CASE("set paths: finds an item whose name contains dots") {
    const auto p = profile(R"(
workloads: [{name: w, calls: 1/day, input_tokens: 1}]
options: {cloud: [{name: gemini-2.5-flash, model: gemini-2.5-flash}]}
)",
                           {"options.cloud.gemini-2.5-flash.fixed_monthly=3"});
    CHECK(p.cloud[0].fixed_monthly.value == 3);
}

TEST_CASE("a hardware preset fills defaults that single fields override") {
    const auto p = profile(R"(
workloads: [{name: w, calls: 1/day, input_tokens: 1}]
options:
  local:
    - name: box
      hardware: {preset: mac-mini-m4-24gb, purchase: 700}
      throughput: {prefill_tokens_per_s: 100, decode_tokens_per_s: 10}
)");
    CHECK(p.local[0].hardware.purchase->value == 700);
    CHECK(p.local[0].hardware.ram_gb.value == 24);
    CHECK(p.local[0].power.idle_watts.value == 5);
    CHECK(p.local[0].power.active_watts.value == 40);
}

TEST_CASE("an empty profile and a list profile are explained") {
    REQUIRE_THROWS_WITH(profile(""), Catch::StartsWith("p.yaml:1:1: error: the profile is empty"));
    REQUIRE_THROWS_WITH(profile("- a\n- b\n"),
                        Catch::StartsWith("p.yaml:1:1: error: a profile must be a map"));
}

TEST_CASE("YAML syntax errors are located") {
    REQUIRE_THROWS_WITH(profile("settings: [1, 2\n"), Catch::StartsWith("p.yaml:"));
}

TEST_CASE("hostile nesting and alias bombs stop at a limit") {
    REQUIRE_THROWS_WITH(profile(std::string(100000, '[')), Catch::Contains("nesting deeper than 64 levels"));
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; ++c, ++prev) {
        bomb += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 10; ++i)
            bomb += std::string(i ? ", *" : "*") + prev;
        bomb += "]\n";
    }
    REQUIRE_THROWS_WITH(profile(bomb), Catch::Contains("alias bomb"));
}

TEST_CASE("valid_paths lists concrete paths for suggestions") {
    const auto tree = load::parse_yaml(kBase, "p.yaml");
    const auto paths = load::valid_paths(tree);
    CHECK(std::find(paths.begin(), paths.end(), "workloads.monitoring.calls") != paths.end());
    CHECK(std::find(paths.begin(), paths.end(), "options.cloud.haiku.price.input_per_mtok") != paths.end());
}
