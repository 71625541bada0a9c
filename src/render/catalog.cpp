#include "render/catalog.hpp"

#include "catalog/price_age.hpp"
#include "llmtco/money.hpp"

#include <fmt/format.h>

namespace llmtco::render {
namespace {

std::string price_or_dash(const std::optional<Num>& n) {
    return n ? format_unit_price(n->value) : std::string("—");
}

nlohmann::ordered_json nullable(const std::optional<Num>& n) {
    return n ? nlohmann::ordered_json(n->value) : nlohmann::ordered_json(nullptr);
}

} // namespace

std::string cloud_models_table(const std::vector<const CloudModel*>& models, const Style& style,
                               std::string_view today) {
    std::vector<std::vector<std::string>> rows{{"model", "provider", "mode", "input/Mtok", "output/Mtok",
                                                "cached/Mtok", "batch", "tiers", "as of", "age", "catalog"}};
    for (const auto* m : models) {
        const auto age = catalog::days_between(m->as_of, today);
        rows.push_back({m->name, m->provider, m->mode, format_unit_price(m->price.input_per_mtok.value),
                        format_unit_price(m->price.output_per_mtok.value),
                        price_or_dash(m->price.cached_input_per_mtok),
                        m->price.batch_discount.value > 0
                            ? fmt::format("-{}%", format_number(m->price.batch_discount.value * 100))
                            : std::string("—"),
                        m->price.tiers.empty() ? std::string("—") : fmt::format("{}", m->price.tiers.size()),
                        m->as_of.empty() ? std::string("—") : m->as_of,
                        age ? fmt::format("{} d", *age) : std::string("—"), m->catalog});
    }
    return aligned_table(rows, {false, false, false, true, true, true, true, true, false, true, false}, style,
                         "");
}

nlohmann::ordered_json cloud_model_json(const CloudModel& m) {
    nlohmann::ordered_json tiers = nlohmann::ordered_json::array();
    for (const auto& t : m.price.tiers) {
        tiers.push_back({{"above_input_tokens", t.above_input_tokens},
                         {"input_per_mtok", t.input_per_mtok.value},
                         {"output_per_mtok", t.output_per_mtok.value},
                         {"cached_input_per_mtok", nullable(t.cached_input_per_mtok)},
                         {"cache_write_per_mtok", nullable(t.cache_write_per_mtok)},
                         {"cache_write_1h_per_mtok", nullable(t.cache_write_1h_per_mtok)}});
    }
    return {{"name", m.name},
            {"provider", m.provider},
            {"mode", m.mode},
            {"input_per_mtok", m.price.input_per_mtok.value},
            {"output_per_mtok", m.price.output_per_mtok.value},
            {"cached_input_per_mtok", nullable(m.price.cached_input_per_mtok)},
            {"cache_write_per_mtok", nullable(m.price.cache_write_per_mtok)},
            {"cache_write_1h_per_mtok", nullable(m.price.cache_write_1h_per_mtok)},
            {"reasoning_per_mtok", nullable(m.price.reasoning_per_mtok)},
            {"batch_discount", m.price.batch_discount.value},
            {"tiers", tiers},
            {"aliases", m.aliases},
            {"as_of", m.as_of},
            {"source", m.source},
            {"catalog", m.catalog}};
}

std::string cloud_models_csv(const std::vector<const CloudModel*>& models, std::string_view today) {
    std::string out = "name,provider,mode,input_per_mtok,output_per_mtok,cached_input_per_mtok,batch_"
                      "discount,as_of,source,catalog,age_days\n";
    for (const auto* m : models) {
        const auto age = catalog::days_between(m->as_of, today);
        out += fmt::format(
            "{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(m->name), csv_field(m->provider), m->mode,
            m->price.input_per_mtok.value, m->price.output_per_mtok.value,
            m->price.cached_input_per_mtok ? fmt::format("{}", m->price.cached_input_per_mtok->value) : "",
            m->price.batch_discount.value, m->as_of, csv_field(m->source), csv_field(m->catalog),
            age ? fmt::format("{}", *age) : "");
    }
    return out;
}

nlohmann::ordered_json hardware_json(const HardwarePreset& h) {
    auto optional = [](const std::optional<double>& v) {
        return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json tflops = nlohmann::ordered_json::object();
    for (const auto& [key, value] : {std::pair{"fp16", h.tflops_fp16}, std::pair{"fp8", h.tflops_fp8},
                                     std::pair{"int8", h.tflops_int8}, std::pair{"fp4", h.tflops_fp4}}) {
        if (value > 0) tflops[key] = value;
    }
    auto term = [](const std::optional<HardwarePreset::Term>& t, bool reserved) {
        if (!t) return nlohmann::ordered_json(nullptr);
        nlohmann::ordered_json j;
        if (reserved) j["term_months"] = t->term_months;
        j["rent_per_hour"] = t->rent_per_hour;
        if (!reserved) {
            j["interruptions_per_day"] = t->interruptions_per_day;
            j["minutes_lost_per_interruption"] = t->minutes_lost_per_interruption;
        }
        j["as_of"] = t->as_of;
        j["source"] = t->source;
        return j;
    };
    return {{"name", h.name},
            {"description", h.description},
            {"purchase", optional(h.purchase)},
            {"rent_per_hour", optional(h.rent_per_hour)},
            {"billing", billing_name(h.billing)},
            {"reserved", term(h.reserved, true)},
            {"spot", term(h.spot, false)},
            {"lifetime_months", h.lifetime_months},
            {"ram_gb", h.ram_gb()},
            {"accelerators", h.accelerators},
            {"memory_gb", h.memory_gb},
            {"memory_bandwidth_gbs", h.memory_bandwidth_gbs},
            {"tflops", tflops},
            {"unified_memory", h.unified_memory},
            {"host_ram_gb", h.host_ram_gb},
            {"host_bandwidth_gbs", h.host_bandwidth_gbs},
            {"class", class_name(h.hw_class)},
            {"architecture", h.architecture},
            {"default_engine", h.default_engine},
            {"engines", h.engines},
            {"idle_watts", h.idle_watts},
            {"active_watts", h.active_watts},
            {"as_of", h.as_of},
            {"source", h.source},
            {"catalog", h.catalog}};
}

nlohmann::ordered_json local_model_json(const LocalModelPreset& m) {
    return {{"name", m.name},
            {"params_b", m.params_b},
            {"active_params_b", m.active_params_b > 0 ? m.active_params_b : m.params_b},
            {"layers", m.layers},
            {"attention_heads", m.attention_heads},
            {"kv_heads", m.kv_heads},
            {"head_dim", m.head_dim},
            {"embedding_params_b", m.embedding_params_b},
            {"context_tokens", m.context_tokens},
            {"experts", m.experts},
            {"experts_per_token", m.experts_per_token},
            {"kv_bytes_per_token", m.kv_bytes_per_token ? nlohmann::ordered_json(*m.kv_bytes_per_token)
                                                        : nlohmann::ordered_json(nullptr)},
            {"embedding", m.embedding},
            {"as_of", m.as_of},
            {"source", m.source},
            {"catalog", m.catalog}};
}

nlohmann::ordered_json quant_json(const Quant& q) {
    return {{"name", q.name},
            {"bits_per_weight", q.bits_per_weight},
            {"compute", compute_name(q.compute)},
            {"engines", q.engines},
            {"as_of", q.as_of},
            {"source", q.source},
            {"catalog", q.catalog}};
}

nlohmann::ordered_json engine_json(const Engine& e) {
    nlohmann::ordered_json eff = nlohmann::ordered_json::object();
    for (const auto& [cls, f] : e.efficiency) {
        eff[std::string(class_name(cls))] = {
            {"bandwidth", f.bandwidth},
            {"compute", f.compute},
            {"overhead_ms_per_layer", f.overhead_ms_per_layer},
            {"overhead_ms_per_expert", f.overhead_ms_per_expert},
            {"memory_fraction", f.memory_fraction ? nlohmann::ordered_json(*f.memory_fraction)
                                                  : nlohmann::ordered_json(nullptr)},
            {"host_bandwidth", f.host_bandwidth}};
    }
    std::vector<std::string> runs;
    for (const auto c : e.runs_on)
        runs.emplace_back(class_name(c));
    return {{"name", e.name},
            {"memory_fraction", e.memory_fraction},
            {"max_concurrency", e.max_concurrency},
            {"overhead_gb", e.overhead_gb},
            {"can_offload", e.can_offload},
            {"parallel", e.parallel == Parallel::tensor ? "tensor" : "layers"},
            {"runs_on", runs},
            {"efficiency", eff},
            {"as_of", e.as_of},
            {"source", e.source},
            {"catalog", e.catalog}};
}

nlohmann::ordered_json local_catalog_json(const Catalog& c) {
    nlohmann::ordered_json j{{"hardware", nlohmann::ordered_json::array()},
                             {"local_models", nlohmann::ordered_json::array()},
                             {"quants", nlohmann::ordered_json::array()},
                             {"engines", nlohmann::ordered_json::array()}};
    for (const auto& h : c.hardware)
        j["hardware"].push_back(hardware_json(h));
    for (const auto& m : c.local_models)
        j["local_models"].push_back(local_model_json(m));
    for (const auto& q : c.quants)
        j["quants"].push_back(quant_json(q));
    for (const auto& e : c.engines)
        j["engines"].push_back(engine_json(e));
    return j;
}

std::string local_catalog_table(const Catalog& c, const Style& style) {
    std::string out = style.bold("hardware") + "\n";
    std::vector<std::vector<std::string>> rows{{"name", "price", "GPUs", "GB each", "GB/s", "FP16 TFLOPS",
                                                "FP8", "class", "engine", "idle W", "active W", "as of"}};
    for (const auto& h : c.hardware) {
        rows.push_back({h.name,
                        h.rent_per_hour ? format_unit_price(*h.rent_per_hour) + "/h"
                                        : format_money(h.purchase.value_or(0)),
                        std::to_string(h.accelerators), format_number(h.memory_gb),
                        format_number(h.memory_bandwidth_gbs, 1), format_number(h.tflops_fp16, 1),
                        h.tflops_fp8 > 0 ? format_number(h.tflops_fp8, 1) : "—",
                        std::string(class_name(h.hw_class)), h.default_engine,
                        h.rent_per_hour ? "—" : format_number(h.idle_watts),
                        h.rent_per_hour ? "—" : format_number(h.active_watts), h.as_of});
    }
    out += aligned_table(rows, {false, true, true, true, true, true, true, false, false, true, true, false},
                         style, "  ");
    out += "\n" + style.bold("local models") + "\n";
    rows = {{"name", "params (B)", "active (B)", "layers", "KV heads", "head dim", "KV KB/token", "context",
             "as of"}};
    for (const auto& m : c.local_models) {
        const double kv =
            m.kv_bytes_per_token ? *m.kv_bytes_per_token : 2.0 * m.layers * m.kv_heads * m.head_dim * 2;
        rows.push_back({m.name, format_number(m.params_b, 3),
                        m.active_params_b > 0 ? format_number(m.active_params_b, 3) : "—",
                        std::to_string(m.layers), std::to_string(m.kv_heads), std::to_string(m.head_dim),
                        format_number(kv / 1024, 1), format_number(m.context_tokens), m.as_of});
    }
    out += aligned_table(rows, {false, true, true, true, true, true, true, true, false}, style, "  ");
    out += "\n" + style.bold("quantisation") + "\n";
    rows = {{"name", "bits/weight", "compute", "engines", "as of"}};
    for (const auto& q : c.quants)
        rows.push_back({q.name, format_number(q.bits_per_weight, 4), std::string(compute_name(q.compute)),
                        q.engines.empty() ? "any" : fmt::format("{}", fmt::join(q.engines, ", ")), q.as_of});
    out += aligned_table(rows, {false, true, false, false, false}, style, "  ");
    out += "\n" + style.bold("serving engines") + "\n";
    rows = {{"name", "memory fraction", "max concurrency", "offload", "parallel", "runs on", "as of"}};
    for (const auto& e : c.engines) {
        std::vector<std::string> runs;
        for (const auto cls : e.runs_on)
            runs.emplace_back(class_name(cls));
        rows.push_back({e.name, format_number(e.memory_fraction, 2), format_number(e.max_concurrency, 0),
                        e.can_offload ? "yes" : "no", e.parallel == Parallel::tensor ? "tensor" : "layers",
                        runs.empty() ? "any" : fmt::format("{}", fmt::join(runs, ", ")), e.as_of});
    }
    out += aligned_table(rows, {false, true, true, false, false, false, false}, style, "  ");
    return out;
}

} // namespace llmtco::render
