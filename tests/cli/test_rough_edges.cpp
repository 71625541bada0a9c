// Issue 15's rough edges, as a new user meets them: typos answered with the nearest name, messages
// that list only what exists, completions that parse and offer the key table's PATHs, and the
// starter profile, check, diff and Markdown saying what they should.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using llmtco::test::contains;
using llmtco::test::lines_of;
using llmtco::test::read_file;
using llmtco::test::run;
using llmtco::test::temp_file;

namespace {

// A workload growing 10 % a month, served by an API and a catalog Mac mini (speeds derived).
const char* kGrowing = R"(version: 1
settings: {horizon_months: 12}
workloads: [{name: w, calls: 20k/day, input_tokens: 500, output_tokens: 50, growth_per_month: 10%}]
options:
  cloud: [{name: api, model: gpt-4o-mini}]
  local:
    - name: box
      setup_hours: 0
      maintenance_hours_per_month: 0
      incidents_per_year: 0
      hours_per_incident: 0
      hardware: {preset: mac-mini-m4-24gb}
      model: {preset: llama-3.1-8b, quant: Q4_K_M}
)";

/// Whether every line of a fish script closes its single quotes, reading them as fish does: inside
/// '…' only \' and \\ are escapes, and an apostrophe anywhere else ends the string.
bool fish_quotes_balance(const std::string& script, std::string& bad_line) {
    for (const auto& line : lines_of(script)) {
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (quoted && line[i] == '\\' && i + 1 < line.size() &&
                (line[i + 1] == '\'' || line[i + 1] == '\\')) {
                ++i;
            } else if (line[i] == '\'') {
                quoted = !quoted;
            } else if (!quoted && line[i] == '#') {
                break;
            }
        }
        if (quoted) {
            bad_line = line;
            return false;
        }
    }
    return true;
}

} // namespace

TEST_CASE("a mistyped option is answered with the nearest option of that command") {
    const auto r = run({"estimate", "profiles/monitoring-agent.yaml", "--formt", "json"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "llm-tco: error: unknown option '--formt' for estimate (did you mean '--format'?)\n"
                   "Run 'llm-tco estimate --help' for its options.\n");
    const auto sweep =
        run({"sweep", "profiles/monitoring-agent.yaml", "--vray=workloads.monitoring.calls=1..2"});
    CHECK(sweep.exit_code == 2);
    CHECK(sweep.err == "llm-tco: error: unknown option '--vray' for sweep (did you mean '--vary'?)\n"
                       "Run 'llm-tco sweep --help' for its options.\n");
    const auto far = run({"estimate", "profiles/monitoring-agent.yaml", "--colour-scheme"});
    CHECK(far.exit_code == 2);
    CHECK(far.err == "llm-tco: error: unknown option '--colour-scheme' for estimate\n"
                     "Run 'llm-tco estimate --help' for its options.\n");
}

TEST_CASE("a hardware preset written without its dashes is answered with the catalog's name") {
    const auto path = temp_file("rtx.yaml", R"(version: 1
workloads: [{name: w, calls: 10/day, input_tokens: 10}]
options:
  local:
    - name: box
      hardware: {preset: rtx4090}
      model: {preset: llama-3.1-8b}
)");
    const auto profile = run({"estimate", path});
    CHECK(profile.exit_code == 2);
    CHECK(profile.out.empty());
    CHECK(profile.err ==
          path + ":6:26: error: unknown hardware 'rtx4090' (did you mean 'rtx-4090-workstation'?); see "
                 "'llm-tco prices list --local'\n");
    const auto show = run({"prices", "show", "rtx4090"});
    CHECK(show.exit_code == 2);
    CHECK(show.err ==
          "llm-tco: error: 'rtx4090' is not in the catalog (did you mean 'rtx-4090-workstation'?); "
          "see 'llm-tco prices list'\n");
    const auto plan =
        run({"plan", "profiles/monitoring-agent.yaml", "--hardware", "rtx4090", "--max-price-age", "0"});
    CHECK(plan.exit_code == 2);
    CHECK(plan.err == "llm-tco: error: --hardware 'rtx4090' is not in the catalog (did you mean "
                      "'rtx-4090-workstation'?); see 'llm-tco prices list --local'\n");
}

TEST_CASE("the unknown-command message lists the commands --help lists, not the hidden manpage") {
    const auto r = run({"manpag"});
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "llm-tco: error: unknown command 'manpag'; commands: estimate, breakeven, recommend, plan, "
          "report, sweep, simulate, sensitivity, check, diff, validate, init, import, calibrate, schema, "
          "prices, "
          "completion\n");
}

TEST_CASE("report onto a terminal refuses with a hint; piped, it prints the HTML") {
    const auto tty = llmtco::test::run_tty({"report", "profiles/embeddings-search.yaml"});
    CHECK(tty.exit_code == 2);
    CHECK(tty.out ==
          "llm-tco: error: report writes an HTML file: give -o report.html (or redirect standard output)\n");
    const auto piped = run({"report", "profiles/embeddings-search.yaml"});
    CHECK(piped.exit_code == 0);
    CHECK(piped.out.rfind("<!DOCTYPE html>", 0) == 0);
}

TEST_CASE("the fish completion escapes apostrophes inside its quotes") {
    const auto r = run({"completion", "fish"});
    REQUIRE(r.exit_code == 0);
    // init --model's description has an apostrophe pair: "Cloud model from the catalog ('llm-tco prices
    // list')"
    CHECK(contains(r.out, "-d 'Cloud model from the catalog (\\'llm-tco prices list\\')'\n"));
    std::string bad;
    CHECK(fish_quotes_balance(r.out, bad));
    INFO(bad);
    if (std::system("command -v fish > /dev/null 2>&1") == 0) {
        const auto script = temp_file("llm-tco.fish", r.out);
        CHECK(std::system(("fish -n " + script).c_str()) == 0);
    }
}

TEST_CASE("completions offer the --set and --vary PATHs of the key table") {
    const auto bash = run({"completion", "bash"});
    REQUIRE(bash.exit_code == 0);
    const auto fish = run({"completion", "fish"});
    REQUIRE(fish.exit_code == 0);
    for (const std::string path :
         {"settings.horizon_months", "workloads.NAME.calls", "workloads.NAME.growth_per_month",
          "options.cloud.NAME.model", "options.cloud.NAME.price.tiers.N.input_per_mtok",
          "options.local.NAME.hardware.preset", "options.local.NAME.power.pue", "budgets.N.max_monthly"}) {
        INFO(path);
        CHECK(contains(bash.out, " " + path + " "));
        CHECK(contains(fish.out, " " + path + " "));
    }
    CHECK(contains(
        bash.out, "        --set|--vary)\n            COMPREPLY=($(compgen -W \"version settings.currency "));
    CHECK(contains(fish.out,
                   "complete -c llm-tco -n '__fish_seen_subcommand_from sweep' -l vary -xa 'version "));
    const auto script = temp_file("llm-tco.bash", bash.out);
    CHECK(std::system(("bash -n " + script).c_str()) == 0);
}

TEST_CASE("estimate --format markdown keeps the last month's figure of a growing workload") {
    const auto path = temp_file("growing.yaml", kGrowing);
    const auto table = run({"estimate", path});
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "$63.88 → $182.24"));
    const auto md = run({"estimate", path, "--format", "markdown"});
    REQUIRE(md.exit_code == 0);
    CHECK(contains(
        md.out, "| **api** | cloud | $0.000105 | $63.88 → $182.24 | $0.00 | $1,365.92 | $0.11 | $0.19 |\n"));
    CHECK(contains(md.out,
                   "| box | local | — | $305.88 → $915.85 | $2,298.00 | $8,564.46 | $0.66 | $1.20 |\n"));
}

TEST_CASE("check on a profile without budgets is exit 2 saying so") {
    const auto r = run({"check", "profiles/embeddings-search.yaml"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "llm-tco: error: profiles/embeddings-search.yaml has no budgets to check; add a 'budgets:' "
          "list (see docs/ci.md), or run 'llm-tco estimate' for the costs alone\n");
}

TEST_CASE("init defaults to a current model, a schema reference that resolves, and derived local speeds") {
    const auto dir = llmtco::test::temp_dir("init-edges");
    std::filesystem::create_directories(dir + "/sub");
    const auto r = run({"init", "sub/costs.yaml"}, dir);
    REQUIRE(r.exit_code == 0);
    const auto text = read_file(dir + "/sub/costs.yaml");
    CHECK(contains(text, "      model: claude-haiku-4-5   # `llm-tco prices list` shows the catalog\n"));
    CHECK_FALSE(contains(text, "\n      throughput:"));
    // The first line names the shipped schema by a path relative to the profile's directory.
    const std::string prefix = "# yaml-language-server: $schema=";
    REQUIRE(text.rfind(prefix, 0) == 0);
    const auto reference = text.substr(prefix.size(), text.find('\n') - prefix.size());
    CHECK(reference.front() != '/');
    CHECK(read_file(dir + "/sub/" + reference) == run({"schema"}).out);
    // It loads and estimates without warnings; the local option's speeds come from the capacity engine.
    const auto est = run({"estimate", "sub/costs.yaml"}, dir);
    REQUIRE(est.exit_code == 0);
    CHECK(est.err.empty());
    CHECK(contains(est.out, "\n  capacity: local: derived: "));
    std::filesystem::remove_all(dir);
}

TEST_CASE("diff lists the inputs that changed and each local option's machines, in every format") {
    const auto before = temp_file("before.yaml", kGrowing);
    std::string after_text = kGrowing;
    after_text.replace(after_text.find("20k/day"), 7, "40k/day");
    after_text.replace(after_text.find("gpt-4o-mini"), 11, "gpt-4.1-mini");
    const auto after = temp_file("after.yaml", after_text);

    const auto text = run({"diff", before, after});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.rfind("inputs changed\n"
                         "  workloads.w.calls: 20000/day → 40000/day\n"
                         "  options.cloud.api.model: gpt-4o-mini → gpt-4.1-mini\n"
                         "  options.cloud.api.price.input_per_mtok: 0.15 → 0.4\n"
                         "  options.cloud.api.price.output_per_mtok: 0.6 → 1.6\n"
                         "  options.cloud.api.price.cached_input_per_mtok: 0.075 → 0.1\n\n"
                         "w (changed)\n",
                         0) == 0);
    CHECK(contains(text.out, "    box      4 → 8  $305.88 → $610.25"));

    const auto md = run({"diff", before, after, "--format", "markdown"});
    REQUIRE(md.exit_code == 0);
    CHECK(contains(md.out, "#### Inputs changed\n\n- `workloads.w.calls`: 20000/day → 40000/day\n"
                           "- `options.cloud.api.model`: gpt-4o-mini → gpt-4.1-mini\n"));
    CHECK(contains(md.out, "| option | machines | per month | change | total | change |\n"));
    CHECK(contains(md.out, "| box | 4 → 8 | $305.88 → $610.25 |"));

    const auto json = run({"diff", before, after, "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j["inputs"][0] ==
          nlohmann::json({{"path", "workloads.w.calls"}, {"old", "20000/day"}, {"new", "40000/day"}}));
    CHECK(j["inputs"].size() == 5);
    CHECK(j["workloads"][0]["options"][1]["old_machines"] == 4);
    CHECK(j["workloads"][0]["options"][1]["new_machines"] == 8);
    CHECK(j["workloads"][0]["options"][0]["old_machines"].is_null());

    // A range and a rate unit read back as --set takes them; the same profile changes nothing.
    std::string ranged = kGrowing;
    ranged.replace(ranged.find("20k/day"), 7, "1..3/hour");
    const auto r2 = run({"diff", before, temp_file("ranged.yaml", ranged)});
    REQUIRE(r2.exit_code == 0);
    CHECK(contains(r2.out, "  workloads.w.calls: 20000/day → 24..72/day\n"));
    const auto same = run({"diff", before, before});
    REQUIRE(same.exit_code == 0);
    CHECK_FALSE(contains(same.out, "inputs changed"));
}
