#include "helpers.hpp"
#include "llmtco/curves.hpp"
#include "render/axes.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;
using llmtco::test::option;
using llmtco::test::profile;

namespace {
// local: $1,000 once + 0.1 h × $150 = $15/month; cloud: 10,000/day × 30 × $0.0006 = $180/month
const char* kPair = R"(version: 1
settings: {days_per_month: 30, horizon_months: 12, labor_rate_per_hour: 150}
workloads: [{name: w, calls: 10k/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: api, setup_hours: 0, price: {input_per_mtok: 0.80, output_per_mtok: 4.00}}]
  local:
    - name: box
      hours_per_incident: 0
      hardware: {purchase: 1000, lifetime_months: 120}
      model: {params_b: 8, bits_per_weight: 4, kv_cache_gb: 0, overhead_gb: 0}
      throughput: {decode_tokens_per_s: 100000, prefill_tokens_per_s: 1000000}
      power: {idle_watts: 0, active_watts: 0}
      setup_hours: 0
      maintenance_hours_per_month: 0.1
      incidents_per_year: 0
)";
} // namespace

TEST_CASE("cumulative sums months from zero, ending at the total") {
    const std::vector<double> monthly{3, 4, 5};
    CHECK(cumulative(monthly) == std::vector<double>{0, 3, 7, 12});
    const auto r = estimate(profile(kPair));
    for (const auto& o : r.workloads[0].options) {
        const auto c = cumulative(o.monthly_cost);
        REQUIRE(c.size() == 13);
        CHECK(std::is_sorted(c.begin(), c.end())); // cash only adds up
        // The net view ends at the total: box's cash $1,180 less its book value at month 12,
        // 1,000 × (1 − 12/120) = $900.
        const auto net = cumulative_net(o);
        CHECK(net.back() == Approx(o.total_cost));
        CHECK(c.back() - net.back() == Approx(o.residual_value));
    }
}

TEST_CASE("log_spaced is geometric with exact ends") {
    const auto v = log_spaced(10, 1e6, 6);
    REQUIRE(v.size() == 6);
    CHECK(v.front() == 10);
    CHECK(v.back() == 1e6);
    CHECK(v[1] == Approx(100)); // 10 × 10^(5/5)
    CHECK(v[3] == Approx(1e4));
}

TEST_CASE("cost by volume agrees with the estimate and meets at the breakeven volume") {
    const auto p = profile(kPair);
    const auto r = estimate(p);
    const auto& w = r.workloads[0];
    // at the workload's own volume the curve gives the estimate's totals
    const std::vector<double> own{w.calls_per_day};
    const auto at_own = cost_by_volume(p, p.workloads[0], own);
    CHECK(at_own.totals[0][0] == Approx(option(w, "api").total_cost)); // 12 × $180 = $2,160
    // 1,000 + 12 × 15 = $1,180 of cash, less the $900 the box is still worth (108 of 120 months left)
    CHECK(at_own.totals[1][0] == Approx(option(w, "box").total_cost));
    CHECK(option(w, "api").total_cost == Approx(2160));
    CHECK(option(w, "box").total_cost == Approx(280));
    // totals meet where 280 = 12 × 30 × v × $0.0006 = 0.216 v → v = 280 / 0.216 = 1,296.3 calls/day
    REQUIRE(w.breakeven[0].calls_per_day);
    const double v = *w.breakeven[0].calls_per_day;
    CHECK(v == Approx(280 / 0.216).epsilon(0.001));
    const std::vector<double> around{v * 0.98, v * 1.02};
    const auto near = cost_by_volume(p, p.workloads[0], around);
    CHECK(near.totals[1][0] > near.totals[0][0]);  // below it local is dearer
    CHECK(near.totals[1][1] <= near.totals[0][1]); // above it local is cheaper
    // the cloud total grows with volume; the local one never falls
    const auto curve = cost_by_volume(p, p.workloads[0], log_spaced(1, 1e6, 25));
    for (std::size_t i = 1; i < 25; ++i) {
        CHECK(curve.totals[0][i] > curve.totals[0][i - 1]);
        CHECK(curve.totals[1][i] >= curve.totals[1][i - 1]);
    }
}

TEST_CASE("volume_range spans a decade either side of the volumes that matter") {
    WorkloadResult w;
    w.calls_per_day = 48;
    BreakevenResult b;
    b.local = "l";
    b.cloud = "c";
    b.calls_per_day = 29430.0;
    w.breakeven.push_back(b);
    const auto [low, high] = volume_range(w);
    CHECK(low == Approx(4.8));     // 48 ÷ 10
    CHECK(high == Approx(294300)); // 29,430 × 10
    w.breakeven[0].calls_per_day = 5e8;
    CHECK(volume_range(w).second == 1e9); // capped where the breakeven search stops
}

TEST_CASE("axis ticks are round numbers that cover the data") {
    // 17,820 / 4 = 4,455 → the 1-2-2.5-5 step at or above it is 5,000
    CHECK(render::linear_ticks(17820) == std::vector<double>{0, 5000, 10000, 15000, 20000});
    CHECK(render::linear_ticks(31.10) == std::vector<double>{0, 10, 20, 30, 40}); // 7.78 → 10
    CHECK(render::linear_ticks(0) == std::vector<double>{0, 1});
    // 36 months: steps 1, 2, 3 give more than 8 intervals; 6 gives 6
    CHECK(render::month_ticks(36) == std::vector<int>{0, 6, 12, 18, 24, 30, 36});
    CHECK(render::month_ticks(1) == std::vector<int>{0, 1});
    CHECK(render::month_ticks(40) == std::vector<int>{0, 6, 12, 18, 24, 30, 36, 40});
    CHECK(render::month_ticks(38) == std::vector<int>{0, 6, 12, 18, 24, 30, 38}); // 36 too close to 38
    CHECK(render::log_ticks(154000, 2e7) ==
          std::vector<double>{2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7}); // under 3 decades: 1-2-5
    CHECK(render::log_ticks(4.8, 294300) == std::vector<double>{10, 100, 1000, 1e4, 1e5});
}

TEST_CASE("axis labels are short") {
    CHECK(render::compact_money(0, "USD") == "$0");
    CHECK(render::compact_money(950, "USD") == "$950");
    CHECK(render::compact_money(2500, "USD") == "$2.5k");
    CHECK(render::compact_money(1250, "USD") == "$1.25k"); // not "$1.3k" on the 1,250 gridline
    CHECK(render::compact_money(0.00001, "USD") == "$0.00001");
    CHECK(render::compact_money(3e12, "USD") == "$3T");
    CHECK(render::compact_money(4e20, "USD") == "$4e+20");
    CHECK(render::compact_money(20000, "USD") == "$20k");
    CHECK(render::compact_money(1.2e6, "EUR") == "€1.2M");
    CHECK(render::compact_money(0.5, "USD") == "$0.5");
    CHECK(render::compact_volume(1540358) == "1.54M/day");
    CHECK(render::compact_volume(10) == "10/day");
}
