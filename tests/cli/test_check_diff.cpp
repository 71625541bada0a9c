// The CI commands as a pipeline runs them: `llm-tco check` (exit codes, --output, JUnit, Markdown,
// JSON) and `llm-tco diff` (text, Markdown, JSON, --fail-above, git:REV:PATH inputs).
//
// Fixtures (hand-worked figures in their comments):
//   profiles/budgets-example.yaml          the shipped example: 5 budgets, all pass
//   tests/data/ci/check-kinds.yaml         12 budgets of every kind, 6 fail
//   tests/data/ci/special-names.yaml       names with & < > " ', 3 budgets, 2 fail
//   tests/data/ci/diff-before.yaml, diff-after.yaml   a changed, a removed and an added workload
//   tests/data/golden/check-budgets-example.md        the frozen Markdown report

#include "run.hpp"
#include "xml_check.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using llmtco::test::contains;
using llmtco::test::kGit;
using llmtco::test::lines_of;
using llmtco::test::read_file;
using llmtco::test::run;
using llmtco::test::RunResult;
using llmtco::test::sh;
using llmtco::test::temp_dir;
using llmtco::test::temp_file;
namespace xml = llmtco::test::xml;

namespace {

const std::string kExample = "profiles/budgets-example.yaml";
const std::string kKinds = "tests/data/ci/check-kinds.yaml";
const std::string kSpecial = "tests/data/ci/special-names.yaml";
const std::string kBefore = "tests/data/ci/diff-before.yaml";
const std::string kAfter = "tests/data/ci/diff-after.yaml";
const std::string kGolden = "tests/data/golden/check-budgets-example.md";

// The awkward names of special-names.yaml, unescaped.
const std::string kOddWorkload = "R&D <agent> \"q\" 'x'";
const std::string kOddOption = "a&b<c>\"d\"'e'";

/// True when one line contains every one of `parts`.
bool has_line_with(const std::string& text, const std::vector<std::string>& parts) {
    for (const auto& line : lines_of(text)) {
        bool all = true;
        for (const auto& p : parts)
            all = all && contains(line, p);
        if (all) return true;
    }
    return false;
}

void require_exit_2(const RunResult& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
}

} // namespace

// ---------------------------------------------------------------------------------------------
// check: exit codes and the text report

TEST_CASE("check: the shipped budgets example passes with exit 0") {
    const auto r = run({"check", kExample});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err == llmtco::test::kStaleHaiku); // a warning, not a failure
    // monitoring: 48/day × 30 = 1,440 calls × $0.0006 = $0.864 → "$0.86" ≤ $5.00
    CHECK(has_line_with(r.out, {"PASS", "monitoring/haiku", "max_monthly", "$0.86", "≤ $5.00"}));
    // classification/rtx-4090 vs haiku, net view: 4,700 one-time + 462.46/month less the $3,500
    // workstation's book value (36-month life) against 780/month. Month 5: 7,012.30 − 3,013.89 =
    // 3,998.41 > 3,900; month 6: 7,474.76 − 2,916.67 = 4,558.09 ≤ 4,680, and ahead from then on.
    // (On cash it pays back in month 15.)
    CHECK(has_line_with(r.out, {"PASS", "classification/rtx-4090", "breakeven_within_months", "6 months"}));
    // classification on gpt-4o-mini: 3,000,000 × (300·0.15 + 5·0.60)/1e6 = $144/month × 36 + 2 h × $150
    CHECK(has_line_with(r.out,
                        {"PASS", "classification/gpt-4o-mini", "max_total", "$5,484.00", "≤ $10,000.00"}));
    CHECK_FALSE(contains(r.out, "FAIL"));
    CHECK(contains(r.out, "all 5 budgets pass"));
}

TEST_CASE("check: a broken budget exits 1 and names the file, line and figures") {
    // 10,000/day × 30 = 300,000 calls × $0.0006 = $180.00 a month > $5.00
    const auto r = run({"check", kExample, "--set", "workloads.monitoring.calls=10k/day"});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(has_line_with(r.out, {"FAIL", "monitoring/haiku", "max_monthly", "$180.00", "≤ $5.00"}));
    CHECK(contains(r.out, "profiles/budgets-example.yaml:37: monitoring/haiku: the largest recurring month "
                          "$180.00 exceeds the budget of $5.00"));
    CHECK(contains(r.out, "1 of 5 budgets failed"));
}

TEST_CASE("check: every budget kind, passing and failing, in the text report") {
    const auto r = run({"check", kKinds});
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    // figures: see the comments in tests/data/ci/check-kinds.yaml
    CHECK(has_line_with(r.out, {"FAIL", "agent/box", "breakeven_within_months", "never", "≤ 24 months"}));
    CHECK(has_line_with(r.out, {"PASS", "agent/box", "breakeven_within_months", "1 month", "≤ 1 month"}));
    CHECK(has_line_with(r.out, {"FAIL", "agent/box", "breakeven_within_months", "1 month", "≤ 0 months"}));
    CHECK(has_line_with(r.out, {"PASS", "agent/box", "breakeven_within_months", "1 month", "≤ 7 months"}));
    CHECK(has_line_with(r.out, {"PASS", "agent/cheap", "max_total", "$252.00", "≤ $300.00"}));
    CHECK(has_line_with(r.out, {"FAIL", "agent/cheap", "max_total", "$252.00", "≤ $250.00"}));
    CHECK(has_line_with(r.out, {"PASS", "agent/haiku", "max_monthly", "$180.00", "≤ $180.00"}));
    CHECK(has_line_with(r.out, {"FAIL", "agent/box", "max_monthly", "$15.00", "≤ $14.99"}));
    CHECK(has_line_with(r.out, {"PASS", "agent/cheap", "max_cost_per_1k_calls", "$0.07", "≤ $0.07"}));
    CHECK(has_line_with(r.out, {"FAIL", "agent/box", "max_cost_per_1k_calls", "$0.14", "≤ $0.10"}));
    CHECK(has_line_with(r.out, {"PASS", "recommend", "cheap (cloud)", "cloud"}));
    CHECK(has_line_with(r.out, {"FAIL", "recommend", "cheap (cloud)", "box"}));
    CHECK(contains(r.out, kKinds + ":35: agent/box: never breaks even against cheap"));
    CHECK(contains(r.out, kKinds + ":37: agent/box: breaks even against haiku after 1 month"));
    CHECK(
        contains(r.out, kKinds + ":46: agent: the recommendation is cheap (cloud); the budget expects box"));
    CHECK(contains(r.out, "6 of 12 budgets failed"));
}

TEST_CASE("check: bad input exits 2 with a located message and nothing on stdout") {
    const std::string base = R"(version: 1
settings: {days_per_month: 30}
workloads:
  - {name: agent, calls: 48/day, input_tokens: 500, output_tokens: 50}
options:
  cloud: [{name: haiku, model: claude-3-5-haiku}]
budgets:
)";
    SECTION("an unknown budget key, with the nearest one suggested") {
        const auto path = temp_file("costs.yaml", base + "  - {workload: agent, max_totl: 5}\n");
        const auto r = run({"check", path});
        require_exit_2(r);
        CHECK(contains(r.err, "costs.yaml:8:"));
        CHECK(contains(r.err, "max_totl"));
        CHECK(contains(r.err, "max_total"));
    }
    SECTION("a budget for a workload that does not exist") {
        const auto path = temp_file("costs.yaml", base + "  - {workload: agnet, max_total: 5}\n");
        const auto r = run({"check", path});
        require_exit_2(r);
        CHECK(contains(r.err, "costs.yaml:8:"));
        CHECK(contains(r.err, "agnet"));
        CHECK(contains(r.err, "agent"));
    }
    SECTION("a budget with nothing to check") {
        const auto path = temp_file("costs.yaml", base + "  - {workload: agent}\n");
        require_exit_2(run({"check", path}));
    }
    SECTION("a missing file") {
        const auto r = run({"check", "no-such-budgets.yaml"});
        require_exit_2(r);
        CHECK(contains(r.err, "no-such-budgets.yaml"));
    }
    SECTION("an unknown format") { require_exit_2(run({"check", kExample, "--format", "xml"})); }
}

// ---------------------------------------------------------------------------------------------
// check --output

TEST_CASE("check: --output writes the report in --format; the text summary still goes to stdout") {
    const auto dir = temp_dir("check-output");
    SECTION("junit") {
        const auto file = dir + "/junit.xml";
        const auto r = run({"check", kKinds, "--format", "junit", "--output", file});
        INFO("stderr: " << r.err);
        CHECK(r.exit_code == 1);
        CHECK(contains(r.out, "6 of 12 budgets failed"));
        CHECK(has_line_with(r.out, {"FAIL", "agent/cheap", "max_total", "$252.00", "≤ $250.00"}));
        CHECK_FALSE(contains(r.out, "<testsuite"));
        const auto report = read_file(file);
        CHECK(report == run({"check", kKinds, "--format", "junit"}).out);
        const auto doc = xml::parse(report);
        INFO("xml error: " << doc.error);
        REQUIRE(doc.ok);
        CHECK(doc.root.attr("tests") == "12");
        CHECK(doc.root.attr("failures") == "6");
    }
    SECTION("json") {
        const auto file = dir + "/check.json";
        const auto r = run({"check", kExample, "--format", "json", "--output", file});
        CHECK(r.exit_code == 0);
        CHECK(contains(r.out, "all 5 budgets pass"));
        const auto j = nlohmann::json::parse(read_file(file));
        CHECK(j["passed"] == 5);
        CHECK(j["failed"] == 0);
        CHECK(j["budgets"].size() == 5);
    }
    SECTION("markdown") {
        const auto file = dir + "/report.md";
        const auto r = run({"check", kExample, "--set", "workloads.monitoring.calls=10k/day", "--format",
                            "markdown", "--output", file});
        CHECK(r.exit_code == 1);
        CHECK(contains(r.out, "1 of 5 budgets failed"));
        CHECK_FALSE(contains(r.out, "###"));
        CHECK(read_file(file) == read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kGolden));
    }
    SECTION("a file that cannot be written is bad usage") {
        const auto r = run({"check", kExample, "--output", dir + "/no/such/dir/report.xml"});
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "cannot write"));
    }
    std::filesystem::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------
// check --format json

TEST_CASE("check: --format json lists every assertion with its figure, limit and location") {
    const auto r = run({"check", kKinds, "--format", "json"});
    CHECK(r.exit_code == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["passed"] == 6);
    CHECK(j["failed"] == 6);
    REQUIRE(j["budgets"].size() == 12);
    const auto& first = j["budgets"][0];
    CHECK(first["workload"] == "agent");
    CHECK(first["option"] == "box");
    CHECK(first["against"] == "cheap"); // the cheapest cloud option by total ($252 < $2,160)
    CHECK(first["budget"] == "breakeven_within_months");
    CHECK(first["actual"].is_null()); // never: $216 saved a lifetime against a $1,000 replacement
    CHECK(first["limit"].get<double>() == Approx(24));
    CHECK(first["pass"] == false);
    CHECK(first["file"] == kKinds);
    CHECK(first["line"] == 35);
    const auto& per_1k = j["budgets"][9];
    CHECK(per_1k["budget"] == "max_cost_per_1k_calls");
    CHECK(per_1k["actual"].get<double>() == Approx(0.1425926)); // 1000 × 513.33 / 3,600,000
    const auto& rec = j["budgets"][11];
    CHECK(rec["budget"] == "recommend");
    CHECK(rec["limit"] == "box");
    CHECK(rec["actual_text"] == "cheap (cloud)");
    CHECK(rec["pass"] == false);
}

// ---------------------------------------------------------------------------------------------
// JUnit

TEST_CASE("xml checker: accepts well-formed XML and rejects what a CI parser would") {
    CHECK(xml::parse(
              "<?xml version=\"1.0\"?>\n<a x=\"1\" y='&amp;&lt;&gt;&quot;&apos;'><b/>t &#38; &#x3C;</a>\n")
              .ok);
    const auto good = xml::parse("<a x=\"&lt;&quot;\">&amp;<b y='2'/></a>");
    REQUIRE(good.ok);
    CHECK(good.root.attr("x") == "<\"");
    CHECK(good.root.text == "&");
    CHECK(good.root.children.at(0).attr("y") == "2");
    for (const std::string bad : {
             "<a><b></a></b>",       // crossed tags
             "<a>",                  // never closed
             "<a></a><b></b>",       // two roots
             "<a x=1/>",             // unquoted attribute
             "<a x=\"1\" x=\"2\"/>", // attribute twice
             "<a x=\"<\"/>",         // raw < in an attribute
             "<a x=\"1\"y=\"2\"/>",  // no space between attributes
             "<a>x < y</a>",         // raw < in text
             "<a>R&D</a>",           // raw & in text
             "<a>&nbsp;</a>",        // an entity XML does not define
             "<a x=\"&foo;\"/>",     // the same in an attribute
             "<a>\x01</a>",          // a control character
             "<a>\xff</a>",          // not UTF-8
             "text",                 // no element
         }) {
        INFO("document: " << bad);
        CHECK_FALSE(xml::parse(bad).ok);
    }
}

TEST_CASE("check: --format junit is well-formed with one testcase per budget assertion") {
    const auto r = run({"check", kKinds, "--format", "junit"});
    CHECK(r.exit_code == 1);
    const auto doc = xml::parse(r.out);
    INFO("xml error: " << doc.error << "\n" << r.out);
    REQUIRE(doc.ok);
    CHECK(doc.root.name == "testsuites");
    CHECK(doc.root.attr("tests") == "12");
    CHECK(doc.root.attr("failures") == "6");
    const auto suites = doc.root.all("testsuite");
    REQUIRE(suites.size() == 1);
    CHECK(suites[0]->attr("tests") == "12");
    CHECK(suites[0]->attr("failures") == "6");
    const auto cases = suites[0]->all("testcase");
    REQUIRE(cases.size() == 12);
    // the JSON report says which assertions fail and why; the JUnit report must agree case by case
    const auto j = nlohmann::json::parse(run({"check", kKinds, "--format", "json"}).out);
    std::size_t failures = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& budget = j["budgets"][i];
        INFO("testcase " << i << ": " << cases[i]->attr("name"));
        CHECK(contains(cases[i]->attr("name"), budget["budget"].get<std::string>()));
        CHECK(cases[i]->attr("line") == std::to_string(budget["line"].get<int>()));
        const auto failed = cases[i]->all("failure");
        if (budget["pass"].get<bool>()) {
            CHECK(failed.empty());
        } else {
            ++failures;
            REQUIRE(failed.size() == 1);
            CHECK(failed[0]->attr("message") == budget["message"].get<std::string>());
            CHECK(contains(failed[0]->text, budget["message"].get<std::string>()));
            CHECK(contains(failed[0]->text, budget["actual_text"].get<std::string>()));
        }
    }
    CHECK(failures == 6);
    // e.g. the $250 total: cheap's 12 × $21.00 = $252.00 exceeds it
    CHECK(contains(r.out, "agent/cheap: the 12-month total $252.00 exceeds the budget of $250.00"));
}

TEST_CASE("check: --format junit passes with zero failures when every budget holds") {
    const auto r = run({"check", kExample, "--format", "junit"});
    CHECK(r.exit_code == 0);
    const auto doc = xml::parse(r.out);
    INFO("xml error: " << doc.error);
    REQUIRE(doc.ok);
    CHECK(doc.root.attr("tests") == "5");
    CHECK(doc.root.attr("failures") == "0");
    const auto cases = xml::find_all(doc.root, "testcase");
    CHECK(cases.size() == 5);
    CHECK(xml::find_all(doc.root, "failure").empty());
}

TEST_CASE("check: JUnit escapes the XML special characters in workload and option names") {
    // the names are R&D <agent> "q" 'x' and a&b<c>"d"'e': all five of & < > " ' in each
    // the loader accepts any non-empty string as a name, so these reach the report
    const auto r = run({"check", kSpecial, "--format", "junit"});
    CHECK(r.exit_code == 1);
    CHECK_FALSE(contains(r.out, kOddWorkload)); // never raw
    CHECK_FALSE(contains(r.out, kOddOption));
    const auto doc = xml::parse(r.out);
    INFO("xml error: " << doc.error << "\n" << r.out);
    REQUIRE(doc.ok);
    CHECK(doc.root.attr("tests") == "3");
    CHECK(doc.root.attr("failures") == "2");
    const auto cases = xml::find_all(doc.root, "testcase");
    REQUIRE(cases.size() == 3);
    // unescaped, the attributes give back the names exactly
    CHECK(cases[0]->attr("classname") == "llm-tco." + kOddWorkload);
    CHECK(contains(cases[0]->attr("name"), kOddWorkload + "/" + kOddOption));
    const auto failure = cases[0]->all("failure");
    REQUIRE(failure.size() == 1);
    // 1,440 calls × $0.0006 = $0.864 → $0.86 > $0.50
    CHECK(failure[0]->attr("message") ==
          kOddWorkload + "/" + kOddOption +
              ": the largest recurring month $0.86 exceeds the budget of $0.50");
    CHECK(cases[1]->all("failure").empty());
    REQUIRE(cases[2]->all("failure").size() == 1);
    CHECK(contains(cases[2]->all("failure")[0]->text, kOddOption + " (cloud)"));
}

TEST_CASE("check: JUnit from stdin and from several files stays well-formed") {
    SECTION("stdin: the file attribute is <stdin>, escaped") {
        const auto r = run({"check", "-", "--format", "junit"}, LLMTCO_SOURCE_DIR,
                           read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kSpecial));
        CHECK(r.exit_code == 1);
        const auto doc = xml::parse(r.out);
        INFO("xml error: " << doc.error);
        REQUIRE(doc.ok);
        CHECK(xml::find_all(doc.root, "testcase").at(0)->attr("file") == "<stdin>");
    }
    SECTION("a base and an overlay: one suite, the overlay's horizon applies") {
        // 24 months instead of 12: cheap's total 24 × $21 = $504 now fails the $300 budget too
        const auto overlay = temp_file("overlay.yaml", "settings: {horizon_months: 24}\n");
        const auto r = run({"check", kKinds, overlay, "--format", "junit"});
        CHECK(r.exit_code == 1);
        const auto doc = xml::parse(r.out);
        INFO("xml error: " << doc.error);
        REQUIRE(doc.ok);
        REQUIRE(doc.root.all("testsuite").size() == 1);
        CHECK(doc.root.attr("tests") == "12");
        CHECK(contains(r.out, "the 24-month total $504.00 exceeds the budget of $300.00"));
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

TEST_CASE("check: --format markdown matches the golden report byte for byte") {
    // tests/data/golden/check-budgets-example.md, checked by hand (days_per_month 30, 36 months):
    //   monitoring at 10k/day = 300,000 calls/month
    //     haiku       300,000 × (500·0.80 + 50·4.00)/1e6 = $180.00/month > $5.00 → ❌
    //     gpt-4o-mini 300,000 × (500·0.15 + 50·0.60)/1e6 = $31.50/month × 36 + 2 h × $150 = $1,434.00,
    //                 1000 × 1,434 / 10,800,000 calls = $0.1328 → $0.13 ≤ $1.00; the cheapest → recommended
    //                 (haiku $6,480; rtx-4090 ≥ $4,700 one-time + $450/month labour alone)
    //   classification at 100k/day = 3,000,000 calls/month
    //     rtx-4090 vs haiku: one-time 3,500 + 6 h × 150 + fallback setup 300 = $4,700; monthly
    //                 300 + 150 + $11.02 power + 30,000 fallback calls × $0.000048 = $462.46 vs haiku
    //                 3,000,000 × $0.00026 = $780; net view, less the $3,500 workstation's book value
    //                 (36-month life): month 5 7,012.30 − 3,013.89 = 3,998.41 > 3,900, month 6
    //                 7,474.76 − 2,916.67 = 4,558.09 ≤ 4,680 → 6 months (on cash: 15)
    //     gpt-4o-mini 3,000,000 × $0.000048 = $144/month × 36 + $300 setup = $5,484.00 ≤ $10,000.00
    const auto r =
        run({"check", kExample, "--set", "workloads.monitoring.calls=10k/day", "--format", "markdown"});
    CHECK(r.exit_code == 1);
    const auto golden = read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kGolden);
    REQUIRE_FALSE(golden.empty());
    CHECK(r.out == golden);
}

TEST_CASE("check: markdown escapes a pipe in a name so the table keeps its columns") {
    const auto path = temp_file("pipe.yaml", R"(version: 1
settings: {days_per_month: 30}
workloads:
  - {name: "a|b", calls: 48/day, input_tokens: 500, output_tokens: 50}
options:
  cloud: [{name: haiku, model: claude-3-5-haiku}]
budgets:
  - {max_monthly: 1}
)");
    const auto r = run({"check", path, "--format", "markdown"});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "| ✅ | a\\|b | haiku | `max_monthly` | $0.86 | ≤ $1.00 |"));
}

// ---------------------------------------------------------------------------------------------
// diff

TEST_CASE("diff: the text report shows money and percent changes, added and removed items") {
    const auto r = run({"diff", kBefore, kAfter});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err == llmtco::test::kStaleHaiku); // once: for the new version only
    CHECK(contains(r.out, "agent (changed)"));
    // haiku: 30,000 → 39,000 calls × $0.0006 = $18.00 → $23.40 (+$5.40, +30 %); × 12 = $216 → $280.80
    CHECK(has_line_with(
        r.out, {"haiku", "$18.00 → $23.40", "+$5.40 (+30%)", "$216.00 → $280.80", "+$64.80 (+30%)"}));
    // cheap removed: 30,000 × $0.00007 = $2.10/month, $25.20
    CHECK(has_line_with(r.out, {"- cheap", "$2.10 → —", "-$2.10", "$25.20 → —", "-$25.20"}));
    // pricey added: 39,000 × $0.0007 = $27.30/month, $327.60
    CHECK(has_line_with(r.out, {"+ pricey", "— → $27.30", "+$27.30", "— → $327.60", "+$327.60"}));
    // cheap ($25.20) was the cheapest; now haiku ($280.80 < pricey $327.60)
    CHECK(contains(r.out, "recommendation changed: cheap → haiku"));
    CHECK(contains(r.out, "old-job (removed)"));
    CHECK(has_line_with(r.out, {"- haiku", "$2.40 → —", "$28.80 → —"})); // 3,000 × $0.0008
    CHECK(contains(r.out, "new-job (added)"));
    CHECK(has_line_with(r.out, {"+ pricey", "— → $3.00", "— → $36.00"})); // 3,000 × $0.001
    // a removed option is not labelled "new"
    for (const auto& line : lines_of(r.out)) {
        if (contains(line, "- cheap") || contains(line, "- haiku")) {
            INFO(line);
            CHECK_FALSE(contains(line, "(new)"));
        }
    }
}

TEST_CASE("diff: a fall in cost shows a negative change and percent") {
    // input 500 → 250 tokens on haiku: (250·0.80 + 50·4.00)/1e6 = $0.0004 × 30,000 = $12.00/month
    // (−$6.00, −33.3 %); total $144.00 (−$72.00)
    const auto r = run({"diff", kBefore, kBefore, "--set", "workloads.agent.input_tokens=250"});
    CHECK(r.exit_code == 0);
    // --set applies to both sides: nothing changes
    CHECK_FALSE(contains(r.out, "(changed)"));
    // a real change on the NEW side only: an edited copy
    std::string text = read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kBefore);
    const auto at = text.find("    input_tokens: 500");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("    input_tokens: 500").size(), "    input_tokens: 250");
    const auto cheaper = temp_file("cheaper.yaml", text);
    const auto r3 = run({"diff", kBefore, cheaper});
    CHECK(r3.exit_code == 0);
    CHECK(has_line_with(
        r3.out, {"haiku", "$18.00 → $12.00", "-$6.00 (-33.3%)", "$216.00 → $144.00", "-$72.00 (-33.3%)"}));
    CHECK(run({"diff", kBefore, cheaper, "--fail-above", "0"}).exit_code == 0); // falling is never "above"
}

TEST_CASE("diff: --format markdown for a pull-request comment") {
    const auto r = run({"diff", kBefore, kAfter, "--format", "markdown"});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "### llm-tco cost diff"));
    CHECK(contains(r.out, "`" + kBefore + "` → `" + kAfter + "`"));
    CHECK(contains(r.out, "#### agent (changed)"));
    CHECK(contains(r.out, "| option | per month | change | total | change |\n|---|---:|---:|---:|---:|\n"));
    CHECK(
        contains(r.out, "| haiku | $18.00 → $23.40 | +$5.40 (+30%) | $216.00 → $280.80 | +$64.80 (+30%) |"));
    CHECK(contains(r.out, "| ➖ cheap | $2.10 → — | -$2.10"));
    CHECK(contains(r.out, "| ➕ pricey | — → $27.30 | +$27.30"));
    CHECK(contains(r.out, "⚠️ **Recommendation changed:** cheap → haiku"));
    CHECK(contains(r.out, "#### old-job (removed)"));
    CHECK(contains(r.out, "#### new-job (added)"));
}

TEST_CASE("diff: --format json has the documented shape and unrounded figures") {
    const auto r = run({"diff", kBefore, kAfter, "--format", "json"});
    CHECK(r.exit_code == 0);
    const auto j = nlohmann::ordered_json::parse(r.out);
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items())
        keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"currency", "inputs", "workloads", "portfolio"});
    // diff-after.yaml: agent's calls 1000 → 1300 a day; the other changes add or remove items.
    CHECK(j["inputs"] == nlohmann::ordered_json::parse(
                             R"([{"path": "workloads.agent.calls", "old": "1000/day", "new": "1300/day"}])"));
    CHECK(j["currency"] == "USD");
    REQUIRE(j["workloads"].size() == 3);
    const std::vector<std::string> workload_keys{
        "name", "status", "old_recommendation", "new_recommendation", "recommendation_changed", "options"};
    const std::vector<std::string> option_keys{"name",
                                               "status",
                                               "old_monthly",
                                               "new_monthly",
                                               "monthly_change",
                                               "monthly_percent",
                                               "old_total",
                                               "new_total",
                                               "total_change",
                                               "total_percent",
                                               "old_feasible",
                                               "new_feasible",
                                               "old_residual_value",
                                               "new_residual_value",
                                               "old_machines",
                                               "new_machines"};
    for (const auto& w : j["workloads"]) {
        std::vector<std::string> wk;
        for (const auto& [k, v] : w.items())
            wk.push_back(k);
        CHECK(wk == workload_keys);
        for (const auto& o : w["options"]) {
            std::vector<std::string> ok;
            for (const auto& [k, v] : o.items())
                ok.push_back(k);
            CHECK(ok == option_keys);
        }
    }
    const auto& agent = j["workloads"][0];
    CHECK(agent["name"] == "agent");
    CHECK(agent["status"] == "changed");
    CHECK(agent["old_recommendation"] == "cheap");
    CHECK(agent["new_recommendation"] == "haiku");
    CHECK(agent["recommendation_changed"] == true);
    REQUIRE(agent["options"].size() == 3);
    const auto& haiku = agent["options"][0];
    CHECK(haiku["name"] == "haiku");
    CHECK(haiku["status"] == "changed");
    CHECK(haiku["old_monthly"].get<double>() == Approx(18.0));
    CHECK(haiku["new_monthly"].get<double>() == Approx(23.4));
    CHECK(haiku["monthly_change"].get<double>() == Approx(5.4));
    CHECK(haiku["monthly_percent"].get<double>() == Approx(30.0));
    CHECK(haiku["old_total"].get<double>() == Approx(216.0));
    CHECK(haiku["new_total"].get<double>() == Approx(280.8));
    CHECK(haiku["total_change"].get<double>() == Approx(64.8));
    CHECK(haiku["total_percent"].get<double>() == Approx(30.0));
    const auto& cheap = agent["options"][1];
    CHECK(cheap["name"] == "cheap");
    CHECK(cheap["status"] == "removed");
    CHECK(cheap["old_total"].get<double>() == Approx(25.2));
    CHECK(cheap["new_total"].is_null());
    CHECK(cheap["new_monthly"].is_null());
    CHECK(cheap["total_change"].get<double>() == Approx(-25.2));
    const auto& pricey = agent["options"][2];
    CHECK(pricey["status"] == "added");
    CHECK(pricey["old_total"].is_null());
    CHECK(pricey["new_total"].get<double>() == Approx(327.6));
    CHECK(pricey["total_percent"].is_null());

    CHECK(j["workloads"][1]["name"] == "old-job");
    CHECK(j["workloads"][1]["status"] == "removed");
    CHECK(j["workloads"][1]["new_recommendation"].is_null());
    CHECK(j["workloads"][2]["name"] == "new-job");
    CHECK(j["workloads"][2]["status"] == "added");
    CHECK(j["workloads"][2]["old_recommendation"].is_null());
    CHECK(j["workloads"][2]["new_recommendation"] == "haiku"); // $28.80 < pricey $36.00
}

TEST_CASE("diff: --fail-above exits 1 when a total grows by more than PCT, else 0") {
    // agent/haiku's total grows by 30 % ($216.00 → $280.80); nothing else present on both sides grows
    SECTION("a limit below the growth") {
        const auto r = run({"diff", kBefore, kAfter, "--fail-above", "29.9"});
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "agent/haiku"));
        CHECK(contains(r.out, "agent (changed)")); // the report is still printed
    }
    SECTION("a limit above the growth") {
        const auto r = run({"diff", kBefore, kAfter, "--fail-above", "30.1"});
        CHECK(r.exit_code == 0);
        CHECK(r.err == llmtco::test::kStaleHaiku);
    }
    SECTION("growth of exactly PCT is not more than PCT") {
        // +30 % as printed; the floating-point 30.000000000000004 must not trip the limit
        const auto r = run({"diff", kBefore, kAfter, "--fail-above", "30"});
        CHECK(r.exit_code == 0);
        CHECK(r.err == llmtco::test::kStaleHaiku);
    }
    SECTION("without --fail-above growth is reported, not failed") {
        CHECK(run({"diff", kBefore, kAfter}).exit_code == 0);
    }
    SECTION("growth from $0 counts as above any limit") {
        // 0 → 1 call/day: haiku $0 → 30 × $0.0006 × 12 = $0.216, no percent to compare
        std::string text = read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kBefore);
        const auto at = text.find("calls: 1000/day");
        REQUIRE(at != std::string::npos);
        auto zero = text;
        zero.replace(at, std::string("calls: 1000/day").size(), "calls: 0");
        auto one = text;
        one.replace(at, std::string("calls: 1000/day").size(), "calls: 1/day");
        const auto old_file = temp_file("zero.yaml", zero);
        const auto new_file = temp_file("one.yaml", one);
        const auto r = run({"diff", old_file, new_file, "--fail-above", "1000000"});
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "agent/haiku"));
        CHECK(run({"diff", old_file, old_file, "--fail-above", "0"}).exit_code == 0); // $0 → $0
    }
    SECTION("a negative limit is bad usage") {
        const auto r = run({"diff", kBefore, kAfter, "--fail-above", "-5"});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
    }
}

TEST_CASE("diff: git:REV:PATH reads a committed version relative to the current directory") {
    const auto repo = temp_dir("diff-git");
    REQUIRE(sh("git init -q " + repo));
    std::filesystem::create_directories(repo + "/sub");
    const auto before = read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kBefore);
    const auto after = read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kAfter);
    std::ofstream(repo + "/costs.yaml", std::ios::binary) << before;
    std::ofstream(repo + "/sub/costs.yaml", std::ios::binary) << after; // a different file at sub/
    REQUIRE(sh(kGit + " -C " + repo + " add costs.yaml sub/costs.yaml"));
    REQUIRE(sh(kGit + " -C " + repo + " commit -q -m before"));
    std::ofstream(repo + "/costs.yaml", std::ios::binary | std::ios::trunc) << after; // the working copy

    const auto expected = nlohmann::json::parse(run({"diff", kBefore, kAfter, "--format", "json"}).out);

    SECTION("HEAD against the working copy equals the diff of the two files") {
        const auto r = run({"diff", "git:HEAD:costs.yaml", "costs.yaml", "--format", "json"}, repo);
        INFO("stderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(nlohmann::json::parse(r.out) == expected);
        const auto text = run({"diff", "git:HEAD:costs.yaml", "costs.yaml"}, repo);
        CHECK(contains(text.out, "recommendation changed: cheap → haiku"));
        const auto md = run({"diff", "git:HEAD:costs.yaml", "costs.yaml", "--format", "markdown"}, repo);
        CHECK(contains(md.out, "`git:HEAD:costs.yaml` → `costs.yaml`"));
        CHECK(run({"diff", "git:HEAD:costs.yaml", "costs.yaml", "--fail-above", "29.9"}, repo).exit_code ==
              1);
    }
    SECTION("the path is relative to the current directory, not the repository root") {
        // from sub/, git:HEAD:costs.yaml is sub/costs.yaml (the "after" profile): no change against itself
        const auto r = run({"diff", "git:HEAD:costs.yaml", "costs.yaml", "--format", "json"}, repo + "/sub");
        INFO("stderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        const auto j = nlohmann::json::parse(r.out);
        REQUIRE(j["workloads"].size() == 2); // agent, new-job
        for (const auto& w : j["workloads"])
            CHECK(w["status"] == "unchanged");
        // and ../ reaches the root's committed file
        const auto up =
            run({"diff", "git:HEAD:../costs.yaml", "costs.yaml", "--format", "json"}, repo + "/sub");
        INFO("stderr: " << up.err);
        REQUIRE(up.exit_code == 0);
        CHECK(nlohmann::json::parse(up.out) == expected);
    }
    SECTION("a revision that does not exist exits 2 and says which") {
        const auto r = run({"diff", "git:no-such-rev:costs.yaml", "costs.yaml"}, repo);
        require_exit_2(r);
        CHECK(contains(r.err, "git:no-such-rev:costs.yaml"));
        CHECK(contains(r.err, "no-such-rev"));
        const auto parent = run({"diff", "git:HEAD~1:costs.yaml", "costs.yaml"}, repo); // one commit only
        require_exit_2(parent);
        CHECK(contains(parent.err, "HEAD~1"));
    }
    SECTION("a path that is not in the revision exits 2") {
        const auto r = run({"diff", "git:HEAD:missing.yaml", "costs.yaml"}, repo);
        require_exit_2(r);
        CHECK(contains(r.err, "missing.yaml"));
    }
    SECTION("a malformed git: spec exits 2 with the expected form") {
        const auto r = run({"diff", "git:HEAD", "costs.yaml"}, repo);
        require_exit_2(r);
        CHECK(contains(r.err, "git:REV:PATH"));
    }
    SECTION("outside a git repository exits 2") {
        const auto outside = temp_dir("diff-nogit");
        std::ofstream(outside + "/costs.yaml", std::ios::binary) << after;
        const auto r = run({"diff", "git:HEAD:costs.yaml", "costs.yaml"}, outside);
        require_exit_2(r);
        std::filesystem::remove_all(outside);
    }
    std::filesystem::remove_all(repo);
}
