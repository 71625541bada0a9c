// Pools (PRODUCT §4c): local options naming one pool share its machines. Three workloads on one
// shared box pay for one deployment; the machines come from the combined busy hours; the
// per-workload views carry shares by busy machine-hours that sum to the pool's cost.

#include "helpers.hpp"
#include "llmtco/portfolio.hpp"
#include "llmtco/sweep.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

namespace pool_test {

// Two models on one kind of box: an 8B model for summaries and classification, an embedding
// model for search. Measured speeds, so the arithmetic below is the whole derivation.
const char* const kThree = R"(
settings: {horizon_months: 12, labor_rate_per_hour: 100, days_per_month: 30}
team: {can_maintain_local: true}
workloads:
  - {name: sum, calls: 25000/day, input_tokens: 1000, output_tokens: 200, peak_to_average: 2}
  - {name: cls, calls: 200000/day, input_tokens: 400, output_tokens: 10, peak_to_average: 3}
  - {name: emb, calls: 1000000/day, input_tokens: 300, output_tokens: 0, peak_to_average: 2}
options:
  cloud:
    - {name: api, price: {input_per_mtok: 0.15, output_per_mtok: 0.6}}
  local:
    - name: box
      pool: gpu
      serves: [sum, cls]
      hardware: {purchase: 3000, lifetime_months: 36, memory_gb: 24, ram_gb: 64}
      model: {params_b: 8, bits_per_weight: 4.85, kv_cache_gb: 0.5, overhead_gb: 0.5}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 40, concurrency: 10, max_utilization: 0.5}
      power: {idle_watts: 50, active_watts: 400, always_on: true, electricity_per_kwh: 0.2, pue: 1}
      setup_hours: 10
      setup_hours_per_added_machine: 4
      maintenance_hours_per_month: 3
      maintenance_hours_per_machine_month: 1
      incidents_per_year: 2
      hours_per_incident: 5
    - name: box-embed
      pool: gpu
      serves: [emb]
      hardware: {purchase: 3000, lifetime_months: 36, memory_gb: 24, ram_gb: 64}
      model: {params_b: 0.14, bits_per_weight: 16, kv_cache_gb: 0.01, overhead_gb: 0.3}
      throughput: {prefill_tokens_per_s: 20000, decode_tokens_per_s: 1, concurrency: 16, max_utilization: 0.5}
)";

// Machine-seconds per call t = (in/prefill + out/decode)/concurrency:
//   sum (1000/5000 + 200/40)/10 = 0.52 s; cls (400/5000 + 10/40)/10 = 0.033 s; emb (300/20000)/16 = 0.0009375
//   s.
// Calls a month (30 days): sum 750,000; cls 6,000,000; emb 30,000,000.
// Busy hours a month c·t/3600: sum 108.3333; cls 55; emb 7.8125; together 171.1458.
// Machines at the peak, c·t/3600 · peak / (720 h · 0.5): sum 0.60185, cls 0.45833, emb 0.04340:
// each alone fits one machine; together 1.10359 → 2 machines.
constexpr double kBusySum = 750000 * 0.52 / 3600, kBusyCls = 6000000 * 0.033 / 3600,
                 kBusyEmb = 30000000 * 0.0009375 / 3600;
constexpr double kBusy = kBusySum + kBusyCls + kBusyEmb; // 171.1458 h a month
// The pool over 12 months:
//   hardware 2 × $3,000 = $6,000, book value at month 12: 2 × $3,000 × (1 − 12/36) = $4,000;
//   electricity (400 W × 171.1458 h + 50 W × (2 × 720 − 171.1458) h)/1000 × $0.2 = $26.3802 a month;
//   setup 10 h × $100 = $1,000 once; the second machine 4 h × $100 = $400;
//   maintenance 3 h × $100 × 12 = $3,600 + the second machine 1 h × $100 × 12 = $1,200;
//   incidents 2/year × 5 h × $100 = $1,000.
constexpr double kElectricityMonth = (400 * kBusy + 50 * (2 * 720 - kBusy)) / 1000 * 0.2;
constexpr double kPool = 6000 - 4000 + 12 * kElectricityMonth + 1000 + 400 + 3600 + 1200 + 1000; // $9,516.56

TEST_CASE("pool: three workloads on one shared box pay for one deployment, worked by hand") {
    const auto p = llmtco::test::profile(kThree);
    const auto r = llmtco::estimate(p);
    REQUIRE(r.workloads.size() == 3);
    const auto& sum = llmtco::test::option(r.workloads[0], "box");
    const auto& cls = llmtco::test::option(r.workloads[1], "box");
    const auto& emb = llmtco::test::option(r.workloads[2], "box-embed");
    CHECK(kPool == Approx(9516.5625));
    REQUIRE(sum.pool);
    CHECK(sum.pool->pool_cost == Approx(kPool));
    CHECK(sum.pool->machines == 2); // from the combined busy hours: no member alone needs a second
    CHECK(sum.machines == 2);
    CHECK(sum.pool->pool_busy_hours == Approx(12 * kBusy));
    // shares by busy machine-hours: 108.33/171.15 = 63.3 %, 55/171.15 = 32.1 %, 7.81/171.15 = 4.6 %
    CHECK(sum.pool->share == Approx(kBusySum / kBusy));
    CHECK(cls.pool->share == Approx(kBusyCls / kBusy));
    CHECK(emb.pool->share == Approx(kBusyEmb / kBusy));
    CHECK(sum.total_cost == Approx(kPool * kBusySum / kBusy)); // $6,023.80
    CHECK(cls.total_cost == Approx(kPool * kBusyCls / kBusy)); // $3,058.26
    CHECK(emb.total_cost == Approx(kPool * kBusyEmb / kBusy)); // $434.42
    // the shares sum to the pool's cost: one setup, one maintenance line, one box pair
    CHECK(sum.total_cost + cls.total_cost + emb.total_cost == Approx(kPool));
    // each view's line items add up to its total; its setup line is its share of the one setup
    for (const auto* o : {&sum, &cls, &emb}) {
        CHECK(llmtco::test::items_total(*o) == Approx(o->total_cost));
        double setup = 0;
        for (const auto& item : o->items)
            if (item.label == "setup labor") setup = item.total;
        CHECK(setup == Approx(1000 * o->pool->share));
    }
    // the members it is costed with, each workload on its own model
    CHECK(sum.pool->members == std::vector<std::pair<std::string, std::string>>{
                                   {"sum", "box"}, {"cls", "box"}, {"emb", "box-embed"}});
    // the portfolio with every workload on the pool pays the pool once
    REQUIRE(r.portfolio.all_local);
    CHECK(r.portfolio.all_local->total_cost == Approx(kPool));
    double months = 0;
    for (const double m : r.portfolio.all_local->monthly_cost)
        months += m;
    CHECK(months - r.portfolio.all_local->book_value.back() == Approx(kPool));
}

TEST_CASE("pool: the same workloads on boxes of their own pay a deployment each") {
    // Without `pool`, each workload's view buys its own machine and pays its own setup,
    // maintenance and incidents. sum alone: $3,000 − $2,000 book value + $1,000 setup + $3,600
    // maintenance + $1,000 incidents + electricity (400 W × 108.33 h + 50 W × 611.67 h)/1000 ×
    // $0.2 × 12 = $177.40: $6,777.40. cls alone: the same with (400 × 55 + 50 × 665)/1000 × $0.2 ×
    // 12 = $132.60: $6,732.60. The two on one pool with emb beside them: $9,516.56 in all.
    const auto apart = llmtco::estimate(
        llmtco::test::profile(kThree, {"options.local.box.pool=null", "options.local.box-embed.pool=null"}));
    const auto& sum = llmtco::test::option(apart.workloads[0], "box");
    const auto& cls = llmtco::test::option(apart.workloads[1], "box");
    CHECK_FALSE(sum.pool);
    CHECK(sum.machines == 1);
    CHECK(sum.total_cost == Approx(6777.40));
    CHECK(cls.total_cost == Approx(6732.60));
    CHECK(sum.total_cost + cls.total_cost > kPool);
}

TEST_CASE("pool: a pool of one option costs what the option costs alone") {
    // One member: its share is 1 and the pool's loop is the option's own.
    const char* const solo = R"(
settings: {horizon_months: 36, labor_rate_per_hour: 90}
team: {can_maintain_local: true}
workloads:
  - {name: chat, calls: 40000/day, input_tokens: 800, output_tokens: 300, growth_per_month: 6%, peak_to_average: 3}
options:
  cloud:
    - {name: mini, model: gpt-4o-mini, setup_hours: 2, fixed_monthly: 15}
  local:
    - {name: box, hardware: rtx-4090-workstation, model: {preset: llama-3.1-8b, quant: Q4_K_M},
       fallback: mini, availability: 0.98, pool: solo}
)";
    for (const auto* extra :
         {"", "options.local.box.machines=2", "options.local.box.hardware.lifetime_months=14"}) {
        std::vector<std::string> sets;
        if (*extra) sets.push_back(extra);
        auto alone_sets = sets;
        alone_sets.push_back("options.local.box.pool=null");
        const auto pooled = llmtco::estimate(llmtco::test::profile(solo, sets));
        const auto alone = llmtco::estimate(llmtco::test::profile(solo, alone_sets));
        INFO(extra);
        const auto& a = pooled.workloads[0].options.back();
        const auto& b = alone.workloads[0].options.back();
        CHECK(a.total_cost == Approx(b.total_cost).epsilon(1e-12));
        CHECK(a.residual_value == Approx(b.residual_value).margin(1e-9));
        CHECK(a.fallback_calls == Approx(b.fallback_calls));
        CHECK(a.machines == b.machines);
        REQUIRE(a.monthly_cost.size() == b.monthly_cost.size());
        for (std::size_t m = 0; m < a.monthly_cost.size(); ++m)
            CHECK(a.monthly_cost[m] == Approx(b.monthly_cost[m]).margin(1e-9));
        CHECK(llmtco::test::items_total(a) == Approx(a.total_cost));
        // the month breakeven of the view is the option's
        CHECK(pooled.workloads[0].breakeven[0].month == alone.workloads[0].breakeven[0].month);
        CHECK(pooled.workloads[0].breakeven[0].pooled);
        CHECK(pooled.portfolio.best->total_cost == Approx(alone.portfolio.best->total_cost));
    }
}

TEST_CASE("pool: a 70B and an 8B model that do not fit one machine together make the pool infeasible") {
    const auto p = llmtco::test::profile(R"(
settings: {horizon_months: 12}
team: {can_maintain_local: true}
workloads:
  - {name: chat, calls: 2000/day, input_tokens: 500, output_tokens: 200}
  - {name: reports, calls: 50/day, input_tokens: 4000, output_tokens: 800}
options:
  cloud:
    - {name: mini, model: gpt-4o-mini}
  local:
    - {name: small, pool: gpu, hardware: rtx-4090-2x-workstation, model: {preset: llama-3.1-8b, quant: Q4_K_M},
       serves: [chat]}
    - {name: big, pool: gpu, hardware: rtx-4090-2x-workstation, model: {preset: llama-3.1-70b, quant: Q4_K_M},
       serves: [reports]}
)");
    const auto r = llmtco::estimate(p);
    const auto& small = llmtco::test::option(r.workloads[0], "small");
    CHECK_FALSE(small.feasible);
    REQUIRE_FALSE(small.infeasible_reasons.empty());
    // 2 × 24 GB × 0.95 = 45.6 GB usable; 70B at Q4_K_M alone is 45.3 GB with its KV and buffers
    CHECK_THAT(small.infeasible_reasons.front(),
               Catch::Contains("pool 'gpu': its models do not fit one machine together") &&
                   Catch::Contains("llama-3.1-70b") && Catch::Contains("llama-3.1-8b") &&
                   Catch::Contains("> 45.6 GB usable"));
    CHECK_FALSE(llmtco::test::option(r.workloads[1], "big").feasible);
    // the portfolio does not put both on the pool
    REQUIRE(r.portfolio.best);
    const auto& a = r.portfolio.best->assignments;
    CHECK_FALSE((a[0].second == "small" && a[1].second == "big"));
}

TEST_CASE("pool: members run on one kind of machine and take the pool's cost keys from its first option") {
    const std::string base = R"(
settings: {horizon_months: 12}
workloads:
  - {name: a, calls: 100/day, input_tokens: 100, output_tokens: 10}
options:
  local:
    - {name: x, pool: gpu, hardware: rtx-4090-workstation, model: llama-3.1-8b, setup_hours: 6}
)";
    auto load = [&](const std::string& second) { return llmtco::test::profile(base + second); };
    CHECK_THROWS_WITH(load("    - {name: y, pool: gpu, hardware: mac-mini-m4-24gb, model: llama-3.1-8b}\n"),
                      Catch::Contains("p.yaml:8:") &&
                          Catch::Contains("pool 'gpu' shares one kind of machine") &&
                          Catch::Contains("'rtx-4090-workstation'") && Catch::Contains("'mac-mini-m4-24gb'"));
    CHECK_THROWS_WITH(load("    - {name: y, pool: gpu, hardware: rtx-4090-workstation, model: llama-3.1-8b, "
                           "setup_hours: 9}\n"),
                      Catch::Contains("options.local.y.setup_hours: pool 'gpu' takes 'setup_hours' from its "
                                      "first option 'x'"));
    // the same value, or none, is fine; the second member's labour is the pool's
    const auto p = load("    - {name: y, pool: gpu, hardware: rtx-4090-workstation, model: qwen2.5-7b}\n");
    REQUIRE(p.local.size() == 2);
    CHECK(p.local[1].pool_owner == 0);
    CHECK(p.local[0].pool_owner == 0);
    CHECK(&llmtco::pool_costs(p, p.local[1]) == &p.local[0]);
}

TEST_CASE("pool: sweep and estimate agree on a pooled option's figures") {
    const auto p = llmtco::test::profile(kThree);
    const auto r = llmtco::estimate(p);
    llmtco::ScenarioEvaluator evaluator;
    std::vector<llmtco::ScenarioWorkload> figures;
    evaluator.evaluate(p, figures);
    const llmtco::OptionIndex index(p);
    CHECK(figures[0].totals[index.local(0)] ==
          Approx(llmtco::test::option(r.workloads[0], "box").total_cost));
    CHECK(figures[2].totals[index.local(1)] ==
          Approx(llmtco::test::option(r.workloads[2], "box-embed").total_cost));
    llmtco::PortfolioProblem problem;
    llmtco::portfolio_problem(p, figures, problem);
    long long nodes = 0;
    bool proven = false;
    const auto pick = llmtco::cheapest_assignment(problem, llmtco::kPortfolioNodeLimit, &nodes, &proven);
    CHECK(llmtco::portfolio_total(problem, pick) == Approx(r.portfolio.best->total_cost));
}

TEST_CASE("pool: the branch and bound with pools finds the brute-force optimum on random problems") {
    // A pool's cost here is what a real one is like: a fixed part once any member joins, whole
    // machines for the members' combined load, and a per-member part; it never falls when one joins.
    std::mt19937 rng(20261204);
    std::uniform_real_distribution<double> money(0, 1000), load(0, 1.5);
    for (int trial = 0; trial < 1500; ++trial) {
        const int workloads = 1 + static_cast<int>(rng() % 6);
        const int options = 1 + static_cast<int>(rng() % 6);
        const int pools = 1 + static_cast<int>(rng() % 2);
        llmtco::PortfolioProblem p;
        p.pools = static_cast<std::size_t>(pools);
        std::vector<double> fixed(p.pools), machine(p.pools);
        for (int k = 0; k < pools; ++k) {
            fixed[k] = money(rng) * 2;
            machine[k] = money(rng);
        }
        // Half the problems carry the pools' linear floor (fixed + (machine + 50) · load ≤ the cost).
        const bool floors = trial % 2 == 1;
        if (floors) p.pool_fixed = fixed;
        std::vector<std::vector<double>> loads(static_cast<std::size_t>(workloads),
                                               std::vector<double>(static_cast<std::size_t>(options)));
        for (int w = 0; w < workloads; ++w) {
            std::vector<llmtco::PortfolioCandidate> list;
            for (int o = 0; o < options; ++o) {
                llmtco::PortfolioCandidate c;
                c.option = static_cast<std::size_t>(o);
                c.total = money(rng);
                if (rng() % 2) { // pooled
                    c.pool = static_cast<int>(rng() % pools);
                    c.local_option = o;
                    c.total = 0;
                    loads[w][o] = load(rng);
                    if (floors) c.pool_floor = (machine[static_cast<std::size_t>(c.pool)] + 50) * loads[w][o];
                }
                list.push_back(c);
            }
            p.candidates.push_back(std::move(list));
        }
        p.pool_cost = [&](std::size_t k, const llmtco::PoolMembers& members) {
            if (members.empty()) return 0.0;
            double l = 0;
            for (const auto& [w, o] : members)
                l += loads[w][o];
            return fixed[k] + machine[k] * std::ceil(l) + 50 * l;
        };
        long long nodes = 0;
        bool proven = false;
        const auto pick = llmtco::cheapest_assignment(p, llmtco::kPortfolioNodeLimit, &nodes, &proven);
        INFO("trial " << trial << ": " << workloads << " workloads × " << options << " options, " << pools
                      << " pools" << (floors ? ", with floors" : ""));
        REQUIRE(pick.size() == p.candidates.size());
        CHECK(proven);
        CHECK(llmtco::portfolio_total(p, pick) == Approx(llmtco::test::brute_force(p)).epsilon(1e-12));
    }
}

TEST_CASE("pool: the search's linear floor never exceeds a pool's cost, for every membership") {
    // The bound the branch and bound prunes with (pool_fixed_floor + Σ pool_member_floor) must sit
    // at or below the pool's cost for every non-empty set of members: checked over every membership
    // of the shipped team profile, the 10 × 10 bench profile and the hand-worked one, owned and
    // rented machines, auto sizing and a fixed fleet.
    const auto shipped = [](const char* path, std::vector<std::string> sets = {}) {
        std::ifstream in(std::string(LLMTCO_SOURCE_DIR) + "/" + path);
        std::stringstream text;
        text << in.rdbuf();
        return llmtco::test::profile(text.str(), sets);
    };
    std::vector<llmtco::Profile> profiles = {shipped("profiles/team-portfolio.yaml"),
                                             shipped("bench/portfolio-10x10.yaml"),
                                             llmtco::test::profile(kThree)};
    profiles.push_back(
        shipped("bench/portfolio-10x10.yaml", {"options.local.h100-70b.hardware.billing=on_demand"}));
    profiles.push_back(llmtco::test::profile(kThree, {"options.local.box.machines=3"}));
    profiles.push_back(llmtco::test::profile(kThree, {"options.local.box.power.always_on=false"}));
    int memberships = 0, binding = 0;
    for (const auto& p : profiles) {
        const auto r = llmtco::estimate(p);
        std::vector<llmtco::ScenarioWorkload> figures;
        llmtco::ScenarioEvaluator evaluator;
        evaluator.evaluate(p, figures);
        llmtco::PortfolioProblem problem;
        llmtco::portfolio_problem(p, figures, problem);
        REQUIRE(problem.pool_fixed.size() == problem.pools);
        for (std::size_t k = 0; k < problem.pools; ++k) {
            // every way to pick, per workload, none or one of its candidates in pool k
            std::vector<std::vector<const llmtco::PortfolioCandidate*>> choices;
            for (const auto& list : problem.candidates) {
                auto& mine = choices.emplace_back(1, nullptr);
                for (const auto& c : list)
                    if (c.pool == static_cast<int>(k)) mine.push_back(&c);
            }
            std::vector<std::size_t> at(choices.size(), 0);
            for (int priced = 0; priced < 3000;) { // (the first 3,000 of a pool's memberships)
                llmtco::PoolMembers members;
                double floor = problem.pool_fixed[k];
                for (std::size_t w = 0; w < at.size(); ++w) {
                    if (const auto* c = choices[w][at[w]]) {
                        members.emplace_back(w, static_cast<std::size_t>(c->local_option));
                        floor += c->pool_floor;
                    }
                }
                if (!members.empty()) {
                    const double cost = problem.pool_cost(k, members);
                    ++memberships;
                    ++priced;
                    if (std::isfinite(cost)) {
                        INFO("pool " << k << ", " << members.size() << " members");
                        CHECK(floor <= cost);
                        if (floor > 0.8 * cost) ++binding;
                    }
                }
                std::size_t w = 0;
                while (w < at.size() && ++at[w] == choices[w].size())
                    at[w++] = 0;
                if (w == at.size()) break;
            }
        }
    }
    CHECK(memberships > 1000);
    CHECK(binding > memberships / 2); // and a bound worth having: within 20 % on most (97 % here)
}

} // namespace pool_test
