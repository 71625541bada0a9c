// The assumptions ledger (PRODUCT §4d, issue 15) as a user sees it: every input the profile does
// not write is listed with its value and origin, in the table, JSON, Markdown, --explain, the
// report and validate; local labour is never a silent zero.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using llmtco::test::contains;
using llmtco::test::run;
using llmtco::test::temp_file;

namespace {

// A local option that writes no labour key at all, beside a cloud option from the catalog.
const char* kNoLabour = R"(version: 1
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: mini, model: gpt-4o-mini}]
  local:
    - name: box
      hardware: {purchase: 1200, lifetime_months: 36, ram_gb: 24}
      model: {params_b: 8, bits_per_weight: 4.85, kv_cache_gb: 0.5, overhead_gb: 0.3}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
      power: {idle_watts: 0, active_watts: 0, electricity_per_kwh: 0.15, pue: 1}
)";

const nlohmann::json* find_assumption(const nlohmann::json& list, const std::string& path) {
    for (const auto& a : list)
        if (a["path"] == path) return &a;
    return nullptr;
}

} // namespace

TEST_CASE("issue 15: a local option without labour keys gets the documented defaults, shown as assumed") {
    const auto file = temp_file("no-labour.yaml", kNoLabour);
    const auto table = run({"estimate", file, "--max-price-age", "0"});
    REQUIRE(table.exit_code == 0);
    // The one table line names the defaulted keys.
    CHECK(contains(table.out, "assumed: "));
    CHECK(contains(table.out, "not written in the profile"));
    for (const char* key : {"setup_hours", "maintenance_hours_per_month", "incidents_per_year",
                            "hours_per_incident", "settings.labor_rate_per_hour"}) {
        INFO(key);
        CHECK(contains(table.out, key));
    }

    const auto json = run({"estimate", file, "--format", "json", "--max-price-age", "0"});
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    const auto& box = j["workloads"][0]["options"][1];
    REQUIRE(box["name"] == "box");
    const auto* setup = find_assumption(box["assumptions"], "options.local.box.setup_hours");
    REQUIRE(setup);
    CHECK((*setup)["value"] == 6); // the midpoint of the article's 4–8 h
    CHECK((*setup)["origin"] == "default");
    CHECK((*find_assumption(box["assumptions"], "options.local.box.maintenance_hours_per_month"))["value"] ==
          2);
    CHECK((*find_assumption(box["assumptions"], "options.local.box.incidents_per_year"))["value"] == 4);
    CHECK((*find_assumption(box["assumptions"], "options.local.box.hours_per_incident"))["value"] == 3);
    // Labour in money: setup 6 h × $150 = $900 once; 2 h × $150 = $300 a month of upkeep and
    // 4 / 12 × 3 h × $150 = $150 a month of incidents: $450 a month, $5,400 over 12 months.
    double setup_total = 0, upkeep_total = 0, incidents_total = 0;
    for (const auto& item : box["items"]) {
        if (item["label"] == "setup labor") setup_total = item["total"];
        if (item["label"] == "maintenance labor") upkeep_total = item["total"];
        if (item["label"] == "incident labor") incidents_total = item["total"];
    }
    CHECK(setup_total == Approx(900));
    CHECK(upkeep_total == Approx(3600));    // 12 × $300
    CHECK(incidents_total == Approx(1800)); // 12 × $150
    // Settings-level assumptions sit at the top level; the workload's with the workload.
    const auto* rate = find_assumption(j["assumptions"], "settings.labor_rate_per_hour");
    REQUIRE(rate);
    CHECK((*rate)["value"] == 150);
    CHECK((*rate)["origin"] == "default");
    CHECK(find_assumption(j["workloads"][0]["assumptions"], "workloads.w.peak_to_average"));
    // Written values are not assumptions.
    CHECK_FALSE(find_assumption(j["assumptions"], "settings.days_per_month"));
    CHECK_FALSE(find_assumption(box["assumptions"], "options.local.box.hardware.purchase"));
    // Catalog prices name their entry.
    const auto* price = find_assumption(j["workloads"][0]["options"][0]["assumptions"],
                                        "options.cloud.mini.price.input_per_mtok");
    REQUIRE(price);
    CHECK((*price)["origin"] == "catalog:gpt-4o-mini");
    CHECK((*price)["value"] == Approx(0.15));

    const auto explain = run({"estimate", file, "--explain", "--max-price-age", "0"});
    REQUIRE(explain.exit_code == 0);
    CHECK(contains(explain.out, "assumed: setup_hours = 6 hours (default)"));
    CHECK(contains(explain.out, "assumed: maintenance_hours_per_month = 2 hours/month (default)"));
    CHECK(contains(explain.out, "assumed: settings.labor_rate_per_hour = $150.00/hour (default)"));
    CHECK(contains(explain.out, "setup: 6 h × $150.00/h = $900.00 once"));
    CHECK(contains(explain.out, "assumed: price.input_per_mtok = $0.15/Mtok (catalog: gpt-4o-mini)"));
    CHECK(contains(explain.out, "catalog sources:"));
    CHECK(contains(explain.out, "gpt-4o-mini: LiteLLM"));

    const auto md = run({"estimate", file, "--format", "markdown", "--max-price-age", "0"});
    REQUIRE(md.exit_code == 0);
    CHECK(contains(md.out, "- assumed: "));
    CHECK(contains(md.out, "setup_hours"));

    const auto html = run({"report", file, "--max-price-age", "0"});
    REQUIRE(html.exit_code == 0);
    CHECK(contains(html.out, "<h3>Assumptions</h3>"));
    CHECK(contains(html.out,
                   "<td class=\"text\">box</td><td class=\"text\">setup_hours</td><td class=\"text\">6 "
                   "hours</td><td class=\"text\">default</td>"));

    const auto validate = run({"validate", file, "--max-price-age", "0"});
    REQUIRE(validate.exit_code == 0);
    CHECK(contains(validate.out, "    options.local.box.setup_hours = 6 hours (default)\n"));
    CHECK(contains(validate.out,
                   "    options.cloud.mini.price.input_per_mtok = $0.15/Mtok (catalog: gpt-4o-mini)\n"));
}

TEST_CASE("issue 15: a written 0 means zero labour and is not an assumption") {
    std::string yaml = kNoLabour;
    yaml += "      setup_hours: 0\n      maintenance_hours_per_month: 0\n      incidents_per_year: 0\n";
    const auto file = temp_file("zero-labour.yaml", yaml);
    const auto r = run({"estimate", file, "--format", "json", "--max-price-age", "0"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& box = j["workloads"][0]["options"][1];
    CHECK_FALSE(find_assumption(box["assumptions"], "options.local.box.setup_hours"));
    CHECK_FALSE(find_assumption(box["assumptions"], "options.local.box.maintenance_hours_per_month"));
    // No incidents: their length moves no money and is not listed either.
    CHECK_FALSE(find_assumption(box["assumptions"], "options.local.box.hours_per_incident"));
    for (const auto& item : box["items"]) {
        INFO(item["label"]);
        CHECK(item["label"] != "setup labor");
        CHECK(item["label"] != "maintenance labor");
        CHECK(item["label"] != "incident labor");
    }
}

TEST_CASE("issue 15: --set values and derived speeds are assumptions with their origin") {
    const auto file = temp_file("no-labour.yaml", kNoLabour);
    const auto r = run({"estimate", file, "--format", "json", "--max-price-age", "0", "--set",
                        "options.local.box.availability=0.99"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto* set =
        find_assumption(j["workloads"][0]["options"][1]["assumptions"], "options.local.box.availability");
    REQUIRE(set);
    CHECK((*set)["origin"] == "set");
    CHECK((*set)["value"] == Approx(0.99));

    // A catalog machine and model: the speeds are derived, and listed with the figures the cost used.
    const auto derived = run({"estimate", "profiles/classification-100k.yaml", "--format", "json"});
    REQUIRE(derived.exit_code == 0);
    const auto d = nlohmann::json::parse(derived.out);
    for (const auto& o : d["workloads"][0]["options"]) {
        if (o["kind"] != "local") continue;
        const auto prefix = "options.local." + o["name"].get<std::string>() + ".";
        const auto* decode = find_assumption(o["assumptions"], prefix + "throughput.decode_tokens_per_s");
        REQUIRE(decode);
        CHECK((*decode)["origin"] == "derived");
        CHECK((*decode)["value"].get<double>() == Approx(o["capacity"]["decode_tokens_per_s"].get<double>()));
        const auto* purchase = find_assumption(o["assumptions"], prefix + "hardware.purchase");
        REQUIRE(purchase);
        CHECK((*purchase)["origin"].get<std::string>().starts_with("catalog:"));
    }
}

TEST_CASE("issue 15: a range default-free input shows its ends; rented hardware lists no electricity") {
    const auto file = temp_file("rented.yaml", R"(version: 1
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50}]
options:
  local:
    - name: gpu
      hardware: {rent_per_hour: 2.0, ram_gb: 80}
      model: {params_b: 8, bits_per_weight: 4.85, kv_cache_gb: 0.5}
      throughput: {prefill_tokens_per_s: 4000, decode_tokens_per_s: 100}
)");
    const auto r = run({"estimate", file, "--format", "json", "--set", "options.local.gpu.setup_hours=4..8"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& list = j["workloads"][0]["options"][0]["assumptions"];
    const auto* setup = find_assumption(list, "options.local.gpu.setup_hours");
    REQUIRE(setup);
    CHECK((*setup)["low"] == 4);
    CHECK((*setup)["high"] == 8);
    CHECK((*setup)["value"] == 6);
    CHECK((*find_assumption(list, "options.local.gpu.hardware.billing"))["value"] == "always_on");
    // A rented machine has no electricity, purchase or book value to assume.
    CHECK_FALSE(find_assumption(list, "options.local.gpu.power.electricity_per_kwh"));
    CHECK_FALSE(find_assumption(list, "options.local.gpu.hardware.lifetime_months"));
    CHECK_FALSE(find_assumption(list, "options.local.gpu.hardware.residual"));
}

TEST_CASE(
    "issue 15: review fixes — fallback prices listed, no exchange rate on USD, the engine's true origin") {
    const auto file = temp_file("fallback-prices.yaml", R"(version: 1
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50, cached_input_share: 0.5,
             reasoning_tokens: 50}]
options:
  cloud: [{name: c, price: {input_per_mtok: 1, output_per_mtok: 2}}]
  local:
    - {name: gpu, hardware: h100-rented, model: {preset: llama-3.1-8b, quant: Q4_K_M}}
)");
    const auto r = run({"estimate", file, "--format", "json", "--max-price-age", "0"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& cloud = j["workloads"][0]["options"][0]["assumptions"];
    // No cache or reasoning price written: billed at the input ($1) and output ($2) price.
    const auto* cached = find_assumption(cloud, "options.cloud.c.price.cached_input_per_mtok");
    REQUIRE(cached);
    CHECK((*cached)["value"] == 1);
    CHECK((*cached)["origin"] == "default");
    const auto* reasoning = find_assumption(cloud, "options.cloud.c.price.reasoning_per_mtok");
    REQUIRE(reasoning);
    CHECK((*reasoning)["value"] == 2);
    // A USD profile converts nothing: no exchange-rate entry.
    for (const auto& a : j["assumptions"]) {
        INFO(a["path"]);
        CHECK_FALSE(a["path"].get<std::string>().starts_with("settings.exchange_rate"));
    }
    // The H100 preset's engine (vLLM) does not load GGUF: llama.cpp is the catalog's choice, not the
    // preset's.
    const auto* engine =
        find_assumption(j["workloads"][0]["options"][1]["assumptions"], "options.local.gpu.serving.engine");
    REQUIRE(engine);
    CHECK((*engine)["value"] == "llama.cpp");
    CHECK((*engine)["origin"] == "catalog:llama.cpp");
    const auto explain = run({"estimate", file, "--explain", "--max-price-age", "0"});
    CHECK(contains(explain.out,
                   "assumed: hardware.accelerators = 1 accelerator/machine (catalog: h100-rented)"));
}

TEST_CASE("issue 15: a fallback that cannot answer the workload serves nothing: its calls go unserved") {
    // 1,000 calls a day, availability 0.9: a tenth of the calls fall back. The fallback is an
    // embedding model and the calls need 50 output tokens, so it cannot serve them: before, their
    // output was billed at $0 and the option looked fine.
    const auto file = temp_file("embedding-fallback.yaml", R"(version: 1
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 1000/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: emb, model: text-embedding-3-small}, {name: mini, model: gpt-4o-mini}]
  local:
    - name: box
      hardware: {purchase: 1000, ram_gb: 32}
      model: {params_b: 8, bits_per_weight: 4.8, kv_cache_gb: 0.5}
      throughput: {prefill_tokens_per_s: 1500, decode_tokens_per_s: 60}
      availability: 0.9
      fallback: emb
)");
    const auto r = run({"estimate", file, "--format", "json", "--max-price-age", "0"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const auto& box = j["workloads"][0]["options"][2];
    REQUIRE(box["name"] == "box");
    CHECK(box["feasible"] == false);
    // 12 months × 30 days × 1,000 calls × 10 % = 36,000 calls unserved.
    CHECK(box["unserved_calls"].get<double>() == Approx(36000));
    bool warned = false;
    for (const auto& w : box["warnings"])
        warned = warned ||
                 w.get<std::string>().find("the fallback 'emb' cannot serve them: text-embedding-3-small "
                                           "is an embedding model") != std::string::npos;
    CHECK(warned);
    for (const auto& item : box["items"]) {
        INFO(item["label"]);
        CHECK(item["label"].get<std::string>().find("fallback") == std::string::npos);
    }
    CHECK(j["workloads"][0]["recommendation"]["option"] == "mini");
}
