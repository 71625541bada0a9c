// Portfolios (PRODUCT §4c): the cheapest assignment of workloads to options is exact (checked
// against brute force), a cloud option's fixed costs are paid once, and the section's figures add up.

#include "helpers.hpp"
#include "llmtco/portfolio.hpp"

#include <catch2/catch.hpp>
#include <random>

namespace portfolio_test {

using llmtco::PortfolioCandidate;
using llmtco::PortfolioProblem;

TEST_CASE("portfolio: the branch and bound finds the brute-force optimum on random profiles up to 6 × 6") {
    std::mt19937 rng(20261203);
    std::uniform_real_distribution<double> money(0, 1000);
    for (int trial = 0; trial < 2000; ++trial) {
        const int workloads = 1 + static_cast<int>(rng() % 6);
        const int options = 1 + static_cast<int>(rng() % 6);
        const int clouds = static_cast<int>(rng() % 4);
        PortfolioProblem p;
        for (int c = 0; c < clouds; ++c)
            p.cloud_fixed.push_back(money(rng) * (rng() % 2)); // some without fixed costs
        for (int w = 0; w < workloads; ++w) {
            std::vector<PortfolioCandidate> list;
            for (int o = 0; o < options; ++o) {
                PortfolioCandidate c;
                c.option = static_cast<std::size_t>(o);
                c.shared_cloud = clouds > 0 && rng() % 3 ? static_cast<int>(rng() % clouds) : -1;
                // a total carries its shared fixed cost in full
                c.total = money(rng) + (c.shared_cloud >= 0 ? p.cloud_fixed[c.shared_cloud] : 0);
                list.push_back(c);
            }
            p.candidates.push_back(std::move(list));
        }
        long long nodes = 0;
        bool proven = false;
        const auto pick = llmtco::cheapest_assignment(p, llmtco::kPortfolioNodeLimit, &nodes, &proven);
        INFO("trial " << trial << ": " << workloads << " workloads × " << options << " options");
        REQUIRE(pick.size() == p.candidates.size());
        CHECK(proven);
        CHECK(llmtco::portfolio_total(p, pick) == Approx(llmtco::test::brute_force(p)).epsilon(1e-12));
        // never more nodes than the whole tree: 1 + n + n² + … + n^W
        double tree = 0;
        for (int d = 0; d <= workloads; ++d)
            tree += std::pow(options, d);
        CHECK(static_cast<double>(nodes) <= tree);
    }
}

TEST_CASE("portfolio: a workload without an allowed option leaves no portfolio; a node limit is reported") {
    PortfolioProblem p;
    p.candidates = {{PortfolioCandidate{0, 10, -1, false}}, {}};
    long long nodes = 0;
    bool proven = false;
    CHECK(llmtco::cheapest_assignment(p, 100, &nodes, &proven).empty());
    // 3 workloads × 3 equal options: the first (in order) wins ties; a limit of 2 nodes stops early
    PortfolioProblem q;
    for (int w = 0; w < 3; ++w)
        q.candidates.push_back({PortfolioCandidate{0, 5, -1, false}, PortfolioCandidate{1, 5, -1, false},
                                PortfolioCandidate{2, 5, -1, false}});
    CHECK(llmtco::cheapest_assignment(q, 1000, &nodes, &proven) == std::vector<std::size_t>{0, 0, 0});
    CHECK(proven);
    llmtco::cheapest_assignment(q, 2, &nodes, &proven);
    CHECK_FALSE(proven);
}

TEST_CASE("portfolio: a cloud option used by two workloads pays its setup and fees once, worked by hand") {
    const auto p = llmtco::test::profile(R"(
settings: {horizon_months: 12, labor_rate_per_hour: 100}
team: {can_maintain_local: true}
workloads:
  - {name: chat, calls: 1000/day, input_tokens: 1000, output_tokens: 200}
  - {name: tags, calls: 3000/day, input_tokens: 500, output_tokens: 10}
options:
  cloud:
    - name: api
      price: {input_per_mtok: 1, output_per_mtok: 4}
      setup_hours: 10
      fixed_monthly: 50
    - {name: pricey, price: {input_per_mtok: 3, output_per_mtok: 12}}
)");
    const auto r = llmtco::estimate(p);
    const auto& pf = r.portfolio;
    REQUIRE(pf.best);
    CHECK(pf.best->assignments ==
          std::vector<std::pair<std::string, std::string>>{{"chat", "api"}, {"tags", "api"}});
    // per workload: chat 1000 × 365/12 × 12 = 365,000 calls × (1000 × $1 + 200 × $4)/1e6 = $657;
    //               tags 1,095,000 calls × (500 × $1 + 10 × $4)/1e6 = $591.30;
    // each carries api's setup (10 h × $100 = $1,000) and fees (12 × $50 = $600): $1,600 each.
    const double chat = 657 + 1600, tags = 591.3 + 1600;
    CHECK(r.workloads[0].options[0].total_cost == Approx(chat));
    CHECK(r.workloads[1].options[0].total_cost == Approx(tags));
    // one bill: the $1,600 once
    CHECK(pf.best->total_cost == Approx(chat + tags - 1600)); // $2,848.30
    CHECK(pf.best->shared == Approx(1600));
    // the months add up to the total (no book value: cloud only), month 1 carries the setup once
    double sum = 0;
    for (const double m : pf.best->monthly_cost)
        sum += m;
    CHECK(sum == Approx(pf.best->total_cost));
    CHECK(pf.best->monthly_cost[0] == Approx((657 + 591.3) / 12 + 50 + 1000));
    // the best is all-cloud here: the same portfolio, no breakeven, no all-local portfolio
    REQUIRE(pf.all_cloud);
    CHECK(pf.all_cloud->assignments == pf.best->assignments);
    CHECK_FALSE(pf.all_local);
    CHECK_FALSE(pf.breakeven_month);
    CHECK(pf.proven);
}

TEST_CASE("portfolio: the breakeven volume scales every workload and meets the per-workload breakeven") {
    // Only chat differs between the best (chat on the box) and the all-cloud portfolio (chat on
    // mini; tags and embed the same in both, mini's fixed costs once in each), so the scale at which
    // they cross puts chat exactly at the box-vs-mini breakeven volume §4 computes on its own.
    const auto p = llmtco::test::profile(R"(
settings: {horizon_months: 24, labor_rate_per_hour: 100}
team: {can_maintain_local: true}
workloads:
  - {name: chat, calls: 200k/day, input_tokens: 800, output_tokens: 200}
  - {name: tags, calls: 3000/day, input_tokens: 500, output_tokens: 10}
  - {name: embed, calls: 50000/day, input_tokens: 300, output_tokens: 0}
options:
  cloud:
    - {name: mini, model: gpt-4o-mini, setup_hours: 8, fixed_monthly: 20, serves: [chat, tags]}
    - {name: emb, model: text-embedding-3-small, serves: [embed]}
  local:
    - {name: box, hardware: rtx-4090-workstation, model: {preset: llama-3.1-8b, quant: Q4_K_M},
       serves: [chat, tags], fallback: mini}
)");
    const auto r = llmtco::estimate(p);
    const auto& pf = r.portfolio;
    REQUIRE(pf.best);
    REQUIRE(pf.all_cloud);
    CHECK(pf.best->assignments[0].second == "box");
    CHECK(pf.all_cloud->assignments[0].second == "mini");
    REQUIRE(pf.volume_scale);
    REQUIRE(r.workloads[0].breakeven.size() == 1);
    REQUIRE(r.workloads[0].breakeven[0].calls_per_day);
    CHECK(pf.breakeven_calls_per_day[0] == Approx(*r.workloads[0].breakeven[0].calls_per_day).epsilon(1e-6));
    // every workload at the same scale: tags 3,000 × s, embed 50,000 × s
    CHECK(pf.breakeven_calls_per_day[1] == Approx(3000 * *pf.volume_scale));
    CHECK(pf.breakeven_calls_per_day[2] == Approx(50000 * *pf.volume_scale));
    CHECK(*pf.volume_scale < 1); // the box is already ahead at 200k/day
}

} // namespace portfolio_test
