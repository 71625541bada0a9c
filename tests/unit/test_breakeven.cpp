#include "helpers.hpp"
#include "llmtco/breakeven.hpp"
#include "llmtco/money.hpp"
#include "llmtco/sweep.hpp"
#include "render/format.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <random>

using namespace llmtco;
using llmtco::test::profile;

namespace {

/// Flows with no hardware behind them: cash only.
LocalFlows cash(const std::vector<double>& monthly, double recurring_last) {
    LocalFlows f;
    f.monthly = monthly;
    f.recurring_last = recurring_last;
    return f;
}

/// BreakevenResult of the first pair of a profile's first workload.
BreakevenResult first_pair(const Profile& p) { return estimate(p).workloads[0].breakeven[0]; }

/// `months` of every local × cloud pair of every workload, from the scenario path (no volume search).
std::vector<std::optional<double>> all_months(const Profile& p) {
    ScenarioEvaluator e;
    std::vector<ScenarioWorkload> out;
    e.evaluate(p, out);
    std::vector<std::optional<double>> months;
    for (const auto& w : out)
        months.insert(months.end(), w.breakeven_months.begin(), w.breakeven_months.end());
    return months;
}

const char* kMacMini = R"(
settings: {days_per_month: 30, horizon_months: 36}
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 100}]
options:
  cloud: [{name: api, price: {input_per_mtok: 0.11, output_per_mtok: 0.44}}]
  local:
    - name: mini
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 999, lifetime_months: 36}
      throughput: {prefill_tokens_per_s: 2000, decode_tokens_per_s: 50}
)";

/// A rented machine serving 43,200 calls a day at `rent` an hour (no per-machine labour), against an
/// API at $0.001 a call, over 12 months of 30 days.
Profile stepped(double rent) {
    return profile(fmt::format(R"(
settings: {{days_per_month: 30, horizon_months: 12}}
workloads: [{{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 0}}]
options:
  cloud: [{{name: api, price: {{input_per_mtok: 1, output_per_mtok: 0}}}}]
  local:
    - name: box
      hardware: {{rent_per_hour: {}}}
      throughput: {{prefill_tokens_per_s: 1000, decode_tokens_per_s: 100, max_utilization: 0.5}}
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      setup_hours_per_added_machine: 0
      maintenance_hours_per_machine_month: 0
)",
                               rent));
}

} // namespace

TEST_CASE("breakeven month is the first month from which local stays ahead to the horizon's end") {
    // cumulative local − cloud: −50, −100, +50, 0, −50: behind in month 3 only, so ahead from month 4
    // (level counts as ahead); months 1–2 were a lead that did not hold.
    const std::vector<double> local{50, 50, 250, 50, 50};
    const std::vector<double> cloud{100, 100, 100, 100, 100};
    const auto t = breakeven_timing(cash(local, 50), CloudFlows{cloud, 100, std::nullopt});
    CHECK(t.month == 4);
    CHECK(t.ahead_spans == std::vector<std::pair<int, int>>{{1, 2}});
    CHECK(t.payback_month == 4); // no hardware: cash and net views agree
    // Past the horizon local saves $50 a month: it stays ahead, so months = month.
    CHECK(t.months == 4);
}

TEST_CASE("a lead that is lost by the horizon's end is no breakeven") {
    // cumulative: −50, −100, −150, −50, +50: ahead in months 1–4, behind at month 5.
    const std::vector<double> local{50, 50, 50, 200, 200};
    const std::vector<double> cloud{100, 100, 100, 100, 100};
    const auto t = breakeven_timing(cash(local, 200), CloudFlows{cloud, 100, std::nullopt});
    CHECK_FALSE(t.month);
    CHECK(t.ahead_spans == std::vector<std::pair<int, int>>{{1, 4}});
    CHECK_FALSE(t.months); // local costs $100 a month more after the horizon: never
    BreakevenResult b;
    b.ahead_spans = t.ahead_spans;
    CHECK(render::breakeven_month_text(b) == "— (ahead in months 1–4 only)");
}

TEST_CASE("past the horizon the flows continue: exact month, no straight line") {
    // Behind by $20 at month 4 and $20 a month cheaper from then on: level at month 5.
    const std::vector<double> local{100, 10, 10, 10};
    const std::vector<double> cloud{20, 30, 30, 30};
    CHECK(breakeven_timing(cash(local, 10), CloudFlows{cloud, 30, std::nullopt}).months == 5);
    // $1 a month cheaper: 20 more months after the horizon, month 24.
    CHECK(breakeven_timing(cash(local, 29), CloudFlows{cloud, 30, std::nullopt}).months == 24);
    // Dearer every month: never.
    CHECK_FALSE(breakeven_timing(cash(local, 40), CloudFlows{cloud, 30, std::nullopt}).months);
}

TEST_CASE("a Mac mini saving $3.31 a month against its own $999 replacement never breaks even") {
    auto p = profile(kMacMini);
    const auto r = estimate(p);
    const auto& api = r.workloads[0].options[0];
    const auto& mini = r.workloads[0].options[1];
    // api per call = (1000 × 0.11 + 100 × 0.44) / 1e6 = $0.000154; × 30,000 calls = $4.62 a month.
    CHECK(api.recurring_cost.back() == Approx(4.62));
    // mini: no power, no labour: $0 a month after the $999 purchase; a 36-month life.
    CHECK(mini.recurring_cost.back() == Approx(0).margin(1e-9));
    // Over one lifetime the saving is 36 × $4.62 = $166.32 < $999: the cloud gains $832.68 per cycle.
    const auto b = first_pair(p);
    CHECK_FALSE(b.months);
    CHECK_FALSE(b.month);
    // The horizon does not move it (no growth): never at 36, 84 and 240 months.
    for (const int h : {36, 84, 240}) {
        INFO(h);
        CHECK_FALSE(first_pair(profile(kMacMini, {"settings.horizon_months=" + std::to_string(h)})).months);
    }
}

TEST_CASE("the article's setup against $0.86 a month breaks even only after decades, in whole months") {
    const auto p = profile(R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: every 30 minutes, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: haiku, model: claude-3-5-haiku}]
  local:
    - name: desk
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 0}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      setup_hours: 6
)");
    const auto b = first_pair(p);
    CHECK_FALSE(b.month);
    // haiku: 1,440 calls × (500 × 0.8 + 50 × 4) / 1e6 = $0.864 a month; local $0 after $900 of setup.
    // Behind by 900 − 36 × 0.864 = $868.896 at month 36; ceil(868.896 / 0.864) = ceil(1,005.67) = 1,006
    // more months: month 1,042 = 86.8 years.
    CHECK(b.months == 1042);
    CHECK(format_months(*b.months) == "86.8 years");
}

TEST_CASE("owned hardware: breakeven on the net view, payback on cash") {
    // A $1,200 box with a 12-month life saving $150 a month against the cloud's $150: on the net
    // view month 1 costs 1,200 − 1,100 (book value) = $100 < $150, so local is ahead from month 1;
    // on cash it is ahead once 150·m ≥ 1,200, month 8.
    const auto p = profile(R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 0}]
options:
  cloud: [{name: api, price: {input_per_mtok: 5, output_per_mtok: 0}}]
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 1200, lifetime_months: 12}
      throughput: {prefill_tokens_per_s: 100000, decode_tokens_per_s: 100}
)");
    const auto b = first_pair(p);
    CHECK(b.month == 1);
    CHECK(b.payback_month == 8);
    // Per 12-month cycle local saves 12 × 150 − 1,200 = $600: it stays ahead for good from month 1.
    CHECK(b.months == 1);
}

TEST_CASE("property: with no growth, months does not depend on the horizon") {
    const std::vector<std::string> shipped = {
        "autocomplete-latency",   "classification-100k", "classification-10k", "embeddings-search",
        "field-device-offline",   "medical-records",     "monitoring-10k",     "monitoring-1k",
        "monitoring-agent-local", "monitoring-agent"};
    for (const auto& name : shipped) {
        std::ifstream in(std::string(LLMTCO_SOURCE_DIR) + "/profiles/" + name + ".yaml");
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        auto base = profile(text);
        for (auto& w : base.workloads)
            w.growth_per_month = Num::point(0);
        std::vector<std::optional<double>> want;
        for (int h = 12; h <= 240; ++h) {
            INFO(name << " at --horizon " << h);
            Profile p = base;
            p.settings.horizon_months = h;
            const auto got = all_months(p);
            if (want.empty()) want = got;
            CHECK(got == want);
        }
    }
}

TEST_CASE("property: months equals month once the horizon reaches it, on random profiles") {
    std::mt19937 rng(12);
    std::uniform_real_distribution<double> u(0, 1);
    for (int i = 0; i < 60; ++i) {
        const double purchase = 200 + 4000 * u(rng);
        const int lifetime = 12 + static_cast<int>(48 * u(rng));
        const double calls = 100 + 20000 * u(rng);
        const double price = 0.2 + 5 * u(rng);
        const auto text = fmt::format(R"(
settings: {{days_per_month: 30, horizon_months: 12}}
workloads: [{{name: w, calls: {}/day, input_tokens: 1000, output_tokens: 100}}]
options:
  cloud: [{{name: api, price: {{input_per_mtok: {}, output_per_mtok: {}}}}}]
  local:
    - name: box
      hardware: {{purchase: {}, lifetime_months: {}}}
      throughput: {{prefill_tokens_per_s: 3000, decode_tokens_per_s: 80, concurrency: 8}}
      power: {{idle_watts: 30, active_watts: 300}}
      maintenance_hours_per_month: 0.2
)",
                                      calls, price, price * 4, purchase, lifetime);
        const auto at12 = all_months(profile(text))[0];
        INFO(text);
        if (!at12) continue;
        const int m = static_cast<int>(*at12);
        if (m > 600) continue;
        // A horizon that reaches the month: the within-horizon breakeven is the same month.
        const auto p = profile(text, {"settings.horizon_months=" + std::to_string(std::max(m, 1))});
        const auto b = first_pair(p);
        CHECK(b.months == m);
        CHECK(b.month == m);
    }
}

TEST_CASE("residual value: straight-line book value at the horizon's end, a credit in the total") {
    const std::string box = R"(
settings: {days_per_month: 30, horizon_months: 24}
workloads: [{name: w, calls: 100/day, input_tokens: 100, output_tokens: 10}]
options:
  cloud: [{name: api, price: {input_per_mtok: 1, output_per_mtok: 1}}]
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 3000, lifetime_months: 60}
      throughput: {prefill_tokens_per_s: 1000, decode_tokens_per_s: 100}
)";
    const auto r = estimate(profile(box));
    const auto& o = r.workloads[0].options[1];
    // Bought in month 1, 24 of 60 months used: 3,000 × (1 − 24/60) = $1,800 still owned.
    CHECK(o.residual_value == Approx(1800));
    CHECK(o.total_cost == Approx(3000 - 1800));
    CHECK(test::items_total(o) == Approx(o.total_cost));
    CHECK(test::sum(o.monthly_cost) == Approx(3000)); // the cash view is unchanged
    // Turned off, the machine is worth nothing at the end.
    const auto none = estimate(profile(box, {"options.local.box.hardware.residual=none"}));
    CHECK(none.workloads[0].options[1].residual_value == 0);
    CHECK(none.workloads[0].options[1].total_cost == Approx(3000));
    // A machine that lived its whole life by the horizon's end is worth nothing.
    const auto full = estimate(profile(box, {"options.local.box.hardware.lifetime_months=24"}));
    CHECK(full.workloads[0].options[1].residual_value == Approx(0).margin(1e-9));
}

TEST_CASE("property: the total is continuous from one horizon to the next (no horizon cliff)") {
    // A fleet of auto-sized machines on a 36-month life, replaced in month 37.
    const std::string fleet = R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: 200k/day, input_tokens: 2000, output_tokens: 300, growth_per_month: 1%}]
options:
  cloud: [{name: api, price: {input_per_mtok: 0.25, output_per_mtok: 2}}]
  local:
    - name: fleet
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 3500, lifetime_months: 36}
      throughput: {prefill_tokens_per_s: 4000, decode_tokens_per_s: 40, concurrency: 4}
      power: {idle_watts: 60, active_watts: 450}
      setup_hours: 6
      maintenance_hours_per_month: 2
)";
    for (int h = 30; h <= 40; ++h) {
        INFO(h);
        const auto a = estimate(profile(fleet, {"settings.horizon_months=" + std::to_string(h)}));
        const auto b = estimate(profile(fleet, {"settings.horizon_months=" + std::to_string(h + 1)}));
        const auto& la = a.workloads[0].options[1];
        const auto& lb = b.workloads[0].options[1];
        const int machines = *lb.machines;
        // Step ≤ month H+1's recurring cost + one month of depreciation of the machines in use
        // (machines × 3,500 / 36) + the purchase of machines added that month less their book value
        // (a new machine loses 1/36 in its first month, already counted in the depreciation).
        // + the setup of the machines added that month (the default 2 h each at $150).
        const int added = machines - *la.machines;
        const double bound = lb.recurring_cost.back() + machines * 3500.0 / 36 + added * 2 * 150.0 + 1e-6;
        CHECK(lb.total_cost - la.total_cost <= bound);
        CHECK(lb.total_cost - la.total_cost >= 0);
    }
}

TEST_CASE("at the breakeven volume the two totals meet within 0.1 % (property)") {
    const auto p = profile(R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: 1000/day, input_tokens: 2000, output_tokens: 200}]
options:
  cloud: [{name: sonnet, model: claude-sonnet-4-5, setup_hours: 2}]
  local:
    - name: rented
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {rent_per_hour: 1.5, billing: always_on}
      throughput: {prefill_tokens_per_s: 3000, decode_tokens_per_s: 60}
      setup_hours: 10
      maintenance_hours_per_month: 1
)");
    const auto& w = p.workloads[0];
    const auto volume = breakeven_volume(p, w, p.local[0], p.cloud[0]);
    REQUIRE(volume.calls_per_day);
    const double v = *volume.calls_per_day;
    std::vector<double> monthly, recurring;
    const double local = local_series(p, w, p.local[0], v, monthly, recurring);
    const double cloud = cloud_series(p, w, p.cloud[0], v, monthly, recurring);
    CHECK(std::abs(local - cloud) / cloud < 0.001);
    // Hand-worked: cloud per call = (2000 × 3 + 200 × 15) / 1e6 = $0.009. Local: one machine (it
    // serves 720 × 3600 × 0.8 / 4 s = 518,400 calls a month) at 720 h × $1.5 = $1,080 a month, plus
    // 10 h + 36 × 1 h = 46 h × $150 = $6,900: $45,780. Cloud: 2 h × $150 = $300 + 36 × 30 × v ×
    // $0.009 → v = 45,480 / 9.72 = 4,679.0/day.
    CHECK(v == Approx(4679.0).epsilon(0.001));
    CHECK(volume.cheaper_bands.empty());
    // Local is cheaper at 10 random higher volumes.
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> log_volume(std::log(v * 1.001), std::log(1e9));
    for (int i = 0; i < 10; ++i) {
        const double x = std::exp(log_volume(rng));
        INFO(x);
        CHECK(local_series(p, w, p.local[0], x, monthly, recurring) <=
              cloud_series(p, w, p.cloud[0], x, monthly, recurring));
    }
}

TEST_CASE("breakeven volume on a stepped curve: the smallest volume above which local stays cheaper") {
    // Rented machines, each serving 43,200 calls a day (arithmetic below): every machine added is a
    // step in local's cost, so local can be cheaper just below a step and dearer just after it.
    const auto p = stepped(0.5);
    const auto& w = p.workloads[0];
    // One call keeps a machine 1 s busy; a machine serves 0.5 × 720 h × 3,600 s = 1,296,000 calls a
    // month = 43,200 a day. Rent: 720 h × $0.50 = $360 a month a machine, $4,320 over 12 months.
    // Cloud: $0.001 a call, 12 × 30 × v × 0.001 = 0.36·v over the horizon. With n machines local
    // costs 4,320·n: cheaper while 0.36·v ≥ 4,320·n, i.e. v ≥ 12,000·n, and n = ceil(v / 43,200).
    // So local is cheaper from 12,000/day within the first machine's band (up to 43,200); just above
    // 43,200 a second machine is needed, and 2 machines need only v ≥ 24,000: still cheaper. Every
    // band stays cheaper because 12,000·n ≤ 43,200·(n − 1) from n = 2 on: no lower bands.
    const auto volume = breakeven_volume(p, w, p.local[0], p.cloud[0]);
    REQUIRE(volume.calls_per_day);
    CHECK(*volume.calls_per_day == Approx(12000).epsilon(0.001));
    CHECK(volume.cheaper_bands.empty());

    // Dense scan: the largest sampled volume where local is dearer lies just below the breakeven.
    std::vector<double> monthly, recurring;
    double last_dearer = 0;
    for (double v = 100; v < 5e6; v *= 1.0003) {
        if (local_series(p, w, p.local[0], v, monthly, recurring) >
            cloud_series(p, w, p.cloud[0], v, monthly, recurring) * (1 + 1e-12))
            last_dearer = v;
    }
    CHECK(last_dearer <= *volume.calls_per_day);
    CHECK(last_dearer >= *volume.calls_per_day / 1.001);
}

TEST_CASE("breakeven volume with several bands: cheaper_bands lists the lower ones") {
    // As above with rent at $1.50/h: $1,080 a month a machine, $12,960 over 12 months, each serving
    // 43,200 calls a day. Local is cheaper with n machines while 0.36·v ≥ 12,960·n, v ≥ 36,000·n, and
    // band n is (43,200·(n − 1), 43,200·n]: cheaper in [36,000·n, 43,200·n], dearer below that while
    // 36,000·n > 43,200·(n − 1), i.e. for n < 6. Bands: [36,000, 43,200], [72,000, 86,400],
    // [108,000, 129,600], [144,000, 172,800], then from 180,000 on (n = 5 from 180,000; n = 6
    // needs 216,000, its lower end; every n ≥ 6 whole).
    const auto p = stepped(1.5);
    const auto& w = p.workloads[0];
    const auto volume = breakeven_volume(p, w, p.local[0], p.cloud[0]);
    REQUIRE(volume.calls_per_day);
    CHECK(*volume.calls_per_day == Approx(180000).epsilon(0.001));
    const std::vector<std::pair<double, double>> want = {
        {36000, 43200}, {72000, 86400}, {108000, 129600}, {144000, 172800}};
    REQUIRE(volume.cheaper_bands.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CHECK(volume.cheaper_bands[i].first == Approx(want[i].first).epsilon(0.001));
        CHECK(volume.cheaper_bands[i].second == Approx(want[i].second).epsilon(0.001));
    }
    // A dense scan agrees: every sampled volume is cheaper exactly inside the bands or above 180,000.
    std::vector<double> monthly, recurring;
    for (double v = 1000; v < 1e6; v *= 1.0007) {
        const bool cheaper = local_series(p, w, p.local[0], v, monthly, recurring) <=
                             cloud_series(p, w, p.cloud[0], v, monthly, recurring) * (1 + 1e-12);
        bool inside = v >= *volume.calls_per_day * 1.0001;
        for (const auto& [a, b] : want)
            inside = inside || (v >= a * 1.0001 && v <= b * 0.9999);
        bool edge = std::abs(v / *volume.calls_per_day - 1) < 0.0002;
        for (const auto& [a, b] : want)
            edge = edge || std::abs(v / a - 1) < 0.0002 || std::abs(v / b - 1) < 0.0002;
        INFO(v);
        if (!edge) CHECK(cheaper == inside);
    }
}

TEST_CASE("breakeven volume with growth (the band-edge walk) agrees with a dense scan") {
    // The several-bands profile with 1 % growth a month: every month's machine count steps at its
    // own volumes, so the closed form does not apply and the search walks the band edges.
    auto p = stepped(1.5);
    p.workloads[0].growth_per_month = Num::point(0.01);
    const auto& w = p.workloads[0];
    const auto volume = breakeven_volume(p, w, p.local[0], p.cloud[0]);
    REQUIRE(volume.calls_per_day);
    std::vector<double> monthly, recurring;
    double last_dearer = 0;
    for (double v = 1000; v < 2e6; v *= 1.0002) {
        if (local_series(p, w, p.local[0], v, monthly, recurring) >
            cloud_series(p, w, p.cloud[0], v, monthly, recurring) * (1 + 1e-12))
            last_dearer = v;
    }
    INFO("walk " << *volume.calls_per_day << ", dense scan " << last_dearer);
    CHECK(last_dearer <= *volume.calls_per_day);
    CHECK(last_dearer >= *volume.calls_per_day / 1.001);
    CHECK_FALSE(volume.cheaper_bands.empty()); // growth blurs the bands but does not remove them
    for (const auto& [a, b] : volume.cheaper_bands) {
        const double mid = (a + b) / 2;
        CHECK(local_series(p, w, p.local[0], mid, monthly, recurring) <=
              cloud_series(p, w, p.cloud[0], mid, monthly, recurring));
    }
}

TEST_CASE("no breakeven volume when local costs more per call") {
    const auto p = profile(R"(
workloads: [{name: w, calls: 100/day, input_tokens: 100, output_tokens: 10}]
options:
  cloud: [{name: cheap, price: {input_per_mtok: 0.01, output_per_mtok: 0.01}}]
  local:
    - name: slow
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {rent_per_hour: 10, billing: on_demand}
      throughput: {prefill_tokens_per_s: 10, decode_tokens_per_s: 1}
      setup_hours: 1
)");
    CHECK_FALSE(breakeven_volume(p, p.workloads[0], p.local[0], p.cloud[0]).calls_per_day);
}

TEST_CASE("breakeven volume is 0 when local is cheaper even with no calls") {
    const auto p = profile(R"(
workloads: [{name: w, calls: 100/day, input_tokens: 100, output_tokens: 10}]
options:
  cloud: [{name: pricey, price: {input_per_mtok: 1, output_per_mtok: 1}, fixed_monthly: 100}]
  local:
    - name: free
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 0}
      throughput: {prefill_tokens_per_s: 1000, decode_tokens_per_s: 100}
)");
    CHECK(*breakeven_volume(p, p.workloads[0], p.local[0], p.cloud[0]).calls_per_day == 0);
}

namespace {

std::vector<Profile> shipped_profiles() {
    std::vector<Profile> out;
    for (const char* name :
         {"autocomplete-latency", "budgets-example", "classification-100k", "classification-10k",
          "embeddings-search", "field-device-offline", "medical-records", "monitoring-10k", "monitoring-1k",
          "monitoring-agent-local", "monitoring-agent"}) {
        std::ifstream in(std::string(LLMTCO_SOURCE_DIR) + "/profiles/" + name + ".yaml");
        out.push_back(profile(std::string((std::istreambuf_iterator<char>(in)), {})));
    }
    return out;
}

} // namespace

TEST_CASE(
    "property: at every shipped pair's breakeven volume the totals meet, and local stays cheaper above") {
    std::mt19937 rng(9);
    int pairs = 0;
    for (const auto& p : shipped_profiles()) {
        for (const auto& w : p.workloads) {
            for (const auto& l : p.local) {
                for (const auto& c : p.cloud) {
                    const auto volume = breakeven_volume(p, w, l, c);
                    if (!volume.calls_per_day || *volume.calls_per_day == 0) continue;
                    const double v = *volume.calls_per_day;
                    INFO(l.name << " vs " << c.name << " at " << v);
                    std::vector<double> monthly, recurring;
                    const double local = local_series(p, w, l, v, monthly, recurring);
                    const double cloud = cloud_series(p, w, c, v, monthly, recurring);
                    CHECK(std::abs(local - cloud) <= 0.001 * cloud);
                    std::uniform_real_distribution<double> log_volume(std::log(v * 1.001), std::log(1e9));
                    for (int i = 0; i < 10; ++i) {
                        const double x = std::exp(log_volume(rng));
                        LocalSummary s;
                        const double lx = local_series(p, w, l, x, monthly, recurring, &s);
                        INFO("at " << x);
                        CHECK(s.feasible);
                        CHECK(lx <= cloud_series(p, w, c, x, monthly, recurring) * (1 + 1e-9));
                    }
                    ++pairs;
                }
            }
        }
    }
    CHECK(pairs >= 8);
}

TEST_CASE("property: on every shipped profile the total steps from H to H+1 by at most a month's costs") {
    for (const auto& base : shipped_profiles()) {
        for (int h = 30; h <= 40; ++h) {
            Profile a = base;
            a.settings.horizon_months = h;
            Profile b = base;
            b.settings.horizon_months = h + 1;
            const auto ra = estimate(a);
            const auto rb = estimate(b);
            for (std::size_t wi = 0; wi < ra.workloads.size(); ++wi) {
                for (std::size_t o = 0; o < ra.workloads[wi].options.size(); ++o) {
                    const auto& x = ra.workloads[wi].options[o];
                    const auto& y = rb.workloads[wi].options[o];
                    INFO(x.name << " at --horizon " << h);
                    // Month H+1's recurring cost, one month of depreciation of the machines then in use,
                    // and the setup of machines added that month (replacements are no new setup).
                    double bound = y.recurring_cost.back() + 1e-6 * std::max(1.0, y.total_cost);
                    if (y.kind == OptionKind::local) {
                        const auto& l = base.local[o - base.cloud.size()];
                        if (!l.hardware.rented() && l.hardware.purchase)
                            bound +=
                                *y.machines * l.hardware.purchase->value / l.hardware.lifetime_months.value;
                        bound += (*y.machines - *x.machines) * l.setup_hours_per_added_machine.value *
                                 base.settings.labor_rate_per_hour.value;
                    }
                    CHECK(y.total_cost - x.total_cost <= bound);
                }
            }
        }
    }
}

TEST_CASE("the scans agree whether the flows carry their sums and month H's book value or not") {
    // The sweep path hands the scans the totals its loops kept and the book value only at H (the
    // rest computed when a scan walks back past it); the plain path sums the months itself. Every
    // shipped profile, at its own volume and at 1/10 and 10× of it, on 12 to 120 months.
    int compared = 0;
    for (const auto& base : shipped_profiles()) {
        for (const int horizon : {12, 36, 120}) {
            for (const double scale : {0.1, 1.0, 10.0}) {
                auto p = base;
                p.settings.horizon_months = horizon;
                for (const auto& w : p.workloads) {
                    const double cpd = w.calls.calls_per_day(p.settings.days_per_month) * scale;
                    for (const auto& l : p.local) {
                        std::vector<double> monthly, recurring, cloud_monthly, cloud_recurring;
                        LocalSummary summary;
                        local_series(p, w, l, cpd, monthly, recurring, &summary);
                        const auto with = local_flows(l, monthly, recurring, summary);
                        auto without = with;
                        without.sums.reset();
                        for (const auto& c : p.cloud) {
                            const double total = cloud_series(p, w, c, cpd, cloud_monthly, cloud_recurring);
                            const CloudFlows cw{cloud_monthly, cloud_recurring.back(), FlowSums{total}};
                            const CloudFlows cwo{cloud_monthly, cloud_recurring.back(), std::nullopt};
                            std::optional<int> month_with, month_without;
                            const auto months_with = breakeven_months(with, cw, &month_with);
                            const auto months_without = breakeven_months(without, cwo, &month_without);
                            CHECK(months_with == months_without);
                            CHECK(month_with == month_without);
                            // and the allocating scan of estimate agrees with both
                            const auto timing = breakeven_timing(without, cwo);
                            CHECK(timing.months == months_with);
                            CHECK(timing.month == month_with);
                            ++compared;
                        }
                    }
                }
            }
        }
    }
    CHECK(compared > 100);
}

TEST_CASE("a fixed fleet on spot: the breakeven volume sits where the totals meet (property)") {
    // One machine that loses a quarter of its time to interruptions (6 a day × 60 min): it
    // overflows where the calls it serves while up, availability × 0.75, exceed its capacity.
    const auto p = profile(R"(
settings: {horizon_months: 1, labor_rate_per_hour: 100}
workloads: [{name: w, calls: 100k/day, input_tokens: 1000, output_tokens: 200}]
options:
  cloud:
    - {name: cheap, model: gpt-4o-mini}
    - {name: mid, price: {input_per_mtok: 3.27, output_per_mtok: 0}}
  local:
    - name: gpu
      machines: 1
      hardware:
        rent_per_hour: 200
        spot: {rent_per_hour: 200, interruptions_per_day: 6, minutes_lost_per_interruption: 60}
      throughput: {prefill_tokens_per_s: 50000, decode_tokens_per_s: 500, concurrency: 8}
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      fallback: cheap
)");
    const auto& w = p.workloads[0];
    const auto volume = breakeven_volume(p, w, p.local[0], p.cloud[1]);
    REQUIRE(volume.calls_per_day);
    std::vector<double> monthly, recurring;
    const double v = *volume.calls_per_day;
    const double local = local_series(p, w, p.local[0], v, monthly, recurring);
    const double cloud = cloud_series(p, w, p.cloud[1], v, monthly, recurring);
    CHECK(std::abs(local - cloud) / cloud < 0.001); // was 0.8 % off with the edges at availability alone
}
