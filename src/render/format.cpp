#include "render/format.hpp"

#include "llmtco/money.hpp"
#include "llmtco/portfolio.hpp"
#include "render/ci.hpp"
#include "util/text.hpp"

#include <cctype>
#include <cmath>
#include <fmt/format.h>

namespace llmtco::render {

std::size_t display_width(const std::string& s) {
    std::size_t width = 0;
    bool escape = false;
    for (const unsigned char c : s) {
        if (c == 0x1b) escape = true;
        if (escape) {
            if (c == 'm') escape = false;
            continue;
        }
        if ((c & 0xC0) != 0x80) ++width;
    }
    return width;
}

std::string first_columns(const std::string& s, std::size_t n) {
    std::size_t i = 0, seen = 0;
    while (i < s.size() && seen < n) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
            ++i;
        ++seen;
    }
    return s.substr(0, i);
}

std::string fit_columns(const std::string& s, std::size_t n) {
    return display_width(s) <= n ? s : first_columns(s, n > 0 ? n - 1 : 0) + "…";
}

std::string aligned_table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right,
                          const Style& style, const std::string& indent) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        if (widths.size() < row.size()) widths.resize(row.size());
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    }
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line = indent;
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            const auto& cell = rows[r][i];
            const std::string pad(widths[i] - display_width(cell), ' ');
            const bool is_right = i < right.size() && right[i];
            std::string text = is_right ? pad + cell : cell + (i + 1 < rows[r].size() ? pad : "");
            if (r == 0) text = style.bold(text);
            line += text;
            if (i + 1 < rows[r].size()) line += "  ";
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line + "\n";
    }
    return out;
}

double checked(double v, const char* what) {
    if (!std::isfinite(v))
        throw std::logic_error(fmt::format("internal error: {} is not a finite number", what));
    return v;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

namespace {

/// The characters of Markdown's inline syntax that names may hold.
bool markdown_syntax(char c) {
    return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '|' || c == '~';
}

} // namespace

std::string markdown_text(const std::string& s) {
    std::string out;
    const auto text = util::escape_controls(s);
    auto word_char = [&](std::size_t i) {
        return i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]));
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // Inside a word ("reasoning_tokens") an underscore cannot start or end emphasis.
        const bool inner_underscore = c == '_' && i > 0 && word_char(i - 1) && word_char(i + 1);
        if (c == '<' || c == '>' || c == '&') {
            out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;"; // GitHub would read <x> as HTML
            continue;
        }
        if (markdown_syntax(c) && !inner_underscore) out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out;
}

std::string markdown_html_text(const std::string& s) {
    std::string out;
    for (const char c : xml_escape(util::escape_controls(s))) {
        if (markdown_syntax(c)) {
            out += fmt::format("&#{};", static_cast<int>(c));
        } else {
            out += c == '\n' ? ' ' : c;
        }
    }
    return out;
}

namespace {

/// The longest run of backticks in `s`.
std::size_t longest_backtick_run(std::string_view s) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : s) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

} // namespace

std::string code_span(const std::string& s) {
    std::string text = util::escape_controls(s);
    std::replace(text.begin(), text.end(), '\n', ' ');
    const std::string fence(longest_backtick_run(text) + 1, '`');
    const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
    return fence + (pad ? " " + text + " " : text) + fence;
}

std::string code_block(const std::string& s) {
    const std::string fence(std::max<std::size_t>(3, longest_backtick_run(s) + 1), '`');
    std::string body = util::escape_controls(s);
    if (!body.empty() && body.back() != '\n') body += '\n';
    return fence + "\n" + body + fence + "\n";
}

std::string dump(const nlohmann::ordered_json& j) { return j.dump(2) + "\n"; }

std::string exchange_rate_line(const std::string& currency, const ExchangeRate& x) {
    if (!x.converts(currency)) return {};
    return fmt::format("Prices converted from {} at {} {}/{} (as of {})\n\n", x.from,
                       format_number(x.rate, 6), currency, x.from, x.as_of);
}

nlohmann::ordered_json exchange_rate_json(const std::string& currency, const ExchangeRate& x) {
    return {{"from", x.from}, {"to", currency}, {"rate", x.rate}, {"as_of", x.as_of}};
}

void add_exchange_rate(nlohmann::ordered_json& doc, const std::string& currency, const ExchangeRate& x) {
    if (x.converts(currency)) doc["exchange_rate"] = exchange_rate_json(currency, x);
}

std::string spans_text(const std::vector<std::pair<int, int>>& spans) {
    std::vector<std::string> parts;
    for (const auto& [a, b] : spans)
        parts.push_back(a == b ? std::to_string(a) : fmt::format("{}–{}", a, b));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string bands_text(const std::vector<std::pair<double, double>>& bands) {
    std::vector<std::string> parts;
    for (const auto& [a, b] : bands)
        parts.push_back(fmt::format("{}–{}/day", format_number(a, 0), format_number(b, 0)));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string breakeven_month_text(const BreakevenResult& b) {
    std::string out = b.month ? fmt::format("month {}", *b.month) : std::string("—");
    if (!b.ahead_spans.empty())
        out += fmt::format(
            " (ahead in month{} {} only)",
            b.ahead_spans.size() == 1 && b.ahead_spans[0].first == b.ahead_spans[0].second ? "" : "s",
            spans_text(b.ahead_spans));
    return out;
}

std::string breakeven_volume_text(const BreakevenResult& b) {
    if (b.pooled) return "pooled: see the portfolio";
    std::string out = b.calls_per_day ? fmt::format("{} calls/day", format_number(*b.calls_per_day, 0))
                                      : std::string("none up to 1e9/day");
    if (b.cheaper_bands.size() == 1) {
        out += fmt::format(" (also {})", bands_text(b.cheaper_bands));
    } else if (b.cheaper_bands.size() > 1) { // the list is in --format json and csv
        out += fmt::format(" (also in {} lower bands from {}/day)", b.cheaper_bands.size(),
                           format_number(b.cheaper_bands.front().first, 0));
    }
    return out;
}

} // namespace llmtco::render

namespace llmtco::render {
namespace {

nlohmann::ordered_json one_portfolio_json(const std::optional<Portfolio>& p) {
    if (!p) return nullptr;
    nlohmann::ordered_json assignments = nlohmann::ordered_json::array();
    for (const auto& [workload, option] : p->assignments)
        assignments.push_back({{"workload", workload}, {"option", option}});
    nlohmann::ordered_json monthly = nlohmann::ordered_json::array();
    for (const double m : p->monthly_cost)
        monthly.push_back(checked(m, "a portfolio's monthly cost"));
    return {{"assignments", std::move(assignments)},
            {"total_cost", checked(p->total_cost, "a portfolio's total cost")},
            {"monthly_cost", std::move(monthly)},
            {"shared_fixed_costs", checked(p->shared, "a portfolio's shared fixed costs")},
            {"uses_local", p->uses_local}};
}

} // namespace

std::vector<std::string> portfolio_lines(const Result& r) {
    const auto& pf = r.portfolio;
    const auto& cur = r.currency;
    std::vector<std::string> out;
    auto line = [&](const char* label, const std::optional<Portfolio>& p, const char* none) {
        if (!p) {
            out.push_back(fmt::format("{:<11}{}", label, none));
            return;
        }
        std::string text =
            fmt::format("{:<11}{}: {} over {}, {} in month 1", label, assignment_text(*p),
                        format_money(checked(p->total_cost, "a total"), cur), month_count(r.horizon_months),
                        format_money(p->monthly_cost.empty() ? 0 : p->monthly_cost.front(), cur));
        if (p->shared > 0)
            text += fmt::format(" (cloud fixed costs paid once: {} less)", format_money(p->shared, cur));
        out.push_back(text);
    };
    if (!pf.best) {
        out.push_back(fmt::format("no feasible portfolio: no allowed option serves {}",
                                  fmt::join(pf.unassignable, ", ")));
        return out;
    }
    line("best:", pf.best, "");
    line("all cloud:", pf.all_cloud, "none: some workload has no allowed cloud option");
    line("all local:", pf.all_local, "none: some workload has no allowed local option");
    if (pf.all_cloud && pf.best->assignments != pf.all_cloud->assignments) {
        out.push_back(pf.breakeven_month
                          ? fmt::format("breakeven: the best stays cheaper than the best all-cloud portfolio "
                                        "from month {} (on cash alone: {})",
                                        *pf.breakeven_month,
                                        pf.payback_month ? fmt::format("month {}", *pf.payback_month)
                                                         : std::string("never within the horizon"))
                          : std::string("breakeven: the best does not stay cheaper than the best all-cloud "
                                        "portfolio by the horizon's end"));
    }
    if (pf.all_cloud && pf.best->assignments != pf.all_cloud->assignments) {
        if (pf.volume_scale) {
            std::string volumes;
            for (std::size_t i = 0; i < pf.breakeven_calls_per_day.size() && i < r.workloads.size(); ++i)
                volumes += fmt::format("{}{} {}/day", volumes.empty() ? "" : ", ", r.workloads[i].name,
                                       format_number(pf.breakeven_calls_per_day[i], 0));
            out.push_back(
                fmt::format("breakeven volume: {}× every workload's calls ({}): from there the best "
                            "stays cheaper than the best all-cloud portfolio",
                            format_number(*pf.volume_scale, 3), volumes));
        } else {
            out.push_back("breakeven volume: none between 0.0001× and 10,000× the calls");
        }
    }
    if (!pf.proven) {
        out.push_back(fmt::format("note: the search stopped after {} assignments: the best found, not proven "
                                  "the cheapest",
                                  pf.nodes));
    }
    return out;
}

nlohmann::ordered_json portfolio_json(const Result& r) {
    const auto& pf = r.portfolio;
    if (!pf.best) return nullptr;
    auto doc = one_portfolio_json(pf.best);
    doc["all_cloud"] = one_portfolio_json(pf.all_cloud);
    doc["all_local"] = one_portfolio_json(pf.all_local);
    if (pf.all_cloud && pf.best->assignments != pf.all_cloud->assignments) {
        doc["breakeven"] = {
            {"against", "all_cloud"},
            {"month", pf.breakeven_month ? nlohmann::ordered_json(*pf.breakeven_month) : nullptr},
            {"payback_month", pf.payback_month ? nlohmann::ordered_json(*pf.payback_month) : nullptr},
            {"volume_scale", pf.volume_scale
                                 ? nlohmann::ordered_json(checked(*pf.volume_scale, "a volume scale"))
                                 : nullptr}};
        auto volumes = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < pf.breakeven_calls_per_day.size() && i < r.workloads.size(); ++i)
            volumes.push_back({{"workload", r.workloads[i].name},
                               {"calls_per_day", checked(pf.breakeven_calls_per_day[i], "calls_per_day")}});
        doc["breakeven"]["calls_per_day"] = pf.volume_scale ? volumes : nlohmann::ordered_json(nullptr);
    } else {
        doc["breakeven"] = nullptr;
    }
    doc["proven"] = pf.proven;
    doc["assignments_searched"] = pf.nodes;
    return doc;
}

} // namespace llmtco::render
