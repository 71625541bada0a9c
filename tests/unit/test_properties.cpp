// Property tests over randomly generated valid profiles (fixed seeds, so failures reproduce):
// every figure finite, items add up to totals, monthly costs add up to totals, breakeven
// consistent with the cumulative curves, and the JSON output parses back.

#include "helpers.hpp"
#include "llmtco/breakeven.hpp"
#include "render/format.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <random>

using namespace llmtco;

namespace {

struct Gen {
    std::mt19937_64 rng;
    double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }
    double log_uniform(double a, double b) { return std::exp(uniform(std::log(a), std::log(b))); }
    bool coin(double p = 0.5) { return uniform(0, 1) < p; }
    int integer(int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); }
};

std::string random_profile(Gen& g) {
    std::string y =
        fmt::format("settings: {{horizon_months: {}, days_per_month: {}, labor_rate_per_hour: {}}}\n",
                    g.integer(1, 60), g.coin() ? 30.0 : 730.0 / 24, g.uniform(0, 300));
    y += "workloads:\n";
    const int workloads = g.integer(1, 3);
    for (int w = 0; w < workloads; ++w) {
        y += fmt::format(
            "  - {{name: w{}, calls: {}/day, input_tokens: {}, output_tokens: {}, reasoning_tokens: {}, "
            "cached_input_share: {}, batchable: {}, growth_per_month: {}, peak_to_average: {}}}\n",
            w, g.coin(0.1) ? 0.0 : g.log_uniform(0.01, 1e7), g.integer(0, 20000), g.integer(0, 2000),
            g.coin(0.3) ? g.integer(0, 5000) : 0, g.uniform(0, 1), g.coin() ? "true" : "false",
            g.uniform(-0.2, 0.3), g.uniform(1, 5));
    }
    y += "options:\n  cloud:\n";
    const int clouds = g.integer(1, 2);
    const char* models[] = {"claude-3-5-haiku", "gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-pro"};
    for (int c = 0; c < clouds; ++c) {
        if (g.coin()) {
            y +=
                fmt::format("    - {{name: c{}, model: {}, setup_hours: {}, maintenance_hours_per_month: {}, "
                            "fixed_monthly: {}}}\n",
                            c, models[g.integer(0, 3)], g.uniform(0, 10), g.uniform(0, 2), g.uniform(0, 50));
        } else {
            y += fmt::format(
                "    - {{name: c{}, price: {{input_per_mtok: {}, output_per_mtok: {}, batch_discount: {}}}, "
                "setup_hours: {}..{}}}\n",
                c, g.log_uniform(1e-4, 100), g.log_uniform(1e-4, 200), g.uniform(0, 1), 1, 3);
        }
    }
    y += "  local:\n";
    const int locals = g.integer(0, 2);
    for (int l = 0; l < locals; ++l) {
        const bool rented = g.coin(0.3);
        const bool fixed = g.coin(0.3);
        const bool with_fallback = g.coin(0.7);
        y += fmt::format("    - name: l{}\n", l);
        y += rented ? fmt::format("      hardware: {{rent_per_hour: {}, billing: {}}}\n",
                                  g.log_uniform(0.1, 10), g.coin() ? "always_on" : "on_demand")
                    : fmt::format("      hardware: {{purchase: {}, lifetime_months: {}, ram_gb: {}}}\n",
                                  g.uniform(0, 30000), g.integer(1, 60), g.integer(8, 192));
        if (fixed) y += fmt::format("      machines: {}\n", g.integer(1, 4));
        y += fmt::format("      model: {{params_b: {}, quant: Q4_K_M, kv_cache_gb: {}}}\n",
                         g.uniform(0.1, 70), g.uniform(0, 4));
        y += fmt::format(
            "      throughput: {{prefill_tokens_per_s: {}, decode_tokens_per_s: {}, concurrency: {}, "
            "max_utilization: {}}}\n",
            g.log_uniform(10, 20000), g.log_uniform(1, 500), g.integer(1, 8), g.uniform(0.1, 1));
        if (!rented) {
            y += fmt::format("      power: {{idle_watts: {}, active_watts: {}, always_on: {}, pue: {}}}\n",
                             g.uniform(0, 100), g.uniform(0, 700), g.coin() ? "true" : "false",
                             g.uniform(1, 2));
        }
        y += fmt::format(
            "      setup_hours: {}\n      maintenance_hours_per_month: {}\n      incidents_per_year: {}\n"
            "      hours_per_incident: {}\n      availability: {}\n",
            g.uniform(0, 40), g.uniform(0, 10), g.uniform(0, 12), g.uniform(0, 8), g.uniform(0.5, 1));
        if (with_fallback) y += fmt::format("      fallback: c{}\n", g.integer(0, clouds - 1));
    }
    if (locals == 0) y += "    []\n";
    return y;
}

bool is_finite(double v) { return std::isfinite(v); }

} // namespace

TEST_CASE("random valid profiles give finite, consistent results that render as parseable JSON") {
    int refused = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        Gen g{std::mt19937_64(seed)};
        const auto yaml = random_profile(g);
        INFO("seed " << seed << "\n" << yaml);
        Profile p;
        try {
            p = test::profile(yaml);
        } catch (const InputError& e) { // volumes up to 1e7/day growing 30 % a month pass the limits
            CHECK_THAT(e.what(), Catch::Contains("(limit max_calls_per_day)") ||
                                     Catch::Contains("(limit max_machines)"));
            ++refused;
            continue;
        }
        const auto r = estimate(p);
        for (const auto& w : r.workloads) {
            CHECK(is_finite(w.calls_per_day));
            for (const auto& o : w.options) {
                REQUIRE(is_finite(o.total_cost));
                CHECK(o.total_cost >= 0);
                CHECK(test::items_total(o) == Approx(o.total_cost).epsilon(1e-9).margin(1e-9));
                // The cash months less the hardware still owned at the end (PRODUCT §4 "Totals").
                CHECK(test::sum(o.monthly_cost) - o.residual_value ==
                      Approx(o.total_cost).epsilon(1e-9).margin(1e-9));
                CHECK(o.residual_value >= 0);
                for (std::size_t m = 0; m < o.monthly_cost.size(); ++m) {
                    CHECK(o.monthly_cost[m] >= o.recurring_cost[m] - 1e-9);
                }
                if (o.cost_per_1k_calls) CHECK(is_finite(*o.cost_per_1k_calls));
            }
            for (const auto& b : w.breakeven) {
                // `months` continues the flows: it is `month` unless local falls behind after the horizon.
                if (b.month && b.months) CHECK(*b.months >= *b.month);
                if (b.months && *b.months <= r.horizon_months) CHECK(b.month == b.months);
                if (b.months) CHECK(is_finite(*b.months));
                if (b.calls_per_day) CHECK(is_finite(*b.calls_per_day));
            }
        }
        const auto json = render::dump(render::estimate_json(r));
        const auto back = nlohmann::json::parse(json);
        CHECK(back["workloads"].size() == r.workloads.size());
        CHECK_NOTHROW(render::estimate_table(r, {}));
    }
    CHECK(refused < 15); // most random profiles are within the limits
}

TEST_CASE("numeric edge cases give finite results") {
    const std::string base = R"(
workloads: [{name: w, calls: 48/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: c, model: claude-3-5-haiku}]
  local:
    - name: l
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 1000}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      fallback: c
)";
    const std::vector<std::vector<std::string>> cases{
        {"workloads.w.calls=0"},
        {"workloads.w.calls=1e12", "options.local.l.machines=1000000"}, // the fallback takes the rest
        {"workloads.w.input_tokens=0", "workloads.w.output_tokens=0"},
        {"options.cloud.c.model=null", "options.cloud.c.price={input_per_mtok: 1e-9, output_per_mtok: 1e-9}"},
        {"options.cloud.c.model=null", "options.cloud.c.price={input_per_mtok: 1e9, output_per_mtok: 1e9}"},
        {"settings.horizon_months=1"},
        {"settings.horizon_months=1200"},
    };
    for (const auto& sets : cases) {
        INFO(sets.front());
        const auto r = estimate(test::profile(base, sets));
        for (const auto& o : r.workloads[0].options) {
            CHECK(is_finite(o.total_cost));
            CHECK(test::items_total(o) == Approx(o.total_cost).epsilon(1e-9).margin(1e-9));
        }
        CHECK_NOTHROW(nlohmann::json::parse(render::dump(render::estimate_json(r))));
    }
    // 0 calls: no cost per call figure can be made, so it is null rather than NaN.
    const auto none = estimate(test::profile(base, {"workloads.w.calls=0"}));
    CHECK_FALSE(none.workloads[0].options[0].cost_per_1k_calls);
    // 1e12 calls/day on auto machines: 1e12 × (500/400 + 50/30 s) / (86,400 s × 0.8) = 42,197,145.1
    // machines, past the limit of a million: refused before any month is computed.
    CHECK_THROWS_WITH(test::profile(base, {"workloads.w.calls=1e12"}),
                      Catch::Contains("local option 'l' would need 42,197,146 machines") &&
                          Catch::Contains("(limit max_machines)"));
}
