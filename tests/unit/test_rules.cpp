// The engine's shared rules (latency, feasibility, exclusions, the recommended option, option
// positions), and that the estimate path and the scenario path agree on them.
#include "helpers.hpp"
#include "llmtco/recommend.hpp"
#include "llmtco/sweep.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>

using namespace llmtco;
using llmtco::test::profile;

namespace {
const char* kRules = R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud:
    - {name: haiku, model: claude-3-5-haiku, latency_ms: 200..800}
    - {name: mini, model: gpt-4o-mini}
  local:
    - name: box
      hardware: {purchase: 2000}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 100}
    - name: fast
      hardware: {purchase: 3000}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 100}
      latency_ms: 150..250
      fallback: haiku
)";

/// Every `profiles/*.yaml` shipped with the tool, by file name.
std::vector<std::filesystem::path> shipped_profiles() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(std::string(LLMTCO_SOURCE_DIR) + "/profiles"))
        if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

Profile load_shipped(const std::filesystem::path& path, const std::vector<std::string>& sets) {
    return load::load_profile({load::read_source(path.string())}, sets, catalog::builtin());
}
} // namespace

TEST_CASE("local latency is derived from throughput unless latency_ms is given") {
    const auto p = profile(kRules);
    const auto box = local_latency_ms(p.workloads[0], p.local[0]);
    CHECK(box.known);
    CHECK(box.low == Approx(600));  // (500/5000 + 50/100) s = 0.1 + 0.5 = 0.6 s = 600 ms
    CHECK(box.high == Approx(600)); // a derived latency is one value at both ends
    const auto reasoning = profile(kRules, {"workloads.w.reasoning_tokens=25"});
    CHECK(local_latency_ms(reasoning.workloads[0], reasoning.local[0]).high ==
          Approx(850)); // 500/5000 + (50 + 25)/100 = 0.1 + 0.75 = 0.85 s
    const auto fast = local_latency_ms(p.workloads[0], p.local[1]);
    CHECK(fast.known);
    CHECK(fast.low == 150); // latency_ms: 150..250, throughput ignored
    CHECK(fast.high == 250);
}

TEST_CASE("cloud latency is known only when latency_ms is given") {
    const auto p = profile(kRules);
    const auto haiku = cloud_latency_ms(p.cloud[0]);
    CHECK(haiku.known);
    CHECK(haiku.low == 200); // latency_ms: 200..800
    CHECK(haiku.high == 800);
    CHECK_FALSE(cloud_latency_ms(p.cloud[1]).known); // mini has no latency_ms
}

TEST_CASE("the option results carry the shared latency") {
    const auto p = profile(kRules);
    const auto r = estimate(p);
    const auto& box = test::option(r.workloads[0], "box");
    CHECK(box.latency_ms_high == local_latency_ms(p.workloads[0], p.local[0]).high); // 600 ms
    CHECK(test::option(r.workloads[0], "haiku").latency_ms_low == 200);
    CHECK_FALSE(test::option(r.workloads[0], "mini").latency_known);
}

TEST_CASE("a local option is infeasible only when calls overflow and there is no fallback") {
    const auto p = profile(kRules);
    const auto& box = p.local[0];  // no fallback
    const auto& fast = p.local[1]; // falls back to haiku
    CHECK(is_feasible(box, 0));
    CHECK_FALSE(is_feasible(box, 10)); // 10 calls above capacity, nobody to take them
    CHECK(is_feasible(fast, 10));      // the fallback takes them
}

TEST_CASE("the hard constraints are checked in order, for cloud and local options alike") {
    const auto p = profile(kRules);
    const auto& w = p.workloads[0];
    CHECK(exclusion_of(p, w, p.cloud[0]) == Exclusion::none);
    CHECK(exclusion_of(p, w, p.local[0], true) == Exclusion::none);
    CHECK(exclusion_of(p, w, p.local[0], false) == Exclusion::over_capacity);

    const auto local_data = profile(kRules, {"workloads.w.data_must_stay_local=true"});
    const auto& lw = local_data.workloads[0];
    CHECK(exclusion_of(local_data, lw, local_data.cloud[0]) == Exclusion::data_must_stay_local);
    CHECK(exclusion_of(local_data, lw, local_data.local[0], true) == Exclusion::none);
    CHECK(exclusion_of(local_data, lw, local_data.local[1], true) == Exclusion::fallback_sends_data);
    CHECK(exclusion_of(local_data, lw, local_data.local[1], false) == Exclusion::over_capacity); // before

    const auto no_team = profile(kRules, {"team.can_maintain_local=false"});
    CHECK(exclusion_of(no_team, no_team.workloads[0], no_team.local[0], false) ==
          Exclusion::team_cannot_maintain); // checked before capacity

    const auto limit = profile(kRules, {"workloads.w.max_latency_ms=600"});
    const auto& lim = limit.workloads[0];
    CHECK(exclusion_of(limit, lim, limit.cloud[0]) == Exclusion::latency_too_high); // 800 > 600
    CHECK(exclusion_of(limit, lim, limit.cloud[1]) == Exclusion::latency_unknown);
    CHECK(exclusion_of(limit, lim, limit.local[0], true) == Exclusion::none); // 600 ≤ 600
    CHECK(exclusion_of(limit, lim, limit.local[1], true) == Exclusion::none); // 250 ≤ 600
    const auto tighter = profile(kRules, {"workloads.w.max_latency_ms=599"});
    CHECK(exclusion_of(tighter, tighter.workloads[0], tighter.local[0], true) ==
          Exclusion::latency_too_high); // 600 > 599
}

TEST_CASE("the recommended option is the cheapest allowed one, the first on a tie") {
    using E = Exclusion;
    const std::vector<double> totals{3, 1, 1, 0};
    CHECK(pick_recommended(totals, std::vector<E>{E::none, E::none, E::none, E::latency_too_high}) ==
          1);                                                         // 0 is excluded; 1 = 1, the first wins
    CHECK(pick_recommended(totals, std::vector<E>(4, E::none)) == 3); // 0 < 1 < 3
    CHECK(pick_recommended(totals, std::vector<E>{E::none, E::over_capacity, E::data_must_stay_local,
                                                  E::team_cannot_maintain}) == 0); // only 3 is left
    CHECK(pick_recommended(totals, std::vector<E>(4, E::latency_unknown)) == -1);
    CHECK(pick_recommended({}, {}) == -1);
}

TEST_CASE("option positions: cloud options first, then local, and pairs local-major") {
    const OptionIndex i(2, 3);
    CHECK(i.options() == 5); // 2 + 3
    CHECK(i.pairs() == 6);   // 3 × 2
    CHECK(i.cloud(1) == 1);
    CHECK(i.local(0) == 2); // after the 2 cloud options
    CHECK(i.local(2) == 4); // 2 + 2
    CHECK(i.pair(0, 1) == 1);
    CHECK(i.pair(2, 1) == 5); // 2 × 2 + 1
    CHECK(i.is_cloud(1));
    CHECK_FALSE(i.is_cloud(2));
    CHECK(i.cloud_at(1) == 1);
    CHECK(i.local_at(4) == 2);   // 4 − 2
    CHECK(i.pair_local(5) == 2); // 5 / 2
    CHECK(i.pair_cloud(5) == 1); // 5 % 2

    // It is the layout estimate() produces.
    const auto p = profile(kRules);
    const OptionIndex index(p);
    const auto r = estimate(p);
    const auto& w = r.workloads[0];
    REQUIRE(w.options.size() == index.options());
    REQUIRE(w.breakeven.size() == index.pairs());
    for (std::size_t c = 0; c < index.clouds; ++c)
        CHECK(w.options[index.cloud(c)].name == p.cloud[c].name);
    for (std::size_t l = 0; l < index.locals; ++l) {
        CHECK(w.options[index.local(l)].name == p.local[l].name);
        for (std::size_t c = 0; c < index.clouds; ++c) {
            CHECK(w.breakeven[index.pair(l, c)].local == p.local[l].name);
            CHECK(w.breakeven[index.pair(l, c)].cloud == p.cloud[c].name);
        }
    }
}

TEST_CASE("estimate and the scenario evaluator agree on the recommendation and feasibility of every "
          "shipped profile") {
    const auto files = shipped_profiles();
    REQUIRE(files.size() >= 10);
    int excluded = 0, infeasible = 0, none_allowed = 0;
    for (const auto& file : files) {
        // As shipped, and with every constraint tightened so that exclusions and overflow occur.
        const auto shipped = load_shipped(file, {});
        std::vector<std::vector<std::string>> variants{{}, {"team.can_maintain_local=false"}};
        for (const char* set : {"max_latency_ms=300", "data_must_stay_local=true", "calls=1M/day"}) {
            std::vector<std::string> sets;
            for (const auto& w : shipped.workloads)
                sets.push_back("workloads." + w.name + "." + set);
            if (std::string(set) == "calls=1M/day") {
                for (const auto& l : shipped.local) {
                    sets.push_back("options.local." + l.name + ".machines=1");
                    sets.push_back("options.local." + l.name + ".fallback=null");
                }
            }
            variants.push_back(sets);
        }
        for (const auto& sets : variants) {
            INFO(file.filename().string() << " --set " << fmt::format("{}", fmt::join(sets, " ")));
            const auto p = load_shipped(file, sets);
            const OptionIndex index(p);
            const auto r = estimate(p);
            ScenarioEvaluator evaluator;
            std::vector<ScenarioWorkload> figures;
            evaluator.evaluate(p, figures);
            REQUIRE(figures.size() == r.workloads.size());
            for (std::size_t w = 0; w < r.workloads.size(); ++w) {
                const auto& wr = r.workloads[w];
                const auto& s = figures[w];
                INFO("workload " << wr.name);
                REQUIRE(s.totals.size() == wr.options.size());
                for (std::size_t o = 0; o < s.totals.size(); ++o)
                    CHECK(s.totals[o] == Approx(wr.options[o].total_cost));
                // The recommended option.
                if (s.recommended < 0) {
                    CHECK(wr.recommendation.option.empty());
                    ++none_allowed;
                } else {
                    CHECK(wr.options[static_cast<std::size_t>(s.recommended)].name ==
                          wr.recommendation.option);
                }
                // Feasibility: the series the scenario path runs against the estimate's option result.
                std::vector<double> monthly, recurring;
                for (std::size_t l = 0; l < index.locals; ++l) {
                    LocalSummary summary;
                    local_series(p, p.workloads[w], p.local[l], wr.calls_per_day, monthly, recurring,
                                 &summary);
                    const auto& o = wr.options[index.local(l)];
                    CHECK(summary.feasible == o.feasible);
                    CHECK(summary.feasible == is_feasible(p.local[l], summary.overflow_calls));
                    if (!o.feasible) {
                        ++infeasible;
                        for (std::size_t c = 0; c < index.clouds; ++c) {
                            CHECK_FALSE(s.breakeven_months[index.pair(l, c)]);
                            CHECK_FALSE(wr.breakeven[index.pair(l, c)].months);
                        }
                    }
                }
                excluded += static_cast<int>(wr.recommendation.excluded.size());
            }
        }
    }
    // The variants reached every branch compared above.
    CHECK(excluded > 0);
    CHECK(infeasible > 0);
    CHECK(none_allowed > 0);
}
