#include "render/format.hpp"

#include <fmt/format.h>

namespace llmtco::render {
namespace {

std::string num(double v, const char* what) { return fmt::format("{}", checked(v, what)); }
std::string num(const std::optional<double>& v, const char* what) {
    return v ? num(*v, what) : std::string();
}

std::string row(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i)
        out += std::string(i ? "," : "") + csv_field(cells[i]);
    return out + "\n";
}

} // namespace

std::string estimate_csv(const Result& r) {
    std::string out = row({"workload",
                           "option",
                           "kind",
                           "calls_per_day",
                           "cost_per_call",
                           "one_time_cost",
                           "monthly_cost_first",
                           "monthly_cost_last",
                           "residual_value",
                           "total_cost",
                           "cost_per_1k_calls",
                           "cost_per_mtok",
                           "machines",
                           "footprint_gb",
                           "memory_pressure",
                           "recommended",
                           "warnings",
                           "feasible",
                           "unserved_calls",
                           "infeasible_reasons",
                           "capacity_source",
                           "concurrency",
                           "max_concurrency",
                           "decode_tokens_per_s",
                           "prefill_tokens_per_s",
                           "latency_ms",
                           "bound",
                           "fits",
                           "offload_share",
                           "weights_gb",
                           "kv_gb_per_call",
                           "usable_gb",
                           "accelerators_per_copy",
                           "copies",
                           "max_concurrency_limited_by",
                           "decode_tokens_per_s_aggregate",
                           "machine_seconds_per_call",
                           "currency",
                           "exchange_rate"});
    for (const auto& w : r.workloads) {
        for (const auto& o : w.options) {
            std::string warnings;
            for (const auto& x : o.warnings)
                warnings += (warnings.empty() ? "" : "; ") + x;
            std::string reasons;
            for (const auto& x : o.infeasible_reasons)
                reasons += (reasons.empty() ? "" : "; ") + x;
            out += row({w.name, o.name, o.kind == OptionKind::cloud ? "cloud" : "local",
                        num(w.calls_per_day, "calls"), num(o.cost_per_call, "cost_per_call"),
                        num(o.one_time_cost, "one_time_cost"),
                        o.recurring_cost.empty() ? "" : num(o.recurring_cost.front(), "monthly"),
                        o.recurring_cost.empty() ? "" : num(o.recurring_cost.back(), "monthly"),
                        o.kind == OptionKind::local ? num(o.residual_value, "residual") : "",
                        num(o.total_cost, "total"), num(o.cost_per_1k_calls, "per 1k"),
                        num(o.cost_per_mtok, "per Mtok"), o.machines ? std::to_string(*o.machines) : "",
                        num(o.footprint_gb, "footprint"),
                        o.memory_pressure ? (*o.memory_pressure ? "true" : "false") : "",
                        o.name == w.recommendation.option ? "true" : "false", warnings,
                        o.feasible ? "true" : "false", num(o.unserved_calls, "unserved"), reasons,
                        o.capacity ? (o.capacity->derived ? "derived" : "measured") : "",
                        o.capacity ? num(o.capacity->concurrency, "concurrency") : "",
                        o.capacity ? num(o.capacity->max_concurrency, "max_concurrency") : "",
                        o.capacity ? num(o.capacity->decode_tokens_per_s, "decode") : "",
                        o.capacity ? num(o.capacity->prefill_tokens_per_s, "prefill") : "",
                        o.capacity ? num(o.capacity->latency_ms, "latency") : "",
                        o.capacity ? (o.capacity->memory_bound ? "memory" : "compute") : "",
                        o.capacity ? (o.capacity->fits ? "true" : "false") : "",
                        o.capacity ? num(o.capacity->offload_share, "offload") : "",
                        o.capacity ? num(o.capacity->weights_gb, "weights") : "",
                        o.capacity ? num(o.capacity->kv_gb_per_call, "kv") : "",
                        o.capacity ? num(o.capacity->usable_gb, "usable") : "",
                        o.capacity ? std::to_string(o.capacity->accelerators_per_copy) : "",
                        o.capacity ? std::to_string(o.capacity->copies) : "",
                        o.capacity ? o.capacity->limited_by : "",
                        o.capacity ? num(o.capacity->decode_tokens_per_s_aggregate, "aggregate") : "",
                        o.capacity ? num(o.capacity->machine_seconds_per_call, "machine seconds") : "",
                        r.currency,
                        // "0.92 EUR/USD as of 2026-11-30" when the catalog was converted, else empty
                        r.exchange_rate.rate > 0 && r.exchange_rate.from != r.currency
                            ? fmt::format("{} {}/{} as of {}", r.exchange_rate.rate, r.currency,
                                          r.exchange_rate.from, r.exchange_rate.as_of)
                            : std::string()});
        }
    }
    return out;
}

std::string breakeven_csv(const Result& r) {
    std::string out = row({"workload", "local", "cloud", "month", "months", "payback_month", "calls_per_day",
                           "ahead_spans", "cheaper_bands"});
    auto month = [](const std::optional<int>& m) { return m ? std::to_string(*m) : std::string(); };
    for (const auto& w : r.workloads) {
        for (const auto& b : w.breakeven) {
            std::string spans;
            for (const auto& [first, last] : b.ahead_spans)
                spans += fmt::format("{}{}-{}", spans.empty() ? "" : ";", first, last);
            std::string bands;
            for (const auto& [low, high] : b.cheaper_bands)
                bands +=
                    fmt::format("{}{}-{}", bands.empty() ? "" : ";", num(low, "band"), num(high, "band"));
            out += row({w.name, b.local, b.cloud, month(b.month), month(b.months), month(b.payback_month),
                        num(b.calls_per_day, "calls_per_day"), spans, bands});
        }
    }
    return out;
}

std::string recommend_csv(const Result& r) {
    std::string out = row({"workload", "option", "kind", "reasons"});
    for (const auto& w : r.workloads) {
        std::string reasons;
        for (const auto& x : w.recommendation.reasons)
            reasons += (reasons.empty() ? "" : "; ") + x;
        out += row({w.name, w.recommendation.option,
                    w.recommendation.option.empty()
                        ? ""
                        : (w.recommendation.kind == OptionKind::cloud ? "cloud" : "local"),
                    reasons});
    }
    return out;
}

} // namespace llmtco::render
