// Budgets (`llm-tco check`): every budget kind passing and failing, with hand-worked figures.
// Prices: claude-3-5-haiku $0.80 / $4.00 per Mtok (catalog); "cheap" is an explicit $0.10 / $0.40.
// Every profile uses days_per_month 30 and labor at the default $150/h.

#include "helpers.hpp"
#include "llmtco/budget.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace llmtco;
using llmtco::test::profile;

namespace {

std::vector<BudgetResult> check(const std::string& yaml, const std::vector<std::string>& sets = {}) {
    const auto p = profile(yaml, sets);
    return check_budgets(p, estimate(p));
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// One workload with 10 % monthly growth over 12 months, a cloud option with setup and maintenance,
// and an owned box replaced every 6 months.
//   haiku per call: (500·0.80 + 50·4.00)/1e6 = $0.0006
//   calls in month m: 1,000/day × 30 × 1.1^(m−1) = 30,000 × 1.1^(m−1)
//   haiku recurring_m = calls_m × $0.0006 + 1 h × $150 maintenance
//     month 1:  30,000 × 0.0006 + 150 = $168.00 (cash view adds setup 10 h × $150 = $1,500 → $1,668)
//     month 12: 30,000 × 1.1^11 = 85,593.50 calls × 0.0006 = $51.3561 + 150 = $201.3561  ← the largest
//   haiku total: 18 × (1.1^12 − 1)/0.1 = 18 × 21.384284 = $384.9171 + 12 × 150 + 1,500 = $3,684.9171
//   box: t = 500/5000 + 50/100 = 0.6 s a call; 1 machine holds 720 h × 0.8 × 3600 / 0.6 = 3,456,000
//     calls a month (month 12 needs 85,594): no overflow. No power. Recurring: 0.1 h × $150 = $15.00.
//     One-time: purchase $1,200 in month 1 and again in month 7 (lifetime 6), setup 2 h × $150 = $300.
//     total = 2 × 1,200 + 300 + 12 × 15 = $2,880 → the recommended option (cheaper than $3,684.92).
const std::string kGrowth = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads:
  - name: grow
    calls: 1000/day
    input_tokens: 500
    output_tokens: 50
    growth_per_month: 10%
options:
  cloud:
    - name: haiku
      model: claude-3-5-haiku
      setup_hours: 10
      maintenance_hours_per_month: 1
  local:
    - name: box
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 1200, lifetime_months: 6, ram_gb: 64}
      machines: 1
      model: {params_b: 8, bits_per_weight: 4, kv_cache_gb: 0, overhead_gb: 0}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 100}
      power: {idle_watts: 0, active_watts: 0}
      setup_hours: 2
      maintenance_hours_per_month: 0.1
      availability: 1
)";

// 10,000 calls a day for 12 months (300,000 calls a month, 3,600,000 in all), two cloud options
// and one owned box.
//   haiku: 300,000 × $0.0006 = $180.00/month, total $2,160.00, $0.60 per 1,000 calls
//   cheap: (500·0.10 + 50·0.40)/1e6 = $0.00007 × 300,000 = $21.00/month, total $252.00,
//          1000 × 252 / 3,600,000 = $0.07 per 1,000 calls → the cheapest option: recommended
//   box:   purchase $1,000 in month 1, no power, 0.1 h × $150 = $15.00/month maintenance;
//          total 1,000 + 12 × 15 = $1,180.00; 1000 × 1,180 / 3,600,000 = $0.32778 per 1,000 calls
//   box vs haiku: cumulative 1,000 + 15m ≤ 180m → m ≥ 6.06: month 6 is 1,090 > 1,080, month 7 is
//          1,105 ≤ 1,260 → 7 months
//   box vs cheap (the cheapest cloud option by total): never within 12 months (1,180 > 252);
//          extrapolated: saving r = 21 − 15 = $6/month, gap 1,180 − 252 = 928 → 12 + 928/6 = 166.667
//          months (13.9 years)
const std::string kAgent = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads:
  - name: agent
    calls: 10k/day
    input_tokens: 500
    output_tokens: 50
options:
  cloud:
    - name: haiku
      model: claude-3-5-haiku
    - name: cheap
      price: {input_per_mtok: 0.10, output_per_mtok: 0.40}
  local:
    - name: box
      setup_hours: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 1000, lifetime_months: 36, ram_gb: 64}
      machines: 1
      model: {params_b: 8, bits_per_weight: 4, kv_cache_gb: 0, overhead_gb: 0}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 100}
      power: {idle_watts: 0, active_watts: 0}
      maintenance_hours_per_month: 0.1
      availability: 1
)";

} // namespace

TEST_CASE("budget max_monthly: the largest recurring month, setup and growth accounted for") {
    const auto results = check(kGrowth + R"(
budgets:
  - {option: haiku, max_monthly: 201.36}
  - {option: haiku, max_monthly: 201.35}
  - {option: box, max_monthly: 15}
  - {option: box, max_monthly: 14.99}
)");
    REQUIRE(results.size() == 4);
    for (const auto& r : results) {
        CHECK(r.kind == BudgetKind::max_monthly);
        CHECK(r.workload == "grow");
    }

    // month 12: 30,000 × 1.1^11 × $0.0006 + $150 = $201.3561 — not month 1's $1,668 cash (setup
    // included) and not month 1's $168 recurring (growth ignored)
    CHECK(results[0].option == "haiku");
    REQUIRE(results[0].actual);
    CHECK(*results[0].actual == Approx(201.3561007));
    CHECK(results[0].limit == Approx(201.36));
    CHECK(results[0].pass);       // 201.3561 ≤ 201.36
    CHECK_FALSE(results[1].pass); // 201.3561 > 201.35
    CHECK(results[1].actual_text == "$201.36");
    CHECK(results[1].limit_text == "≤ $201.35");
    CHECK(contains(results[1].message, "grow/haiku"));
    CHECK(contains(results[1].message, "exceeds"));
    CHECK(results[1].loc.file == "p.yaml");
    CHECK(results[1].loc.line == results[0].loc.line + 1); // each result points at its own entry

    // box: $15.00 maintenance every month; the $1,200 purchases (months 1 and 7) and the $300 setup
    // are one-time charges and stay out
    CHECK(results[2].option == "box");
    REQUIRE(results[2].actual);
    CHECK(*results[2].actual == Approx(15.0));
    CHECK(results[2].pass); // 15 ≤ 15: a limit equal to the figure passes
    CHECK_FALSE(results[3].pass);
    CHECK(*results[3].actual == Approx(15.0));
}

TEST_CASE("budget max_total: the total over the horizon, one-time charges included") {
    const auto results = check(kGrowth + R"(
budgets:
  - {option: haiku, max_total: 3685}
  - {option: haiku, max_total: 3684}
  - {max_total: 2880}
  - {max_total: 2879.99}
)");
    REQUIRE(results.size() == 4);
    // haiku: usage 18 × 21.384284 = 384.9171 + maintenance 12 × 150 + setup 1,500 = $3,684.9171
    REQUIRE(results[0].actual);
    CHECK(*results[0].actual == Approx(3684.917108));
    CHECK(results[0].kind == BudgetKind::max_total);
    CHECK(results[0].pass);
    CHECK_FALSE(results[1].pass);
    CHECK(results[1].actual_text == "$3,684.92");
    CHECK(contains(results[1].message, "12-month total"));
    // no option: the recommended one, box: 2 × $1,200 + $300 + 12 × $15 = $2,880
    CHECK(results[2].option == "box");
    CHECK(*results[2].actual == Approx(2880.0));
    CHECK(results[2].pass);
    CHECK(results[3].option == "box");
    CHECK_FALSE(results[3].pass);
}

TEST_CASE("budget max_cost_per_1k_calls: all-in cost per 1,000 calls") {
    const auto results = check(kAgent + R"(
budgets:
  - {max_cost_per_1k_calls: 0.07}
  - {max_cost_per_1k_calls: 0.069}
  - {option: box, max_cost_per_1k_calls: 0.15}
  - {option: box, max_cost_per_1k_calls: 0.14}
  - {option: haiku, max_cost_per_1k_calls: 0.60}
)");
    REQUIRE(results.size() == 5);
    for (const auto& r : results)
        CHECK(r.kind == BudgetKind::max_cost_per_1k_calls);
    // recommended: cheap, 1000 × $252 / 3,600,000 calls = $0.07
    CHECK(results[0].option == "cheap");
    CHECK(*results[0].actual == Approx(0.07));
    CHECK(results[0].pass);
    CHECK_FALSE(results[1].pass);
    // box: $1,180 of cash less its book value at month 12, 1,000 × (1 − 12/36) = $666.67:
    // 1000 × $513.33 / 3,600,000 = $0.142593
    CHECK(results[2].option == "box");
    CHECK(*results[2].actual == Approx(0.1425926));
    CHECK(results[2].pass);
    CHECK_FALSE(results[3].pass);
    CHECK(results[3].actual_text == "$0.14");
    CHECK(contains(results[3].message, "agent/box"));
    // haiku: $0.0006 a call = $0.60 per 1,000, at the limit
    CHECK(*results[4].actual == Approx(0.60));
    CHECK(results[4].pass);
}

TEST_CASE("budget breakeven_within_months against a named cloud option") {
    const auto results = check(kAgent + R"(
budgets:
  - {option: box, against: haiku, breakeven_within_months: 1}
  - {option: box, against: haiku, breakeven_within_months: 0}
)");
    REQUIRE(results.size() == 2);
    for (const auto& r : results) {
        CHECK(r.kind == BudgetKind::breakeven_within_months);
        CHECK(r.option == "box");
        CHECK(r.against == "haiku");
        REQUIRE(r.actual);
        // Net view: month 1 box costs $1,000 + $15 less its book value 1,000 × 35/36 = $972.22, i.e.
        // $42.78, against haiku's $180; from then on it loses $27.78 of book value and $15 of upkeep a
        // month against haiku's $180, and over a 36-month life it saves 36 × 165 − 1,000 = $4,940:
        // ahead from month 1, for good.
        CHECK(*r.actual == Approx(1.0));
        CHECK(r.actual_text == "1 month");
    }
    CHECK(results[0].pass);
    CHECK(results[0].limit_text == "≤ 1 month");
    CHECK_FALSE(results[1].pass);
    CHECK(contains(results[1].message, "haiku"));
    CHECK(contains(results[1].message, "beyond"));
}

TEST_CASE("budget breakeven_within_months defaults to the cheapest cloud option") {
    const auto results = check(kAgent + R"(
budgets:
  - {option: box, breakeven_within_months: 24}
  - {option: box, breakeven_within_months: 1200}
)");
    REQUIRE(results.size() == 2);
    for (const auto& r : results) {
        // cheap ($252) is cheaper than haiku ($2,160), so the default is cheap, not the first listed.
        CHECK(r.against == "cheap");
        // Against cheap ($21 a month) box saves $6 a month: $216 over its 36-month life, less than its
        // $1,000 replacement. The old straight-line answer (166.7 months) forgot that purchase: never.
        CHECK_FALSE(r.actual);
        CHECK(r.actual_text == "never");
        CHECK_FALSE(r.pass);
    }
}

TEST_CASE("budget breakeven_within_months that never comes fails with 'never'") {
    // maintenance raised to 1 h × $150 = $150/month: box costs more every month than cheap ($21),
    // so the recurring saving 21 − 150 < 0 and it never catches up → "never", a failure
    const auto results = check(kAgent + R"(
budgets:
  - {option: box, breakeven_within_months: 1200}
)",
                               {"options.local.box.maintenance_hours_per_month=1"});
    REQUIRE(results.size() == 1);
    CHECK(results[0].against == "cheap");
    CHECK_FALSE(results[0].actual);
    CHECK(results[0].actual_text == "never");
    CHECK_FALSE(results[0].pass);
    CHECK(contains(results[0].message, "never"));
}

TEST_CASE("budget recommend: cloud, local or an option name") {
    const std::string budgets = R"(
budgets:
  - {recommend: cloud}
  - {recommend: local}
  - {recommend: cheap}
  - {recommend: haiku}
  - {recommend: box}
)";
    SECTION("at 10k/day the cheapest is cheap ($252 vs box $1,180 vs haiku $2,160)") {
        const auto results = check(kAgent + budgets);
        REQUIRE(results.size() == 5);
        for (const auto& r : results) {
            CHECK(r.kind == BudgetKind::recommend);
            CHECK(r.actual_text == "cheap (cloud)");
        }
        CHECK(results[0].pass);
        CHECK_FALSE(results[1].pass);
        CHECK(results[2].pass);
        CHECK_FALSE(results[3].pass);
        CHECK_FALSE(results[4].pass);
        CHECK(results[1].limit_text == "local");
        CHECK(contains(results[1].message, "expects local"));
    }
    SECTION("at 100k/day box wins") {
        // cheap: 3,000,000 calls × $0.00007 = $210/month = $2,520; haiku $21,600;
        // box: still 1 machine (3,000,000 ≤ 3,456,000 calls of capacity) = $1,180
        const auto results = check(kAgent + budgets, {"workloads.agent.calls=100k/day"});
        REQUIRE(results.size() == 5);
        for (const auto& r : results)
            CHECK(r.actual_text == "box (local)");
        CHECK_FALSE(results[0].pass);
        CHECK(results[1].pass);
        CHECK_FALSE(results[2].pass);
        CHECK_FALSE(results[3].pass);
        CHECK(results[4].pass);
    }
}

TEST_CASE("a budget without workload applies to every workload; without option to the recommended one") {
    // small: 48 calls/day × 30 = 1,440 calls × $0.0006 = $0.864/month (the article's figure)
    // big:   10,000/day × 30 = 300,000 calls × $0.0006 = $180.00/month
    // only one option, so haiku is recommended for both
    const auto results = check(R"(
settings: {days_per_month: 30}
workloads:
  - {name: small, calls: every 30 minutes, input_tokens: 500, output_tokens: 50}
  - {name: big, calls: 10k/day, input_tokens: 500, output_tokens: 50}
options:
  cloud:
    - name: haiku
      model: claude-3-5-haiku
budgets:
  - {max_monthly: 10}
  - {workload: big, max_monthly: 200}
)");
    REQUIRE(results.size() == 3);
    CHECK(results[0].workload == "small");
    CHECK(results[0].option == "haiku");
    CHECK(*results[0].actual == Approx(0.864));
    CHECK(results[0].actual_text == "$0.86");
    CHECK(results[0].pass);
    CHECK(results[1].workload == "big");
    CHECK(*results[1].actual == Approx(180.0));
    CHECK_FALSE(results[1].pass);
    CHECK(results[2].workload == "big");
    CHECK(results[2].pass);
}

TEST_CASE("a budget with several keys yields one result per assertion") {
    const auto results = check(kAgent + R"(
budgets:
  - {option: haiku, max_monthly: 179, max_total: 2160, max_cost_per_1k_calls: 1}
)");
    REQUIRE(results.size() == 3);
    CHECK(results[0].kind == BudgetKind::max_monthly);
    CHECK_FALSE(results[0].pass); // 180 > 179
    CHECK(results[1].kind == BudgetKind::max_total);
    CHECK(results[1].pass); // 12 × 180 = 2,160 ≤ 2,160
    CHECK(results[2].kind == BudgetKind::max_cost_per_1k_calls);
    CHECK(results[2].pass); // 0.60 ≤ 1
    for (const auto& r : results)
        CHECK(r.loc.line == results[0].loc.line);
}

TEST_CASE("a numeric budget with no option to check fails and says why, one result per assertion") {
    // data_must_stay_local excludes the only option, so nothing is recommended
    const auto results = check(R"(
settings: {days_per_month: 30}
workloads:
  - {name: secret, calls: 48/day, input_tokens: 500, output_tokens: 50, data_must_stay_local: true}
options:
  cloud: [{name: haiku, model: claude-3-5-haiku}]
budgets:
  - {max_total: 100}
  - {max_cost_per_1k_calls: 1}
  - {breakeven_within_months: 12}
  - {max_monthly: 1, max_total: 100}
  - {recommend: cloud}
)");
    REQUIRE(results.size() == 6);
    // each result keeps its own kind, so the report names the budget that could not be checked
    CHECK(results[0].kind == BudgetKind::max_total);
    CHECK(results[1].kind == BudgetKind::max_cost_per_1k_calls);
    CHECK(results[2].kind == BudgetKind::breakeven_within_months);
    CHECK(results[3].kind == BudgetKind::max_monthly);
    CHECK(results[4].kind == BudgetKind::max_total);
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("result " << i);
        CHECK_FALSE(results[i].pass);
        CHECK_FALSE(results[i].actual);
        CHECK(contains(results[i].message, "no option is recommended"));
    }
    CHECK(results[5].kind == BudgetKind::recommend);
    CHECK_FALSE(results[5].pass);
    CHECK(results[5].actual_text == "none");
}

TEST_CASE("budget kind names are the profile keys") {
    CHECK(budget_kind_name(BudgetKind::max_monthly) == "max_monthly");
    CHECK(budget_kind_name(BudgetKind::max_total) == "max_total");
    CHECK(budget_kind_name(BudgetKind::max_cost_per_1k_calls) == "max_cost_per_1k_calls");
    CHECK(budget_kind_name(BudgetKind::breakeven_within_months) == "breakeven_within_months");
    CHECK(budget_kind_name(BudgetKind::recommend) == "recommend");
}
