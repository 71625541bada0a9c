// The command line as a user and a script meet it: exit codes, what goes to stdout and stderr,
// every output format, overrides, overlays and stdin. Figures come from the article's monitoring
// agent (profiles/monitoring-agent.yaml): 48 calls/day, 500 input + 50 output tokens a call,
// Claude 3.5 Haiku at $0.80 / $4.00 per million tokens, days_per_month 30, 36 months.

#include "run.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using llmtco::test::contains;
using llmtco::test::lines_of;
using llmtco::test::read_file;
using llmtco::test::run;
using llmtco::test::temp_file;

namespace {

const std::string kProfile = "profiles/monitoring-agent.yaml";

/// True when some line, leading spaces removed, starts with `prefix`.
bool has_line_starting_with(const std::string& text, const std::string& prefix) {
    for (const auto& line : lines_of(text)) {
        const auto first = line.find_first_not_of(' ');
        if (first != std::string::npos && line.compare(first, prefix.size(), prefix) == 0) return true;
    }
    return false;
}

/// The text after the "Examples:" heading.
std::string examples_section(const std::string& help) {
    const auto at = help.find("Examples:");
    return at == std::string::npos ? std::string() : help.substr(at);
}

nlohmann::json estimate_json(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"estimate", kProfile, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.err.empty());
    return nlohmann::json::parse(r.out);
}

void require_usage_error(const llmtco::test::RunResult& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
}

} // namespace

TEST_CASE("the version option prints the name and version") {
    const auto r = run({"--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "llm-tco 0.1.0\n");
    CHECK(r.err.empty());
}

TEST_CASE("the top-level help has examples that start with the program name") {
    const auto r = run({"--help"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto examples = examples_section(r.out);
    REQUIRE_FALSE(examples.empty());
    CHECK(has_line_starting_with(examples, "llm-tco estimate "));
}

TEST_CASE("each command's help has an example of that command") {
    for (const std::string command : {"estimate", "breakeven", "recommend", "validate"}) {
        INFO("command: " << command);
        const auto r = run({command, "--help"});
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        const auto examples = examples_section(r.out);
        CHECK_FALSE(examples.empty());
        CHECK(has_line_starting_with(examples, "llm-tco " + command + " "));
    }
}

TEST_CASE("bad usage exits 2 with a message on stderr and nothing on stdout") {
    SECTION("no subcommand") {
        const auto r = run({});
        require_usage_error(r);
    }
    SECTION("an unknown subcommand") {
        const auto r = run({"frobnicate"});
        require_usage_error(r);
    }
    SECTION("an unknown flag") {
        const auto r = run({"estimate", kProfile, "--bogus"});
        require_usage_error(r);
        CHECK(contains(r.err, "--bogus"));
    }
    SECTION("an unknown format") {
        const auto r = run({"estimate", kProfile, "--format", "xml"});
        require_usage_error(r);
        CHECK(contains(r.err, "xml"));
    }
    SECTION("--set without '='") {
        const auto r = run({"estimate", kProfile, "--set", "workloads.monitoring.calls"});
        require_usage_error(r);
        CHECK(contains(r.err, "PATH=VALUE"));
    }
}

TEST_CASE("a missing file exits 2 with 'cannot read' and its name") {
    for (const std::string command : {"estimate", "validate"}) {
        INFO("command: " << command);
        const auto r = run({command, "no-such-profile.yaml"});
        require_usage_error(r);
        CHECK(contains(r.err, "cannot read"));
        CHECK(contains(r.err, "no-such-profile.yaml"));
    }
}

TEST_CASE("estimate reproduces the article's monitoring agent in the table") {
    const auto r = run({"estimate", kProfile});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "$0.0006")); // per call: 500·0.80/1e6 + 50·4.00/1e6 = 0.0004 + 0.0002
    CHECK(contains(r.out, "$0.86"));   // per month: 48/day × 30 days = 1,440 calls × $0.0006 = $0.864
    CHECK(contains(r.out, "$31.10"));  // 36 months × $0.864 = $31.104
    CHECK(contains(r.out, "cheapest: haiku at $0.86/month"));
}

TEST_CASE("estimate --format json carries the unrounded figures") {
    const auto j = estimate_json();
    CHECK(j.at("currency") == "USD");
    CHECK(j.at("horizon_months") == 36);
    CHECK(j.at("days_per_month").get<double>() == Approx(30.0));
    REQUIRE(j.at("workloads").size() == 1);
    const auto& w = j.at("workloads")[0];
    CHECK(w.at("name") == "monitoring");
    CHECK(w.at("calls_per_day").get<double>() == Approx(48.0)); // every 30 minutes = 24·60/30
    REQUIRE(w.at("options").size() == 1);
    const auto& o = w.at("options")[0];
    CHECK(o.at("name") == "haiku");
    CHECK(o.at("kind") == "cloud");
    // 500·0.80/1e6 + 50·4.00/1e6 = 0.0004 + 0.0002
    CHECK(o.at("cost_per_call").get<double>() == Approx(0.0006).epsilon(1e-9));
    CHECK(o.at("one_time_cost").get<double>() == Approx(0.0).margin(1e-12));
    const auto& monthly = o.at("monthly_cost");
    REQUIRE(monthly.size() == 36);
    for (const auto& m : monthly) {
        CHECK(m.get<double>() == Approx(0.864).epsilon(1e-9)); // 1,440 calls × $0.0006
    }
    const double total = o.at("total_cost").get<double>();
    CHECK(total == Approx(31.104).epsilon(1e-9));                                // 36 × $0.864
    CHECK(o.at("cost_per_1k_calls").get<double>() == Approx(0.6).epsilon(1e-9)); // 1000 × $0.0006
    // 1e6 · 31.104 / (51,840 calls × 550 tokens) = 1e6 · 0.0006 / 550
    CHECK(o.at("cost_per_mtok").get<double>() == Approx(1.0909090909).epsilon(1e-9));
    double items = 0;
    REQUIRE_FALSE(o.at("items").empty());
    for (const auto& item : o.at("items"))
        items += item.at("total").get<double>();
    CHECK(items == Approx(total).epsilon(1e-12));
    CHECK(w.at("recommendation").at("option") == "haiku");
    CHECK(w.at("recommendation").at("kind") == "cloud");
}

TEST_CASE("estimate --format csv is a header and one row per option") {
    const auto r = run({"estimate", kProfile, "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind("workload,option,kind,", 0) == 0);
    CHECK(lines[1].rfind("monitoring,haiku,cloud,48,", 0) == 0);
    const auto commas = [](const std::string& s) { // outside quoted fields
        long n = 0;
        bool quoted = false;
        for (char c : s) {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) ++n;
        }
        return n;
    };
    CHECK(commas(lines[0]) == commas(lines[1]));
    CHECK(contains(lines[1], ",0.0006")); // per call, unrounded: 0.0004 + 0.0002
}

TEST_CASE("estimate --format markdown is a markdown table") {
    const auto r = run({"estimate", kProfile, "--format", "markdown"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(has_line_starting_with(r.out, "|---"));
    CHECK(contains(r.out, "| $0.0006 |")); // 0.0004 + 0.0002 per call
    CHECK(contains(r.out, "| $0.86 |"));   // 1,440 × $0.0006 = $0.864 a month
}

TEST_CASE("set overrides the call rate: the article's $18 and $180 a month") {
    SECTION("1,000 a day") {
        const auto r = run({"estimate", kProfile, "--set", "workloads.monitoring.calls=1000/day"});
        REQUIRE(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK(contains(r.out, "cheapest: haiku at $18.00/month")); // 1,000 × 30 × $0.0006
    }
    SECTION("10k a day") {
        const auto r = run({"estimate", kProfile, "--set", "workloads.monitoring.calls=10k/day"});
        REQUIRE(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK(contains(r.out, "cheapest: haiku at $180.00/month")); // 10,000 × 30 × $0.0006
    }
    SECTION("json agrees") {
        const auto j = estimate_json({"--set", "workloads.monitoring.calls=10k/day"});
        const auto& o = j.at("workloads")[0].at("options")[0];
        CHECK(j.at("workloads")[0].at("calls_per_day").get<double>() == Approx(10000.0));
        CHECK(o.at("monthly_cost")[0].get<double>() == Approx(180.0).epsilon(1e-9)); // 300,000 × $0.0006
        CHECK(o.at("total_cost").get<double>() == Approx(6480.0).epsilon(1e-9));     // 36 × $180
    }
}

TEST_CASE("set with a path that matches nothing suggests the nearest one") {
    const auto r = run({"estimate", kProfile, "--set", "workloads.monitorin.calls=5"});
    require_usage_error(r);
    CHECK(contains(r.err, "did you mean"));
    CHECK(contains(r.err, "workloads.monitoring.calls"));
}

TEST_CASE("an overlay file overrides the base key by key") {
    const auto overlay = temp_file("what-if.yaml", "workloads:\n"
                                                   "  - name: monitoring\n"
                                                   "    input_tokens: 1000\n");
    const auto r = run({"estimate", kProfile, overlay, "--format", "json"});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto j = nlohmann::json::parse(r.out);
    const auto& w = j.at("workloads")[0];
    CHECK(w.at("calls_per_day").get<double>() == Approx(48.0)); // kept from the base
    const auto& o = w.at("options")[0];
    // 1000·0.80/1e6 + 50·4.00/1e6 = 0.0008 + 0.0002
    CHECK(o.at("cost_per_call").get<double>() == Approx(0.001).epsilon(1e-9));
    CHECK(o.at("monthly_cost")[0].get<double>() == Approx(1.44).epsilon(1e-9)); // 1,440 × $0.001

    const auto table = run({"estimate", kProfile, overlay});
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "cheapest: haiku at $1.44/month"));
}

TEST_CASE("horizon sets the number of months") {
    const auto j = estimate_json({"--horizon", "12"});
    CHECK(j.at("horizon_months") == 12);
    const auto& o = j.at("workloads")[0].at("options")[0];
    CHECK(o.at("monthly_cost").size() == 12);
    CHECK(o.at("total_cost").get<double>() == Approx(10.368).epsilon(1e-9)); // 12 × $0.864

    const auto table = run({"estimate", kProfile, "--horizon", "12"});
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "$10.37")); // 12 × $0.864 = $10.368
}

TEST_CASE("'-' reads the profile from stdin") {
    const auto text = read_file(std::string(LLMTCO_SOURCE_DIR) + "/" + kProfile);
    REQUIRE_FALSE(text.empty());
    const auto from_stdin = run({"estimate", "-"}, LLMTCO_SOURCE_DIR, text);
    REQUIRE(from_stdin.exit_code == 0);
    CHECK(from_stdin.err.empty());
    CHECK(contains(from_stdin.out, "cheapest: haiku at $0.86/month")); // 1,440 × $0.0006
    const auto from_file = run({"estimate", kProfile});
    CHECK(from_stdin.out == from_file.out);
}

TEST_CASE("validate accepts the shipped profile") {
    const auto r = run({"validate", kProfile});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "monitoring-agent.yaml"));
    CHECK(contains(r.out, "ok"));
}

TEST_CASE("validate rejects a malformed profile with its location") {
    const auto bad = temp_file("typo.yaml", "version: 1\n"
                                            "workloads:\n"
                                            "  - name: monitoring\n"
                                            "    calls: 48/day\n"
                                            "    input_tokns: 500\n"
                                            "options:\n"
                                            "  cloud:\n"
                                            "    - {name: haiku, model: claude-3-5-haiku}\n");
    const auto r = run({"validate", bad});
    require_usage_error(r);
    CHECK(contains(r.err, "typo.yaml:5:5: error: unknown key 'input_tokns' (did you mean 'input_tokens'?)"));
}

TEST_CASE("no ANSI escape codes when stdout is not a terminal") {
    for (const std::string format : {"table", "markdown", "csv", "json"}) {
        INFO("format: " << format);
        const auto r = run({"estimate", kProfile, "--format", format});
        REQUIRE(r.exit_code == 0);
        CHECK_FALSE(r.out.empty());
        CHECK(r.out.find('\x1b') == std::string::npos);
        CHECK(r.err.find('\x1b') == std::string::npos);
    }
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"recommend", kProfile}, {"breakeven", kProfile}, {"estimate", "no-such-profile.yaml"}}) {
        const auto r = run(args);
        INFO("command: " << args[0] << " " << args[1]);
        CHECK(r.out.find('\x1b') == std::string::npos);
        CHECK(r.err.find('\x1b') == std::string::npos);
    }
}

TEST_CASE(
    "a negotiated --discount PROVIDER=PCT applies to a provider's options that write none, and is listed") {
    const std::string yaml = R"(
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 100}]
options:
  cloud:
    - {name: mini, model: gpt-4o-mini}
    - {name: haiku, model: claude-haiku-4-5}
    - {name: haiku-deal, model: claude-haiku-4-5, discount: 30%}
settings: {days_per_month: 30, horizon_months: 1}
)";
    auto r = llmtco::test::run({"estimate", "-", "--format", "json", "--discount", "anthropic=10%"},
                               LLMTCO_SOURCE_DIR, yaml);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    std::map<std::string, double> total;
    for (const auto& o : j["workloads"][0]["options"])
        total[o["name"].get<std::string>()] = o["total_cost"].get<double>();
    // haiku-4-5: 1,000 × $1 + 100 × $5 = $0.0015 a call, 30,000 calls = $45.00; 10 % off = $40.50;
    // the option with its own 30 % keeps it: $31.50; gpt-4o-mini is not anthropic's: $6.30.
    CHECK(total["haiku"] == Approx(40.5));
    CHECK(total["haiku-deal"] == Approx(31.5));
    CHECK(total["mini"] == Approx(6.3));
    r = llmtco::test::run({"estimate", "-", "--explain", "--discount", "anthropic=10%"}, LLMTCO_SOURCE_DIR,
                          yaml);
    CHECK(llmtco::test::contains(r.out, "× 0.9 (negotiated discount)"));
    CHECK(llmtco::test::contains(r.out, "discount"));
    r = llmtco::test::run({"estimate", "-", "--discount", "antropic=10%"}, LLMTCO_SOURCE_DIR, yaml);
    CHECK(r.exit_code == 2);
    CHECK(llmtco::test::contains(r.err, "did you mean 'anthropic'"));
}

TEST_CASE("estimate --view amortised draws purchases spread over their lifetime, and only charts") {
    // With a straight-line book value the cash chart's net view already takes the box's value off
    // every month, the same curve as amortised; with none kept, the cash view pays the $3,500 in
    // month 1 while the amortised one spreads it over 36 months.
    const std::string none = "options.local.rtx-4090-nomic.hardware.residual=none";
    const auto net = llmtco::test::run({"estimate", "profiles/embeddings-search.yaml", "--format", "svg"});
    const auto net_amortised = llmtco::test::run(
        {"estimate", "profiles/embeddings-search.yaml", "--format", "svg", "--view", "amortised"});
    CHECK(net.out == net_amortised.out);
    const auto cash =
        llmtco::test::run({"estimate", "profiles/embeddings-search.yaml", "--format", "svg", "--set", none});
    const auto amortised = llmtco::test::run({"estimate", "profiles/embeddings-search.yaml", "--format",
                                              "svg", "--view", "amortised", "--set", none});
    REQUIRE(cash.exit_code == 0);
    REQUIRE(amortised.exit_code == 0);
    CHECK(cash.out != amortised.out);
    const auto json = llmtco::test::run({"estimate", "profiles/embeddings-search.yaml", "--format", "json"});
    CHECK(llmtco::test::contains(json.out, "\"amortised_monthly_cost\""));
    const auto refused = llmtco::test::run(
        {"estimate", "profiles/embeddings-search.yaml", "--format", "json", "--view", "amortised"});
    CHECK(refused.exit_code == 2);
    CHECK(llmtco::test::contains(refused.err, "give --chart or --format svg"));
}
