#include "render/format.hpp"

#include "llmtco/money.hpp"
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
