#include "llmtco/money.hpp"
#include "render/format.hpp"

#include <cmath>
#include <fmt/format.h>

namespace llmtco::render {

std::string explain_option(const OptionResult& o, const std::string& currency, const std::string& indent) {
    std::string out;
    for (const auto& reason : o.infeasible_reasons)
        out += fmt::format("{}infeasible: {}\n", indent, reason);
    for (const auto& line : o.capacity_explain)
        out += fmt::format("{}{}\n", indent, line);
    if (o.pool) {
        const auto& ps = *o.pool;
        std::string members;
        for (const auto& [workload, option] : ps.members)
            members += (members.empty() ? "" : ", ") + workload + " on " + option;
        out += fmt::format(
            "{}pool '{}': {} machine{} shared by {}; the pool's own costs ({} over the horizon: hardware, "
            "electricity, setup, maintenance, incidents) are allocated by busy machine-hours over the "
            "horizon, this workload {} h of {} h = {} %; its fallback's costs are its own\n",
            indent, ps.name, ps.machines, ps.machines == 1 ? "" : "s", members,
            format_money(ps.pool_cost, currency), format_number(ps.busy_hours, 1),
            format_number(ps.pool_busy_hours, 1), format_number(100 * ps.share, 1));
    }
    for (const auto& item : o.items) {
        out += fmt::format("{}{}\n", indent, item.formula);
    }
    out += fmt::format("{}total: {} = {}\n", indent,
                       o.items.empty() ? std::string("no costs")
                                       : [&] {
                                             std::string terms;
                                             for (const auto& item : o.items) {
                                                 const bool credit = item.total < 0; // residual value
                                                 terms += terms.empty() ? (credit ? "−" : "")
                                                                        : (credit ? " − " : " + ");
                                                 terms += format_money(std::fabs(item.total), currency);
                                             }
                                             return terms;
                                         }(),
                       format_money(o.total_cost, currency));
    for (const auto& a : o.assumptions)
        out += fmt::format("{}assumed: {}\n", indent, assumption_line(a, currency));
    return out;
}

std::string capacity_text(const Capacity& c) {
    if (!c.fits) return {};
    if (!c.derived) {
        return fmt::format("measured: {} prefill / {} decode tokens/s, {} call{} at once, latency {} ms",
                           format_number(c.prefill_tokens_per_s, 1), format_number(c.decode_tokens_per_s, 1),
                           format_number(c.concurrency, 0), c.concurrency == 1 ? "" : "s",
                           format_number(c.latency_ms, 0));
    }
    return fmt::format(
        "derived: batch {} of {} ({}{}), {} tokens/s per stream ({} per machine), {}-bound, prefill {} "
        "tokens/s, latency {} ms{}",
        format_number(c.concurrency, 0), format_number(c.max_concurrency, 0), c.limited_by,
        c.kv_gb_per_call > 0 && c.limited_by != "KV cache"
            ? fmt::format("; the KV cache holds {}", format_number(c.kv_concurrency, 0))
            : std::string(),
        format_number(c.decode_tokens_per_s, 1), format_number(c.decode_tokens_per_s_aggregate, 1),
        c.memory_bound ? "memory" : "compute", format_number(c.prefill_tokens_per_s, 0),
        format_number(c.latency_ms, 0),
        c.offload_share > 0
            ? fmt::format(", {}% of the weights offloaded", format_number(c.offload_share * 100, 1))
            : std::string());
}

} // namespace llmtco::render
