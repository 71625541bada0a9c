// `plan` as a user runs it: every catalog combination that serves the workload, ranked by total.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using llmtco::test::run;

TEST_CASE("plan ranks the catalog's combinations beside the cloud options, cheapest first") {
    const auto r = run({"plan", "profiles/classification-100k.yaml", "--model", "all", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& w = j["workloads"][0];
    CHECK(w["candidates"].get<int>() > 1000); // 24 machines × 24 models × their quants and engines
    const int serving = w["candidates"].get<int>() - w["not_fitting"].get<int>() - w["too_slow"].get<int>() -
                        w["unserved_or_too_many_machines"].get<int>();
    CHECK(serving > 0);
    double last = 0;
    bool cloud = false;
    for (const auto& row : w["rows"]) {
        CHECK(row["total_cost"].get<double>() >= last);
        last = row["total_cost"].get<double>();
        cloud = cloud || row["kind"] == "cloud";
        if (row["kind"] == "local") {
            CHECK(row["machines"].get<double>() >= 1);
            CHECK(row["decode_tokens_per_s"].get<double>() > 0);
        }
    }
    CHECK(cloud);
    CHECK(w["rows_total"].get<std::size_t>() == w["rows"].size()); // json lists every row
}

TEST_CASE("plan's filters: hardware, engine, max machines, top; and the table says what it left out") {
    const auto r =
        run({"plan", "profiles/classification-100k.yaml", "--hardware", "rtx-4090-workstation,h100-rented",
             "--engine", "llama.cpp", "--max-machines", "1", "--format", "json", "--variants"});
    REQUIRE(r.exit_code == 0);
    const auto parsed =
        nlohmann::json::parse(r.out); // (kept: a range-for does not extend a temporary's life)
    for (const auto& row : parsed["workloads"][0]["rows"]) {
        if (row["kind"] != "local") continue;
        CHECK((row["hardware"] == "rtx-4090-workstation" || row["hardware"] == "h100-rented"));
        CHECK(row["engine"] == "llama.cpp");
        CHECK(row["machines"].get<double>() <= 1);
    }
    const auto t = run({"plan", "profiles/classification-100k.yaml", "--top", "3"});
    REQUIRE(t.exit_code == 0);
    CHECK(t.out.find("models llama-3.1-8b") != std::string::npos); // the profile's model by default
    CHECK(t.out.find("showing 3 of") != std::string::npos);
    CHECK(t.out.find("labour, power and fallback of rtx-4090") != std::string::npos);
    const auto csv = run({"plan", "profiles/embeddings-search.yaml", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("workload,rank,kind,option,hardware,model,quant,engine,machines", 0) == 0);
    CHECK(csv.out.find("nomic-embed-text-v1.5") != std::string::npos); // embeddings get embedding models
    CHECK(csv.out.find("llama-3.1-8b") == std::string::npos);
}

TEST_CASE("plan refuses an unknown filter name with the nearest one") {
    const auto r = run({"plan", "profiles/classification-100k.yaml", "--hardware", "rtx-4090"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--hardware 'rtx-4090' is not in the catalog (did you mean") != std::string::npos);
    const auto like = run({"plan", "profiles/classification-100k.yaml", "--like", "rtx-409"});
    CHECK(like.exit_code == 2);
    CHECK(like.err.find("--like 'rtx-409' is not a local option of the profile (did you mean 'rtx-4090'?)") !=
          std::string::npos);
}

TEST_CASE("plan puts the catalog's hosted endpoints of an open model beside self-hosting it") {
    const auto r = llmtco::test::run({"plan", "profiles/monitoring-agent-local.yaml", "--model",
                                      "llama-3.1-8b", "--format", "json", "--max-price-age", "0"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    int hosted = 0, local = 0;
    for (const auto& row : j["workloads"][0]["rows"]) {
        if (row["kind"] == "hosted") {
            ++hosted;
            CHECK(row["model"] == "llama-3.1-8b");
        }
        if (row["kind"] == "local") ++local;
    }
    CHECK(hosted == 4); // Groq, Together, DeepInfra and its Turbo endpoint (the catalog's llama-3.1-8b ones)
    CHECK(local > 0);
    // DeepInfra's Turbo endpoint at $0.02 input, $0.04 output per Mtok, the cheapest row: 48 × 30 × 36 =
    // 51,840 calls of 500 in + 50 out = 51,840 × (500 × 0.02 + 50 × 0.04) / 1e6 = $0.62208 over 36 months
    const auto& first = j["workloads"][0]["rows"][0];
    CHECK(first["option"] == "deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo");
    CHECK(first["total_cost"].get<double>() == Approx(0.62208));
    const auto table = llmtco::test::run(
        {"plan", "profiles/monitoring-agent-local.yaml", "--model", "llama-3.1-8b", "--max-price-age", "0"});
    CHECK(llmtco::test::contains(
        table.out, "deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct (hosted, llama-3.1-8b) — catalog "
                   "price of 2025-09-05"));
}

TEST_CASE("plan prices a rented GPU on each of its purchase terms") {
    // 1,000 short calls a day keep one catalog h100-rented busy a few minutes a day, so each row is
    // one machine and its rent alone (no labour: the template option's hours are 0).
    const auto profile = llmtco::test::temp_file("plan-terms.yaml", R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads:
  - {name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50, active_hours_per_day: 8, unserved_ok: true}
options:
  local:
    - name: t
      hardware: {preset: h100-rented, cold_start_seconds: 0}
      model: llama-3.1-8b
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      availability: 1
)");
    const auto r =
        run({"plan", profile, "--hardware", "h100-rented", "--engine", "vllm", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    std::map<std::string, double> total;
    const auto j = nlohmann::json::parse(r.out); // (kept: a range-for does not extend a temporary's life)
    for (const auto& row : j["workloads"][0]["rows"]) {
        if (row["kind"] != "local") continue;
        CHECK(row["machines"].get<double>() == 1);
        total[row["billing"].get<std::string>()] = row["total_cost"].get<double>();
    }
    REQUIRE(total.size() == 4);
    CHECK(total["always_on"] == Approx(12 * 720 * 2.69));    // $23,241.60: every hour
    CHECK(total["on_demand"] == Approx(12 * 8 * 30 * 2.69)); // $7,747.20: the 8 active hours only
    CHECK(total["reserved"] == Approx(12 * 720 * 2.29));     // $19,785.60: two whole 6-month terms
    // Spot: 8 h × 30 × $2.42; 0.0025 interruptions/day × 10 min / 1440 of the calls are lost (no
    // fallback: unserved, which this workload accepts — else the row would be left out).
    CHECK(total["spot"] == Approx(12 * 8 * 30 * 2.42));
}

TEST_CASE("plan counts a combination once, however many purchase terms it is priced on") {
    // Spot without a fallback loses calls, so only its rows go; the combinations all still serve
    // the workload on their other terms. --variants lists every kept row: the distinct
    // combinations among them are the ones the summary says serve it.
    const auto profile = llmtco::test::temp_file("plan-count.yaml", R"(
workloads: [{name: w, calls: 20000/day, input_tokens: 1000, output_tokens: 200, active_hours_per_day: 12}]
options:
  local:
    - {name: t, hardware: h100-rented, model: llama-3.1-8b}
)");
    const auto r = run({"plan", profile, "--format", "json", "--variants"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& w = j["workloads"][0];
    std::set<std::string> combinations;
    for (const auto& row : w["rows"]) {
        if (row["kind"] != "local") continue;
        CHECK(row["billing"] != "spot");
        combinations.insert(row["hardware"].get<std::string>() + "/" + row["quant"].get<std::string>() + "/" +
                            row["engine"].get<std::string>());
    }
    const auto serving = w["candidates"].get<std::size_t>() - w["not_fitting"].get<std::size_t>() -
                         w["too_slow"].get<std::size_t>() -
                         w["unserved_or_too_many_machines"].get<std::size_t>();
    CHECK(serving == combinations.size());
    CHECK(serving > 0);
}
