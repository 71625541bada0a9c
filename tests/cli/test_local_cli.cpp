// The local-TCO commands as a user runs them: breakeven, recommend, --explain, warnings.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using llmtco::test::run;

TEST_CASE("breakeven prints decades for the monitoring agent's local tier") {
    const auto r = run({"breakeven", "profiles/monitoring-agent-local.yaml", "--max-price-age", "0"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty()); // 0 turns the price-age warning off
    // desk: 36 + (900 + 36 × 0.0070 − 36 × 0.864) / (0.864 − 0.0070) ≈ 1,050 months
    CHECK(r.out.find("87.5 years") != std::string::npos);
    CHECK(r.out.find("never") != std::string::npos); // the dedicated mini never pays off
}

TEST_CASE("breakeven --format json carries month, months and calls_per_day") {
    const auto r = run({"breakeven", "profiles/embeddings-search.yaml", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& b = j["workloads"][0]["breakeven"][0];
    CHECK(b["local"] == "rtx-4090-nomic");
    CHECK(b["cloud"] == "openai-small");
    CHECK(b["month"] == 21);
    CHECK(b["months"].get<double>() == 21);
    CHECK(b["calls_per_day"].get<double>() > 1e6);
    CHECK(b["calls_per_day"].get<double>() < 2e6); // cheaper than the 2M/day it runs at
}

TEST_CASE("recommend puts sovereignty first and names the excluded options") {
    const auto r = run({"recommend", "profiles/medical-records.yaml"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("verdict: studio-8b (local)") != std::string::npos);
    CHECK(r.out.find("excluded: sonnet: data must stay local") != std::string::npos);
    CHECK(r.out.find(
              "excluded: studio-8b-with-cloud-fallback: its fallback 'sonnet' sends data to the cloud") !=
          std::string::npos);
}

TEST_CASE("recommend excludes cloud options slower than the latency limit") {
    const auto r = run({"recommend", "profiles/autocomplete-latency.yaml", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& rec = j["workloads"][0]["recommendation"];
    CHECK(rec["option"] == "rtx-4090-3b");
    CHECK(rec["kind"] == "local");
    CHECK(rec["excluded"][0] == "gpt-4-1-nano: latency 200–800 ms exceeds the 150 ms limit");
}

TEST_CASE("recommend says when the rule of thumb and the math disagree") {
    const auto r = run({"recommend", "profiles/classification-100k.yaml"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("verdict: gpt-4o-mini (cloud)") != std::string::npos);
    CHECK(r.out.find(
              "above ~10,000/day, where the rule of thumb says local may win; here the math disagrees") !=
          std::string::npos);
}

TEST_CASE("explain: prints every line item's derivation and the items add up") {
    const auto r = run({"estimate", "profiles/monitoring-agent-local.yaml", "--explain"});
    CHECK(r.exit_code == 0);
    // 1,440 calls × 500 tok × $0.80/Mtok = $0.576 a month
    CHECK(r.out.find("input: 1,440 calls × 500 tok × $0.80/Mtok = $0.576/month × 36 months = $20.74") !=
          std::string::npos);
    // electricity: (40 W × 1.155 h + 7 W × 718.845 h) / 1000 × $0.15 = $0.7617 a month
    CHECK(
        r.out.find("electricity: (40 W × 1.2 busy h + 7 W × 718.8 idle h across 1 machine) / 1000 × 1 PUE × "
                   "$0.15/kWh = $0.7617/month") != std::string::npos);
    CHECK(r.out.find("incidents: 4/year ÷ 12 × 3 h × $150.00/h = $150.00/month") != std::string::npos);
}

TEST_CASE("JSON items carry the explain formulas and add up to total_cost") {
    const auto r = run({"estimate", "profiles/classification-100k.yaml", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    for (const auto& o : j["workloads"][0]["options"]) {
        double sum = 0;
        for (const auto& item : o["items"]) {
            sum += item["total"].get<double>();
            CHECK_FALSE(item["formula"].get<std::string>().empty());
        }
        CHECK(sum == Approx(o["total_cost"].get<double>()));
        double monthly = 0;
        for (const auto& m : o["monthly_cost"])
            monthly += m.get<double>();
        CHECK(monthly == Approx(o["total_cost"].get<double>()));
    }
    const auto& local = j["workloads"][0]["options"][2];
    CHECK(local["kind"] == "local");
    CHECK(local["cost_per_call"].is_null());
    CHECK(local["machines"] == 1);
    CHECK(local["footprint_gb"].get<double>() == Approx(8.03 * 4.9 / 8 + 1.07 + 0.5)); // Q4_K_M 4.9 bpw
    CHECK(local["memory_pressure"] == false);
}

TEST_CASE("warnings appear in every format") {
    // The model (8B at Q4_K_M, about 4.9 GB) fits the 8 GB, but not with the 6 GB already in use.
    const std::string yaml = R"(
workloads: [{name: w, calls: 100/day, input_tokens: 100, output_tokens: 10}]
options:
  cloud: [{name: c, model: gpt-4o-mini}]
  local:
    - name: mini
      hardware: {purchase: 500, ram_gb: 8}
      other_ram_gb: 6
      model: {params_b: 8, quant: Q4_K_M}
      throughput: {prefill_tokens_per_s: 100, decode_tokens_per_s: 10}
)";
    const auto path = llmtco::test::temp_file("p.yaml", yaml);
    for (const char* format : {"table", "json", "csv", "markdown"}) {
        const auto r = run({"estimate", path, "--format", format});
        INFO(format);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("memory pressure") != std::string::npos);
    }
    const auto rec = run({"recommend", path});
    CHECK(rec.out.find("memory pressure") != std::string::npos);
}

TEST_CASE("prices lists the catalog and shows one entry with its source") {
    const auto list = run({"prices", "list", "--provider", "anthropic"});
    CHECK(list.exit_code == 0);
    CHECK(list.out.find("claude-3-5-haiku") != std::string::npos);
    CHECK(list.out.find("gpt-4o-mini") == std::string::npos);
    const auto show = run({"prices", "show", "claude-3-5-haiku-latest"});
    CHECK(show.exit_code == 0);
    CHECK(show.out.find("input:          $0.80/Mtok") != std::string::npos);
    CHECK(show.out.find("source:") != std::string::npos);
    const auto json = run({"prices", "list", "--mode", "embedding", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    REQUIRE(j.size() >= 2);
    for (const auto& m : j)
        CHECK(m["mode"] == "embedding");
    const auto missing = run({"prices", "show", "rtx"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err ==
          "llm-tco: error: 'rtx' is not in the catalog (did you mean 'rtx-4090-workstation'?); see "
          "'llm-tco prices list'\n");
}

TEST_CASE("an unknown command is named with the nearest command") {
    const auto r = run({"estimat", "profiles/monitoring-agent.yaml"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("llm-tco: error: unknown command 'estimat' (did you mean 'estimate'?)") == 0);
}
