// The local-TCO commands as a user runs them: breakeven, recommend, --explain, warnings.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using llmtco::test::run;

TEST_CASE("breakeven prints decades for the monitoring agent's local tier") {
    const auto r = run({"breakeven", "profiles/monitoring-agent-local.yaml", "--max-price-age", "0"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty()); // 0 turns the price-age warning off
    // desk: behind by 900 + 36 × 0.0070 − 36 × 0.864 = $869.15 at month 36, $0.857 a month cheaper
    // after: 36 + ceil(869.15 / 0.857) = 36 + 1,015 = 1,051 months = 87.6 years
    CHECK(r.out.find("87.6 years") != std::string::npos);
    CHECK(r.out.find("never") != std::string::npos); // the dedicated mini never pays off
}

TEST_CASE("breakeven --format json carries month, months and calls_per_day") {
    const auto r = run({"breakeven", "profiles/embeddings-search.yaml", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& b = j["workloads"][0]["breakeven"][0];
    CHECK(b["local"] == "rtx-4090-nomic");
    CHECK(b["cloud"] == "openai-small");
    // On cash the workstation pays back in month 21 (the old breakeven month); on the net view, with
    // its book value, local is ahead from month 10 and stays ahead.
    CHECK(b["payback_month"] == 21);
    CHECK(b["month"] == 10);
    CHECK(b["months"] == 10);
    CHECK(b["ahead_spans"].empty());
    CHECK(b["cheaper_bands"].empty());
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
    // Q4_K_M 4.9 bpw: 8.03 × 4.9 / 8 = 4.918 GB of weights; the KV cache of the calls in flight; the
    // profile's 0.5 GB overhead.
    const auto& cap = local["capacity"];
    CHECK(cap["source"] == "derived");
    CHECK(cap["weights_gb"].get<double>() == Approx(8.03 * 4.9 / 8));
    // 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 131,072 bytes a token × (300 in + 5 out)
    CHECK(cap["kv_gb_per_call"].get<double>() == Approx(131072e-9 * 305));
    CHECK(local["footprint_gb"].get<double>() ==
          Approx(8.03 * 4.9 / 8 + cap["kv_gb_per_call"].get<double>() * cap["concurrency"].get<double>() +
                 0.5));
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
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
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

TEST_CASE("issue 13: a fleet of 44 machines is charged labour for every machine beyond the first") {
    const auto init = run({"init", "-", "--calls", "200k/day", "--input-tokens", "2000", "--output-tokens",
                           "300", "--model", "gpt-5-mini"});
    REQUIRE(init.exit_code == 0);
    // The starter's speeds are derived; the arithmetic below is for measured ones of 400 and 30 tokens/s.
    const auto r =
        run({"estimate", "-", "--explain", "--set", "options.local.local.throughput.prefill_tokens_per_s=400",
             "--set", "options.local.local.throughput.decode_tokens_per_s=30"},
            LLMTCO_SOURCE_DIR, init.out);
    REQUIRE(r.exit_code == 0);
    // t = 2000/400 + 300/30 = 15 s; 6,083,333.3 calls × 15 s / 3600 = 25,347.2 busy h / (730 h × 0.8)
    // = 43.4 → 44 machines, 43 of them beyond the first.
    CHECK(r.out.find("local ×44") != std::string::npos);
    // 43 × 2 h × $150 = $12,900 once; 43 × 2 h × $150 = $12,900 a month × 36 = $464,400.
    CHECK(r.out.find("setup of added machines: 43 machines × 2 h × $150.00/h = $12,900.00") !=
          std::string::npos);
    CHECK(r.out.find("maintenance of machines beyond the first: 43 machines × 2 h × $150.00/h = "
                     "$12,900.00/month × 36 months = $464,400.00") != std::string::npos);
    // Before: $69,224.96 (hardware 43,956 + electricity 5,609.96 + setup 900 + upkeep 10,800 +
    // incidents 5,400 + fallback 2,409 + 150), cheaper than the cloud's $241,050. Now
    // 69,224.96 + 12,900 + 464,400 = $546,524.96, and the cloud is recommended.
    CHECK(r.out.find("$546,524.96") != std::string::npos);
    CHECK(r.out.find("recommendation: cloud (cloud)") != std::string::npos);
}

TEST_CASE("issue 13: unserved calls make a local option infeasible, in every format") {
    // One machine at 1,000 calls/day, half of them unserved (availability 0.5, no fallback).
    const std::string yaml = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 100}]
options:
  cloud: [{name: api, price: {input_per_mtok: 1, output_per_mtok: 4}}]
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 1200}
      throughput: {prefill_tokens_per_s: 5000, decode_tokens_per_s: 100}
      availability: 0.5
budgets:
  - {workload: w, option: box, max_total: 100000}
)";
    // api: (1000 × 1 + 100 × 4)/1e6 = $0.0014 a call × 360,000 calls = $504.
    // box: $1,200 (labour keys default to 0 but the per-machine ones, which do not apply to 1 machine),
    // less its book value after 12 of 36 months, $800: $400. 180,000 of 360,000 calls served:
    // $400 / 180 = $2.22 per 1,000 served calls (not $1.11).
    const auto path = llmtco::test::temp_file("unserved.yaml", yaml);
    const auto table = run({"estimate", path});
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("local ×1 (infeasible)") != std::string::npos);
    CHECK(table.out.find("infeasible: box: 180,000 of 360,000 calls go unserved") != std::string::npos);
    CHECK(table.out.find("$2.22") != std::string::npos);
    const auto json = run({"estimate", path, "--format", "json"});
    CHECK(json.out.find("\"feasible\": false") != std::string::npos);
    CHECK(json.out.find("\"unserved_calls\": 180000.0") != std::string::npos);
    CHECK(json.out.find("\"infeasible_reasons\": [") != std::string::npos);
    CHECK(run({"estimate", path, "--format", "csv"}).out.find(",false,180000,180,000 of 360,000") ==
          std::string::npos); // the reason is quoted: it holds commas
    CHECK(run({"estimate", path, "--format", "csv"}).out.find(",false,180000,\"180,000 of 360,000") !=
          std::string::npos);
    CHECK(run({"estimate", path, "--format", "markdown"}).out.find("⛔ box: infeasible") != std::string::npos);
    CHECK(run({"estimate", path, "--explain"}).out.find("    infeasible: 180,000 of 360,000") !=
          std::string::npos);
    const auto rec = run({"recommend", path});
    CHECK(rec.out.find("verdict: api (cloud)") != std::string::npos); // box, $400 < $504, but excluded
    CHECK(rec.out.find("excluded: box: infeasible: 180,000 of 360,000 calls go unserved") !=
          std::string::npos);
    // The budget names the infeasible option: it fails though $400 ≤ $100,000.
    const auto check = run({"check", path});
    CHECK(check.exit_code == 1);
    CHECK(check.out.find("infeasible") != std::string::npos);
    // unserved_ok accepts it: feasible again, still per served call.
    const auto ok = run({"estimate", path, "--set", "workloads.w.unserved_ok=true", "--format", "json"});
    CHECK(ok.out.find("\"feasible\": false") == std::string::npos);
    CHECK(run({"check", path, "--set", "workloads.w.unserved_ok=true"}).exit_code == 0);
}

TEST_CASE("issue 13: a model that alone exceeds the machine's memory is infeasible, with the figures") {
    // 70B at 4.9 bits: 70 × 4.9 / 8 = 42.875 + 4 GB KV + llama.cpp's 0.5 GB overhead = 47.375 GB →
    // "47.4 GB" on a 24 GB machine.
    const std::string yaml = R"(
workloads: [{name: w, calls: 100/day, input_tokens: 100, output_tokens: 10}]
options:
  cloud: [{name: c, model: gpt-4o-mini}]
  local:
    - name: big
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 500, ram_gb: 24}
      model: {params_b: 70, quant: Q4_K_M, kv_cache_gb: 4}
      throughput: {prefill_tokens_per_s: 100, decode_tokens_per_s: 10}
)";
    const auto path = llmtco::test::temp_file("big.yaml", yaml);
    const auto r = run({"recommend", path});
    CHECK(r.out.find("big: infeasible: the model does not fit: needs 47.4 GB, 24 GB on the machine") !=
          std::string::npos);
}

TEST_CASE("issue 13: a breakeven that forgets the next purchase is never, at every horizon") {
    // medical-records' studio-8b-with-cloud-fallback saves $638.75 − $518.04 = $120.71 a month
    // against sonnet: $4,345.56 over its 36-month life, less than the $6,599 Mac Studio it buys
    // again. The old straight line printed 6.6, 15.7 and 20.3 years at horizons 36, 80 and 120.
    for (const char* horizon : {"36", "80", "120"}) {
        INFO("--horizon " << horizon);
        const auto r = run({"breakeven", "profiles/medical-records.yaml", "--format", "json", "--horizon",
                            horizon, "--max-price-age", "0"});
        REQUIRE(r.exit_code == 0);
        const auto j = nlohmann::json::parse(r.out);
        const auto& b = j["workloads"][0]["breakeven"][1];
        CHECK(b["local"] == "studio-8b-with-cloud-fallback");
        CHECK(b["months"].is_null());
        CHECK(b["month"].is_null());
    }
    // A budget of 84 months fails with the default horizon and with --horizon 84 alike.
    const auto path = llmtco::test::temp_file("medical-budget.yaml", R"(budgets:
  - {option: studio-8b-with-cloud-fallback, against: sonnet, breakeven_within_months: 84}
)");
    for (const auto& extra : {std::vector<std::string>{}, std::vector<std::string>{"--horizon", "84"}}) {
        std::vector<std::string> args = {"check", "profiles/medical-records.yaml", path, "--max-price-age",
                                         "0"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto c = run(args);
        INFO(c.out << c.err);
        CHECK(c.exit_code == 1);
        CHECK(c.out.find("never breaks even against sonnet") != std::string::npos);
    }
}

TEST_CASE("issue 13: the breakeven volume is the smallest from which local stays cheaper") {
    // monitoring-agent-local's mac-mini against haiku: each added Mac mini makes local dearer again;
    // it stays cheaper from 121,710 calls/day (6 machines: $78,867.86 ≤ $78,868.08, docs/cost-model.md)
    // and is cheaper in 4 lower bands, each ending where one more machine is needed.
    const auto r = run(
        {"breakeven", "profiles/monitoring-agent-local.yaml", "--format", "json", "--max-price-age", "0"});
    REQUIRE(r.exit_code == 0);
    const auto b = nlohmann::json::parse(r.out)["workloads"][0]["breakeven"][1];
    CHECK(b["local"] == "mac-mini-8b-q4");
    CHECK(b["calls_per_day"].get<double>() == Approx(121710).epsilon(0.001));
    REQUIRE(b["cheaper_bands"].size() == 4);
    CHECK(b["cheaper_bands"][0][0].get<double>() == Approx(46847).epsilon(0.001));
    CHECK(b["cheaper_bands"][3][1].get<double>() == Approx(118491).epsilon(0.001));
    // The totals meet there and local is dearer 0.1 % below it.
    const auto at = run({"estimate", "profiles/monitoring-agent-local.yaml", "--format", "json", "--set",
                         "workloads.monitoring.calls=121710/day", "--max-price-age", "0"});
    const auto below = run({"estimate", "profiles/monitoring-agent-local.yaml", "--format", "json", "--set",
                            "workloads.monitoring.calls=121580/day", "--max-price-age", "0"});
    const auto total = [](const llmtco::test::RunResult& x, int o) {
        return nlohmann::json::parse(x.out)["workloads"][0]["options"][o]["total_cost"].get<double>();
    };
    CHECK(total(at, 2) <= total(at, 0));
    CHECK(total(below, 2) > total(below, 0));
    // The table says the bands in words.
    const auto table = run({"breakeven", "profiles/monitoring-agent-local.yaml", "--max-price-age", "0"});
    CHECK(table.out.find("121,710 calls/day (also in 4 lower bands from 46,847/day)") != std::string::npos);
}
