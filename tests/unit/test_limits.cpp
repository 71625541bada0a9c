// Limits checked before any month loop (src/engine/limits.cpp, PRODUCT §4d): calls within the
// models' windows, an option for every workload, volumes and fleets within range.

#include "helpers.hpp"
#include "llmtco/limits.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

using llmtco::test::profile;

namespace {

/// One workload on one local option with measured speeds: a call of 1,000 input and 100 output
/// tokens keeps a machine 1,000/1,000 + 100/100 = 2 s, so at max_utilization 0.8 a machine
/// serves 86,400 × 0.8 / 2 = 34,560 calls a day.
const char* kLimitsProfile = R"(
version: 1
settings: {horizon_months: 12}
workloads:
  - {name: feature, calls: 1000/day, input_tokens: 1000, output_tokens: 100}
options:
  cloud:
    - {name: mini, model: gpt-4o-mini}
  local:
    - name: box
      hardware: {purchase: 1000}
      throughput: {prefill_tokens_per_s: 1000, decode_tokens_per_s: 100}
)";

/// The loader's message for `sets` on kLimitsProfile (empty when it loads).
std::string refusal(const std::vector<std::string>& sets, const char* yaml = kLimitsProfile) {
    try {
        profile(yaml, sets);
    } catch (const llmtco::InputError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("growth compounded over the horizon past a trillion calls a day is refused at growth_per_month") {
    // 1,000 × 2^35 = 34,359,738,368,000 calls a day in month 36.
    CHECK(refusal({"settings.horizon_months=36", "workloads.feature.growth_per_month=100%"}) ==
          "--set workloads.feature.growth_per_month:1:1: error: workload 'feature' grows 100% a month: 1,000 "
          "calls a day in month 1 become 34,359,738,368,000 in month 36, above the limit of "
          "1,000,000,000,000 calls a day (limit max_calls_per_day); lower growth_per_month or the horizon");
    // 1,000 × 1.2^119 = 2.65e12 over 120 months; 1,000 × 1.2^99 = 6.9e10 over 100 is allowed.
    CHECK(!refusal({"settings.horizon_months=120", "workloads.feature.growth_per_month=20%"}).empty());
    CHECK(refusal({"settings.horizon_months=100", "workloads.feature.growth_per_month=20%",
                   "options.local.box.machines=1"})
              .empty());
    // 1000 % over 400 months: 11^399 overflows a double; the figure is printed from its logarithm.
    CHECK_THAT(refusal({"settings.horizon_months=400", "workloads.feature.growth_per_month=1000%"}),
               Catch::Contains("become 3.3e418 in month 400"));
}

TEST_CASE("a range's high end counts, so no sample of simulate passes the limit") {
    // 1,000 × 1.3^119 = 3.6e16 at the high end of 0..30 %; the mean, 15 %, would pass (1.6e10).
    CHECK_THAT(
        refusal({"settings.horizon_months=120", "workloads.feature.growth_per_month=0..30%",
                 "options.local.box.machines=1"}),
        Catch::Contains("grows 30% a month (its range's high end): 1,000 calls a day in month 1 become "
                        "3.6e16 in month 120"));
}

TEST_CASE("a volume over the limit at the peak is refused at calls") {
    CHECK(refusal({"workloads.feature.calls=2e12/day"}) ==
          "--set workloads.feature.calls:1:1: error: workload 'feature' makes 2,000,000,000,000 calls a day, "
          "above the limit of 1,000,000,000,000 calls a day (limit max_calls_per_day)");
    // 600 billion a day is allowed on average, not at a peak twice as high.
    CHECK_THAT(refusal({"workloads.feature.calls=6e11/day", "workloads.feature.peak_to_average=2",
                        "options.local.box.machines=1"}),
               Catch::Contains("makes 600,000,000,000 calls a day, 1,200,000,000,000 at the peak "
                               "(peak_to_average 2), above the limit"));
}

TEST_CASE("a local option needing more than a million machines is refused with the count") {
    // 35e9 calls a day / 34,560 a machine = 1,012,731.5 → 1,012,732 machines.
    CHECK(refusal({"workloads.feature.calls=35e9/day"}) ==
          "--set workloads.feature.calls:1:1: error: local option 'box' would need 1,012,732 machines for "
          "workload 'feature' in month 1 (35,000,000,000 calls a day, 2 machine-seconds a call), above the "
          "limit of 1,000,000 machines (limit max_machines); lower the volume or give it faster hardware");
    // 34e9 / 34,560 = 983,797 machines: allowed; a fixed fleet never counts (it overflows instead).
    CHECK(refusal({"workloads.feature.calls=34e9/day"}).empty());
    CHECK(refusal({"workloads.feature.calls=35e9/day", "options.local.box.machines=10"}).empty());
    // Growth to blame: 1e9 × 1.5^11 = 86,497,558,594 calls a day in month 12; / 34,560 = 2,502,822.9.
    CHECK(
        refusal({"workloads.feature.calls=1e9/day", "workloads.feature.growth_per_month=50%"}) ==
        "--set workloads.feature.growth_per_month:1:1: error: local option 'box' would need 2,502,823 "
        "machines "
        "for workload 'feature' in month 12 (86,497,558,594 calls a day at 50% a month, 2 machine-seconds a "
        "call), above the limit of 1,000,000 machines (limit max_machines); lower growth_per_month or the "
        "horizon");
}

TEST_CASE("first_limit_breach names the path it blames") {
    auto p = profile(kLimitsProfile);
    CHECK(!llmtco::first_limit_breach(p));
    p.workloads[0].growth_per_month = llmtco::Num::point(1); // 100 % a month, as a sweep would set it
    p.settings.horizon_months = 60;
    const auto breach = llmtco::first_limit_breach(p);
    REQUIRE(breach);
    CHECK(breach->path == "workloads.feature.growth_per_month");
}

TEST_CASE("lifetime_months below 1 is an error") {
    CHECK(
        refusal({"options.local.box.hardware.lifetime_months=0.5"}) ==
        "--set options.local.box.hardware.lifetime_months:1:1: error: 'lifetime_months' must be at least 1, "
        "got 0.5");
    CHECK(refusal({"options.local.box.hardware.lifetime_months=1"}).empty());
}

TEST_CASE("a prompt longer than a cloud model's max_input_tokens is an error with both figures") {
    const char* yaml = R"(
version: 1
workloads:
  - {name: long, calls: 10/day, input_tokens: 272001, output_tokens: 500}
options:
  cloud:
    - {name: g5, model: gpt-5}
)";
    CHECK(
        refusal({}, yaml) ==
        "p.yaml:4:47: error: workload 'long': a call of 272,001 input tokens exceeds the 272,000-token input "
        "limit of cloud option 'g5' (gpt-5, max_input_tokens in the catalog); shorten the calls or choose a "
        "model with a longer window");
    CHECK(refusal({"workloads.long.input_tokens=272000"}, yaml).empty()); // the limit itself is allowed
    // Output and reasoning together against max_output_tokens (128,000 for gpt-5): 500 + 127,501,
    // located at output_tokens.
    CHECK(refusal({"workloads.long.input_tokens=1000", "workloads.long.reasoning_tokens=127501"}, yaml) ==
          "p.yaml:4:70: error: workload 'long': a call generating 128,001 tokens "
          "(output + reasoning) exceeds the 128,000-token output limit of cloud option 'g5' (gpt-5, "
          "max_output_tokens in the catalog); shorten the answers or choose a model that returns more");
}

TEST_CASE("the catalog carries the LiteLLM file's input and output limits") {
    const auto& catalog = llmtco::catalog::builtin();
    CHECK(*catalog.find_cloud("gpt-5")->max_input_tokens == 272000);
    CHECK(*catalog.find_cloud("gpt-5")->max_output_tokens == 128000);
    CHECK(*catalog.find_cloud("text-embedding-3-small")->max_input_tokens == 8191);
    CHECK(!catalog.find_cloud("text-embedding-3-small")->max_output_tokens);
    // claude-sonnet-4-5's file limit (200,000) would rule out its own above-200k tier: none carried.
    CHECK(!catalog.find_cloud("claude-sonnet-4-5")->max_input_tokens);
    for (const auto& m : catalog.cloud_models) {
        INFO(m.name);
        // (the 2025-09-05 file has no limits for Together's hosted Llama endpoints: none carried)
        if (m.name.rfind("together_ai/meta-llama/", 0) == 0) {
            CHECK_FALSE(m.max_input_tokens);
            continue;
        }
        CHECK(m.max_input_tokens.has_value() == (m.name != "claude-sonnet-4-5"));
    }
}
