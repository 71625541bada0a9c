#include "llmtco/money.hpp"
#include "render/format.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace llmtco::render {
namespace {

std::string money(double v, const std::string& cur) { return format_money(checked(v, "a cost"), cur); }

std::string opt_money(const std::optional<double>& v, const std::string& cur) {
    return v ? money(*v, cur) : std::string("—");
}

/// `text` in lines of at most `width` columns, broken at spaces; the first line indented by
/// `first`, the rest by `rest`.
std::string wrapped(const std::string& text, std::size_t width, const std::string& first,
                    const std::string& rest) {
    std::string out;
    std::string line = first;
    bool empty = true; // nothing but the indent on `line` yet
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const auto word = text.substr(start, end - start);
        if (!empty && display_width(line) + 1 + display_width(word) > width) {
            out += line + "\n";
            line = rest;
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
        start = end + 1;
    }
    return out + line + "\n";
}

std::string header(const Result& r, const WorkloadResult& w, const Style& style) {
    return style.bold(w.name) + " — " + workload_summary(r, w) + "\n";
}

std::string breakeven_rows(const Result& r, const WorkloadResult& w, const Style& style) {
    if (w.breakeven.empty()) return {};
    std::vector<bool> right{false, false, true, true, true};
    if (r.discount_rate) right.push_back(true);
    return aligned_table(breakeven_cells(r, w), right, style);
}

const OptionResult* cheapest(const WorkloadResult& w) {
    const OptionResult* best = nullptr;
    for (const auto& o : w.options) { // an option that cannot serve the workload is no answer
        if (o.feasible && (!best || o.total_cost < best->total_cost)) best = &o;
    }
    return best;
}

} // namespace

std::string workload_summary(const Result& r, const WorkloadResult& w) {
    return fmt::format("{} calls/day ({} calls in month 1), {}, {}", format_number(w.calls_per_day, 2),
                       format_number(w.calls_per_day * r.days_per_month, 0), month_count(r.horizon_months),
                       r.currency);
}

std::string monthly_text(const OptionResult& opt, const std::string& cur) {
    std::string monthly = opt.recurring_cost.empty() ? "—" : money(opt.recurring_cost.front(), cur);
    if (opt.recurring_cost.size() > 1 &&
        std::abs(opt.recurring_cost.back() - opt.recurring_cost.front()) > 0.005) {
        monthly += " → " + money(opt.recurring_cost.back(), cur);
    }
    return monthly;
}

std::vector<std::vector<std::string>> option_cells(const Result& r, const WorkloadResult& w) {
    const auto& cur = r.currency;
    std::vector<std::vector<std::string>> rows{{"option", "kind", "per call", "per month", "one-time",
                                                fmt::format("total ({} mo)", r.horizon_months),
                                                "per 1k calls", "per Mtok"}};
    if (r.discount_rate)
        rows[0].push_back(fmt::format("npv at {}%", format_number(*r.discount_rate * 100, 2)));
    for (const auto& opt : w.options) {
        const auto monthly = monthly_text(opt, cur);
        rows.push_back(
            {opt.name == w.recommendation.option ? opt.name + " *" : opt.name,
             opt.kind == OptionKind::cloud ? "cloud"
                                           : fmt::format("local ×{}{}{}", opt.machines.value_or(0),
                                                         opt.pool ? " pool " + opt.pool->name : std::string(),
                                                         opt.feasible ? "" : " (infeasible)"),
             (opt.cost_per_call ? format_money_exact(checked(*opt.cost_per_call, "cost per call"), cur)
                                : std::string("—")),
             monthly, money(opt.one_time_cost, cur), money(opt.total_cost, cur),
             opt_money(opt.cost_per_1k_calls, cur), opt_money(opt.cost_per_mtok, cur)});
        if (r.discount_rate) rows.back().push_back(opt.npv ? money(checked(*opt.npv, "npv"), cur) : "—");
    }
    return rows;
}

std::vector<std::vector<std::string>> breakeven_cells(const Result& r, const WorkloadResult& w) {
    std::vector<std::vector<std::string>> rows{
        {"local", "vs cloud", "breakeven month", "breakeven after", "breakeven volume"}};
    if (r.discount_rate) rows[0].push_back("npv month");
    for (const auto& b : w.breakeven) {
        rows.push_back({b.local, b.cloud, breakeven_month_text(b),
                        b.months ? format_months(*b.months) : std::string("never"),
                        breakeven_volume_text(b)});
        if (r.discount_rate)
            rows.back().push_back(b.npv_month ? fmt::format("month {}", *b.npv_month) : std::string("—"));
    }
    return rows;
}

std::string estimate_table(const Result& r, const Options& o) {
    const Style style{o.color};
    const auto& cur = r.currency;
    std::string out;
    const auto rate = exchange_rate_line(r.currency, r.exchange_rate);
    for (const auto& w : r.workloads) {
        if (!out.empty()) out += "\n";
        out += header(r, w, style) + "\n";
        auto rows = option_cells(r, w);
        for (std::size_t i = 0; i < w.options.size(); ++i) {
            if (w.options[i].name == w.recommendation.option) rows[i + 1][0] = style.green(rows[i + 1][0]);
        }
        std::vector<bool> right{false, false, true, true, true, true, true, true};
        if (r.discount_rate) right.push_back(true);
        out += aligned_table(rows, right, style);
        if (o.explain) {
            for (const auto& opt : w.options) {
                out += "\n  " + style.bold(opt.name) + "\n" + explain_option(opt, cur, "    ");
            }
            if (!r.assumptions.empty() || !w.assumptions.empty())
                out += "\n  " + style.bold("settings and " + w.name) + "\n";
            if (r.discount_rate) {
                const double i = monthly_rate(*r.discount_rate);
                out +=
                    fmt::format("    npv: each month's cost at its end × 1/(1 + {}%)^m, {}% a year as {}% a "
                                "month: month 1 × {}, month {} × {} (the book value at month {}'s)\n",
                                format_number(i * 100, 4), format_number(*r.discount_rate * 100, 2),
                                format_number(i * 100, 4), format_number(1 / (1 + i), 5), r.horizon_months,
                                format_number(std::pow(1 + i, -r.horizon_months), 5), r.horizon_months);
            }
            for (const auto& a : r.assumptions)
                out += "    assumed: " + assumption_line(a, cur, true) + "\n";
            for (const auto& a : w.assumptions)
                out += "    assumed: " + assumption_line(a, cur) + "\n";
        }
        if (!w.breakeven.empty()) out += "\n" + breakeven_rows(r, w, style);
        if (!o.quiet) {
            std::string capacity;
            for (const auto& opt : w.options) {
                const auto text = opt.capacity ? capacity_text(*opt.capacity) : std::string();
                if (!text.empty()) capacity += "  capacity: " + opt.name + ": " + text + "\n";
            }
            if (!capacity.empty()) out += "\n" + capacity;
            if (const auto assumed = assumptions_summary(r, w); !assumed.empty())
                out += "\n" + wrapped(assumed, 100, "  ", "    ");
        }
        std::string infeasible;
        for (const auto& opt : w.options) {
            for (const auto& reason : opt.infeasible_reasons)
                infeasible += "  " + style.yellow("infeasible: ") + opt.name + ": " + reason + "\n";
        }
        if (!infeasible.empty()) out += "\n" + infeasible;
        std::string warnings;
        for (const auto& opt : w.options) {
            for (const auto& warning : opt.warnings)
                warnings += "  " + style.yellow("warning: ") + opt.name + ": " + warning + "\n";
        }
        if (!warnings.empty()) out += "\n" + warnings;
        if (!w.recommendation.option.empty()) {
            out += fmt::format("\n  recommendation: {} ({})\n", style.green(w.recommendation.option),
                               w.recommendation.kind == OptionKind::cloud ? "cloud" : "local");
        } else {
            out += "\n  recommendation: none — every option is excluded by a hard constraint\n";
        }
        if (!o.quiet && !w.recommendation.reasons.empty())
            out += "    " + w.recommendation.reasons.front() + "\n";
    }
    if (!o.quiet) {
        out += "\n";
        for (const auto& w : r.workloads) {
            const auto* best = cheapest(w);
            if (!best) continue;
            const double run_rate = best->recurring_cost.empty() ? 0 : best->recurring_cost.front();
            out +=
                fmt::format("cheapest{}: {} at {}/month ({} over {})\n",
                            r.workloads.size() > 1 ? " for " + w.name : "", best->name, money(run_rate, cur),
                            money(best->total_cost, cur), month_count(r.horizon_months));
        }
        if (r.workloads.size() > 1) {
            out +=
                "\n" + style.bold("portfolio") + " — every workload on one option, one bill (PRODUCT §4c)\n";
            for (const auto& line : portfolio_lines(r))
                out += "  " + line + "\n";
        }
    }
    if (o.explain) {
        if (const auto sources = catalog_sources_text(r, "    "); !sources.empty()) out += "\n" + sources;
    }
    return rate + out;
}

std::string breakeven_table(const Result& r, const Options& o) {
    const Style style{o.color};
    std::string out;
    for (const auto& w : r.workloads) {
        if (!out.empty()) out += "\n";
        out += header(r, w, style) + "\n";
        if (w.breakeven.empty()) {
            out += "  no local × cloud pair to compare: the profile needs at least one option of each kind\n";
            continue;
        }
        out += breakeven_rows(r, w, style);
    }
    return exchange_rate_line(r.currency, r.exchange_rate) + out;
}

std::string recommend_table(const Result& r, const Options& o) {
    const Style style{o.color};
    std::string out;
    for (const auto& w : r.workloads) {
        if (!out.empty()) out += "\n";
        out += header(r, w, style);
        const auto& rec = w.recommendation;
        if (rec.option.empty()) {
            out += "  verdict: " + style.yellow("no option is allowed") + "\n";
        } else {
            out += fmt::format("  verdict: {} ({})\n", style.green(rec.option),
                               rec.kind == OptionKind::cloud ? "cloud" : "local");
        }
        if (o.quiet) continue;
        for (const auto& reason : rec.reasons)
            out += "  - " + reason + "\n";
    }
    if (r.workloads.size() > 1) {
        out += "\n" + style.bold("portfolio") + " — every workload on one option, one bill\n";
        for (const auto& line : portfolio_lines(r))
            out += "  " + line + "\n";
    }
    return exchange_rate_line(r.currency, r.exchange_rate) + out;
}

} // namespace llmtco::render
