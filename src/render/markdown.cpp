#include "llmtco/money.hpp"
#include "render/format.hpp"

#include <fmt/format.h>

namespace llmtco::render {
namespace {

/// A Markdown table of plain-text cells (each escaped here); the first cell of row `bold_row` is
/// set in bold.
std::string md_table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right,
                     std::size_t bold_row = std::string::npos) {
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out += "|";
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            const auto text = markdown_text(rows[r][i]);
            out += " " + (r == bold_row && i == 0 ? "**" + text + "**" : text) + " |";
        }
        out += "\n";
        if (r == 0) {
            out += "|";
            for (std::size_t i = 0; i < rows[r].size(); ++i)
                out += i < right.size() && right[i] ? "---:|" : "---|";
            out += "\n";
        }
    }
    return out;
}

std::string money(const std::optional<double>& v, const std::string& cur) {
    return v ? format_money(checked(*v, "a cost"), cur) : std::string("—");
}

std::string breakeven_md(const WorkloadResult& w) {
    std::vector<std::vector<std::string>> rows{
        {"local", "vs cloud", "breakeven month", "breakeven after", "breakeven volume"}};
    for (const auto& b : w.breakeven) {
        rows.push_back({b.local, b.cloud, breakeven_month_text(b),
                        b.months ? format_months(*b.months) : "never", breakeven_volume_text(b)});
    }
    return md_table(rows, {false, false, true, true, true});
}

} // namespace

/// "## Portfolio" with portfolio_lines() as a list, for a profile of several workloads.
std::string portfolio_md(const Result& r) {
    if (r.workloads.size() < 2) return {};
    std::string out = "## Portfolio\n\nEvery workload on one option, one bill.\n\n";
    for (const auto& line : portfolio_lines(r))
        out += "- " + markdown_text(line) + "\n";
    return out + "\n";
}

std::string estimate_markdown(const Result& r, const Options& o) {
    std::string out = exchange_rate_line(r.currency, r.exchange_rate);
    for (const auto& w : r.workloads) {
        out += fmt::format("## {}\n\n{} calls/day, {}, {}\n\n", markdown_text(w.name),
                           format_number(w.calls_per_day, 2), month_count(r.horizon_months), r.currency);
        std::vector<std::vector<std::string>> rows{
            {"option", "kind", "per call", "per month", "one-time", "total", "per 1k calls", "per Mtok"}};
        std::size_t recommended_row = std::string::npos;
        for (const auto& opt : w.options) {
            if (opt.name == w.recommendation.option) recommended_row = rows.size();
            rows.push_back(
                {opt.name,
                 opt.kind == OptionKind::cloud ? "cloud" : (opt.feasible ? "local" : "local (infeasible)"),
                 money(opt.cost_per_call, r.currency), monthly_text(opt, r.currency),
                 money(opt.one_time_cost, r.currency), money(opt.total_cost, r.currency),
                 money(opt.cost_per_1k_calls, r.currency), money(opt.cost_per_mtok, r.currency)});
        }
        out += md_table(rows, {false, false, true, true, true, true, true, true}, recommended_row);
        if (!w.breakeven.empty()) out += "\n" + breakeven_md(w);
        bool any_warning = false;
        for (const auto& opt : w.options) {
            const auto text = opt.capacity ? capacity_text(*opt.capacity) : std::string();
            if (text.empty()) continue;
            if (!any_warning) out += "\n";
            any_warning = true;
            out += fmt::format("- {}: capacity {}\n", markdown_text(opt.name), markdown_text(text));
        }
        for (const auto& opt : w.options) {
            for (const auto& reason : opt.infeasible_reasons) {
                if (!any_warning) out += "\n";
                any_warning = true;
                out +=
                    fmt::format("- ⛔ {}: infeasible: {}\n", markdown_text(opt.name), markdown_text(reason));
            }
        }
        for (const auto& opt : w.options) {
            for (const auto& warning : opt.warnings) {
                if (!any_warning) out += "\n";
                any_warning = true;
                out += fmt::format("- ⚠️ {}: {}\n", markdown_text(opt.name), markdown_text(warning));
            }
        }
        if (const auto assumed = assumptions_summary(r, w); !assumed.empty()) {
            if (!any_warning) out += "\n";
            any_warning = true;
            out += "- " + markdown_text(assumed) + "\n";
        }
        if (o.explain) {
            if (!r.assumptions.empty() || !w.assumptions.empty()) {
                std::string lines;
                for (const auto& a : r.assumptions)
                    lines += "assumed: " + assumption_line(a, r.currency) + "\n";
                for (const auto& a : w.assumptions)
                    lines += "assumed: " + assumption_line(a, r.currency) + "\n";
                out += "\n<details><summary>settings and workload assumptions</summary>\n\n" +
                       code_block(lines) + "</details>\n";
            }
            for (const auto& opt : w.options) {
                out += fmt::format("\n<details><summary>{} derivation</summary>\n\n{}</details>\n",
                                   markdown_html_text(opt.name),
                                   code_block(explain_option(opt, r.currency, "")));
            }
        }
        out += fmt::format("\n**Recommendation:** {}\n\n",
                           w.recommendation.option.empty() ? "none" : markdown_text(w.recommendation.option));
        for (const auto& reason : w.recommendation.reasons)
            out += "- " + markdown_text(reason) + "\n";
        out += "\n";
    }
    return out + portfolio_md(r);
}

std::string breakeven_markdown(const Result& r) {
    std::string out = exchange_rate_line(r.currency, r.exchange_rate);
    for (const auto& w : r.workloads)
        out += fmt::format("## {}\n\n", markdown_text(w.name)) + breakeven_md(w) + "\n";
    return out;
}

std::string recommend_markdown(const Result& r) {
    std::string out = exchange_rate_line(r.currency, r.exchange_rate);
    for (const auto& w : r.workloads) {
        out += fmt::format("## {}\n\n**Verdict:** {}\n\n", markdown_text(w.name),
                           w.recommendation.option.empty() ? "no option is allowed"
                                                           : markdown_text(w.recommendation.option));
        for (const auto& reason : w.recommendation.reasons)
            out += "- " + markdown_text(reason) + "\n";
        out += "\n";
    }
    return out + portfolio_md(r);
}

} // namespace llmtco::render
