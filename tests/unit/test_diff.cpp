// `llm-tco diff` in the engine: per workload and option, the old and new month-1 recurring cost
// (run-rate) and total, the change in money and percent, added/removed items, a changed
// recommendation, and which totals grew by more than a percentage.
// Every profile: days_per_month 30, 12 months, haiku $0.80 / $4.00 per Mtok (catalog).

#include "helpers.hpp"
#include "llmtco/diff.hpp"
#include "render/ci.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace llmtco;
using llmtco::test::profile;

namespace {

Result result_of(const std::string& yaml, const std::vector<std::string>& sets = {}) {
    return estimate(profile(yaml, sets));
}

const WorkloadDiff& workload(const Diff& d, const std::string& name) {
    for (const auto& w : d.workloads) {
        if (w.name == name) return w;
    }
    throw std::runtime_error("no workload " + name);
}

const OptionDiff& option(const WorkloadDiff& w, const std::string& name) {
    for (const auto& o : w.options) {
        if (o.name == name) return o;
    }
    throw std::runtime_error("no option " + name);
}

// agent: 1,000 calls/day × 30 = 30,000 calls/month
//   haiku (500·0.80 + 50·4.00)/1e6 = $0.0006 → $18.00/month, $216.00 over 12 months
//   cheap (500·0.10 + 50·0.40)/1e6 = $0.00007 → $2.10/month, $25.20 → recommended
// old-job: 100/day × 30 = 3,000 calls, 1,000 input tokens
//   haiku 1000·0.80/1e6 = $0.0008 → $2.40/month, $28.80; cheap $0.0001 → $0.30/month, $3.60
const std::string kBefore = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads:
  - {name: agent, calls: 1000/day, input_tokens: 500, output_tokens: 50}
  - {name: old-job, calls: 100/day, input_tokens: 1000, output_tokens: 0}
options:
  cloud:
    - name: haiku
      model: claude-3-5-haiku
    - name: cheap
      price: {input_per_mtok: 0.10, output_per_mtok: 0.40}
)";

// agent: 1,300 calls/day × 30 = 39,000 calls/month
//   haiku 39,000 × $0.0006 = $23.40/month, $280.80 → recommended
//   pricey (500·1.00 + 50·4.00)/1e6 = $0.0007 → $27.30/month, $327.60 (added); cheap removed
// new-job (added): haiku $2.40 / $28.80; pricey 1000·1.00/1e6 = $0.001 → $3.00/month, $36.00
const std::string kAfter = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads:
  - {name: agent, calls: 1300/day, input_tokens: 500, output_tokens: 50}
  - {name: new-job, calls: 100/day, input_tokens: 1000, output_tokens: 0}
options:
  cloud:
    - name: haiku
      model: claude-3-5-haiku
    - name: pricey
      price: {input_per_mtok: 1.00, output_per_mtok: 4.00}
)";

} // namespace

TEST_CASE("diff: a changed option carries old, new, change and percent") {
    const auto d = diff_results(result_of(kBefore), result_of(kAfter));
    CHECK(d.currency == "USD");
    const auto& agent = workload(d, "agent");
    CHECK(agent.status == DiffStatus::changed);
    const auto& haiku = option(agent, "haiku");
    CHECK(haiku.status == DiffStatus::changed);
    CHECK(*haiku.old_monthly == Approx(18.0));  // 30,000 × $0.0006
    CHECK(*haiku.new_monthly == Approx(23.4));  // 39,000 × $0.0006
    CHECK(haiku.monthly_change == Approx(5.4)); // 23.40 − 18.00
    CHECK(*haiku.monthly_percent == Approx(30.0));
    CHECK(*haiku.old_total == Approx(216.0));    // 12 × 18
    CHECK(*haiku.new_total == Approx(280.8));    // 12 × 23.40
    CHECK(haiku.total_change == Approx(64.8));   // 280.80 − 216.00
    CHECK(*haiku.total_percent == Approx(30.0)); // 64.80 / 216.00
}

TEST_CASE("diff: a cost that falls has a negative change and percent") {
    // input 500 → 250 tokens: (250·0.80 + 50·4.00)/1e6 = $0.0004 × 30,000 = $12.00/month, $144.00
    const auto before = result_of(kBefore);
    const auto after = result_of(kBefore, {"workloads.agent.input_tokens=250"});
    const auto d = diff_results(before, after); // kept alive: option() returns a reference into it
    const auto& haiku = option(workload(d, "agent"), "haiku");
    CHECK(haiku.status == DiffStatus::changed);
    CHECK(haiku.monthly_change == Approx(-6.0));           // 12 − 18
    CHECK(*haiku.monthly_percent == Approx(-100.0 / 3.0)); // −6 / 18 = −33.3 %
    CHECK(haiku.total_change == Approx(-72.0));            // 144 − 216
    CHECK(*haiku.total_percent == Approx(-100.0 / 3.0));
}

TEST_CASE("diff: the run-rate is month 1's recurring cost, setup shows in the total only") {
    // 2 h setup × $150 = $300 once: run-rate stays $18.00, total 216 → 516 (+138.9 %)
    const auto before = result_of(kBefore);
    const auto after = result_of(kBefore, {"options.cloud.haiku.setup_hours=2"});
    const auto d = diff_results(before, after); // kept alive: option() returns a reference into it
    const auto& haiku = option(workload(d, "agent"), "haiku");
    CHECK(haiku.status == DiffStatus::changed);
    CHECK(*haiku.new_monthly == Approx(18.0));
    CHECK(haiku.monthly_change == Approx(0.0).margin(1e-12));
    CHECK(*haiku.new_total == Approx(516.0));
    CHECK(haiku.total_change == Approx(300.0));
    CHECK(*haiku.total_percent == Approx(300.0 / 216.0 * 100)); // 138.89 %
}

TEST_CASE("diff: added and removed options and workloads") {
    const auto d = diff_results(result_of(kBefore), result_of(kAfter));
    REQUIRE(d.workloads.size() == 3); // agent, old-job (removed), new-job (added)
    CHECK(d.workloads[0].name == "agent");
    CHECK(d.workloads[1].name == "old-job");
    CHECK(d.workloads[2].name == "new-job");

    const auto& agent = workload(d, "agent");
    REQUIRE(agent.options.size() == 3);
    const auto& cheap = option(agent, "cheap");
    CHECK(cheap.status == DiffStatus::removed);
    CHECK(*cheap.old_monthly == Approx(2.1)); // 30,000 × $0.00007
    CHECK_FALSE(cheap.new_monthly);
    CHECK(*cheap.old_total == Approx(25.2)); // 12 × 2.10
    CHECK_FALSE(cheap.new_total);
    CHECK(cheap.total_change == Approx(-25.2));
    const auto& pricey = option(agent, "pricey");
    CHECK(pricey.status == DiffStatus::added);
    CHECK_FALSE(pricey.old_monthly);
    CHECK(*pricey.new_monthly == Approx(27.3)); // 39,000 × $0.0007
    CHECK(*pricey.new_total == Approx(327.6));  // 12 × 27.30
    CHECK(pricey.total_change == Approx(327.6));
    CHECK_FALSE(pricey.total_percent);

    const auto& old_job = workload(d, "old-job");
    CHECK(old_job.status == DiffStatus::removed);
    REQUIRE(old_job.options.size() == 2);
    for (const auto& o : old_job.options)
        CHECK(o.status == DiffStatus::removed);
    CHECK(*option(old_job, "haiku").old_total == Approx(28.8)); // 3,000 × $0.0008 × 12
    CHECK(*option(old_job, "cheap").old_total == Approx(3.6));  // 3,000 × $0.0001 × 12

    const auto& new_job = workload(d, "new-job");
    CHECK(new_job.status == DiffStatus::added);
    REQUIRE(new_job.options.size() == 2);
    for (const auto& o : new_job.options)
        CHECK(o.status == DiffStatus::added);
    CHECK(*option(new_job, "pricey").new_monthly == Approx(3.0)); // 3,000 × $0.001
    CHECK(*option(new_job, "pricey").new_total == Approx(36.0));
}

TEST_CASE("diff: a changed recommendation is flagged") {
    const auto d = diff_results(result_of(kBefore), result_of(kAfter));
    const auto& agent = workload(d, "agent");
    CHECK(agent.recommendation_changed);
    CHECK(agent.old_recommendation == "cheap"); // $25.20 < $216.00
    CHECK(agent.new_recommendation == "haiku"); // $280.80 < $327.60
    // a removed or added workload has nothing to compare
    CHECK_FALSE(workload(d, "old-job").recommendation_changed);
    CHECK_FALSE(workload(d, "new-job").recommendation_changed);
}

TEST_CASE("diff: identical profiles are unchanged throughout") {
    const auto d = diff_results(result_of(kBefore), result_of(kBefore));
    for (const auto& w : d.workloads) {
        CHECK(w.status == DiffStatus::unchanged);
        CHECK_FALSE(w.recommendation_changed);
        for (const auto& o : w.options) {
            CHECK(o.status == DiffStatus::unchanged);
            CHECK(o.total_change == 0);
            CHECK(*o.total_percent == 0);
        }
    }
    CHECK(totals_grown_above(d, 0).empty());
}

TEST_CASE("diff: totals_grown_above names the options that grew by more than the limit") {
    // agent/haiku grew by exactly 30 % (216 → 280.80); nothing else that exists on both sides changed
    const auto d = diff_results(result_of(kBefore), result_of(kAfter));
    const auto grown = totals_grown_above(d, 29.9);
    REQUIRE(grown.size() == 1);
    CHECK(grown[0] == "agent/haiku");
    CHECK(totals_grown_above(d, 30.1).empty());
    // exactly the limit is not "more than" it: 64.80 / 216.00 = 30 %, whatever the rounding error
    CHECK(totals_grown_above(d, 30).empty());
    CHECK(totals_grown_above(d, 100).empty());

    // a cost that falls never counts: after → before is −23.1 % for agent/haiku
    CHECK(totals_grown_above(diff_results(result_of(kAfter), result_of(kBefore)), 0).empty());
}

TEST_CASE("diff: growth from $0 counts as above any limit") {
    // 0 calls → 1 call/day: $0 → 30 × $0.0006 × 12 = $0.216 over 12 months; no percent exists
    const auto zero = result_of(kBefore, {"workloads.agent.calls=0"});
    const auto one = result_of(kBefore, {"workloads.agent.calls=1/day"});
    const auto d = diff_results(zero, one);
    const auto& haiku = option(workload(d, "agent"), "haiku");
    CHECK(haiku.status == DiffStatus::changed);
    CHECK(*haiku.old_total == 0);
    CHECK(*haiku.new_total == Approx(0.216));
    CHECK_FALSE(haiku.total_percent);
    CHECK_FALSE(haiku.monthly_percent);
    const auto grown = totals_grown_above(d, 1e6);
    REQUIRE(grown.size() == 2); // agent/haiku and agent/cheap (30 × $0.00007 × 12 = $0.0252)
    CHECK(grown[0] == "agent/haiku");
    CHECK(grown[1] == "agent/cheap");
    // $0 → $0 is no growth
    CHECK(totals_grown_above(diff_results(zero, zero), 0).empty());
}

TEST_CASE("diff reports an option that became infeasible, with the reason, and its residual value") {
    // The box's model needs 8 × 4/8 = 4 GB: it fits in 8 GB of RAM, not in 2. Its $1,000 purchase
    // over a 60-month life has 60 − 12 = 48 months left at month 12: residual 1,000 × 48/60 = $800.
    const char* kBox = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 100/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: api, price: {input_per_mtok: 1, output_per_mtok: 4}}]
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 1000, lifetime_months: 60, ram_gb: 8}
      model: {params_b: 8, bits_per_weight: 4}
      throughput: {prefill_tokens_per_s: 1000, decode_tokens_per_s: 50}
)";
    const auto before = estimate(profile(kBox));
    const auto after = estimate(profile(kBox, {"options.local.box.hardware.ram_gb=2"}));
    const auto d = diff_results(before, after);
    const auto& box = d.workloads[0].options[1];
    REQUIRE(box.name == "box");
    CHECK(box.status == DiffStatus::changed); // same money, but no longer feasible
    CHECK(box.old_feasible == true);
    CHECK(box.new_feasible == false);
    CHECK(box.feasibility_changed());
    CHECK(box.old_residual_value.value() == Approx(800));
    CHECK_FALSE(d.workloads[0].options[0].old_residual_value); // cloud: none
    const auto text = render::diff_text(d, render::Style{});
    CHECK_THAT(text, Catch::Contains(
                         "box: now infeasible, excluded from the recommendation (the model does not fit"));
    const auto json = render::diff_json(d);
    CHECK(json["workloads"][0]["options"][1]["new_feasible"] == false);
    CHECK(json["workloads"][0]["options"][1]["old_residual_value"].get<double>() == Approx(800));
}
