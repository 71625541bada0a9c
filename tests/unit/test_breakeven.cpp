#include "helpers.hpp"
#include "llmtco/breakeven.hpp"
#include "llmtco/money.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;
using llmtco::test::profile;

TEST_CASE("breakeven month is the first month cumulative local is at or below cumulative cloud") {
    const std::vector<double> local{100, 10, 10, 10, 10, 10};
    const std::vector<double> cloud{20, 30, 30, 30, 30, 30};
    // cumulative local 100 110 120 130 140; cloud 20 50 80 110 140 → month 5
    CHECK(breakeven_month(local, cloud) == 5);
    CHECK(breakeven_month(std::vector<double>{1, 1}, std::vector<double>{1, 1}) == 1); // equal counts
}

TEST_CASE("breakeven extrapolates past the horizon when local is cheaper per month") {
    const std::vector<double> local{100, 10, 10, 10};
    const std::vector<double> cloud{20, 30, 30, 30};
    const std::vector<double> local_recurring{10, 10, 10, 10};
    const std::vector<double> cloud_recurring{20, 30, 30, 30};
    CHECK_FALSE(breakeven_month(local, cloud));
    // gap after 4 months: 130 − 110 = 20; saving in the last month: 30 − 10 = 20 → 4 + 20/20
    CHECK(*breakeven_months(local, cloud, local_recurring, cloud_recurring) == Approx(5));
    // local costs more every month: never
    const std::vector<double> dear{100, 40, 40, 40};
    CHECK_FALSE(breakeven_months(dear, cloud, dear, cloud_recurring));
}

TEST_CASE("the article's setup against $0.86 a month breaks even only after decades") {
    const auto p = profile(R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: every 30 minutes, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: haiku, model: claude-3-5-haiku}]
  local:
    - name: desk
      hardware: {purchase: 0}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      setup_hours: 6
)");
    const auto r = estimate(p);
    const auto& b = r.workloads[0].breakeven[0];
    CHECK_FALSE(b.month);
    // 36 + (900 − 36 × 0.864) / 0.864 = 36 + 1,005.67 = 1,041.67 months = 86.8 years
    CHECK(*b.months == Approx(1041.6667));
    CHECK(format_months(*b.months) == "86.8 years");
}

TEST_CASE("at the breakeven volume the two totals meet within 0.1 % (property)") {
    const auto p = profile(R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: 1000/day, input_tokens: 2000, output_tokens: 200}]
options:
  cloud: [{name: sonnet, model: claude-sonnet-4-5, setup_hours: 2}]
  local:
    - name: rented
      hardware: {rent_per_hour: 1.5, billing: on_demand}
      throughput: {prefill_tokens_per_s: 3000, decode_tokens_per_s: 60}
      setup_hours: 10
      maintenance_hours_per_month: 1
)");
    const auto& w = p.workloads[0];
    const auto volume = breakeven_calls_per_day(p, w, p.local[0], p.cloud[0]);
    REQUIRE(volume);
    std::vector<double> monthly, recurring;
    const double local = local_series(p, w, p.local[0], *volume, monthly, recurring);
    const double cloud = cloud_series(p, w, p.cloud[0], *volume, monthly, recurring);
    CHECK(local <= cloud);
    CHECK(std::abs(local - cloud) / cloud < 0.001);
    // Below it by more than 0.1 %, local still costs more.
    CHECK(local_series(p, w, p.local[0], *volume * 0.998, monthly, recurring) >
          cloud_series(p, w, p.cloud[0], *volume * 0.998, monthly, recurring));
    // Hand-worked: cloud per call = (2000 × 3 + 200 × 15) / 1e6 = $0.009; local per call = t × $1.5/h with
    // t = 2000/3000 + 200/60 = 4 s → $0.0016667. Fixed: local 10 h + 36 × 1 h = 46 h × $150 = $6,900;
    // cloud 2 h × $150 = $300. Volume v: 36 × 30 × v × (0.009 − 0.0016667) = 6,600 → v = 833.3/day.
    CHECK(*volume == Approx(833.33).epsilon(0.001));
}

TEST_CASE("no breakeven volume when local costs more per call") {
    const auto p = profile(R"(
workloads: [{name: w, calls: 100/day, input_tokens: 100, output_tokens: 10}]
options:
  cloud: [{name: cheap, price: {input_per_mtok: 0.01, output_per_mtok: 0.01}}]
  local:
    - name: slow
      hardware: {rent_per_hour: 10, billing: on_demand}
      throughput: {prefill_tokens_per_s: 10, decode_tokens_per_s: 1}
      setup_hours: 1
)");
    CHECK_FALSE(breakeven_calls_per_day(p, p.workloads[0], p.local[0], p.cloud[0]));
}

TEST_CASE("breakeven volume is 0 when local is cheaper even with no calls") {
    const auto p = profile(R"(
workloads: [{name: w, calls: 100/day, input_tokens: 100, output_tokens: 10}]
options:
  cloud: [{name: pricey, price: {input_per_mtok: 1, output_per_mtok: 1}, fixed_monthly: 100}]
  local:
    - name: free
      hardware: {purchase: 0}
      throughput: {prefill_tokens_per_s: 1000, decode_tokens_per_s: 100}
)");
    CHECK(*breakeven_calls_per_day(p, p.workloads[0], p.local[0], p.cloud[0]) == 0);
}
