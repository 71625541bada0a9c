// estimate --chart, estimate --format svg and report: what a user sees, in a pipe and on a terminal.
#include "run.hpp"
#include "xml_check.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>

using llmtco::test::contains;
using llmtco::test::lines_of;
using llmtco::test::run;
using llmtco::test::run_tty;
namespace xml = llmtco::test::xml;

namespace {
const std::string kEmbeddings = "profiles/embeddings-search.yaml";

std::string strip_ansi(const std::string& s) {
    return std::regex_replace(s, std::regex("\033\\[[0-9;]*m"), "");
}

/// Columns a line takes: UTF-8 code points (every glyph the chart uses is one column wide).
std::size_t columns_of(const std::string& line) {
    return static_cast<std::size_t>(std::count_if(
        line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// The chart: everything after the table output's "recommendation" block, from the chart title on.
std::string chart_of(const std::string& out) {
    const auto at = out.find(": cumulative cost (");
    REQUIRE(at != std::string::npos);
    return out.substr(out.rfind('\n', at) + 1);
}

std::vector<std::string> svgs_in(const std::string& html) {
    std::vector<std::string> out;
    for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
        const auto end = html.find("</svg>", at);
        REQUIRE(end != std::string::npos);
        out.push_back(html.substr(at, end + 6 - at));
    }
    return out;
}

std::vector<const xml::Element*> with_class(const xml::Element& root, const std::string& name,
                                            const std::string& cls) {
    std::vector<const xml::Element*> out;
    for (const auto* e : xml::find_all(root, name))
        if (e->has_attr("class") && e->attr("class") == cls) out.push_back(e);
    return out;
}
} // namespace

TEST_CASE("estimate --chart in a pipe is plain ASCII that fits 80 columns, with the crossing labelled") {
    const auto r = run({"estimate", kEmbeddings, "--chart"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto chart = chart_of(r.out);
    CHECK(
        std::all_of(chart.begin(), chart.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    for (const auto& line : lines_of(chart)) {
        INFO(line);
        CHECK(columns_of(line) <= 80);
    }
    CHECK(contains(chart, "embeddings: cumulative cost (USD) by month, over 36 months\n"));
    // y axis: totals reach $17,820.00 (cloud), so 1-2-5 ticks of $5k up to $20k
    CHECK(contains(chart, "$20k +"));
    CHECK(contains(chart, "  $0 +"));
    // x axis: months 0 … 36 in steps of 6
    CHECK(
        contains(chart, "      0           6          12          18          24          30          36\n"));
    CHECK(contains(chart, "  ** openai-small   ++ rtx-4090-nomic\n"));
    // local: $5,300.00 once + $237.197/month, less the book value of its $3,500 workstation (36-month
    // life); cloud: $300.00 once + $486.667/month. The curves are the net view (PRODUCT §4):
    // month 9: 5,300 + 9 × 237.197 − 3,500 × 27/36 = $4,809.77 > 300 + 9 × 486.667 = $4,680.00
    // month 10: 5,300 + 10 × 237.197 − 3,500 × 26/36 = $5,144.19 ≤ 300 + 10 × 486.667 = $5,166.67
    CHECK(contains(chart, "  X rtx-4090-nomic meets openai-small in month 10, at $5,144.19\n"));
    // in the plot (rows with the y axis '|' or a tick '+'): one marker, its label on its row or next
    const auto lines = lines_of(chart);
    std::vector<std::size_t> marker_rows, label_rows;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].size() < 6 || (lines[i][5] != '|' && lines[i][5] != '+')) continue;
        if (lines[i].find('X') != std::string::npos) marker_rows.push_back(i);
        if (lines[i].find("month 10") != std::string::npos) label_rows.push_back(i);
    }
    REQUIRE(marker_rows.size() == 1);
    REQUIRE(label_rows.size() == 1);
    CHECK(label_rows[0] + 1 >= marker_rows[0]);
    CHECK(label_rows[0] <= marker_rows[0] + 1);
}

TEST_CASE("estimate --chart follows COLUMNS, and says so when it cannot fit") {
    for (const int width : {40, 50, 64, 120}) {
        INFO("COLUMNS=" << width);
        const auto r = run({"estimate", "profiles/monitoring-agent-local.yaml", "--chart", "-q"},
                           LLMTCO_SOURCE_DIR, "", {"COLUMNS=" + std::to_string(width)});
        REQUIRE(r.exit_code == 0);
        std::size_t widest = 0;
        for (const auto& line : lines_of(chart_of(r.out)))
            widest = std::max(widest, columns_of(line));
        CHECK(widest <= static_cast<std::size_t>(width));
        CHECK(widest >= static_cast<std::size_t>(width) - 3); // and uses the room it has
        CHECK(contains(r.out, "desk-mac-8b-q4 vs haiku: no crossing"));
    }
    const auto narrow =
        run({"estimate", kEmbeddings, "--chart", "-q"}, LLMTCO_SOURCE_DIR, "", {"COLUMNS=30"});
    CHECK(narrow.exit_code == 0);
    CHECK(contains(narrow.out, "(chart left out: it needs 40 columns, COLUMNS is 30)\n"));
}

TEST_CASE("on a terminal the chart is braille in colour; NO_COLOR and --no-color make it ASCII") {
    const auto tty = run_tty({"estimate", kEmbeddings, "--chart", "-q"}, 100);
    REQUIRE(tty.exit_code == 0);
    const auto chart = chart_of(tty.out);
    CHECK(contains(chart, "\033[34m"));                             // series 1 in blue
    CHECK(contains(chart, "\033[33m"));                             // series 2 in yellow
    CHECK(std::regex_search(chart, std::regex("\xe2[\xa0-\xa3]"))); // U+2800–U+28FF: braille dots
    CHECK(contains(chart, "◆"));
    CHECK(contains(chart, "└┬"));
    for (const auto& line : lines_of(strip_ansi(chart)))
        CHECK(columns_of(line) <= 100); // the terminal's width, from the terminal itself

    for (const auto& plain : {run_tty({"estimate", kEmbeddings, "--chart", "-q"}, 100, {"NO_COLOR=1"}),
                              run_tty({"estimate", kEmbeddings, "--chart", "-q", "--no-color"}, 100)}) {
        const auto c = chart_of(plain.out);
        CHECK_FALSE(contains(c, "\033["));
        CHECK(std::all_of(c.begin(), c.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; }));
        CHECK(contains(c, "X rtx-4090-nomic meets openai-small in month 21"));
    }
}

TEST_CASE("estimate: --chart goes with the table format only") {
    const auto r = run({"estimate", kEmbeddings, "--chart", "--format", "json"});
    CHECK(r.exit_code == 2);
    CHECK(
        r.err ==
        "llm-tco: error: --chart goes with the table format, not json; for a chart file use --format svg\n");
    CHECK(r.out.empty());
}

TEST_CASE("estimate --format svg is well-formed SVG with one series per option and the crossing") {
    const auto r = run({"estimate", kEmbeddings, "--format", "svg"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"",
                      0) == 0);
    const auto doc = xml::parse(r.out);
    INFO(doc.error);
    REQUIRE(doc.ok);
    CHECK(doc.root.name == "svg");
    const auto series = with_class(doc.root, "g", "series");
    REQUIRE(series.size() == 2);
    CHECK(series[0]->attr("data-option") == "openai-small");
    CHECK(series[0]->attr("data-kind") == "cloud");
    CHECK(series[1]->attr("data-option") == "rtx-4090-nomic");
    CHECK(series[1]->attr("data-kind") == "local");
    for (const auto* s : series) {
        const auto polylines = s->all("polyline");
        REQUIRE(polylines.size() == 1);
        const auto& points = polylines[0]->attr("points");
        CHECK(std::count(points.begin(), points.end(), ',') == 37); // months 0 … 36
    }
    CHECK(std::stod(series[0]->attr("data-total")) == Approx(17820.0)); // 300 + 36 × 486.667
    const auto crossings = with_class(doc.root, "g", "breakeven");
    REQUIRE(crossings.size() == 1);
    CHECK(crossings[0]->attr("data-local") == "rtx-4090-nomic");
    CHECK(crossings[0]->attr("data-cloud") == "openai-small");
    CHECK(crossings[0]->attr("data-month") == "10"); // the net view's crossing, as in --chart
    CHECK_FALSE(contains(r.out, "<script"));
}

TEST_CASE("estimate --format svg of several workloads stacks one chart per workload") {
    const auto r = run({"estimate", "profiles/budgets-example.yaml", "--format", "svg"});
    REQUIRE(r.exit_code == 0);
    const auto doc = xml::parse(r.out);
    INFO(doc.error);
    REQUIRE(doc.ok);
    CHECK(doc.root.all("svg").size() == 2);
    CHECK(xml::find_all(doc.root, "title").size() == 2);
    CHECK(with_class(doc.root, "g", "series").size() == 6); // 3 options × 2 workloads
}

TEST_CASE("report writes one self-contained HTML file with every chart") {
    const auto dir = llmtco::test::temp_dir("report");
    const auto path = dir + "/report.html";
    const auto r = run({"report", kEmbeddings, "-o", path});
    REQUIRE(r.exit_code == 0);
    CHECK(std::regex_match(r.err, std::regex("llm-tco: wrote .*/report\\.html \\(\\d+ KB\\)\n")));
    const auto html = llmtco::test::read_file(path);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(contains(html, "@media print"));
    // printed, a chart keeps its heading and caption on its page
    CHECK(contains(html, ".chart, figure, table, .verdict { break-inside: avoid; }"));
    CHECK(contains(html, "<div class=\"chart\">\n<h3>Cumulative cost</h3>\n<figure>"));
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "<link"));
    CHECK_FALSE(contains(html, "@import"));
    CHECK_FALSE(contains(html, "url("));
    // the only address in the file is the SVG namespace, which is a name, not a fetch
    const std::regex address("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), address); it != std::sregex_iterator();
         ++it)
        CHECK(it->str() == "http://www.w3.org");
    CHECK(contains(html, "Recommendation: <strong>rtx-4090-nomic</strong> (local)"));
    CHECK(contains(html, "<tr class=\"chosen\"><td class=\"text\">rtx-4090-nomic *</td>"));
    CHECK(contains(html, "hardware: 1 machine × $3,500.00 = $3,500.00")); // the derivation
    const auto svgs = svgs_in(html);
    REQUIRE(svgs.size() == 3);
    for (const auto& svg : svgs) {
        const auto doc = xml::parse(svg);
        INFO(doc.error);
        CHECK(doc.ok);
    }
    const auto cumulative = xml::parse(svgs[0]).root;
    CHECK(with_class(cumulative, "g", "breakeven").size() == 1);
    // stacked bars: each option's items add up to its monthly average (total ÷ 36)
    const auto items = xml::parse(svgs[1]).root;
    const auto bars = with_class(items, "g", "bar");
    REQUIRE(bars.size() == 2);
    for (const auto* bar : bars) {
        double sum = 0;
        for (const auto* item : bar->all("rect"))
            sum += std::stod(item->attr("data-monthly"));
        CHECK(sum == Approx(std::stod(bar->attr("data-monthly"))).epsilon(1e-9));
    }
    CHECK(std::stod(bars[1]->attr("data-monthly")) == Approx(13839.09125 / 36)); // rtx total ÷ 36
    const auto volume = xml::parse(svgs[2]).root;
    const auto marks = with_class(volume, "g", "breakeven-volume");
    REQUIRE(marks.size() == 1);
    CHECK(std::stod(marks[0]->attr("data-calls-per-day")) == Approx(1540358).epsilon(0.001));
    REQUIRE(with_class(volume, "g", "current-volume").size() == 1);
    CHECK(with_class(volume, "g", "current-volume")[0]->attr("data-calls-per-day") == "2000000");
}

TEST_CASE("report escapes names and writes to a pipe, but not onto a terminal") {
    const auto yaml = R"(version: 1
workloads: [{name: "a<b>&c", calls: 100/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud: [{name: "x\"y'z", price: {input_per_mtok: 1, output_per_mtok: 2}}]
)";
    const auto path = llmtco::test::temp_file("escape.yaml", yaml);
    const auto r = run({"report", path});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "<h2>a&lt;b&gt;&amp;c</h2>"));
    CHECK_FALSE(contains(r.out, "a<b>"));
    for (const auto& svg : svgs_in(r.out)) {
        const auto doc = xml::parse(svg);
        INFO(doc.error);
        CHECK(doc.ok);
    }
    const auto tty = run_tty({"report", kEmbeddings});
    CHECK(tty.exit_code == 2);
    CHECK(contains(tty.out, "llm-tco: error: report writes an HTML file: give -o report.html"));
    const auto bad = run({"report", kEmbeddings, "-o", "/nonexistent-dir/report.html"});
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "cannot write '/nonexistent-dir/report.html'"));
}

namespace {
// A local box ($799 bought) against two APIs; it meets both in month 5.
const char* kTwoClouds = R"(version: 1
workloads: [{name: w, calls: 10k/day, input_tokens: 500, output_tokens: 50}]
options:
  cloud:
    - {name: cheap-api, price: {input_per_mtok: 0.8, output_per_mtok: 4}}
    - {name: dear-api, price: {input_per_mtok: 0.9, output_per_mtok: 4}}
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 799}
      model: {params_b: 8, bits_per_weight: 4.85, kv_cache_gb: 0.5, overhead_gb: 0.3}
      throughput: {prefill_tokens_per_s: 4000, decode_tokens_per_s: 300}
)";
} // namespace

TEST_CASE("charts stay whole on hostile input: huge totals, long names, a short horizon") {
    SECTION("money labels too wide for the terminal leave the chart out, never crash") {
        // 10 %/month growth for 120 months: 2M × 1.1^119 = 1.7e11 calls a day (the most the volume
        // limit allows at a peak of 2 is 5e11), totals near $1e13
        const auto r = run({"estimate", kEmbeddings, "--set", "workloads.embeddings.growth_per_month=10%",
                            "--horizon", "120", "--chart", "-q"},
                           LLMTCO_SOURCE_DIR, "", {"COLUMNS=40"});
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        for (const auto& line : lines_of(r.out.substr(r.out.find("recommendation:"))))
            CHECK(columns_of(line) <= 40);
    }
    SECTION("names longer than the line are cut in the legend and broken in the notes") {
        std::string yaml = kTwoClouds;
        yaml.replace(yaml.find("box"), 3, std::string(100, 'n'));
        const auto path = llmtco::test::temp_file("long.yaml", yaml);
        const auto r = run({"estimate", path, "--chart", "-q"}, LLMTCO_SOURCE_DIR, "", {"COLUMNS=60"});
        REQUIRE(r.exit_code == 0);
        for (const auto& line : lines_of(chart_of(r.out))) {
            INFO(line);
            CHECK(columns_of(line) <= 60);
        }
        CHECK(contains(r.out, "n…\n")); // the legend entry, cut with an ellipsis
    }
    SECTION("the horizon's month is always labelled") {
        const auto r = run({"estimate", kEmbeddings, "--chart", "-q", "--horizon", "13"}, LLMTCO_SOURCE_DIR,
                           "", {"COLUMNS=40"});
        const auto lines = lines_of(chart_of(r.out));
        const auto axis = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find("+-") != std::string::npos;
        });
        REQUIRE(axis + 1 < lines.end());
        CHECK(std::regex_search(*(axis + 1), std::regex(" 13$")));
    }
}

TEST_CASE("crossings in the same month get labels that do not overlap") {
    const auto path = llmtco::test::temp_file("two.yaml", kTwoClouds);
    const auto r = run({"estimate", path, "--format", "svg"});
    REQUIRE(r.exit_code == 0);
    const auto doc = xml::parse(r.out);
    REQUIRE(doc.ok);
    const auto crossings = with_class(doc.root, "g", "breakeven");
    REQUIRE(crossings.size() == 2);
    CHECK(crossings[0]->attr("data-month") == crossings[1]->attr("data-month"));
    const auto y0 = std::stod(crossings[0]->all("text")[0]->attr("y"));
    const auto y1 = std::stod(crossings[1]->all("text")[0]->attr("y"));
    CHECK(std::abs(y0 - y1) >= 14); // a 12-px line apart at least
}

TEST_CASE("an option that cannot serve every call is called out in every chart") {
    const auto path = llmtco::test::temp_file("over.yaml", R"(version: 1
workloads: [{name: w, calls: 100k/day, input_tokens: 500, output_tokens: 50}]
options:
  local:
    - name: l1
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {purchase: 599, ram_gb: 24}
      machines: 1
      model: {params_b: 8, bits_per_weight: 4.85, kv_cache_gb: 0.5, overhead_gb: 0.3}
      throughput: {prefill_tokens_per_s: 400, decode_tokens_per_s: 30}
)");
    const auto text = run({"estimate", path, "--chart", "-q"});
    REQUIRE(text.exit_code == 0);
    CHECK(contains(text.out, "  ! l1 cannot serve every call ("));
    const auto svg = run({"estimate", path, "--format", "svg"});
    CHECK(contains(svg.out, "stroke-dasharray=\"7 5\""));
    CHECK(contains(svg.out, "l1 (local, cannot serve every call: dashed)"));
}

TEST_CASE("the volume chart reaches down to a tiny workload's own volume") {
    const auto r = run(
        {"report", "profiles/monitoring-agent-local.yaml", "--set", "workloads.monitoring.calls=2/month"});
    REQUIRE(r.exit_code == 0);
    const auto svgs = svgs_in(r.out);
    REQUIRE(svgs.size() == 3);
    const auto volume = xml::parse(svgs[2]).root;
    CHECK(with_class(volume, "g", "current-volume").size() == 1); // 2 ÷ 30.42 = 0.066/day
}
