#include "catalog/apply.hpp"

#include <algorithm>

namespace llmtco::catalog {

void apply_hardware(LocalOption& l, const HardwarePreset& hp) {
    auto& h = l.hardware;
    h.preset = hp.name;
    h.price_as_of = hp.as_of;
    h.purchase.reset();
    h.rent_per_hour.reset();
    if (hp.purchase) h.purchase = Num::point(*hp.purchase);
    if (hp.rent_per_hour) h.rent_per_hour = Num::point(*hp.rent_per_hour);
    h.billing = hp.billing;
    h.reserved = {};
    h.spot = {};
    if (hp.reserved) {
        h.reserved.term_months = Num::point(hp.reserved->term_months);
        h.reserved.rent_per_hour = Num::point(hp.reserved->rent_per_hour);
    }
    if (hp.spot) {
        h.spot.rent_per_hour = Num::point(hp.spot->rent_per_hour);
        h.spot.interruptions_per_day = Num::point(hp.spot->interruptions_per_day);
        h.spot.minutes_lost_per_interruption = Num::point(hp.spot->minutes_lost_per_interruption);
    }
    h.lifetime_months = Num::point(hp.lifetime_months);
    h.ram_gb = Num::point(hp.ram_gb());
    h.accelerators = Num::point(hp.accelerators);
    h.memory_gb = Num::point(hp.memory_gb);
    h.memory_bandwidth_gbs = Num::point(hp.memory_bandwidth_gbs);
    h.tflops_fp16 = Num::point(hp.tflops_fp16);
    h.tflops_fp8 = Num::point(hp.tflops_fp8);
    h.tflops_int8 = Num::point(hp.tflops_int8);
    h.tflops_fp4 = Num::point(hp.tflops_fp4);
    h.unified_memory = hp.unified_memory;
    h.host_ram_gb = Num::point(hp.host_ram_gb);
    h.host_bandwidth_gbs = Num::point(hp.host_bandwidth_gbs);
    h.hw_class = hp.hw_class;
    h.architecture = hp.architecture;
    h.default_engine = hp.default_engine;
    h.engines = hp.engines;
    l.power.idle_watts = Num::point(hp.idle_watts);
    l.power.active_watts = Num::point(hp.active_watts);
}

void apply_model(LocalModel& m, const LocalModelPreset& lm) {
    m.preset = lm.name;
    m.params_b = Num::point(lm.params_b);
    m.active_params_b = Num::point(lm.active_params_b);
    m.layers = Num::point(lm.layers);
    m.attention_heads = Num::point(lm.attention_heads);
    m.kv_heads = Num::point(lm.kv_heads);
    m.head_dim = Num::point(lm.head_dim);
    m.embedding_params_b = Num::point(lm.embedding_params_b);
    m.context_tokens = Num::point(lm.context_tokens);
    m.experts = Num::point(lm.experts);
    m.experts_per_token = Num::point(lm.experts_per_token);
    m.kv_bytes_per_token.reset();
    if (lm.kv_bytes_per_token) m.kv_bytes_per_token = Num::point(*lm.kv_bytes_per_token);
}

void apply_quant(LocalModel& m, const Quant& q) {
    m.quant = q.name;
    m.bits_per_weight = Num::point(q.bits_per_weight);
    m.compute = q.compute;
    m.prefill_factor = q.prefill_factor;
}

void apply_engine(Serving& s, const Engine& e, const Hardware& h) {
    const auto eff = e.efficiency_for(h.hw_class, h.architecture);
    s.engine = e.name;
    s.max_concurrency = Num::point(e.max_concurrency);
    s.memory_fraction = Num::point(eff.memory_fraction.value_or(e.memory_fraction));
    s.overhead_gb = Num::point(e.overhead_gb);
    s.efficiency_bandwidth = Num::point(eff.bandwidth);
    s.efficiency_compute = Num::point(eff.compute);
    s.overhead_ms_per_token.reset();
    s.overhead_ms_per_layer = Num::point(eff.overhead_ms_per_layer);
    s.overhead_ms_per_expert = Num::point(eff.overhead_ms_per_expert);
    s.efficiency_host_bandwidth = Num::point(eff.host_bandwidth);
    s.parallel = e.parallel;
    s.can_offload = e.can_offload;
}

bool engine_runs_on(const Engine& e, const Hardware& h) {
    const auto& only = h.engines;
    return e.runs(h.hw_class) && (only.empty() || std::find(only.begin(), only.end(), e.name) != only.end());
}

bool engine_loads(const Catalog& c, const LocalModel& m, const std::string& engine) {
    const auto* q = m.quant.empty() ? nullptr : c.find_quant(m.quant);
    return !q || q->engines.empty() ||
           std::find(q->engines.begin(), q->engines.end(), engine) != q->engines.end();
}

const Engine* default_engine(const Catalog& c, const Hardware& h, const LocalModel& m) {
    const auto* preferred = c.find_engine(h.default_engine.empty() ? "llama.cpp" : h.default_engine);
    if (preferred && engine_runs_on(*preferred, h) && engine_loads(c, m, preferred->name)) return preferred;
    for (const auto& e : c.engines) {
        if (engine_runs_on(e, h) && engine_loads(c, m, e.name)) return &e;
    }
    return nullptr;
}

} // namespace llmtco::catalog
