#include "render/html.hpp"

#include "llmtco/money.hpp"
#include "render/ci.hpp"
#include "render/format.hpp"
#include "render/svg.hpp"

#include <fmt/format.h>

namespace llmtco::render {
namespace {

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
       color: #1a1a1a; background: #ffffff; margin: 0 auto; max-width: 980px; padding: 24px 28px 48px;
       line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 40px 0 6px; padding-top: 12px; border-top: 2px solid #1a1a1a; }
h3 { font-size: 1.05rem; margin: 26px 0 8px; }
.meta, .sub { color: #555555; margin: 0 0 8px; }
.verdict { background: #eef6ee; border-left: 5px solid #2e7d32; padding: 10px 16px; margin: 14px 0; }
.verdict.none { background: #fdecea; border-left-color: #c62828; }
.verdict p { margin: 0 0 6px; font-size: 1.1rem; }
.verdict ul { margin: 4px 0 0; padding-left: 20px; }
table { border-collapse: collapse; margin: 8px 0 4px; font-variant-numeric: tabular-nums; font-size: 0.93rem; }
th, td { padding: 4px 8px; border-bottom: 1px solid #dddddd; text-align: right; white-space: nowrap; }
th { background: #f3f3f3; font-weight: 600; }
th:first-child, td:first-child, td.text { text-align: left; }
tr.chosen td { background: #eef6ee; font-weight: 600; }
.warnings { color: #8a5300; padding-left: 20px; }
figure { margin: 10px 0 18px; }
figure svg { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
figcaption { color: #555555; font-size: 0.9rem; }
pre { background: #f7f7f7; border: 1px solid #e5e5e5; padding: 10px 12px; overflow-x: auto;
      font-size: 0.85rem; white-space: pre-wrap; }
footer { margin-top: 40px; color: #666666; font-size: 0.85rem; border-top: 1px solid #dddddd; padding-top: 8px; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-before: page; border-top: none; margin-top: 0; }
  section:first-of-type h2 { break-before: auto; }
  .chart, figure, table, .verdict { break-inside: avoid; }
  h3, h4 { break-after: avoid; }
  figure svg { border: none; }
  pre { white-space: pre-wrap; border: none; background: none; font-size: 8pt; }
  th { background: none; }
  tr.chosen td, .verdict { background: none; }
}
)css";

std::string esc(const std::string& s) { return xml_escape(s); }

std::string table(const std::vector<std::vector<std::string>>& cells, std::size_t chosen_row = 0,
                  std::size_t text_columns = 1) {
    std::string out = "<table>\n<thead><tr>";
    for (const auto& h : cells.front())
        out += "<th>" + esc(h) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 1; r < cells.size(); ++r) {
        out += r == chosen_row ? "<tr class=\"chosen\">" : "<tr>";
        for (std::size_t c = 0; c < cells[r].size(); ++c)
            out += (c < text_columns ? "<td class=\"text\">" : "<td>") + esc(cells[r][c]) + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

/// A chart with its heading and caption, kept together on one printed page.
std::string figure(const std::string& heading, const std::string& svg, const std::string& caption) {
    return "<div class=\"chart\">\n<h3>" + esc(heading) + "</h3>\n<figure>\n" + svg + "<figcaption>" +
           esc(caption) + "</figcaption>\n</figure>\n</div>\n";
}

std::string workload_section(const Result& r, const WorkloadResult& w, const VolumeCurve* curve) {
    const auto& cur = r.currency;
    std::string out = "<section>\n";
    out += fmt::format("<h2>{}</h2>\n<p class=\"sub\">{}</p>\n", esc(w.name), esc(workload_summary(r, w)));
    const auto& rec = w.recommendation;
    if (rec.option.empty()) {
        out += "<div class=\"verdict none\"><p><strong>No recommendation</strong>: every option is excluded "
               "by a "
               "hard constraint.</p>\n<ul>\n";
    } else {
        out += fmt::format("<div class=\"verdict\"><p>Recommendation: <strong>{}</strong> ({})</p>\n<ul>\n",
                           esc(rec.option), rec.kind == OptionKind::cloud ? "cloud" : "local");
    }
    for (const auto& reason : rec.reasons)
        out += "<li>" + esc(reason) + "</li>\n";
    for (const auto& excluded : rec.excluded)
        out += "<li>excluded: " + esc(excluded) + "</li>\n";
    out += "</ul></div>\n";

    std::size_t chosen = 0;
    for (std::size_t i = 0; i < w.options.size(); ++i)
        if (w.options[i].name == rec.option) chosen = i + 1;
    out += "<h3>Cost per option</h3>\n" + table(option_cells(r, w), chosen, 2);
    std::string warnings;
    for (const auto& o : w.options)
        for (const auto& warning : o.warnings)
            warnings += "<li>" + esc(o.name) + ": " + esc(warning) + "</li>\n";
    if (!warnings.empty()) out += "<ul class=\"warnings\">\n" + warnings + "</ul>\n";
    if (!w.breakeven.empty()) out += "<h3>Breakeven</h3>\n" + table(breakeven_cells(r, w), 0, 2);
    if (const auto summary = assumptions_summary(r, w); !summary.empty()) {
        std::vector<std::vector<std::string>> rows{{"applies to", "input", "value", "from"}};
        auto add = [&](const std::string& scope, const std::vector<Assumption>& list) {
            for (const auto& a : list) {
                rows.push_back({scope, a.key, assumption_value_text(a, cur),
                                a.origin == Origin::catalog ? catalog_origin_text(a) : origin_text(a)});
            }
        };
        add("settings", r.assumptions);
        add("workload", w.assumptions);
        for (const auto& o : w.options)
            add(o.name, o.assumptions);
        out += "<h3>Assumptions</h3>\n<p>Every input below was not written in the profile: a default, a "
               "catalog figure, a <code>--set</code> or a speed the engine derived. Write it in the profile "
               "to replace it.</p>\n" +
               table(rows, 0, 4);
    }

    out += figure("Cumulative cost", cumulative_svg(r, w),
                  w.breakeven.empty() ? "What each option has cost by the end of each month."
                                      : "What each option has cost by the end of each month; a circle marks "
                                        "the month a local option's running total meets a cloud option's.");
    out += figure("Where the money goes", items_svg(r, w),
                  "Each option's total over the horizon divided by its months, split into its "
                  "line items (one-time costs spread over the horizon).");
    if (curve) {
        out +=
            figure("Cost against volume", volume_svg(r, w, *curve),
                   "Each option's total over the horizon if the workload ran at another volume (growth as in "
                   "the profile). Dashed lines: breakeven volumes; solid line: this workload's volume.");
    }
    out += "<h3>How each figure is derived</h3>\n";
    for (const auto& o : w.options)
        out += fmt::format("<h4>{}</h4>\n<pre>{}</pre>\n", esc(o.name), esc(explain_option(o, cur, "")));
    return out + "</section>\n";
}

} // namespace

std::string html_report(const Result& r, const ReportInfo& info) {
    std::string files;
    for (const auto& f : info.files)
        files += (files.empty() ? "" : " + ") + f;
    std::string out =
        fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"llm-tco {}\">\n<title>llm-tco report: "
                    "{}</title>\n<style>{}</style>\n"
                    "</head>\n<body>\n<header>\n<h1>Local model or cloud API?</h1>\n"
                    "<p class=\"meta\">{} · {} · {} · made {} by llm-tco {}</p>\n</header>\n",
                    esc(info.version), esc(files), kStyle, esc(files), month_count(r.horizon_months),
                    esc(r.currency), esc(info.date), esc(info.version));
    if (const auto rate = exchange_rate_line(r.currency, r.exchange_rate); !rate.empty())
        out += fmt::format("<p class=\"meta\">{}</p>\n", esc(rate.substr(0, rate.find('\n'))));
    if (r.workloads.size() > 1) { // the whole profile as one bill first (PRODUCT §4c)
        const auto& pf = r.portfolio;
        out += "<section>\n<h2>Portfolio: every workload on one option, one bill</h2>\n";
        if (pf.best) {
            out +=
                fmt::format("<div class=\"verdict\"><p>Cheapest portfolio: <strong>{}</strong> over {}</p>\n"
                            "<ul>\n",
                            format_money(pf.best->total_cost, r.currency), month_count(r.horizon_months));
        } else {
            out += "<div class=\"verdict none\"><p><strong>No feasible portfolio</strong></p>\n<ul>\n";
        }
        for (const auto& line : portfolio_lines(r))
            out += "<li>" + esc(line) + "</li>\n";
        out += "</ul></div>\n";
        if (pf.best) {
            out +=
                "<table>\n<thead><tr><th>workload</th><th>best</th><th>all cloud</th><th>all local</th></tr>"
                "</thead>\n<tbody>\n";
            for (std::size_t i = 0; i < pf.best->assignments.size(); ++i) {
                auto pick = [&](const std::optional<Portfolio>& p) {
                    return p && i < p->assignments.size() ? esc(p->assignments[i].second) : std::string("—");
                };
                out += fmt::format("<tr><td class=\"text\">{}</td><td class=\"text\">{}</td><td "
                                   "class=\"text\">{}</td><td class=\"text\">{}</td></tr>\n",
                                   esc(pf.best->assignments[i].first), pick(pf.best), pick(pf.all_cloud),
                                   pick(pf.all_local));
            }
            out += "</tbody>\n</table>\n";
        }
        out += "</section>\n";
        out +=
            "<h3>Summary</h3>\n<table>\n<thead><tr><th>workload</th><th>calls/day</th><th>recommendation</th>"
            "<th>its total</th></tr></thead>\n<tbody>\n";
        for (const auto& w : r.workloads) {
            std::string total = "—";
            for (const auto& o : w.options)
                if (o.name == w.recommendation.option) total = format_money(o.total_cost, r.currency);
            out += fmt::format(
                "<tr><td class=\"text\">{}</td><td>{}</td><td class=\"text\">{}</td><td>{}</td></tr>\n",
                esc(w.name), format_number(w.calls_per_day, 2),
                w.recommendation.option.empty() ? "none (all excluded)" : esc(w.recommendation.option),
                total);
        }
        out += "</tbody>\n</table>\n";
    }
    for (std::size_t i = 0; i < r.workloads.size(); ++i)
        out += workload_section(r, r.workloads[i], i < info.curves.size() ? &info.curves[i] : nullptr);
    out += "<footer>Made by llm-tco from " + esc(files) +
           ". Figures come from the profile and the compiled-in price catalog; nothing was fetched from the "
           "network. Formulas: docs/cost-model.md.</footer>\n</body>\n</html>\n";
    return out;
}

} // namespace llmtco::render
