#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;
using llmtco::test::profile;

namespace {
// The local option costs more than the cloud one at this volume.
const char* kRecommendBase = R"(
settings: {days_per_month: 30}
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: haiku, model: claude-3-5-haiku, latency_ms: 200..800}]
  local:
    - name: box
      setup_hours: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 2000}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 100}
      maintenance_hours_per_month: 1
)";

std::string verdict(const std::vector<std::string>& sets = {}) {
    return estimate(profile(kRecommendBase, sets)).workloads[0].recommendation.option;
}
} // namespace

TEST_CASE("the lowest total wins when nothing is excluded") { CHECK(verdict() == "haiku"); }

TEST_CASE("data that must stay local excludes cloud options") {
    CHECK(verdict({"workloads.w.data_must_stay_local=true"}) == "box");
}

TEST_CASE("a latency limit excludes options whose range's upper end exceeds it") {
    // haiku 200..800 ms; box: 500/5000 + 50/100 = 0.6 s = 600 ms
    CHECK(verdict({"workloads.w.max_latency_ms=700"}) == "box");
    CHECK(verdict({"workloads.w.max_latency_ms=900"}) == "haiku");
    CHECK(verdict({"workloads.w.max_latency_ms=100"}).empty()); // nothing qualifies
}

TEST_CASE("a team that cannot maintain local excludes local options") {
    CHECK(verdict({"workloads.w.data_must_stay_local=true", "team.can_maintain_local=false"}).empty());
    const auto r = estimate(profile(kRecommendBase, {"team.can_maintain_local=false"}));
    const auto& rec = r.workloads[0].recommendation;
    CHECK(rec.option == "haiku");
    REQUIRE(rec.excluded.size() == 1);
    CHECK(rec.excluded[0] == "box: the team cannot maintain a local tier");
}

TEST_CASE("a local option whose fallback is in the cloud is excluded when data must stay local") {
    const auto r = estimate(profile(
        kRecommendBase, {"workloads.w.data_must_stay_local=true", "options.local.box.fallback=haiku"}));
    CHECK(r.workloads[0].recommendation.option.empty());
}

TEST_CASE("the reasons walk the five questions with the workload's figures") {
    const auto r = estimate(profile(kRecommendBase));
    const auto& reasons = r.workloads[0].recommendation.reasons;
    REQUIRE(reasons.size() >= 6);
    CHECK(reasons[0].find("haiku (cloud) is the cheapest allowed option") == 0);
    CHECK(reasons[1].find("volume: 1,000 calls/day") == 0);
    CHECK(reasons[2].find("data sovereignty") == 0);
    CHECK(reasons[3].find("maintenance") == 0);
    CHECK(reasons[4].find("latency") == 0);
    CHECK(reasons[5].find("fallback") == 0);
}

TEST_CASE("the volume reason says when the math disagrees with the rule of thumb") {
    // 20k/day is above the ~10,000/day rule of thumb, but haiku is still cheaper here.
    const auto r = estimate(profile(
        kRecommendBase, {"workloads.w.calls=20k/day", "options.local.box.maintenance_hours_per_month=40"}));
    const auto& rec = r.workloads[0].recommendation;
    CHECK(rec.option == "haiku");
    CHECK(rec.reasons[1].find("the math disagrees") != std::string::npos);
}

TEST_CASE("serves: an option is priced only for the workloads it serves (PRODUCT §4c)") {
    const auto p = llmtco::test::profile(R"(
settings: {horizon_months: 12}
workloads:
  - {name: chat, calls: 1000/day, input_tokens: 800, output_tokens: 200}
  - {name: embed, calls: 20000/day, input_tokens: 300, output_tokens: 0}
options:
  cloud:
    - {name: mini, model: gpt-4o-mini, serves: [chat]}
    - {name: emb, model: text-embedding-3-small, serves: [embed]}
    - {name: any, model: gpt-4o}
)");
    const auto r = estimate(p);
    auto names = [](const WorkloadResult& w) {
        std::vector<std::string> out;
        for (const auto& o : w.options)
            out.push_back(o.name);
        return out;
    };
    CHECK(names(r.workloads[0]) == std::vector<std::string>{"mini", "any"});
    CHECK(names(r.workloads[1]) == std::vector<std::string>{"emb", "any"});
    // emb is the cheapest for embed: 20,000 × 30.4167 × 12 × 300 tokens × $0.02/Mtok = $43.80
    CHECK(r.workloads[1].recommendation.option == "emb");
    CHECK(r.workloads[1].options[0].total_cost == Approx(20000 * 365.0 / 12 * 12 * 300 * 0.02 / 1e6));
    // an option left out is not listed as excluded either: it was never an option for the workload
    for (const auto& e : r.workloads[0].recommendation.excluded)
        CHECK(e.find("emb") != 0);
}
