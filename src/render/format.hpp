#pragma once
// Renderers turn engine results into text. They never compute costs.

#include "llmtco/engine.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace llmtco::render {

struct Options {
    bool color = false;
    bool explain = false;
    bool quiet = false; ///< tables: no summary line, no reasons
};

/// ANSI styling that disappears when colour is off.
struct Style {
    bool on = false;
    std::string bold(const std::string& s) const { return on ? "\033[1m" + s + "\033[0m" : s; }
    std::string dim(const std::string& s) const { return on ? "\033[2m" + s + "\033[0m" : s; }
    std::string green(const std::string& s) const { return on ? "\033[32m" + s + "\033[0m" : s; }
    std::string yellow(const std::string& s) const { return on ? "\033[33m" + s + "\033[0m" : s; }
};

/// Columns padded to their widest cell; `right[i]` right-aligns column i. Width counts UTF-8
/// code points, so "—" and "×" line up.
std::string aligned_table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right,
                          const Style& style, const std::string& indent = "  ");

std::size_t display_width(const std::string& s);

/// The first `n` columns of `s` (UTF-8, every character one column).
std::string first_columns(const std::string& s, std::size_t n);

/// `s` cut to at most `n` columns, ending in "…" when something was left out.
std::string fit_columns(const std::string& s, std::size_t n);

/// A number that is finite, or an internal error: NaN and infinity never reach output.
double checked(double v, const char* what);

/// "48 calls/day (1,440 calls in month 1), 36 months, USD": the line under a workload's name.
std::string workload_summary(const Result& r, const WorkloadResult& w);

/// The "per month" cell: month 1's recurring cost, and "→ " the last month's when it differs (a
/// growing workload).
std::string monthly_text(const OptionResult& opt, const std::string& currency);

/// One workload's estimate table as cells, header row first, the recommended option marked " *"
/// (what every text format prints).
std::vector<std::vector<std::string>> option_cells(const Result& r, const WorkloadResult& w);

/// One workload's breakeven table as cells, header row first.
std::vector<std::vector<std::string>> breakeven_cells(const Result& r, const WorkloadResult& w);

// estimate
std::string estimate_table(const Result& r, const Options& o);
nlohmann::ordered_json estimate_json(const Result& r);
std::string estimate_csv(const Result& r);
std::string estimate_markdown(const Result& r, const Options& o);

// breakeven
std::string breakeven_table(const Result& r, const Options& o);
nlohmann::ordered_json breakeven_json(const Result& r);
std::string breakeven_csv(const Result& r);
std::string breakeven_markdown(const Result& r);

// recommend
std::string recommend_table(const Result& r, const Options& o);
nlohmann::ordered_json recommend_json(const Result& r);
std::string recommend_csv(const Result& r);
std::string recommend_markdown(const Result& r);

/// The --explain block of one option: every line item with its derivation.
std::string explain_option(const OptionResult& o, const std::string& currency, const std::string& indent);

/// One line on a local option's capacity: measured or derived, the operating batch and its cap, the
/// KV cache, tokens/s, the bound, latency. Empty for a model that does not fit.
std::string capacity_text(const Capacity& c);

/// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break; quotes doubled.
std::string csv_field(const std::string& s);

/// A breakeven's month column: "month 32", or "—" with the stretches that did not hold
/// ("— (ahead in months 12–20 only)").
std::string breakeven_month_text(const BreakevenResult& b);
/// "12–20, 30–31": runs of months; "2,200–2,900/day": bands of volume.
std::string spans_text(const std::vector<std::pair<int, int>>& spans);
std::string bands_text(const std::vector<std::pair<double, double>>& bands);
/// The volume column: "8,817 calls/day", with a lower cheaper band "(also 2,200–2,900/day)", or
/// "(also in 4 lower bands from 46,847/day)" when there are several.
std::string breakeven_volume_text(const BreakevenResult& b);

/// Text (a name, a reason, a warning) for Markdown, where it reads as itself: the characters of
/// Markdown's syntax (\\ ` * [ ] | ~, and _ but inside a word) backslash-escaped, < > & as entities (GitHub
/// would read <x> as HTML), control characters as \xHH, newlines as spaces.
std::string markdown_text(const std::string& s);
/// Text inside HTML in Markdown (a <summary>), where a backslash would show: < > & " and
/// Markdown's syntax characters as character references.
std::string markdown_html_text(const std::string& s);
/// `s` as a Markdown code span: fenced by one backtick more than its longest run of them.
std::string code_span(const std::string& s);
/// `s` as a fenced code block (``` or a longer fence than any run of backticks in it), ending in
/// a newline.
std::string code_block(const std::string& s);

// assumptions (PRODUCT §4d)
/// The value an assumption used, with its unit: "6 hours", "$150/hour", "80%", "4..8 hours (6)", "auto".
std::string assumption_value_text(const Assumption& a, const std::string& currency);
/// "setup_hours = 6 hours (default)", "hardware.purchase = $599/machine (catalog: mac-mini-m4-24gb)".
std::string assumption_line(const Assumption& a, const std::string& currency, bool full_path = false);
/// Where a catalog assumption came from, as the text outputs say it: "catalog: gpt-4o-mini", and
/// the file when it is named: "catalog: gpt-4o-mini, user catalog ~/…/prices.json, imported …".
std::string catalog_origin_text(const Assumption& a);
/// Every assumption a workload's figures rest on: the settings', the workload's, each option's.
std::size_t assumption_count(const Result& r, const WorkloadResult& w);
/// The keys a workload's figures took from the key table's defaults (settings, the workload, every
/// option), each once, in order: "labor_rate_per_hour", "setup_hours", "power.pue".
std::vector<std::string> defaulted_keys(const Result& r, const WorkloadResult& w);
/// The table's one line: "assumed: 31 inputs not in the profile (12 defaults: …; 15 from the
/// catalog; 4 derived); --explain lists each with its value". Empty when there are none.
std::string assumptions_summary(const Result& r, const WorkloadResult& w);
/// The ledger as JSON: [{"path", "value", "low", "high", "origin"}] (low/high for a range only).
nlohmann::ordered_json assumptions_json(const std::vector<Assumption>& list);
/// --explain's list of the catalog entries the assumptions came from, with their sources.
std::string catalog_sources_text(const Result& r, const std::string& indent);

/// The portfolio section (PRODUCT §4c) as lines of text, each without indent or newline: the best
/// portfolio, the best all-cloud and all-local ones, the breakeven of the best against all-cloud.
std::vector<std::string> portfolio_lines(const Result& r);
/// `"portfolio"` of estimate and recommend JSON; null when no portfolio is feasible.
nlohmann::ordered_json portfolio_json(const Result& r);

/// A JSON document as text, two-space indented, with a trailing newline.
std::string dump(const nlohmann::ordered_json& j);

/// "Prices converted from USD at 0.92 EUR/USD (as of 2026-11-30)\n\n" when `x` converts into
/// `currency`, else "".
std::string exchange_rate_line(const std::string& currency, const ExchangeRate& x);

/// {"from", "to", "rate", "as_of"} of the rate that converted the catalog's figures into `currency`.
nlohmann::ordered_json exchange_rate_json(const std::string& currency, const ExchangeRate& x);

/// Adds "exchange_rate" to a JSON document when `x` converts into `currency`.
void add_exchange_rate(nlohmann::ordered_json& doc, const std::string& currency, const ExchangeRate& x);

} // namespace llmtco::render
