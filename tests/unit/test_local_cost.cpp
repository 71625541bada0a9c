#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;
using llmtco::test::profile;

namespace {
// t = 500/400 + 50/30 = 1.25 + 1.666… = 2.91666… s a call; HPM = 24 × 30 = 720 h.
const char* kLocal = R"(
settings: {days_per_month: 30, labor_rate_per_hour: 150}
workloads:
  - {name: w, calls: 48/day, input_tokens: 500, output_tokens: 50}
options:
  cloud:
    - {name: haiku, model: claude-3-5-haiku}
  local:
    - name: mini
      hardware: {purchase: 799, lifetime_months: 36, ram_gb: 24}
      model: {params_b: 8, bits_per_weight: 4.85, kv_cache_gb: 0.5, overhead_gb: 0.3}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      power: {idle_watts: 7, active_watts: 40, always_on: true, electricity_per_kwh: 0.15, pue: 1.0}
      other_ram_gb: 16
      setup_hours: 4..8
      maintenance_hours_per_month: 2
      incidents_per_year: 4
      hours_per_incident: 3
      availability: 0.99
      fallback: haiku
)";
constexpr double kSecondsPerCall = 500.0 / 400 + 50.0 / 30;
} // namespace

TEST_CASE("seconds per call are prefill plus decode time") {
    const auto p = profile(kLocal);
    CHECK(local_seconds_per_call(p.workloads[0], p.local[0].throughput) == Approx(2.9166667));
}

TEST_CASE("a local option's month 1 adds purchase, setup, electricity, labor and fallback") {
    const auto r = estimate(profile(kLocal));
    const auto& o = test::option(r.workloads[0], "mini");
    const double served = 1440 * 0.99;                        // 1,425.6 calls served locally
    const double busy = served * kSecondsPerCall / 3600;      // 1.155 h
    const double kwh = (40 * busy + 7 * (720 - busy)) / 1000; // 5.078115 kWh
    const double electricity = kwh * 0.15;                    // $0.76171725
    const double fallback = 14.4 * 0.0006;                    // 1 % of 1,440 calls at haiku's $0.0006
    const double labor = 2 * 150 + 4.0 / 12 * 3 * 150;        // $300 + $150
    CHECK(electricity == Approx(0.76171725));
    CHECK(o.recurring_cost[0] == Approx(electricity + fallback + labor));
    CHECK(o.monthly_cost[0] == Approx(799 + 6 * 150 + electricity + fallback + labor)); // setup 4..8 h → 6 h
    CHECK(o.one_time_cost == Approx(1699));
    CHECK(o.monthly_cost[35] == Approx(electricity + fallback + labor));
    CHECK(o.total_cost == Approx(1699 + 36 * (electricity + fallback + labor)));
    CHECK(test::items_total(o) == Approx(o.total_cost));
    CHECK(*o.machines == 1);
    CHECK(o.fallback_calls == Approx(36 * 14.4));
}

TEST_CASE(
    "the footprint is params × bits / 8 plus KV cache and overhead, and pressure compares it with RAM") {
    const auto r = estimate(profile(kLocal));
    const auto& o = test::option(r.workloads[0], "mini");
    CHECK(*o.footprint_gb == Approx(5.65)); // 8 × 4.85 / 8 + 0.5 + 0.3
    CHECK_FALSE(*o.memory_pressure);        // 5.65 + 16 = 21.65 ≤ 24
    const auto tight = estimate(profile(kLocal, {"options.local.mini.other_ram_gb=20"}));
    const auto& t = test::option(tight.workloads[0], "mini");
    CHECK(*t.memory_pressure); // 5.65 + 20 = 25.65 > 24
    REQUIRE(t.warnings.size() == 1);
    CHECK(t.warnings[0].find("memory pressure") != std::string::npos);
}

TEST_CASE("a quant name maps to bits per weight through the catalog") {
    const auto p = profile(kLocal, {"options.local.mini.model={params_b: 8, quant: Q8_0}"});
    CHECK(p.local[0].model.bits_per_weight.value == 8.5);
    CHECK(local_capacity(p.workloads[0], p.local[0], 1).weights_gb == Approx(8.5)); // 8 × 8.5 / 8
}

TEST_CASE("auto machines are sized for the peak") {
    // 100k/day: 3,000,000 calls × 2.9167 s / 3600 = 2,430.6 busy h; one machine gives 720 × 0.8 = 576 h.
    const auto r =
        estimate(profile(kLocal, {"workloads.w.calls=100k/day", "options.local.mini.availability=1"}));
    CHECK(*test::option(r.workloads[0], "mini").machines == 5); // ceil(2,430.6 / 576) = ceil(4.22)
    // Peak twice the average: ceil(8.44) = 9.
    const auto peak = estimate(profile(kLocal, {"workloads.w.calls=100k/day", "workloads.w.peak_to_average=2",
                                                "options.local.mini.availability=1"}));
    CHECK(*test::option(peak.workloads[0], "mini").machines == 9);
}

TEST_CASE("auto machines never decrease when volume shrinks (property)") {
    const auto p = profile(kLocal, {"workloads.w.calls=100k/day", "workloads.w.growth_per_month=-10%",
                                    "settings.horizon_months=24"});
    const auto r = estimate(p);
    const auto& o = test::option(r.workloads[0], "mini");
    CHECK(*o.machines == 5); // month 1's five machines stay, though month 24 needs one
    // No purchase after month 1: the machines bought then are kept.
    for (std::size_t m = 1; m < o.monthly_cost.size(); ++m)
        CHECK(o.monthly_cost[m] == Approx(o.recurring_cost[m]));
}

TEST_CASE("machines are bought when added and replaced every lifetime") {
    const auto r = estimate(profile(kLocal, {"settings.horizon_months=48"}));
    const auto& o = test::option(r.workloads[0], "mini");
    CHECK(o.monthly_cost[0] - o.recurring_cost[0] == Approx(799 + 900)); // purchase + setup
    CHECK(o.monthly_cost[36] - o.recurring_cost[36] == Approx(799));     // month 37: replaced
    CHECK(o.monthly_cost[35] == Approx(o.recurring_cost[35]));
    CHECK(o.monthly_cost[47] == Approx(o.recurring_cost[47]));
}

TEST_CASE("a fixed machine count overflows to the fallback above its capacity") {
    // cap = 2 × 720 × 0.8 × 3600 / 2.9167 = 1,421,714.3 calls; demand 3,000,000 × availability 1.
    const auto r =
        estimate(profile(kLocal, {"workloads.w.calls=100k/day", "options.local.mini.machines=2",
                                  "options.local.mini.availability=1", "settings.horizon_months=1"}));
    const auto& o = test::option(r.workloads[0], "mini");
    CHECK(o.fallback_calls == Approx(3000000 - 2 * 720 * 0.8 * 3600 / kSecondsPerCall));
    CHECK(o.feasible);
    CHECK(o.warnings.size() == 1);
    // Without a fallback the same option is infeasible and says so.
    const auto alone =
        estimate(profile(kLocal, {"workloads.w.calls=100k/day", "options.local.mini.machines=2",
                                  "options.local.mini.availability=1", "options.local.mini.fallback=null"}));
    const auto& a = test::option(alone.workloads[0], "mini");
    CHECK_FALSE(a.feasible);
    CHECK(a.unserved_calls > 0);
    CHECK(alone.workloads[0].recommendation.option == "haiku");
}

TEST_CASE("without a fallback, downtime calls go unserved with a warning") {
    const auto r = estimate(profile(kLocal, {"options.local.mini.fallback=null"}));
    const auto& o = test::option(r.workloads[0], "mini");
    CHECK(o.unserved_calls == Approx(36 * 14.4)); // 1 % of 1,440 calls, 36 months
    REQUIRE_FALSE(o.warnings.empty());
    CHECK(o.warnings.back().find("unserved") != std::string::npos);
}

TEST_CASE("rented hardware bills every hour always on, the warm hours on demand, and has no electricity") {
    const auto always =
        estimate(profile(kLocal, {"options.local.mini.hardware={rent_per_hour: 2, billing: always_on}",
                                  "options.local.mini.power=null", "options.local.mini.availability=1"}));
    const auto& a = test::option(always.workloads[0], "mini");
    CHECK(a.recurring_cost[0] == Approx(2 * 720 + 450)); // 720 h × $2 + labor; no electricity
    // On demand, calls arriving round the clock (active_hours_per_day 24) keep the machine warm
    // every hour: the same bill, however few the busy hours (1.17 h a month here).
    const auto demand =
        estimate(profile(kLocal, {"options.local.mini.hardware={rent_per_hour: 2, billing: on_demand}",
                                  "options.local.mini.power=null", "options.local.mini.availability=1"}));
    const auto& d = test::option(demand.workloads[0], "mini");
    CHECK(d.recurring_cost[0] == Approx(2 * 720 + 450));
    CHECK(d.one_time_cost == Approx(900)); // setup only, nothing bought
    // Calls in 8 hours of the day: warm 8 h × 30 days, plus a 90 s cold start each day.
    const auto office = estimate(profile(
        kLocal, {"options.local.mini.hardware={rent_per_hour: 2, billing: on_demand, cold_start_seconds: 90}",
                 "options.local.mini.power=null", "options.local.mini.availability=1",
                 "workloads.w.active_hours_per_day=8"}));
    const auto& o = test::option(office.workloads[0], "mini");
    CHECK(o.recurring_cost[0] == Approx(2 * (8 * 30 + 90.0 / 3600 * 30) + 450)); // 2 × 240.75 + 450 = 931.50
    const auto& rent = test::item(o, "hardware rent");
    CHECK(rent.total == Approx(36 * 481.5));
    CHECK(rent.formula.find("1 machine × (8 active h + 90 s cold start) a day × 30 days × $2.00/h") !=
          std::string::npos);
}

TEST_CASE("on demand: capacity is sized for the calls of the active hours") {
    // 200k calls a day of 4 machine-seconds (2000/3000 + 200/60) at max_utilization 0.8: round the
    // clock a machine serves 30 × 24 × 3600 × 0.8 / 4 = 518,400 calls a month, so 6,000,000 a month
    // need ceil(11.57) = 12 machines; in 8 active hours a machine serves a third of that: ceil(34.7) = 35.
    const char* rented = R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: 200000/day, input_tokens: 2000, output_tokens: 200}]
options:
  local:
    - name: gpu
      hardware: {rent_per_hour: 2, billing: on_demand, cold_start_seconds: 0}
      throughput: {prefill_tokens_per_s: 3000, decode_tokens_per_s: 60, concurrency: 1, max_utilization: 0.8}
      availability: 1
)";
    const auto day = estimate(profile(rented));
    const auto& d = test::option(day.workloads[0], "gpu");
    CHECK(d.machines == 12);
    CHECK(test::item(d, "hardware rent").total == Approx(36 * 12 * 720 * 2.0)); // $622,080
    const auto office = estimate(profile(rented, {"workloads.w.active_hours_per_day=8"}));
    const auto& o = test::option(office.workloads[0], "gpu");
    CHECK(o.machines == 35);
    CHECK(test::item(o, "hardware rent").total == Approx(36 * 35 * 240 * 2.0)); // $604,800: 35 × 8 h × 30
}

TEST_CASE("reserved: every hour of every term that starts within the horizon, at the reserved rate") {
    const char* reserved = R"(
settings: {days_per_month: 30, horizon_months: 30}
workloads: [{name: w, calls: 100/day, input_tokens: 500, output_tokens: 50}]
options:
  local:
    - name: gpu
      hardware: {rent_per_hour: 2, reserved: {term_months: 12, rent_per_hour: 1.2}}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      availability: 1
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      setup_hours: 0
)";
    const auto r = estimate(profile(reserved));
    const auto& o = test::option(r.workloads[0], "gpu");
    // 30 months × 720 h × $1.20 = $25,920, and the third term (months 25–36) runs 6 months past
    // month 30: 6 × 720 × $1.20 = $5,184, billed in month 30.
    CHECK(test::item(o, "hardware rent").total == Approx(30 * 720 * 1.2));
    CHECK(test::item(o, "reserved term past the horizon").total == Approx(6 * 720 * 1.2));
    CHECK(o.monthly_cost.back() - o.recurring_cost.back() == Approx(5184));
    CHECK(o.total_cost == Approx(25920 + 5184));
    // A 36-month horizon ends with the third term: nothing past it.
    const auto whole = estimate(profile(reserved, {"settings.horizon_months=36"}));
    CHECK(test::option(whole.workloads[0], "gpu").total_cost == Approx(36 * 720 * 1.2));
}

TEST_CASE("reserved beats on demand above the utilisation its rate gives") {
    // A machine on demand at $2/h warm through h active hours a day costs 2 × h × 30 a month;
    // reserved at $1.20/h every hour, 1.2 × 720 = $864. They cross at h = 864 / 60 = 14.4 h a day,
    // 60 % of the day (the reserved rate over the on-demand one): below it on demand is cheaper.
    const char* both = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 100/day, input_tokens: 500, output_tokens: 50}]
options:
  local:
    - name: demand
      hardware: {rent_per_hour: 2, billing: on_demand, cold_start_seconds: 0}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      availability: 1
    - name: reserved
      hardware: {rent_per_hour: 2, reserved: {term_months: 12, rent_per_hour: 1.2}}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      availability: 1
)";
    auto gap = [&](double hours) {
        const auto r = estimate(profile(both, {fmt::format("workloads.w.active_hours_per_day={}", hours)}));
        return test::option(r.workloads[0], "demand").total_cost -
               test::option(r.workloads[0], "reserved").total_cost;
    };
    CHECK(gap(14.4) == Approx(0).margin(1e-6));
    CHECK(gap(14) == Approx(12 * (2 * 14 * 30 - 864.0))); // −$115.20 a month: on demand cheaper
    CHECK(gap(16) == Approx(12 * (2 * 16 * 30 - 864.0))); // +$96 a month: reserved cheaper
}

TEST_CASE("spot: the work its interruptions lose goes to the fallback") {
    const char* spot = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: api, price: {input_per_mtok: 1, output_per_mtok: 4}}]
  local:
    - name: gpu
      hardware: {rent_per_hour: 2, spot: {rent_per_hour: 0.8, interruptions_per_day: 2, minutes_lost_per_interruption: 18}}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      availability: 0.99
      fallback: api
)";
    const auto r = estimate(profile(spot));
    const auto& o = test::option(r.workloads[0], "gpu");
    // 2 × 18 min / 1440 = 2.5 % of the time lost; with 1 % downtime the local machine serves
    // 0.99 × 0.975 = 96.525 % of the calls, and 3.475 % go to the fallback: 30,000 × 0.03475 =
    // 1,042.5 calls a month at (500 × 1 + 50 × 4)/1e6 = $0.0007 each = $0.72975.
    CHECK(o.fallback_calls == Approx(12 * 30000 * 0.03475));
    CHECK(test::item(o, "fallback usage").total == Approx(12 * 1042.5 * 0.0007));
    // Billed at the spot rate every hour of the day (calls round the clock): 720 × $0.80 = $576.
    CHECK(test::item(o, "hardware rent").total == Approx(12 * 576.0));
    CHECK(test::item(o, "hardware rent").formula.find("2.5 % of the calls to the fallback") !=
          std::string::npos);
}

TEST_CASE("electricity counts PUE and no idle draw when the machine sleeps") {
    const auto r =
        estimate(profile(kLocal, {"options.local.mini.power.always_on=false",
                                  "options.local.mini.power.pue=1.5", "options.local.mini.availability=1"}));
    const auto& o = test::option(r.workloads[0], "mini");
    const double busy = 1440 * kSecondsPerCall / 3600;        // 1.1667 h
    const double electricity = 40 * busy / 1000 * 1.5 * 0.15; // $0.0105
    CHECK(o.recurring_cost[0] == Approx(electricity + 450));
}

TEST_CASE("the fallback's own setup, maintenance and fees are paid too") {
    const auto r = estimate(
        profile(kLocal, {"options.cloud.haiku.setup_hours=1", "options.cloud.haiku.fixed_monthly=5"}));
    const auto& o = test::option(r.workloads[0], "mini");
    const auto base = estimate(profile(kLocal));
    const auto& b = test::option(base.workloads[0], "mini");
    CHECK(o.total_cost - b.total_cost == Approx(150 + 36 * 5)); // 1 h × $150 once + $5 × 36
}

TEST_CASE("latency is derived from throughput when not given") {
    const auto r = estimate(profile(kLocal));
    const auto& o = test::option(r.workloads[0], "mini");
    CHECK(o.latency_ms_high == Approx(2916.6667)); // t × 1000
}

TEST_CASE("a pool on demand is warm through the longest active hours of its workloads") {
    const char* pooled = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads:
  - {name: a, calls: 1000/day, input_tokens: 500, output_tokens: 50, active_hours_per_day: 8}
  - {name: b, calls: 1000/day, input_tokens: 500, output_tokens: 50, active_hours_per_day: 20}
options:
  local:
    - name: gpu-a
      serves: [a]
      pool: p
      hardware: {rent_per_hour: 2, billing: on_demand, cold_start_seconds: 360}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      availability: 1
    - name: gpu-b
      serves: [b]
      pool: p
      hardware: {rent_per_hour: 2, billing: on_demand, cold_start_seconds: 360}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      availability: 1
)";
    const auto r = estimate(profile(pooled));
    // One machine, warm (20 h + 360 s) a day × 30 days × $2 = $1,206 a month, shared by busy hours
    // (equal here); each workload's line shows the pool's hours, not its own 8.
    for (const auto& [w, o] : {std::pair{0, "gpu-a"}, std::pair{1, "gpu-b"}}) {
        const auto& rent =
            test::item(test::option(r.workloads[static_cast<std::size_t>(w)], o), "hardware rent");
        CHECK(rent.total == Approx(0.5 * 12 * 1206));
        CHECK(rent.formula.find("(20 active h + 360 s cold start) a day") != std::string::npos);
    }
    // Warm round the clock for b: no cold start, so its default moves no money and is not assumed.
    const auto day = estimate(profile(pooled, {"workloads.b.active_hours_per_day=24"}));
    CHECK(test::item(test::option(day.workloads[0], "gpu-a"), "hardware rent").total ==
          Approx(0.5 * 12 * 1440));
    std::string unwritten = pooled; // the cold start left to its default
    for (std::size_t at; (at = unwritten.find(", cold_start_seconds: 360")) != std::string::npos;)
        unwritten.erase(at, std::string(", cold_start_seconds: 360").size());
    auto assumes_cold_start = [](const OptionResult& o) {
        return std::any_of(o.assumptions.begin(), o.assumptions.end(),
                           [](const Assumption& a) { return a.key == "hardware.cold_start_seconds"; });
    };
    CHECK(assumes_cold_start(test::option(estimate(profile(unwritten)).workloads[0], "gpu-a")));
    CHECK_FALSE(assumes_cold_start(test::option(
        estimate(profile(unwritten, {"workloads.b.active_hours_per_day=24"})).workloads[0], "gpu-a")));
}

TEST_CASE("written purchase terms the billing does not use are said, not silently ignored") {
    const auto r = estimate(profile(R"(
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50}]
options:
  local:
    - name: g
      hardware: {rent_per_hour: 2, billing: on_demand, reserved: {term_months: 12, rent_per_hour: 1}}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
)"));
    const auto& w = test::option(r.workloads[0], "g").warnings;
    CHECK(std::find(w.begin(), w.end(),
                    "'hardware.reserved' is written but the machine is billed 'on_demand': it is not used") !=
          w.end());
}
