// Present values (PRODUCT §4f): settings.discount_rate discounts every option's monthly flows.

#include "helpers.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace present_value_test {

using namespace llmtco;

/// A $3,600 box with a 36-month life beside an API, over 24 months.
const char* const kBox = R"(
settings: {horizon_months: 24, labor_rate_per_hour: 100}
team: {can_maintain_local: true}
workloads: [{name: w, calls: 50000/day, input_tokens: 1000, output_tokens: 200, growth_per_month: 8%}]
options:
  cloud: [{name: api, price: {input_per_mtok: 1, output_per_mtok: 4}}]
  local:
    - name: box
      hardware: {purchase: 3600, lifetime_months: 36, ram_gb: 64, memory_gb: 24}
      model: {params_b: 8, bits_per_weight: 4.85, kv_cache_gb: 0.5, overhead_gb: 0.5}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 40, concurrency: 10}
      power: {idle_watts: 50, active_watts: 400, electricity_per_kwh: 0.2}
      setup_hours: 10
)";

TEST_CASE("npv of a level monthly cost is the annuity formula") {
    // 1 % a month is 1.01^12 − 1 = 12.6825 % a year. $100 a month for 12 months, each at its month's
    // end: 100 × (1 − 1.01^−12) / 0.01 = 100 × 11.255077 = $1,125.51.
    const double annual = std::pow(1.01, 12) - 1;
    CHECK(monthly_rate(annual) == Approx(0.01));
    const std::vector<double> level(12, 100.0);
    CHECK(present_value(level, 0, annual) == Approx(1125.5077));
    // a residual of $500 at month 12's end is worth 500 / 1.01^12 = $443.72 today
    CHECK(present_value(level, 500, annual) == Approx(1125.5077 - 443.7246));
    // at 0 % it is the cash total
    CHECK(present_value(level, 500, 0) == Approx(700));
}

TEST_CASE("npv_month: the discounted breakeven, later than the cash one") {
    // Local: $1,000 in month 1, nothing after; cloud: $100 a month; 24 months at 1 % a month.
    // Cash: equal at month 10 (1,000 = 10 × 100), ahead from then on → month 10.
    // Discounted: 1,000 / 1.01 = 990.10 against 100 × annuity(m): m = 10 → 947.13, m = 11 → 1,036.76,
    // so month 11.
    OptionResult local, cloud;
    local.monthly_cost.assign(24, 0.0);
    local.monthly_cost[0] = 1000;
    cloud.monthly_cost.assign(24, 100.0);
    const double annual = std::pow(1.01, 12) - 1;
    CHECK(present_value_breakeven(local, cloud, 0) == 10);
    CHECK(present_value_breakeven(local, cloud, annual) == 11);
    // a book value counts (the net view): $600 of it at each month's end. Month 4: 990.10 − 600 / 1.01^4
    // (576.59) − 100 × 3.9020 = +23.3, behind; month 5: 990.10 − 570.88 − 485.34 = −66.1, ahead → 5.
    local.book_value.assign(24, 600.0);
    const auto with_book = present_value_breakeven(local, cloud, annual);
    REQUIRE(with_book);
    CHECK(*with_book == 5);
    for (int m = *with_book; m <= 24; ++m) { // ahead from there to the end, and not the month before
        double l = 0, c = 0;
        for (int k = 1; k <= m; ++k) {
            l += local.monthly_cost[k - 1] * std::pow(1.01, -k);
            c += cloud.monthly_cost[k - 1] * std::pow(1.01, -k);
        }
        CHECK(l - 600 * std::pow(1.01, -m) <= c + 1e-9);
    }
    // never ahead by the horizon's end: null
    cloud.monthly_cost.assign(24, 10.0);
    local.book_value.clear();
    CHECK_FALSE(present_value_breakeven(local, cloud, annual));
}

TEST_CASE("settings.discount_rate gives every option its npv and every breakeven its npv_month") {
    // the box below ($3,600, 36 months) at 8 % a year
    const auto p = test::profile(kBox, {"settings.discount_rate=8%", "workloads.w.growth_per_month=0"});
    const auto r = estimate(p);
    REQUIRE(r.discount_rate);
    for (const auto& o : r.workloads[0].options) {
        INFO(o.name);
        REQUIRE(o.npv);
        CHECK(*o.npv == Approx(present_value(o.monthly_cost, o.residual_value, 0.08)));
        CHECK(*o.npv < o.total_cost); // a positive rate: every later dollar counts less
    }
    const auto& b = r.workloads[0].breakeven.at(0);
    REQUIRE(b.month);
    REQUIRE(b.npv_month);
    CHECK(*b.npv_month >= *b.month);
    // without the setting, neither
    const auto cash = estimate(test::profile(R"(
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 200}]
options: {cloud: [{name: api, price: {input_per_mtok: 1, output_per_mtok: 4}}]}
)"));
    CHECK_FALSE(cash.discount_rate);
    CHECK_FALSE(cash.workloads[0].options[0].npv);
}

} // namespace present_value_test

namespace present_value_test {

TEST_CASE("the amortised view spreads purchases over their lifetime and sums to the cash total") {
    // A $3,600 box with a 36-month life, kept 24 months: the cash view pays $3,600 in month 1 and
    // takes its $1,200 book value off the total; the amortised view charges $100 a month instead.

    for (const auto& sets :
         std::vector<std::vector<std::string>>{{},
                                               {"options.local.box.hardware.residual=none"},
                                               {"options.local.box.hardware.lifetime_months=7"},
                                               {"options.local.box.machines=2"}}) {
        const auto r = estimate(test::profile(kBox, sets));
        for (const auto& o : r.workloads[0].options) {
            INFO(o.name << (sets.empty() ? "" : " with " + sets[0]));
            REQUIRE(o.amortised_cost.size() == 24);
            double sum = 0;
            for (const double v : o.amortised_cost)
                sum += v;
            CHECK(sum == Approx(o.total_cost).epsilon(1e-12));
            if (o.name == "api") CHECK(o.amortised_cost == o.monthly_cost);
        }
    }
    const auto r = estimate(test::profile(kBox));
    const auto& box = r.workloads[0].options.at(1);
    // month 1: cash has the $3,600 and the $1,000 setup; amortised has $100 of the box and the setup
    CHECK(box.monthly_cost[0] - box.amortised_cost[0] == Approx(3600 - 100));
    CHECK(box.amortised_cost[1] - box.recurring_cost[1] == Approx(100)); // month 2: the $100 alone
}

} // namespace present_value_test
