#include "render/catalog.hpp"

#include "llmtco/money.hpp"

#include <fmt/format.h>

namespace llmtco::render {
namespace {

std::string price_or_dash(const std::optional<Num>& n) {
    return n ? format_money_exact(n->value) : std::string("—");
}

nlohmann::ordered_json nullable(const std::optional<Num>& n) {
    return n ? nlohmann::ordered_json(n->value) : nlohmann::ordered_json(nullptr);
}

} // namespace

std::string cloud_models_table(const std::vector<const CloudModel*>& models, const Style& style) {
    std::vector<std::vector<std::string>> rows{
        {"model", "provider", "mode", "input/Mtok", "output/Mtok", "cached/Mtok", "batch", "tiers", "as of"}};
    for (const auto* m : models) {
        rows.push_back({m->name, m->provider, m->mode, format_money_exact(m->price.input_per_mtok.value),
                        format_money_exact(m->price.output_per_mtok.value),
                        price_or_dash(m->price.cached_input_per_mtok),
                        m->price.batch_discount.value > 0
                            ? fmt::format("-{}%", format_number(m->price.batch_discount.value * 100))
                            : std::string("—"),
                        m->price.tiers.empty() ? std::string("—") : fmt::format("{}", m->price.tiers.size()),
                        m->as_of});
    }
    return aligned_table(rows, {false, false, false, true, true, true, true, true, false}, style, "");
}

nlohmann::ordered_json cloud_model_json(const CloudModel& m) {
    nlohmann::ordered_json tiers = nlohmann::ordered_json::array();
    for (const auto& t : m.price.tiers) {
        tiers.push_back({{"above_input_tokens", t.above_input_tokens},
                         {"input_per_mtok", t.input_per_mtok.value},
                         {"output_per_mtok", t.output_per_mtok.value},
                         {"cached_input_per_mtok", nullable(t.cached_input_per_mtok)}});
    }
    return {{"name", m.name},
            {"provider", m.provider},
            {"mode", m.mode},
            {"input_per_mtok", m.price.input_per_mtok.value},
            {"output_per_mtok", m.price.output_per_mtok.value},
            {"cached_input_per_mtok", nullable(m.price.cached_input_per_mtok)},
            {"reasoning_per_mtok", nullable(m.price.reasoning_per_mtok)},
            {"batch_discount", m.price.batch_discount.value},
            {"tiers", tiers},
            {"aliases", m.aliases},
            {"as_of", m.as_of},
            {"source", m.source}};
}

std::string cloud_models_csv(const std::vector<const CloudModel*>& models) {
    std::string out = "name,provider,mode,input_per_mtok,output_per_mtok,cached_input_per_mtok,batch_"
                      "discount,as_of,source\n";
    for (const auto* m : models) {
        out += fmt::format(
            "{},{},{},{},{},{},{},{},{}\n", csv_field(m->name), csv_field(m->provider), m->mode,
            m->price.input_per_mtok.value, m->price.output_per_mtok.value,
            m->price.cached_input_per_mtok ? fmt::format("{}", m->price.cached_input_per_mtok->value) : "",
            m->price.batch_discount.value, m->as_of, csv_field(m->source));
    }
    return out;
}

nlohmann::ordered_json hardware_json(const HardwarePreset& h) {
    auto optional = [](const std::optional<double>& v) {
        return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    };
    return {{"name", h.name},
            {"description", h.description},
            {"purchase", optional(h.purchase)},
            {"rent_per_hour", optional(h.rent_per_hour)},
            {"billing", h.billing == Billing::always_on ? "always_on" : "on_demand"},
            {"lifetime_months", h.lifetime_months},
            {"ram_gb", h.ram_gb},
            {"idle_watts", h.idle_watts},
            {"active_watts", h.active_watts},
            {"prefill_tokens_per_s", optional(h.prefill_tokens_per_s)},
            {"decode_tokens_per_s", optional(h.decode_tokens_per_s)},
            {"as_of", h.as_of},
            {"source", h.source}};
}

nlohmann::ordered_json local_model_json(const LocalModelPreset& m) {
    return {{"name", m.name},
            {"params_b", m.params_b},
            {"kv_cache_gb", m.kv_cache_gb},
            {"layers", m.layers},
            {"kv_heads", m.kv_heads},
            {"head_dim", m.head_dim},
            {"context_tokens", m.context_tokens},
            {"as_of", m.as_of},
            {"source", m.source}};
}

nlohmann::ordered_json quant_json(const Quant& q) {
    return {
        {"name", q.name}, {"bits_per_weight", q.bits_per_weight}, {"as_of", q.as_of}, {"source", q.source}};
}

nlohmann::ordered_json local_catalog_json(const Catalog& c) {
    nlohmann::ordered_json j{{"hardware", nlohmann::ordered_json::array()},
                             {"local_models", nlohmann::ordered_json::array()},
                             {"quants", nlohmann::ordered_json::array()}};
    for (const auto& h : c.hardware)
        j["hardware"].push_back(hardware_json(h));
    for (const auto& m : c.local_models)
        j["local_models"].push_back(local_model_json(m));
    for (const auto& q : c.quants)
        j["quants"].push_back(quant_json(q));
    return j;
}

std::string local_catalog_table(const Catalog& c, const Style& style) {
    std::string out = style.bold("hardware") + "\n";
    std::vector<std::vector<std::string>> rows{
        {"name", "price", "RAM GB", "idle W", "active W", "decode tok/s", "as of"}};
    for (const auto& h : c.hardware) {
        rows.push_back(
            {h.name,
             h.rent_per_hour ? format_money(*h.rent_per_hour) + "/h" : format_money(h.purchase.value_or(0)),
             format_number(h.ram_gb), h.rent_per_hour ? "—" : format_number(h.idle_watts),
             h.rent_per_hour ? "—" : format_number(h.active_watts),
             h.decode_tokens_per_s ? format_number(*h.decode_tokens_per_s, 1) : "—", h.as_of});
    }
    out += aligned_table(rows, {false, true, true, true, true, true, false}, style, "  ");
    out += "\n" + style.bold("local models") + "\n";
    rows = {{"name", "params (B)", "KV cache GB", "context", "as of"}};
    for (const auto& m : c.local_models) {
        rows.push_back({m.name, format_number(m.params_b, 3), format_number(m.kv_cache_gb, 3),
                        format_number(m.context_tokens), m.as_of});
    }
    out += aligned_table(rows, {false, true, true, true, false}, style, "  ");
    out += "\n" + style.bold("quantisation") + "\n";
    rows = {{"name", "bits/weight", "as of"}};
    for (const auto& q : c.quants)
        rows.push_back({q.name, format_number(q.bits_per_weight, 4), q.as_of});
    out += aligned_table(rows, {false, true, false}, style, "  ");
    return out;
}

} // namespace llmtco::render
