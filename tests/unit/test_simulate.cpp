#include "helpers.hpp"
#include "llmtco/fields.hpp"
#include "llmtco/simulate.hpp"
#include "llmtco/sweep.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace llmtco;
using llmtco::test::profile;

namespace {
// Local total = setup·$150 + purchase (no running costs, no residual value); cloud total =
// 36 × (1,440 calls × $0.0006 + $20).
const char* kUniform = R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: every 30 minutes, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: haiku, model: claude-3-5-haiku, fixed_monthly: 20}]
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 0..1000, lifetime_months: 100, residual: none}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
)";
} // namespace

TEST_CASE("the scenario evaluator agrees with estimate") {
    const auto p = profile(kUniform, {"options.local.box.hardware.purchase=400"});
    const auto r = estimate(p);
    ScenarioEvaluator evaluator;
    std::vector<ScenarioWorkload> figures;
    evaluator.evaluate(p, figures);
    REQUIRE(figures.size() == 1);
    CHECK(figures[0].totals[0] == Approx(r.workloads[0].options[0].total_cost));
    CHECK(figures[0].totals[1] == Approx(r.workloads[0].options[1].total_cost));
    CHECK(figures[0].breakeven_months[0].value() == Approx(r.workloads[0].breakeven[0].months.value()));
    CHECK(figures[0].recommended == 1); // $400 < 36 × ($20 + $0.864) = $751.10
}

TEST_CASE("ranged fields are found by PATH") {
    auto p = profile(kUniform);
    const auto fields = ranged_fields(p);
    REQUIRE(fields.size() == 1);
    CHECK(fields[0].path == "options.local.box.hardware.purchase");
    CHECK(fields[0].num->value == 500); // the mean of 0..1000
}

TEST_CASE("draws follow the inverse CDF of uniform and triangular ranges") {
    CHECK(draw(Num::uniform(10, 20), 0.25) == Approx(12.5));
    const auto tri = Num::triangular(0, 0, 10);                 // F(x) = 1 − (1 − x/10)²
    CHECK(draw(tri, 0.75) == Approx(5));                        // 1 − (1 − 0.5)² = 0.75
    CHECK(draw(Num::triangular(0, 10, 10), 0.25) == Approx(5)); // F(x) = (x/10)²
    CHECK(sample_uniform(1, 2, 3) == sample_uniform(1, 2, 3));
    CHECK(sample_uniform(1, 2, 3) != sample_uniform(1, 3, 3));
}

TEST_CASE("a uniform purchase gives the closed-form probability and quantiles") {
    const auto p = profile(kUniform);
    SimulateOptions o;
    o.samples = 200000;
    o.seed = 42;
    o.threads = 2;
    const auto sim = simulate(p, o);
    const auto& w = sim.workloads[0];
    // cloud: 36 × (1,440 × $0.0006 + $20) = 36 × 20.864 = $751.104, constant
    CHECK(w.options[0].mean == Approx(751.104));
    // local: purchase ~ U(0, 1000) → P10 = 100, P50 = 500, P90 = 900; mean 500
    CHECK(w.options[1].mean == Approx(500).margin(5));
    CHECK(w.options[1].p10 == Approx(100).margin(5));
    CHECK(w.options[1].p50 == Approx(500).margin(5));
    CHECK(w.options[1].p90 == Approx(900).margin(5));
    // P(purchase ≤ 751.104) = 0.751104
    CHECK(w.pairs[0].p_local_cheaper == Approx(0.751104).margin(0.005));
    // Cloud costs $20.864 a month and local nothing after the purchase P (replaced only after 100
    // months), so local breaks even in month ceil(P / 20.864), within the horizon or after it:
    CHECK(w.pairs[0].breakeven_months_p10.value() == Approx(5)); // P = 100: ceil(4.79)
    CHECK(w.pairs[0].breakeven_months_p50.value() ==
          Approx(24.5).margin(0.5)); // P ≈ 500: ceil(23.96 ± sampling)
    CHECK(w.pairs[0].breakeven_months_p90.value() == Approx(44).margin(0.5)); // P = 900: ceil(43.14)
}

TEST_CASE("simulate counts the samples in which an option is infeasible and never calls them cheaper") {
    // The model needs 8 × 4/8 = 4 GB + llama.cpp's 0.5 GB overhead = 4.5 GB; ram_gb ~ U(2, 10) → it
    // does not fit in P(ram < 4.5) = 2.5/8 = 31.25 % of the samples. The purchase is 0, so local (no
    // running cost) is cheaper than the cloud's $751.104 in every sample where it is feasible:
    // P(local cheaper) = 68.75 %, not 100 %.
    const auto p = profile(
        kUniform, {"options.local.box.hardware.purchase=0", "options.local.box.hardware.ram_gb=2..10",
                   "options.local.box.model.params_b=8", "options.local.box.model.bits_per_weight=4"});
    SimulateOptions o;
    o.samples = 20000;
    o.seed = 3;
    const auto sim = simulate(p, o);
    const auto& w = sim.workloads[0];
    CHECK(w.options[0].p_feasible == 1);
    CHECK(w.options[1].p_feasible == Approx(0.6875).margin(0.01));
    CHECK(w.pairs[0].p_local_cheaper == Approx(0.6875).margin(0.01));
    // An infeasible sample never breaks even: the P90 of the breakeven is never.
    CHECK_FALSE(w.pairs[0].breakeven_months_p90);
}

TEST_CASE("simulation output is identical for any thread count") {
    const auto p = profile(kUniform);
    SimulateOptions o;
    o.samples = 5000;
    o.seed = 7;
    o.threads = 1;
    const auto one = simulate(p, o);
    o.threads = 2;
    const auto two = simulate(p, o);
    CHECK(one.workloads[0].options[1].mean == two.workloads[0].options[1].mean);
    CHECK(one.workloads[0].options[1].p50 == two.workloads[0].options[1].p50);
    CHECK(one.workloads[0].pairs[0].p_local_cheaper == two.workloads[0].pairs[0].p_local_cheaper);
}

TEST_CASE("a degenerate range simulates to the point estimate") {
    const auto p = profile(kUniform, {"options.local.box.hardware.purchase=300..300"});
    SimulateOptions o;
    o.samples = 100;
    const auto sim = simulate(p, o);
    const auto r = estimate(p);
    CHECK(sim.workloads[0].options[1].p10 == Approx(r.workloads[0].options[1].total_cost));
    CHECK(sim.workloads[0].options[1].p90 == Approx(r.workloads[0].options[1].total_cost));
}

TEST_CASE("sensitivity swings each ranged input from its low to its high end") {
    const auto p = profile(kUniform, {"options.local.box.setup_hours=2..6"});
    const auto s = sensitivity(p);
    REQUIRE(s.size() == 1);
    REQUIRE(s[0].rows.size() == 2);
    // purchase 0..1000 swings the difference by $1,000; setup 2..6 h by 4 h × $150 = $600
    CHECK(s[0].rows[0].input == "options.local.box.hardware.purchase");
    CHECK(s[0].rows[0].swing == Approx(1000));
    CHECK(s[0].rows[1].input == "options.local.box.setup_hours");
    CHECK(s[0].rows[1].swing == Approx(600));
    // at the means: 500 + 4 h × $150 − 751.104 = $348.896
    CHECK(s[0].base_difference == Approx(348.896));
}
