// The key table against everything derived from it, in the style of ccache's
// check_key_tables_consistency(): every numeric key is decoded where the table says, may be a range
// exactly where the table says, is addressable by --set and --vary, reaches the engine, and is
// swung by sensitivity and sampled by simulate when given as a range.

#include "helpers.hpp"
#include "llmtco/fields.hpp"
#include "llmtco/keys.hpp"
#include "llmtco/simulate.hpp"
#include "load/sweep_plan.hpp"
#include "render/format.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <set>

using namespace llmtco;

namespace {

// One of every item kind, every map written, so every row has a concrete place to land: a
// workload with cached, reasoning and batchable tokens and a latency limit; a cloud option with a
// long-context tier that applies (2,000 input tokens > 1,000); an owned local option with every
// block, a rented one, one on a reserved term and one on spot.
const std::string kFull = R"(version: 1
settings: {horizon_months: 24, discount_rate: 5%}
workloads:
  - name: w
    calls: 5000/day
    input_tokens: 2000
    output_tokens: 300
    reasoning_tokens: 100
    cached_input_share: 0.25
    cache_write_share: 0.1
    cache_write_1h_share: 0.05
    batchable: true
    growth_per_month: 2%
    peak_to_average: 2
    max_latency_ms: 60000
options:
  cloud:
    - name: api
      price:
        input_per_mtok: 1
        output_per_mtok: 4
        cached_input_per_mtok: 0.1
        cache_write_per_mtok: 1.25
        cache_write_1h_per_mtok: 2
        reasoning_per_mtok: 5
        batch_discount: 0.5
        tiers: [{above_input_tokens: 1000, input_per_mtok: 2, output_per_mtok: 8, cached_input_per_mtok: 0.2, cache_write_per_mtok: 2.5, cache_write_1h_per_mtok: 4}]
      setup_hours: 1
      maintenance_hours_per_month: 1
      fixed_monthly: 10
      latency_ms: 900
  local:
    - name: owned
      hardware: {purchase: 3000, lifetime_months: 36, ram_gb: 32}
      model: {params_b: 8, bits_per_weight: 4.8, kv_cache_gb: 1, overhead_gb: 0.5}
      throughput: {prefill_tokens_per_s: 1500, decode_tokens_per_s: 60, concurrency: 2, max_utilization: 0.7}
      power: {idle_watts: 20, active_watts: 150, electricity_per_kwh: 0.2, pue: 1.2}
      other_ram_gb: 4
      setup_hours: 8
      maintenance_hours_per_month: 2
      incidents_per_year: 2
      hours_per_incident: 3
      availability: 0.99
      fallback: api
    - name: rented
      hardware: {rent_per_hour: 1.2, ram_gb: 24}
      model: {params_b: 8, bits_per_weight: 4.8}
      throughput: {prefill_tokens_per_s: 3000, decode_tokens_per_s: 90}
      latency_ms: 1500
    - name: reserved
      hardware: {rent_per_hour: 2, reserved: {term_months: 12, rent_per_hour: 1.2}}
      model: {params_b: 8, bits_per_weight: 4.8}
      throughput: {prefill_tokens_per_s: 3000, decode_tokens_per_s: 90}
    - name: spot
      hardware: {rent_per_hour: 2, spot: {rent_per_hour: 0.8, interruptions_per_day: 2, minutes_lost_per_interruption: 10}}
      model: {params_b: 8, bits_per_weight: 4.8}
      throughput: {prefill_tokens_per_s: 3000, decode_tokens_per_s: 90}
      fallback: api
    - name: derived
      hardware: rtx-4090-workstation
      model: {preset: llama-3.1-8b, quant: Q4_K_M, kv_bytes_per_token: 131072}
      serving: {engine: llama.cpp, concurrency: 2, accelerators_per_copy: 1, efficiency: {overhead_ms_per_token: 3}}
budgets:
  - max_total: 100000
)";

/// The concrete PATH of a pattern row in kFull.
std::string concrete(const KeySpec& k) {
    std::string p(k.path);
    auto replace = [&](const std::string& from, const std::string& to) {
        if (const auto at = p.find(from); at != std::string::npos) p.replace(at, from.size(), to);
    };
    replace("workloads[]", "workloads.w");
    replace("options.cloud[].price.tiers[]", "options.cloud.api.price.tiers.0");
    replace("options.cloud[]", "options.cloud.api");
    const bool reserved = p.find(".reserved.") != std::string::npos;
    const bool spot = p.find(".spot.") != std::string::npos;
    const bool rented = p.find("rent_per_hour") != std::string::npos || p == "options.local[].latency_ms" ||
                        p.find("cold_start_seconds") != std::string::npos;
    // The keys of the capacity derivation (PRODUCT §4b) act on the option without measured speeds.
    bool derived = p.find("].serving.") != std::string::npos;
    for (const char* key :
         {"accelerators", "memory_gb", "memory_bandwidth_gbs", "tflops.", "host_ram_gb", "host_bandwidth_gbs",
          "active_params_b", "layers", "attention_heads", "kv_heads", "head_dim", "embedding_params_b",
          "context_tokens", "experts", "kv_bits", "kv_bytes_per_token"})
        derived = derived || p.find(key) != std::string::npos;
    replace("options.local[]", reserved  ? "options.local.reserved"
                               : spot    ? "options.local.spot"
                               : rented  ? "options.local.rented"
                               : derived ? "options.local.derived"
                                         : "options.local.owned");
    replace("budgets[]", "budgets.0");
    return p;
}

/// Other values the test of a row needs: base prices matter only when the tier does not apply; a
/// TFLOPS figure only for the data type the model computes in; host RAM only when the model spills
/// into it; an expert's cost only for a MoE model; the engine's cap only on a batch above it.
std::vector<std::string> context(const KeySpec& k) {
    const std::string p(k.path);
    const std::string d = "options.local.derived.";
    if (p.find("tflops.fp8") != std::string::npos) return {d + "model.compute=fp8"};
    if (p.find("tflops.int8") != std::string::npos) return {d + "model.compute=int8"};
    if (p.find("tflops.fp4") != std::string::npos) return {d + "model.compute=fp4"};
    if (p.find("host_") != std::string::npos) return {d + "model.params_b=40"};
    // (the option writes kv_bytes_per_token and overhead_ms_per_token, which the formulas would
    // otherwise use instead of the architecture and the per-layer and per-expert costs)
    const auto no_step = d + "serving.efficiency.overhead_ms_per_token=null";
    if (p.find("model.experts_per_token") != std::string::npos)
        return {d + "model.experts=16", d + "model.active_params_b=3", d + "serving.concurrency=8"};
    if (p.find("model.experts") != std::string::npos || p.find("per_expert") != std::string::npos)
        return {d + "model.experts_per_token=2", d + "model.active_params_b=3", d + "model.experts=16",
                d + "serving.concurrency=8", no_step};
    if (p.find("per_layer") != std::string::npos) return {no_step};
    for (const char* arch : {"model.layers", "model.kv_heads", "model.head_dim", "model.kv_bits"}) {
        if (p.find(arch) != std::string::npos) return {d + "model.kv_bytes_per_token=null"};
    }
    if (p.find("max_concurrency") != std::string::npos) return {d + "serving.concurrency=6"};
    // A cold start is billed only when an on-demand machine scales to zero outside the active hours.
    if (p.find("cold_start_seconds") != std::string::npos)
        return {"options.local.rented.hardware.billing=on_demand", "workloads.w.active_hours_per_day=12"};
    if (p.find("accelerators_per_copy") != std::string::npos) return {d + "hardware.accelerators=8"};
    if (p.find("].price.") != std::string::npos && p.find("tiers") == std::string::npos)
        return {"options.cloud.api.price.tiers.0.above_input_tokens=5000"};
    return {};
}

/// Two valid values of a numeric row that should move some figure of kFull.
std::pair<std::string, std::string> two_values(const KeySpec& k) {
    const std::string name(key_name(k));
    if (name == "max_latency_ms" || name == "latency_ms") return {"500", "100000"}; // excludes, or not
    if (name == "days_per_month") return {"28", "31"};
    if (name == "horizon_months") return {"12", "48"};
    if (name == "term_months") return {"12", "36"}; // the second runs 12 months past the 24-month horizon
    if (name == "above_input_tokens") return {"500", "5000"}; // the tier applies, or not
    if (name == "bits_per_weight") return {"4", "16"};
    if (name == "params_b") return {"3", "30"};
    if (name == "ram_gb") return {"8", "64"};
    if (name == "other_ram_gb") return {"2", "30"}; // 32 GB less 30 leaves no room for the 6.3 GB model
    if (name == "context_tokens") return {"3000", "131072"}; // calls of 2,400 tokens fit both
    if (name == "experts") return {"4", "16"};               // above experts_per_token = 2
    if (name == "memory_gb") return {"8", "24"};
    if (k.type == KeyType::share) return {"0.3", "0.6"};
    const double lo = std::max(k.min, 1.0) + 1;
    return {fmt::format("{}", lo), fmt::format("{}", lo * 4)};
}

std::string estimate_json(const Profile& p) { return render::dump(render::estimate_json(estimate(p))); }

bool targets_num(const KeySpec& k) {
    return std::holds_alternative<Num* (*)(Scope&)>(k.target) ||
           std::holds_alternative<std::optional<Num>* (*)(Scope&)>(k.target) ||
           std::holds_alternative<CallRate* (*)(Scope&)>(k.target);
}

bool is_number(const KeySpec& k) {
    return k.type == KeyType::number || k.type == KeyType::share || k.type == KeyType::integer ||
           k.type == KeyType::rate;
}

} // namespace

TEST_CASE("key table: a key may be a range exactly when its value lands in a Num") {
    for (const auto& k : key_table()) {
        INFO(k.path);
        CHECK(k.ranged == targets_num(k));
        if (k.decode == Decode::plain) CHECK_FALSE(std::holds_alternative<std::monostate>(k.target));
        if (k.decode == Decode::structure) CHECK(std::holds_alternative<std::monostate>(k.target));
        if (is_number(k) && k.decode != Decode::structure)
            CHECK_FALSE(std::holds_alternative<std::monostate>(k.target));
    }
}

TEST_CASE("key table: every default text of a plain numeric key is its applied default") {
    const auto p = test::profile(kFull);
    Profile bare = test::profile(R"(workloads: [{name: w, calls: 1/day, input_tokens: 1}]
options: {local: [{name: l, hardware: {purchase: 1}, model: {params_b: 1, bits_per_weight: 4},
                   throughput: {prefill_tokens_per_s: 1, decode_tokens_per_s: 1}}]})");
    for (const auto& b : bindings(bare)) {
        INFO(b.path);
        const auto origin = bare.origins.find(b.path);
        REQUIRE(origin != bare.origins.end());
        const auto d = numeric_default(*b.key);
        if (origin->second.origin != Origin::default_value || !d) continue;
        const auto value = load::read_value(bare, b);
        if (const auto* n = std::get_if<Num>(&value)) CHECK(n->value == *d);
        if (const auto* n = std::get_if<double>(&value)) CHECK(*n == *d);
        if (const auto* n = std::get_if<int>(&value)) CHECK(*n == static_cast<int>(*d));
    }
    // Hand-checked: the documented defaults of the keys a local option most often leaves out.
    CHECK(bare.settings.days_per_month == 730.0 / 24.0); // "730/24", exact
    CHECK(bare.settings.labor_rate_per_hour.value == 150);
    CHECK(bare.settings.horizon_months == 36);
    CHECK(bare.settings.currency == "USD");
    CHECK(bare.local[0].throughput.concurrency.value == 1);
    CHECK(bare.local[0].throughput.max_utilization.value == 0.8);
    CHECK(bare.local[0].availability.value == 1);
    CHECK(bare.local[0].power.pue.value == 1);
    CHECK(bare.local[0].power.electricity_per_kwh.value == 0.15);
    CHECK(bare.local[0].power.always_on);
    CHECK(bare.local[0].hardware.lifetime_months.value == 36);
    CHECK(bare.team.can_maintain_local);
    CHECK(bare.version == 1);
    CHECK(p.origins.at("workloads.w.input_tokens").origin == Origin::profile);
}

TEST_CASE("key table: every numeric key is addressable, reaches the engine, and is sampled when ranged") {
    const auto base = test::profile(kFull);
    std::set<std::string> field_paths;
    {
        Profile copy = base;
        for (const auto& f : numeric_fields(copy))
            field_paths.insert(f.path);
    }
    int checked = 0;
    for (const auto& k : key_table()) {
        if (!is_number(k) || k.decode == Decode::structure) continue;
        if (k.path.substr(0, 8) == "budgets[") continue; // limits for `check`, not model inputs
        if (k.path == "version") continue;
        // The rate moves every USD figure at once and needs a non-USD currency: test_exchange_rate.cpp.
        if (k.path == "settings.exchange_rate.rate") continue;
        const auto path = concrete(k);
        INFO(path);
        const auto [v1, v2] = two_values(k);

        // --set reaches the engine: two values, two different results.
        auto sets1 = context(k);
        auto sets2 = context(k);
        sets1.push_back(path + "=" + v1);
        sets2.push_back(path + "=" + v2);
        const auto p1 = test::profile(kFull, sets1);
        const auto p2 = test::profile(kFull, sets2);
        // A context window changes no cost: it refuses calls longer than it (2,400 tokens here).
        if (key_name(k) == "context_tokens") {
            CHECK_THROWS_WITH(test::profile(kFull, {path + "=2000"}), Catch::Contains("context window"));
        } else {
            CHECK(estimate_json(p1) != estimate_json(p2));
        }
        CHECK(p1.origins.at(path).origin == Origin::set);

        // --vary: every value checked once, then applied without loading (the fast path).
        const auto plan = load::plan_sweep({load::Source{"p.yaml", kFull}}, {}, catalog::builtin(),
                                           {load::Vary::list(path, {v1, v2})}, 100);
        CHECK(plan.fast);

        const auto range = v1 + ".." + v2;
        if (!k.ranged) {
            CHECK_THROWS_WITH(test::profile(kFull, {path + "=" + range}),
                              Catch::Contains(k.type == KeyType::integer
                                                  ? "must be a whole number"
                                                  : "takes a single number, not a range"));
            continue;
        }
        CHECK(field_paths.count(path) == 1);
        // Given as a range, it is a ranged field, swung by sensitivity and sampled by simulate.
        auto ranged = test::profile(kFull, {path + "=" + range});
        const auto fields = ranged_fields(ranged);
        REQUIRE(fields.size() == 1);
        CHECK(fields[0].path == path);
        bool swung = false;
        for (const auto& pair : sensitivity(ranged)) {
            for (const auto& row : pair.rows)
                swung = swung || row.input == path;
        }
        CHECK(swung);
        SimulateOptions options;
        options.samples = 50;
        const auto sim = simulate(ranged, options);
        CHECK(sim.ranged_inputs == std::vector<std::string>{path});
        ++checked;
    }
    CHECK(checked >= 40); // every ranged numeric key of the table, not a handful
}

TEST_CASE("key table: the labour rate as a range is sampled and swung (it used to keep only its mean)") {
    const auto path = std::string("settings.labor_rate_per_hour");
    auto p = test::profile(kFull, {path + "=50..250"});
    CHECK(p.settings.labor_rate_per_hour.value == 150); // the mean, (50 + 250) / 2
    CHECK(p.settings.labor_rate_per_hour.low == 50);
    CHECK(p.settings.labor_rate_per_hour.high == 250);
    const auto pairs = sensitivity(p);
    REQUIRE_FALSE(pairs.empty());
    const auto& owned = pairs[0]; // w: owned − api
    REQUIRE(owned.local == "owned");
    const SensitivityRow* row = nullptr;
    for (const auto& r : owned.rows)
        if (r.input == path) row = &r;
    REQUIRE(row);
    // owned's own labour over 24 months: setup 8 h + 24 × (upkeep 2 h + incidents 2/year × 3 h / 12
    // = 0.5 h) = 8 + 60 = 68 h. Its fallback api's setup (1 h) and upkeep (1 h/month) are paid on both
    // sides of owned − api, so they cancel. owned needs a second machine from month 22 (month m needs
    // 5000 × 730/24 × 1.02^(m−1) calls × 8 s / 2 concurrent / 3600 × peak 2 / (730 h × 0.7) =
    // 0.661 × 1.02^(m−1) machines, above 1 once m − 1 ≥ 21): its setup 2 h + 3 months × 2 h of
    // upkeep beyond the first machine = 8 h. 68 + 8 = 76 h; at $50 and $250 an hour: 76 h × $200 =
    // $15,200.
    CHECK(row->swing == Approx(76.0 * 200).epsilon(1e-9));
}

TEST_CASE("simulate: an input's draws do not change when another input becomes ranged") {
    const std::string a = "options.local.owned.setup_hours=4..12";
    // api's latency is listed before owned's setup hours and moves no cost: a stream keyed by the
    // position in the list of ranged inputs would shift owned's draws, one keyed by PATH does not.
    const std::string b = "options.cloud.api.latency_ms=800..1000";
    SimulateOptions options;
    options.samples = 2000;
    options.seed = 3;
    auto with_both = test::profile(kFull, {a, b});
    const auto fields = ranged_fields(with_both);
    REQUIRE(fields.size() == 2);
    CHECK(fields[0].path == "options.cloud.api.latency_ms");
    CHECK(fields[1].path == "options.local.owned.setup_hours");
    const auto one = simulate(test::profile(kFull, {a}), options);
    const auto two = simulate(with_both, options);
    const auto owned = [](const Simulation& s) {
        for (const auto& o : s.workloads[0].options)
            if (o.name == "owned") return o;
        throw std::runtime_error("no owned");
    };
    CHECK(owned(one).mean == owned(two).mean);
    CHECK(owned(one).p10 == owned(two).p10);
    CHECK(owned(one).p50 == owned(two).p50);
    CHECK(owned(one).p90 == owned(two).p90);
    CHECK(owned(one).p10 < owned(one).p90); // it was sampled
}
