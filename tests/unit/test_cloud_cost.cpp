#include "helpers.hpp"
#include "llmtco/sweep.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using namespace llmtco;
using llmtco::test::profile;

namespace {
const char* kMonitoring = R"(
version: 1
settings: {days_per_month: 30}
workloads:
  - {name: monitoring, calls: every 30 minutes, input_tokens: 500, output_tokens: 50}
options:
  cloud:
    - {name: haiku, model: claude-3-5-haiku}
)";
} // namespace

TEST_CASE("the article's monitoring agent costs $0.0006 a call and $0.864 a month") {
    const auto r = estimate(profile(kMonitoring));
    const auto& o = r.workloads[0].options[0];
    CHECK(r.workloads[0].calls_per_day == 48); // 1440 / 30
    CHECK(*o.cost_per_call == Approx(0.0006)); // 500 × 0.80/1e6 + 50 × 4.00/1e6 = 0.0004 + 0.0002
    REQUIRE(o.monthly_cost.size() == 36);
    for (double m : o.monthly_cost)
        CHECK(m == Approx(0.864));                   // 48 × 30 = 1,440 calls × $0.0006
    CHECK(o.total_cost == Approx(31.104));           // 36 × 0.864
    CHECK(*o.cost_per_1k_calls == Approx(0.6));      // 1000 × 31.104 / (36 × 1440)
    CHECK(*o.cost_per_mtok == Approx(1.0909090909)); // 1e6 × 31.104 / (51,840 calls × 550 tok)
}

TEST_CASE("1,000 and 10,000 calls a day of the same shape cost $18 and $180 a month") {
    const auto k1 = estimate(profile(kMonitoring, {"workloads.monitoring.calls=1000/day"}));
    CHECK(k1.workloads[0].options[0].monthly_cost[0] == Approx(18)); // 1000 × 30 × 0.0006
    const auto k10 = estimate(profile(kMonitoring, {"workloads.monitoring.calls=10k/day"}));
    CHECK(k10.workloads[0].options[0].monthly_cost[0] == Approx(180)); // 10,000 × 30 × 0.0006
    const auto k100 = estimate(profile(kMonitoring, {"workloads.monitoring.calls=100k/day"}));
    CHECK(k100.workloads[0].options[0].monthly_cost[0] == Approx(1800)); // the article's 10× slip
}

TEST_CASE("cached input is billed at the cache-read price and batching at the discount") {
    // haiku: input 0.80, cached 0.08, output 4.00, batch 50 %
    const auto p = profile(
        kMonitoring, {"workloads.monitoring.cached_input_share=40%", "workloads.monitoring.batchable=true"});
    const auto per_call = cloud_cost_per_call(p.workloads[0], p.cloud[0].price);
    // (500×0.6×0.80 + 500×0.4×0.08 + 50×4.00) / 1e6 × 0.5 = (240 + 16 + 200) / 1e6 × 0.5 = 0.000228
    CHECK(per_call == Approx(0.000228));
}

TEST_CASE("reasoning tokens are billed as output unless priced apart") {
    auto p = profile(kMonitoring, {"workloads.monitoring.reasoning_tokens=100"});
    // (500×0.80 + 50×4.00 + 100×4.00) / 1e6 = (400 + 200 + 400) / 1e6 = 0.001
    CHECK(cloud_cost_per_call(p.workloads[0], p.cloud[0].price) == Approx(0.001));
    p = profile(kMonitoring, {"workloads.monitoring.reasoning_tokens=100",
                              "options.cloud.haiku.price.reasoning_per_mtok=10"});
    // (400 + 200 + 100×10) / 1e6 = 0.0016
    CHECK(cloud_cost_per_call(p.workloads[0], p.cloud[0].price) == Approx(0.0016));
}

TEST_CASE("a long-context tier prices the whole call, not only the tokens above the threshold") {
    const auto p = profile(R"(
workloads: [{name: w, calls: 1/day, input_tokens: 250000, output_tokens: 1000}]
options:
  cloud:
    - name: c
      price:
        input_per_mtok: 3
        output_per_mtok: 15
        tiers: [{above_input_tokens: 200000, input_per_mtok: 6, output_per_mtok: 22.5}]
)");
    // 250,000 × 6/1e6 + 1,000 × 22.5/1e6 = 1.5 + 0.0225
    CHECK(cloud_cost_per_call(p.workloads[0], p.cloud[0].price) == Approx(1.5225));
    const auto below = profile(R"(
workloads: [{name: w, calls: 1/day, input_tokens: 200000, output_tokens: 1000}]
options:
  cloud:
    - name: c
      price: {input_per_mtok: 3, output_per_mtok: 15, tiers: [{above_input_tokens: 200000, input_per_mtok: 6, output_per_mtok: 22.5}]}
)");
    // exactly at the threshold is not above it: 200,000 × 3/1e6 + 1,000 × 15/1e6 = 0.6 + 0.015
    CHECK(cloud_cost_per_call(below.workloads[0], below.cloud[0].price) == Approx(0.615));
}

TEST_CASE("setup is charged once in month 1; maintenance and fixed fees every month") {
    const auto r = estimate(
        profile(kMonitoring,
                {"options.cloud.haiku.setup_hours=2", "options.cloud.haiku.maintenance_hours_per_month=0.5",
                 "options.cloud.haiku.fixed_monthly=10", "settings.labor_rate_per_hour=100"}));
    const auto& o = r.workloads[0].options[0];
    CHECK(o.one_time_cost == Approx(200));                     // 2 h × $100
    CHECK(o.monthly_cost[0] == Approx(0.864 + 50 + 10 + 200)); // usage + 0.5 h × $100 + $10 + setup
    CHECK(o.monthly_cost[1] == Approx(0.864 + 50 + 10));
    CHECK(o.recurring_cost[0] == Approx(60.864));
    CHECK(o.total_cost == Approx(200 + 36 * 60.864)); // 2,391.104
    CHECK(test::items_total(o) == Approx(o.total_cost));
}

TEST_CASE("growth compounds monthly") {
    const auto r = estimate(
        profile(kMonitoring, {"workloads.monitoring.growth_per_month=10%", "settings.horizon_months=3"}));
    const auto& m = r.workloads[0].options[0].monthly_cost;
    CHECK(m[0] == Approx(0.864));        // 1,440 calls
    CHECK(m[1] == Approx(0.864 * 1.1));  // 1,584 calls
    CHECK(m[2] == Approx(0.864 * 1.21)); // 1,742.4 calls
    CHECK(calls_in_month(48, 30, 0.1, 3) == Approx(1742.4));
}

TEST_CASE("the default month is 730 hours") {
    const auto r = estimate(profile(R"(
workloads: [{name: w, calls: 48/day, input_tokens: 500, output_tokens: 50}]
options: {cloud: [{name: haiku, model: claude-3-5-haiku}]}
)"));
    CHECK(r.days_per_month == Approx(30.4166667));
    CHECK(r.workloads[0].options[0].monthly_cost[0] == Approx(0.876)); // 48 × 30.416667 × 0.0006
}

TEST_CASE("more calls never lower a cloud total (property)") {
    const auto p = profile(kMonitoring,
                           {"options.cloud.haiku.setup_hours=3", "workloads.monitoring.growth_per_month=2%"});
    std::vector<double> monthly, recurring;
    double previous = -1;
    for (double calls = 0; calls <= 1e7; calls = calls * 3 + 1) {
        const double total = cloud_series(p, p.workloads[0], p.cloud[0], calls, monthly, recurring);
        CHECK(total >= previous);
        CHECK(test::sum(monthly) == Approx(total));
        // the searches' lean total is the same number to the last bit
        CHECK(cloud_total(p, p.workloads[0], p.cloud[0], calls,
                          cloud_cost_per_call(p.workloads[0], p.cloud[0].price)) == total);
        previous = total;
    }
}

TEST_CASE("the explain text prints gpt-5's cached price as $0.125, so its arithmetic reproduces") {
    // 6,000 calls a day × 730/24 days = 182,500 calls in month 1, all 8,400 input tokens cached:
    // 182,500 × 8,400 × $0.125 / 1e6 = $191.625, $191.63 a month; × 12 months = $2,299.50.
    std::ifstream in(LLMTCO_SOURCE_DIR "/tests/data/digits/gpt5-cached.yaml");
    const auto r = estimate(profile(std::string(std::istreambuf_iterator<char>(in), {})));
    const auto& o = r.workloads[0].options[0];
    REQUIRE(o.items.size() == 1);
    CHECK(o.items[0].formula ==
          "cached input: 182,500 calls × 8,400 tok × $0.125/Mtok = $191.63/month × 12 months = $2,299.50");
    CHECK(o.total_cost == Approx(2299.5));
}

namespace {
/// A generating workload and an embedding-only one, on an embedding model and a chat model.
const char* kEmbeddingAndChat = R"(
version: 1
workloads:
  - {name: chat, calls: 1000/day, input_tokens: 500, output_tokens: 400}
  - {name: embed, calls: 1000/day, input_tokens: 500, output_tokens: 0, batchable: true}
options:
  cloud:
    - {name: small, model: text-embedding-3-small}
    - {name: g5, model: gpt-5}
  local:
    - name: box
      hardware: {purchase: 1000}
      throughput: {prefill_tokens_per_s: 1000, decode_tokens_per_s: 100}
)";
} // namespace

TEST_CASE("an embedding model on a workload that generates tokens is infeasible, with the reason") {
    const auto r = llmtco::estimate(profile(kEmbeddingAndChat));
    const auto& chat = r.workloads[0];
    const auto& small = llmtco::test::option(chat, "small");
    CHECK(!small.feasible);
    REQUIRE(small.infeasible_reasons.size() == 1);
    CHECK(small.infeasible_reasons[0] ==
          "text-embedding-3-small is an embedding model: it generates no tokens, "
          "and each call needs 400 output tokens");
    CHECK(chat.recommendation.option != "small"); // $0.30 a month, the cheapest, but it cannot answer
    REQUIRE(!chat.recommendation.excluded.empty());
    CHECK(chat.recommendation.excluded[0].rfind("small: infeasible: text-embedding-3-small", 0) == 0);
    for (const auto& b : chat.breakeven) { // no breakeven against an option that cannot serve
        if (b.cloud == "small") CHECK((!b.month && !b.months && !b.calls_per_day));
    }
    // The embedding workload: the same model is feasible and, 500 tok × $0.02/Mtok × 0.5 batch, cheapest.
    const auto& embed = r.workloads[1];
    CHECK(llmtco::test::option(embed, "small").feasible);
    CHECK(*llmtco::test::option(embed, "small").cost_per_call == Approx(0.000005));
    CHECK(embed.recommendation.option == "small");
}

TEST_CASE("the sweep's evaluator marks the embedding option infeasible too") {
    const auto p = profile(kEmbeddingAndChat);
    llmtco::ScenarioEvaluator evaluator;
    std::vector<llmtco::ScenarioWorkload> figures;
    evaluator.evaluate(p, figures);
    const llmtco::OptionIndex index(p);
    CHECK(!figures[0].feasible[index.cloud(0)]);
    CHECK(figures[0].feasible[index.cloud(1)]);
    CHECK(figures[0].recommended != static_cast<int>(index.cloud(0)));
    CHECK(!figures[0].breakeven_months[index.pair(0, 0)]);
    CHECK(figures[1].feasible[index.cloud(0)]);
}

TEST_CASE("no option that can serve a generating workload is a loader error") {
    const char* yaml = R"(
version: 1
workloads:
  - {name: chat, calls: 1000/day, input_tokens: 500, output_tokens: 400}
options:
  cloud:
    - {name: small, model: text-embedding-3-small}
)";
    CHECK_THROWS_WITH(profile(yaml),
                      "p.yaml:4:69: error: workload 'chat' generates 400 output tokens a call, but "
                      "no option can: 'small' (text-embedding-3-small) is an embedding model; add "
                      "a chat model or set output_tokens and reasoning_tokens to 0");
}

TEST_CASE("batchable on a model with no batch price warns, naming the model") {
    const auto r = llmtco::estimate(profile(kEmbeddingAndChat));
    const auto& g5 = llmtco::test::option(r.workloads[1], "g5");
    REQUIRE(g5.warnings.size() == 1);
    CHECK(g5.warnings[0] ==
          "the workload is batchable, but gpt-5 has no batch price in the catalog: billed at "
          "the full price (set price.batch_discount if the provider offers one)");
    CHECK(*g5.cost_per_call == Approx(0.000625));                          // 500 × $1.25/Mtok, no discount
    CHECK(llmtco::test::option(r.workloads[1], "small").warnings.empty()); // 50 % batch price
    CHECK(llmtco::test::option(r.workloads[0], "g5").warnings.empty());    // not batchable
}

TEST_CASE("prompt-cache writes are priced at their own 5-minute and 1-hour prices (PRODUCT §4)") {
    // claude-haiku-4-5 from the catalog: input $1.00, cache read $0.10, 5-minute write $1.25,
    // 1-hour write $2.00, output $5.00 per Mtok. 10,000 input tokens a call: 50 % read, 20 % written
    // for 5 minutes, 10 % for an hour, the other 20 % uncached; 500 output tokens.
    const auto p = profile(R"(
workloads: [{name: w, calls: 1000/day, input_tokens: 10000, output_tokens: 500, cached_input_share: 0.5,
             cache_write_share: 0.2, cache_write_1h_share: 0.1}]
options: {cloud: [{name: haiku, model: claude-haiku-4-5}]}
settings: {days_per_month: 30, horizon_months: 1}
)");
    // 2,000 × $1.00 + 5,000 × $0.10 + 2,000 × $1.25 + 1,000 × $2.00 + 500 × $5.00, / 1e6
    // = $0.0020 + $0.0005 + $0.0025 + $0.0020 + $0.0025 = $0.0095 a call
    CHECK(cloud_cost_per_call(p.workloads[0], p.cloud[0].price) == Approx(0.0095));
    const auto r = estimate(p);
    const auto& o = r.workloads[0].options[0];
    CHECK(o.total_cost == Approx(0.0095 * 30000)); // 1,000 × 30 days = $285.00
    double writes = 0, writes_1h = 0;
    for (const auto& item : o.items) {
        if (item.label == "cache writes (5 min)") writes = item.total;
        if (item.label == "cache writes (1 h)") writes_1h = item.total;
    }
    CHECK(writes == Approx(0.0025 * 30000));    // $75.00
    CHECK(writes_1h == Approx(0.0020 * 30000)); // $60.00
    CHECK(test::items_total(o) == Approx(o.total_cost));

    // without write prices the writes are billed at the input price, and that is an assumption
    const auto plain = profile(R"(
workloads: [{name: w, calls: 1000/day, input_tokens: 10000, output_tokens: 0, cache_write_share: 0.5}]
options: {cloud: [{name: api, price: {input_per_mtok: 2, output_per_mtok: 8}}]}
)");
    CHECK(cloud_cost_per_call(plain.workloads[0], plain.cloud[0].price) == Approx(0.02)); // 10,000 × $2
    const auto rp = estimate(plain);
    const auto& assumed = rp.workloads[0].options[0].assumptions;
    CHECK(std::any_of(assumed.begin(), assumed.end(), [](const Assumption& a) {
        return a.key == "price.cache_write_per_mtok" && a.value == 2;
    }));

    // a long-context tier carries its own write prices: claude-sonnet-4-5 above 200k tokens
    const auto tier = profile(R"(
workloads: [{name: w, calls: 10/day, input_tokens: 300000, output_tokens: 0, cache_write_share: 1}]
options: {cloud: [{name: s, model: claude-sonnet-4-5}]}
)");
    CHECK(cloud_cost_per_call(tier.workloads[0], tier.cloud[0].price) ==
          Approx(300000 * 7.50 / 1e6)); // $2.25

    // the three shares of one input sum to at most 1: a located error naming the share
    CHECK_THROWS_WITH(profile(R"(
workloads: [{name: w, calls: 10/day, input_tokens: 100, cached_input_share: 0.7, cache_write_share: 0.4}]
options: {cloud: [{name: haiku, model: claude-haiku-4-5}]}
)"),
                      Catch::Contains("cache_write_share") && Catch::Contains("sum to at most 1"));
}

TEST_CASE("a negotiated discount multiplies after the batch discount, and the explain text says so") {
    // gpt-4o-mini: $0.15 input, $0.60 output; 1,000 in + 100 out = $0.00015 + $0.00006 = $0.00021 a call.
    // Batchable (50 % off) and 20 % negotiated: × 0.5 × 0.8 = $0.000084.
    const auto p = profile(R"(
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 100, batchable: true}]
options: {cloud: [{name: mini, model: gpt-4o-mini, discount: 20%}]}
settings: {days_per_month: 30, horizon_months: 1}
)");
    CHECK(cloud_cost_per_call(p.workloads[0], p.cloud[0].price) == Approx(0.000084));
    const auto r = estimate(p);
    const auto& o = r.workloads[0].options[0];
    CHECK(o.total_cost == Approx(0.000084 * 30000)); // $2.52
    bool said = false;
    for (const auto& item : o.items)
        said = said || item.formula.find("× 0.5 (batch discount) × 0.8 (negotiated discount)") != std::string::npos;
    CHECK(said);
    // unwritten, it is no assumption: the list price is paid
    const auto plain = profile(R"(
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 100}]
options: {cloud: [{name: mini, model: gpt-4o-mini}]}
)");
    const auto rp = estimate(plain);
    for (const auto& a : rp.workloads[0].options[0].assumptions)
        CHECK(a.key != "discount");
    CHECK(rp.workloads[0].options[0].total_cost > 0);
}
