#include "catalog/price_age.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;
using llmtco::test::profile;

namespace {
// claude-3-5-haiku's catalog entry is as of 2026-02-19; rtx-4090-workstation's is checked below.
const char* kHaiku = R"(version: 1
workloads: [{name: w, calls: 48/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud:
    - {name: haiku, model: claude-3-5-haiku}
)";
} // namespace

TEST_CASE("days_between counts calendar days, leap days included") {
    // Feb 19 → Mar 19: 28 (2026 is not a leap year); Mar 19 → Nov 19: 31+30+31+30+31+31+30+31 = 245;
    // Nov 19 → Nov 29: 10. 28 + 245 + 10 = 283
    CHECK(catalog::days_between("2026-02-19", "2026-11-29") == 283);
    CHECK(catalog::days_between("2024-02-28", "2024-03-01") == 2); // 2024-02-29 exists
    CHECK(catalog::days_between("2025-02-28", "2025-03-01") == 1);
    CHECK(catalog::days_between("2026-11-29", "2026-02-19") == -283);
    CHECK(catalog::days_between("2026-11-29", "2026-11-29") == 0);
}

TEST_CASE("only real YYYY-MM-DD dates are dates") {
    CHECK(catalog::is_date("2026-02-28"));
    CHECK_FALSE(catalog::is_date("2026-02-29")); // not a leap year
    CHECK_FALSE(catalog::is_date("2026-13-01"));
    CHECK_FALSE(catalog::is_date("2026-2-19"));
    CHECK_FALSE(catalog::is_date("2026-02-19x"));
    CHECK_FALSE(catalog::is_date("20x6-02-19"));
    CHECK_FALSE(catalog::is_date(""));
    CHECK_FALSE(catalog::days_between("2026-02-30", "2026-11-29").has_value());
}

TEST_CASE("a catalog price is stale one day after max_age days, not on the day") {
    // 2026-02-19 + 180 days = 2026-08-18 (9 + 31 + 30 + 31 + 30 + 31 + 18 = 180)
    auto at_limit = profile(kHaiku);
    catalog::note_stale_prices(at_limit, "2026-08-18", 180);
    CHECK(at_limit.cloud[0].notes.empty());

    auto over = profile(kHaiku);
    catalog::note_stale_prices(over, "2026-08-19", 180);
    REQUIRE(over.cloud[0].notes.size() == 1);
    CHECK(over.cloud[0].notes[0] ==
          "the catalog price of 'claude-3-5-haiku' dates from 2026-02-19 (181 days ago), older than "
          "--max-price-age 180 days; check it and give 'price:', or import a current price file (llm-tco prices import)");

    auto off = profile(kHaiku);
    catalog::note_stale_prices(off, "2030-01-01", 0);
    CHECK(off.cloud[0].notes.empty());
}

TEST_CASE("the note reaches the option's warnings in the estimate") {
    auto p = profile(kHaiku);
    catalog::note_stale_prices(p, "2026-11-29", 180);
    const auto r = estimate(p);
    const auto& o = r.workloads[0].options[0];
    REQUIRE(o.warnings.size() == 1);
    CHECK(o.warnings[0].find("2026-02-19 (283 days ago)") != std::string::npos);
}

TEST_CASE("a price given in the profile carries no catalog date") {
    // both token prices overridden: the catalog's date no longer applies
    auto own = profile(kHaiku, {"options.cloud.haiku.price.input_per_mtok=1",
                                "options.cloud.haiku.price.output_per_mtok=5"});
    CHECK(own.cloud[0].price_as_of.empty());
    catalog::note_stale_prices(own, "2030-01-01", 180);
    CHECK(own.cloud[0].notes.empty());
    // one of them overridden: the other still comes from the catalog
    const auto half = profile(kHaiku, {"options.cloud.haiku.price.input_per_mtok=1"});
    CHECK(half.cloud[0].price_as_of == "2026-02-19");
}

TEST_CASE("a hardware preset's price is dated unless the profile gives its own") {
    const std::string local = R"(version: 1
workloads: [{name: w, calls: 48/day, input_tokens: 500, output_tokens: 50}]
options:
  local:
    - name: box
      hardware: mac-studio-m2-ultra-192gb
      model: {params_b: 8, bits_per_weight: 4}
)";
    auto p = profile(local);
    CHECK(p.local[0].hardware.price_as_of == "2023-06-05");
    catalog::note_stale_prices(p, "2026-11-29", 180);
    REQUIRE(p.local[0].notes.size() == 1);
    // 2023-06-05 → 2026-06-05: 365 × 3 + 1 (2024-02-29) = 1,096; → 2026-11-29: 25+31+31+30+31+29 = 177
    CHECK(p.local[0].notes[0].find("2023-06-05 (1273 days ago)") != std::string::npos);
    CHECK(p.local[0].notes[0].find("give 'purchase:'") != std::string::npos);

    auto own =
        profile(local, {"options.local.box.hardware={preset: mac-studio-m2-ultra-192gb, purchase: 5000}"});
    CHECK(own.local[0].hardware.price_as_of.empty());
}
