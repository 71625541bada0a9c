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
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 2000}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 100}
    - name: fast
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
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
    const auto box = local_latency_ms(p, p.workloads[0], p.local[0]);
    CHECK(box.known);
    CHECK(box.low == Approx(600));  // (500/5000 + 50/100) s = 0.1 + 0.5 = 0.6 s = 600 ms
    CHECK(box.high == Approx(600)); // a derived latency is one value at both ends
    const auto reasoning = profile(kRules, {"workloads.w.reasoning_tokens=25"});
    CHECK(local_latency_ms(reasoning, reasoning.workloads[0], reasoning.local[0]).high ==
          Approx(850)); // 500/5000 + (50 + 25)/100 = 0.1 + 0.75 = 0.85 s
    const auto fast = local_latency_ms(p, p.workloads[0], p.local[1]);
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
    CHECK(box.latency_ms_high == local_latency_ms(p, p.workloads[0], p.local[0]).high); // 600 ms
    CHECK(test::option(r.workloads[0], "haiku").latency_ms_low == 200);
    CHECK_FALSE(test::option(r.workloads[0], "mini").latency_known);
}

TEST_CASE("a local option is infeasible when calls go unserved, unless the workload accepts it") {
    const auto p = profile(kRules);
    const auto& w = p.workloads[0];
    const auto& box = p.local[0]; // no fallback
    const auto cap = local_capacity(w, box, 100);
    CHECK(is_feasible(w, cap, 0));
    CHECK_FALSE(is_feasible(w, cap, 10)); // 10 calls nobody serves (downtime or overflow)
    const auto ok = profile(kRules, {"workloads.w.unserved_ok=true"});
    CHECK(is_feasible(ok.workloads[0], cap, 10)); // the workload accepts unserved calls
}

TEST_CASE("a local option is infeasible when the model alone exceeds the machine's memory") {
    const std::vector<std::string> model{"options.local.box.model.params_b=8",
                                         "options.local.box.model.bits_per_weight=16",
                                         "options.local.box.model.overhead_gb=1"};
    auto sets = model;
    sets.push_back("options.local.box.hardware.ram_gb=16");
    const auto small = profile(kRules, sets);
    CHECK_FALSE(local_capacity(small.workloads[0], small.local[0], 1).fits); // 8 × 16/8 + 1 = 17 GB > 16 GB
    const auto small_r = estimate(small);
    const auto& o = test::option(small_r.workloads[0], "box");
    CHECK_FALSE(o.feasible);
    REQUIRE(o.infeasible_reasons.size() == 1);
    CHECK(o.infeasible_reasons[0] == "the model does not fit: needs 17 GB, 16 GB on the machine");

    sets = model;
    sets.push_back("options.local.box.hardware.ram_gb=24");
    sets.push_back("options.local.box.other_ram_gb=8");
    const auto pressed = profile(kRules, sets);
    CHECK(local_capacity(pressed.workloads[0], pressed.local[0], 1)
              .fits); // 17 ≤ 24: it fits, 17 + 8 = 25 > 24 is pressure
    const auto pressed_r = estimate(pressed);
    const auto& q = test::option(pressed_r.workloads[0], "box");
    CHECK(q.feasible);
    CHECK(q.memory_pressure.value_or(false));

    const auto unknown = profile(kRules, model); // no ram_gb: nothing to compare with
    CHECK(local_capacity(unknown.workloads[0], unknown.local[0], 1).fits);
}

TEST_CASE("the hard constraints are checked in order, for cloud and local options alike") {
    const auto p = profile(kRules);
    const auto& w = p.workloads[0];
    // ok: what local_series reports for box (its latency 500/5000 + 50/100 s = 600 ms); bad: 10 calls
    // unserved.
    LocalSummary ok;
    ok.latency_ms = 600;
    const LocalSummary bad{0, 0, 0, 10, false};
    CHECK(exclusion_of(p, w, p.cloud[0]) == Exclusion::none);
    CHECK(exclusion_of(p, w, p.local[0], ok) == Exclusion::none);
    CHECK(exclusion_of(p, w, p.local[0], bad) == Exclusion::infeasible);

    const auto local_data = profile(kRules, {"workloads.w.data_must_stay_local=true"});
    const auto& lw = local_data.workloads[0];
    CHECK(exclusion_of(local_data, lw, local_data.cloud[0]) == Exclusion::data_must_stay_local);
    CHECK(exclusion_of(local_data, lw, local_data.local[0], ok) == Exclusion::none);
    CHECK(exclusion_of(local_data, lw, local_data.local[1], ok) == Exclusion::fallback_sends_data);
    CHECK(exclusion_of(local_data, lw, local_data.local[1], bad) == Exclusion::infeasible); // before

    const auto no_team = profile(kRules, {"team.can_maintain_local=false"});
    CHECK(exclusion_of(no_team, no_team.workloads[0], no_team.local[0], bad) ==
          Exclusion::team_cannot_maintain); // checked before capacity

    const auto limit = profile(kRules, {"workloads.w.max_latency_ms=600"});
    const auto& lim = limit.workloads[0];
    CHECK(exclusion_of(limit, lim, limit.cloud[0]) == Exclusion::latency_too_high); // 800 > 600
    CHECK(exclusion_of(limit, lim, limit.cloud[1]) == Exclusion::latency_unknown);
    CHECK(exclusion_of(limit, lim, limit.local[0], ok) == Exclusion::none); // 600 ≤ 600
    CHECK(exclusion_of(limit, lim, limit.local[1], ok) == Exclusion::none); // 250 ≤ 600, fallback idle
    const auto tighter = profile(kRules, {"workloads.w.max_latency_ms=599"});
    CHECK(exclusion_of(tighter, tighter.workloads[0], tighter.local[0], ok) ==
          Exclusion::latency_too_high); // 600 > 599

    // A fallback that serves calls is held to the limit: haiku's 800 ms > 600 ms.
    const LocalSummary falls_back{1000, 0, 10, 0, true}; // 10 calls go to haiku
    CHECK(exclusion_of(limit, lim, limit.local[1], falls_back) == Exclusion::fallback_latency_too_high);
    const auto unknown_fb =
        profile(kRules, {"workloads.w.max_latency_ms=600", "options.local.fast.fallback=mini"});
    CHECK(exclusion_of(unknown_fb, unknown_fb.workloads[0], unknown_fb.local[1], falls_back) ==
          Exclusion::fallback_latency_unknown); // mini has no latency_ms
    const auto loose = profile(kRules, {"workloads.w.max_latency_ms=800"});
    CHECK(exclusion_of(loose, loose.workloads[0], loose.local[1], falls_back) ==
          Exclusion::none); // 800 ≤ 800
}

TEST_CASE("a fallback excluded by the latency limit disqualifies the local option whenever it serves calls") {
    // fast: 150..250 ms, falls back to haiku (200..800 ms); the limit is 600 ms.
    const auto up = profile(kRules, {"workloads.w.max_latency_ms=600"});
    const auto r = estimate(up);
    CHECK(test::option(r.workloads[0], "fast").fallback_calls == 0); // availability 1, auto machines
    CHECK(r.workloads[0].recommendation.excluded.size() == 2);       // haiku (800 ms), mini (unknown)

    const auto down =
        profile(kRules, {"workloads.w.max_latency_ms=600", "options.local.fast.availability=0.99"});
    const auto d = estimate(down);
    const auto& fast = test::option(d.workloads[0], "fast");
    CHECK(fast.fallback_calls == Approx(10800)); // 1 % of 1,000/day × 30 days × 36 months = 10,800
    const auto& rec = d.workloads[0].recommendation;
    CHECK(rec.option == "box"); // fast is out, box (600 ms, no fallback) is left
    CHECK(std::find(rec.excluded.begin(), rec.excluded.end(),
                    "fast: its fallback 'haiku' serves 10,800 calls and its latency 200–800 ms exceeds the "
                    "600 ms limit") != rec.excluded.end());
    ScenarioEvaluator evaluator;
    std::vector<ScenarioWorkload> figures;
    evaluator.evaluate(down, figures);
    CHECK(figures[0].recommended == static_cast<int>(OptionIndex(down).local(0))); // box, as estimate says
}

TEST_CASE("the recommended option is the cheapest allowed one, the first on a tie") {
    using E = Exclusion;
    const std::vector<double> totals{3, 1, 1, 0};
    CHECK(pick_recommended(totals, std::vector<E>{E::none, E::none, E::none, E::latency_too_high}) ==
          1);                                                         // 0 is excluded; 1 = 1, the first wins
    CHECK(pick_recommended(totals, std::vector<E>(4, E::none)) == 3); // 0 < 1 < 3
    CHECK(pick_recommended(totals, std::vector<E>{E::none, E::infeasible, E::data_must_stay_local,
                                                  E::team_cannot_maintain}) == 0); // only 3 is left
    CHECK(pick_recommended(totals, std::vector<E>(4, E::latency_unknown)) == -1);
    CHECK(pick_recommended({}, {}) == -1);

    // unserved_ok: options serving different numbers of calls are compared per served call.
    const std::vector<double> costs{100, 60};
    const std::vector<double> unserved{0, 500}; // of 1,000 calls
    CHECK(pick_recommended(costs, std::vector<E>(2, E::none), unserved, 1000) ==
          0); // 100/1000 = 0.10 < 60/500 = 0.12 per served call, though 60 < 100
    CHECK(pick_recommended(costs, std::vector<E>(2, E::none), std::vector<double>{200, 200}, 1000) ==
          1); // the same calls served: totals, 60 < 100
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
        for (const char* set : {"max_latency_ms=300", "data_must_stay_local=true", "calls=1M/day",
                                "availability", "availability+ok", "ram", "fallback_latency"}) {
            std::vector<std::string> sets;
            for (const auto& w : shipped.workloads)
                sets.push_back("workloads." + w.name + "." + set);
            const std::string what = set;
            if (what == "calls=1M/day") {
                for (const auto& l : shipped.local) {
                    sets.push_back("options.local." + l.name + ".machines=1");
                    sets.push_back("options.local." + l.name + ".fallback=null");
                }
            }
            if (what == "availability" || what == "availability+ok") { // downtime with nobody to take it
                sets.clear();
                for (const auto& l : shipped.local) {
                    sets.push_back("options.local." + l.name + ".availability=0.5");
                    sets.push_back("options.local." + l.name + ".fallback=null");
                }
                if (what == "availability+ok") {
                    for (const auto& w : shipped.workloads)
                        sets.push_back("workloads." + w.name + ".unserved_ok=true");
                }
            }
            if (what == "ram") { // a model that alone exceeds the machine
                sets.clear();
                for (const auto& l : shipped.local) {
                    if (l.model.params_b.value > 0)
                        sets.push_back("options.local." + l.name + ".hardware.ram_gb=0.5");
                }
            }
            if (what == "fallback_latency") { // the fallback serves downtime under a limit it breaks
                sets.clear();
                for (const auto& w : shipped.workloads)
                    sets.push_back("workloads." + w.name + ".max_latency_ms=100000");
                for (const auto& l : shipped.local) {
                    sets.push_back("options.local." + l.name + ".availability=0.9");
                    sets.push_back("options.local." + l.name + ".latency_ms=100");
                }
                for (const auto& c : shipped.cloud)
                    sets.push_back("options.cloud." + c.name + ".latency_ms=200000");
                if (!shipped.cloud.empty()) {
                    for (const auto& l : shipped.local)
                        sets.push_back("options.local." + l.name + ".fallback=" + shipped.cloud[0].name);
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
                // The scenario lists every option at its OptionIndex position; the estimate only
                // those that serve the workload (PRODUCT §4c).
                REQUIRE(s.totals.size() == index.options());
                auto name_at = [&](std::size_t o) {
                    return index.is_cloud(o) ? p.cloud[index.cloud_at(o)].name
                                             : p.local[index.local_at(o)].name;
                };
                auto listed = [&](const std::string& name) -> const OptionResult* {
                    for (const auto& o : wr.options)
                        if (o.name == name) return &o;
                    return nullptr;
                };
                std::size_t served = 0;
                for (std::size_t o = 0; o < s.totals.size(); ++o) {
                    if (const auto* option = listed(name_at(o))) {
                        CHECK(s.totals[o] == Approx(option->total_cost));
                        ++served;
                    }
                }
                CHECK(served == wr.options.size());
                // The recommended option.
                if (s.recommended < 0) {
                    CHECK(wr.recommendation.option.empty());
                    ++none_allowed;
                } else {
                    CHECK(name_at(static_cast<std::size_t>(s.recommended)) == wr.recommendation.option);
                }
                // Feasibility: the series the scenario path runs against the estimate's option result.
                std::vector<double> monthly, recurring;
                for (std::size_t l = 0; l < index.locals; ++l) {
                    const auto* listed_option = listed(p.local[l].name);
                    if (!listed_option) continue; // its `serves` leaves the workload out
                    const auto& o = *listed_option;
                    LocalSummary summary;
                    local_series(p, p.workloads[w], p.local[l], wr.calls_per_day, monthly, recurring,
                                 &summary);
                    CHECK(summary.feasible == o.feasible);
                    CHECK(summary.feasible ==
                          is_feasible(p.workloads[w], *o.capacity, summary.unserved_calls));
                    CHECK(summary.unserved_calls == Approx(o.unserved_calls));
                    CHECK(summary.fallback_calls == Approx(o.fallback_calls));
                    CHECK(o.feasible == o.infeasible_reasons.empty());
                    if (!o.feasible) {
                        ++infeasible;
                        for (std::size_t c = 0; c < index.clouds; ++c) {
                            CHECK_FALSE(s.breakeven_months[index.pair(l, c)]);
                            for (const auto& b : wr.breakeven)
                                if (b.local == p.local[l].name && b.cloud == p.cloud[c].name)
                                    CHECK_FALSE(b.months);
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
