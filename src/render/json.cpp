#include "render/format.hpp"

namespace llmtco::render {
namespace {

using json = nlohmann::ordered_json;

json number_or_null(const std::optional<double>& v, const char* what) {
    return v ? json(checked(*v, what)) : json(nullptr);
}

json option_json(const OptionResult& o) {
    json j;
    j["name"] = o.name;
    j["kind"] = o.kind == OptionKind::cloud ? "cloud" : "local";
    j["cost_per_call"] = number_or_null(o.cost_per_call, "cost_per_call");
    j["one_time_cost"] = checked(o.one_time_cost, "one_time_cost");
    json monthly = json::array();
    for (const double v : o.monthly_cost)
        monthly.push_back(checked(v, "monthly_cost"));
    j["monthly_cost"] = std::move(monthly);
    json amortised = json::array();
    for (const double v : o.amortised_cost)
        amortised.push_back(checked(v, "amortised_monthly_cost"));
    j["amortised_monthly_cost"] = std::move(amortised);
    if (o.kind == OptionKind::local) j["residual_value"] = checked(o.residual_value, "residual_value");
    j["total_cost"] = checked(o.total_cost, "total_cost");
    j["npv"] = number_or_null(o.npv, "npv");
    j["cost_per_1k_calls"] = number_or_null(o.cost_per_1k_calls, "cost_per_1k_calls");
    j["cost_per_mtok"] = number_or_null(o.cost_per_mtok, "cost_per_mtok");
    j["feasible"] = o.feasible;
    j["infeasible_reasons"] = o.infeasible_reasons;
    j["unserved_calls"] = checked(o.unserved_calls, "unserved_calls");
    j["machines"] = o.machines ? json(*o.machines) : json(nullptr);
    if (o.pool) {
        const auto& ps = *o.pool;
        json members = json::array();
        for (const auto& [workload, option] : ps.members)
            members.push_back({{"workload", workload}, {"option", option}});
        j["pool"] = {{"name", ps.name},
                     {"share", checked(ps.share, "pool share")},
                     {"busy_hours", checked(ps.busy_hours, "pool busy_hours")},
                     {"pool_busy_hours", checked(ps.pool_busy_hours, "pool busy_hours")},
                     {"pool_cost", checked(ps.pool_cost, "pool cost")},
                     {"machines", ps.machines},
                     {"members", std::move(members)}};
    }
    j["footprint_gb"] = number_or_null(o.footprint_gb, "footprint_gb");
    j["memory_pressure"] = o.memory_pressure ? json(*o.memory_pressure) : json(nullptr);
    if (o.capacity) {
        const auto& c = *o.capacity;
        j["capacity"] = {
            {"fits", c.fits},
            {"offload_share", checked(c.offload_share, "offload_share")},
            {"weights_gb", checked(c.weights_gb, "weights_gb")},
            {"kv_gb_per_call", checked(c.kv_gb_per_call, "kv_gb_per_call")},
            {"usable_gb", checked(c.usable_gb, "usable_gb")},
            {"accelerators_per_copy", c.accelerators_per_copy},
            {"copies", c.copies},
            {"max_concurrency", checked(c.max_concurrency, "max_concurrency")},
            {"max_concurrency_limited_by", c.limited_by},
            {"concurrency", checked(c.concurrency, "concurrency")},
            {"prefill_tokens_per_s", checked(c.prefill_tokens_per_s, "prefill_tokens_per_s")},
            {"decode_tokens_per_s", checked(c.decode_tokens_per_s, "decode_tokens_per_s")},
            {"decode_tokens_per_s_aggregate",
             checked(c.decode_tokens_per_s_aggregate, "decode_tokens_per_s_aggregate")},
            {"bound", c.memory_bound ? "memory" : "compute"},
            {"machine_seconds_per_call", checked(c.machine_seconds_per_call, "machine_seconds_per_call")},
            {"latency_ms", checked(c.latency_ms, "latency_ms")},
            {"source", c.derived ? "derived" : "measured"}};
    }
    j["assumptions"] = assumptions_json(o.assumptions);
    j["warnings"] = o.warnings;
    json items = json::array();
    for (const auto& item : o.items) {
        items.push_back(
            {{"label", item.label}, {"total", checked(item.total, "item total")}, {"formula", item.formula}});
    }
    j["items"] = std::move(items);
    return j;
}

json breakeven_list(const WorkloadResult& w) {
    json list = json::array();
    for (const auto& b : w.breakeven) {
        json spans = json::array();
        for (const auto& [first, last] : b.ahead_spans)
            spans.push_back({first, last});
        json bands = json::array();
        for (const auto& [low, high] : b.cheaper_bands)
            bands.push_back({checked(low, "band"), checked(high, "band")});
        list.push_back({{"local", b.local},
                        {"cloud", b.cloud},
                        {"month", b.month ? json(*b.month) : json(nullptr)},
                        {"months", b.months ? json(*b.months) : json(nullptr)},
                        {"payback_month", b.payback_month ? json(*b.payback_month) : json(nullptr)},
                        {"npv_month", b.npv_month ? json(*b.npv_month) : json(nullptr)},
                        {"calls_per_day", number_or_null(b.calls_per_day, "breakeven calls_per_day")},
                        {"ahead_spans", spans},
                        {"cheaper_bands", bands}});
        if (b.pooled) list.back()["pooled"] = true;
    }
    return list;
}

json recommendation_json(const Recommendation& r) {
    return {
        {"option", r.option.empty() ? json(nullptr) : json(r.option)},
        {"kind", r.option.empty() ? json(nullptr) : json(r.kind == OptionKind::cloud ? "cloud" : "local")},
        {"reasons", r.reasons}};
}

json document(const Result& r) {
    json doc{
        {"currency", r.currency}, {"horizon_months", r.horizon_months}, {"days_per_month", r.days_per_month}};
    doc["discount_rate"] = number_or_null(r.discount_rate, "discount_rate");
    add_exchange_rate(doc, r.currency, r.exchange_rate);
    return doc;
}

} // namespace

nlohmann::ordered_json estimate_json(const Result& r) {
    json doc = document(r);
    json workloads = json::array();
    for (const auto& w : r.workloads) {
        json options = json::array();
        for (const auto& o : w.options)
            options.push_back(option_json(o));
        workloads.push_back({{"name", w.name},
                             {"calls_per_day", checked(w.calls_per_day, "calls_per_day")},
                             {"options", std::move(options)},
                             {"breakeven", breakeven_list(w)},
                             {"recommendation", recommendation_json(w.recommendation)},
                             {"assumptions", assumptions_json(w.assumptions)}});
    }
    doc["workloads"] = std::move(workloads);
    doc["portfolio"] = portfolio_json(r);
    doc["assumptions"] = assumptions_json(r.assumptions);
    return doc;
}

nlohmann::ordered_json breakeven_json(const Result& r) {
    json doc = document(r);
    json workloads = json::array();
    for (const auto& w : r.workloads) {
        workloads.push_back({{"name", w.name},
                             {"calls_per_day", checked(w.calls_per_day, "calls_per_day")},
                             {"breakeven", breakeven_list(w)}});
    }
    doc["workloads"] = std::move(workloads);
    return doc;
}

nlohmann::ordered_json recommend_json(const Result& r) {
    json doc = document(r);
    json workloads = json::array();
    for (const auto& w : r.workloads) {
        json excluded = json::array();
        for (const auto& e : w.recommendation.excluded)
            excluded.push_back(e);
        auto rec = recommendation_json(w.recommendation);
        rec["excluded"] = std::move(excluded);
        workloads.push_back({{"name", w.name},
                             {"calls_per_day", checked(w.calls_per_day, "calls_per_day")},
                             {"recommendation", std::move(rec)}});
    }
    doc["workloads"] = std::move(workloads);
    doc["portfolio"] = portfolio_json(r);
    return doc;
}

} // namespace llmtco::render
