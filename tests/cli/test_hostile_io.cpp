// Hostile input at the edges (issue 16 items 2, 3, 6, 10, 11, 12): byte limits on what is read
// and what aliases expand to, linear-time checks on huge files, git's messages kept apart from
// the blob, and names that cannot reach a terminal or a Markdown page as markup.

#include "checks.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <regex>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using llmtco::test::contains;
using llmtco::test::kGit;
using llmtco::test::lines_of;
using llmtco::test::refused_quickly;
using llmtco::test::run;
using llmtco::test::sh;
using llmtco::test::temp_dir;
using llmtco::test::temp_file;

namespace {

const std::string kMonitoring = std::string(LLMTCO_SOURCE_DIR) + "/profiles/monitoring-agent.yaml";

/// A LiteLLM price file of `n` chat models named model-0 … model-(n-1).
std::string litellm_models(int n) {
    std::string json = "{";
    for (int i = 0; i < n; ++i) {
        json += fmt::format(
            "{}\"model-{}\": {{\"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06, "
            "\"litellm_provider\": \"openai\", \"mode\": \"chat\"}}",
            i ? ", " : "", i);
    }
    return json + "}";
}

std::string with_model(const std::string& model) {
    auto text = llmtco::test::read_file(kMonitoring);
    const auto at = text.find("model: claude-3-5-haiku");
    REQUIRE(at != std::string::npos);
    return text.replace(at, 23, "model: " + model);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// item 2: bytes after alias expansion; item 12: nesting past yaml-cpp's own guard

TEST_CASE("one 65,000-byte scalar aliased 150,000 times stops at the expanded-bytes limit") {
    std::string bomb = "version: 1\na: &a " + std::string(65000, 'x') + "\nb: [";
    for (int i = 0; i < 150000; ++i)
        bomb += i ? ", *a" : "*a";
    bomb += "]\n"; // (located at the aliased value) 1.1 MB on disk, 9.75 GB expanded (was: 8 GB of memory and
                   // std::bad_alloc)
    refused_quickly(run({"validate", temp_file("bytes-bomb.yaml", bomb)}),
                    "2:4: error: the document expands to more than 16777216 bytes of keys and values "
                    "(limit max_expanded_bytes; an alias bomb?)");
}

TEST_CASE("500 levels of block nesting name the depth limit, not yaml-cpp's 'bad file'") {
    std::string deep = "version: 1\nsettings:\n";
    for (int i = 0; i < 500; ++i)
        deep += std::string(static_cast<std::size_t>(i + 1), ' ') + "k" + std::to_string(i) + ":\n";
    const auto r = run({"validate", temp_file("deep-500.yaml", deep)});
    refused_quickly(r, "error: nesting deeper than 64 levels (limit max_depth)");
    CHECK_FALSE(contains(r.err, "bad file"));
}

TEST_CASE("document markers: one document with its markers loads, a second one is refused") {
    const std::string profile = llmtco::test::read_file(kMonitoring);
    for (const std::string& ok : {"---\n" + profile, "%YAML 1.2\n---\n" + profile, profile + "---\n",
                                  profile + "...\n# the end\n", "--- # a comment\n" + profile}) {
        const auto r = run({"validate", temp_file("one-document.yaml", ok), "-q"});
        INFO(ok.substr(0, 40) << "\nstderr: " << r.err);
        CHECK(r.exit_code == 0);
    }
    for (const std::string& two :
         {profile + "---\nversion: 1\n", profile + "--- {version: 1}\n", profile + "...\nversion: 1\n"}) {
        const auto r = run({"validate", temp_file("two-documents.yaml", two)});
        INFO(two.substr(two.size() - 30) << "\nstderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "error: a second YAML document (after '---')"));
    }
    // A lone "," made yaml-cpp's LoadAll loop for ever (fuzz_profile, 2026-12-03): now refused at once.
    const auto comma = run({"validate", temp_file("comma.yaml", ",")});
    CHECK(comma.exit_code == 2);
    CHECK(comma.seconds < 3.0 * llmtco::test::sanitizer_slack());
}

// ---------------------------------------------------------------------------------------------
// item 3 and 12: read limits on every source, naming the real size

TEST_CASE("standard input stops at the read limit instead of growing to bad_alloc") {
    const auto r = run({"estimate", "-"}, LLMTCO_SOURCE_DIR, std::string(17 * 1024 * 1024, ' '));
    refused_quickly(r, "<stdin>:1:1: error: standard input goes on past the read limit of 16777216 bytes "
                       "(max_read_bytes)");
}

TEST_CASE("a 50 MB file is refused naming its real size, without reading it") {
    const auto dir = temp_dir("size");
    const auto path = dir + "/big.yaml";
    std::ofstream(path).close();
    std::filesystem::resize_file(path, 50'000'000); // sparse: nothing is written
    const auto r = run({"validate", "big.yaml"}, dir);
    refused_quickly(r, "big.yaml:1:1: error: the file is 50000000 bytes, over the read limit of 16777216 "
                       "(max_read_bytes)");
    CHECK(r.max_rss_kb < 64 * 1024 * llmtco::test::sanitizer_slack());
}

TEST_CASE("git: a blob past the read limit, an ambiguous ref, a range and a failure") {
    const auto repo = temp_dir("git-io");
    REQUIRE(sh("git init -q " + repo));
    std::filesystem::copy_file(kMonitoring, repo + "/costs.yaml");
    { std::ofstream(repo + "/huge.yaml") << std::string(17 * 1024 * 1024, '#'); }
    REQUIRE(sh(kGit + " -C " + repo + " add costs.yaml huge.yaml"));
    REQUIRE(sh(kGit + " -C " + repo + " commit -q -m one"));
    // A tag and a branch of one name: git warns on stderr that the ref is ambiguous.
    REQUIRE(sh(kGit + " -C " + repo + " tag x"));
    REQUIRE(sh(kGit + " -C " + repo + " branch x"));

    const auto huge = run({"validate", "git:HEAD:huge.yaml"}, repo);
    refused_quickly(huge,
                    "git:HEAD:huge.yaml:1:1: error: the blob goes on past the read limit of 16777216 bytes");

    // Before: git's warning was read as the profile's first line ("unknown key 'warning'").
    const auto ambiguous = run({"validate", "git:x:costs.yaml", "-q"}, repo);
    INFO("stderr: " << ambiguous.err);
    CHECK(ambiguous.exit_code == 0);
    CHECK(contains(ambiguous.err,
                   "llm-tco: warning: git show x:./costs.yaml: warning: refname 'x' is ambiguous."));

    // Before: "the profile is empty".
    const auto range = run({"validate", "git:HEAD~1..HEAD:costs.yaml"}, repo);
    CHECK(range.exit_code == 2);
    CHECK(range.err ==
          "llm-tco: error: 'git:HEAD~1..HEAD:costs.yaml': 'HEAD~1..HEAD' is a range of revisions, "
          "and a profile is read from one: give one, e.g. git:HEAD:costs.yaml (to compare two: "
          "llm-tco diff git:HEAD~1:costs.yaml git:HEAD:costs.yaml)\n");

    const auto missing = run({"validate", "git:HEAD:nope.yaml"}, repo);
    CHECK(missing.exit_code == 2);
    CHECK(missing.err ==
          "llm-tco: error: cannot read 'git:HEAD:nope.yaml': git show HEAD:./nope.yaml failed: "
          "path 'nope.yaml' does not exist in 'HEAD'\n");
}

// ---------------------------------------------------------------------------------------------
// item 6: linear time on huge files

TEST_CASE("99,000 keys in one map validate in linear time (the duplicate-key check was quadratic)") {
    std::string many = "version: 1\n";
    for (int i = 0; i < 99000; ++i)
        many += fmt::format("k{}: 1\n", i);
    // Before: 20.7 s. Now the YAML parser dominates (0.7 s release, 1.4 s dev).
    refused_quickly(run({"validate", temp_file("many-keys.yaml", many)}), "unknown key 'k0'", 8.0);
}

TEST_CASE("an 80,000-model LiteLLM file merges, and a 60 KB unknown name gets no minute-long search") {
    const auto dir = temp_dir("litellm-big");
    { std::ofstream(dir + "/prices.json") << litellm_models(80000); }
    { std::ofstream(dir + "/p.yaml") << with_model("modle-7999"); }
    { std::ofstream(dir + "/long.yaml") << with_model(std::string(60000, 'q')); }
    // Before: 21.9 s (release) to merge; 42.6 s for the suggestion. Now 0.9 s each (release; 5 s dev).
    const auto typo = run({"validate", "p.yaml", "--catalog", "prices.json"}, dir);
    refused_quickly(typo, "unknown model 'modle-7999' (did you mean 'model-7999'?)", 15.0);
    const auto long_name = run({"validate", "long.yaml", "--catalog", "prices.json"}, dir);
    refused_quickly(long_name, "it is not in the catalog", 15.0);
    CHECK_FALSE(contains(long_name.err, "did you mean"));
}

// ---------------------------------------------------------------------------------------------
// item 12: catalogs say what they mean

TEST_CASE("catalog files: a BOM before JSON, duplicate JSON keys and names, dates that do not exist") {
    const auto dir = temp_dir("catalog-msg");
    const std::string fixture = std::string(LLMTCO_SOURCE_DIR) + "/tests/data/catalog/litellm-fixture.json";
    { std::ofstream(dir + "/bom.json") << "\xEF\xBB\xBF" << llmtco::test::read_file(fixture); }
    { std::ofstream(dir + "/p.yaml") << llmtco::test::read_file(kMonitoring); }
    const auto bom = run({"validate", "p.yaml", "--catalog", "bom.json", "-q"}, dir);
    INFO("stderr: " << bom.err);
    CHECK(bom.exit_code == 0); // before: read as YAML, an error
    CHECK(contains(bom.err, "bom.json: imported 2 LiteLLM models"));

    {
        std::ofstream(dir + "/dup.json")
            << "{\"a\": {\"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 1e-6},\n"
               " \"a\": {\"input_cost_per_token\": 2e-6, \"output_cost_per_token\": 1e-6}}";
    }
    const auto dup = run({"validate", "p.yaml", "--catalog", "dup.json"}, dir);
    CHECK(dup.exit_code == 2);
    CHECK(dup.err == "dup.json:2:2: error: the key 'a' is given twice in one object; keep one\n");

    {
        std::ofstream(dir + "/dup.yaml") << "cloud_models:\n"
                                            "  - {name: x, input_per_mtok: 1, output_per_mtok: 2}\n"
                                            "  - {name: x, input_per_mtok: 1, output_per_mtok: 3}\n";
    }
    const auto dup_yaml = run({"validate", "p.yaml", "--catalog", "dup.yaml"}, dir);
    CHECK(dup_yaml.exit_code == 2);
    CHECK(dup_yaml.err ==
          "dup.yaml:3:5: error: cloud model 'x' is given twice in this file (first at line 2); keep one\n");

    for (const std::string date : {"9999-99-99", "2026-02-30", "2026-1-5", "yesterday"}) {
        {
            std::ofstream(dir + "/date.yaml")
                << "cloud_models:\n  - {name: x, input_per_mtok: 1, output_per_mtok: 2, as_of: " << date
                << "}\n";
        }
        const auto r = run({"validate", "p.yaml", "--catalog", "date.yaml"}, dir);
        INFO(date << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err,
                       "error: as_of '" + date + "' is not a date: write YYYY-MM-DD, a day that exists"));
    }
}

TEST_CASE("a LiteLLM entry whose mode or provider is not a string is located, not an internal error") {
    // fuzz_catalog, 2026-12-03: nlohmann's type_error escaped as exit 3.
    const auto dir = temp_dir("litellm-types");
    { std::ofstream(dir + "/p.yaml") << llmtco::test::read_file(kMonitoring); }
    {
        std::ofstream(dir + "/mode.json")
            << "{\"x\": {\"input_cost_per_token\": 0, \"output_cost_per_token\": 0, \"mode\": 8e-06}}";
    }
    {
        std::ofstream(dir + "/provider.json") << "{\n  \"y\": {\"input_cost_per_token\": 0, "
                                                 "\"output_cost_per_token\": 0, \"litellm_provider\": [1]}}";
    }
    const auto mode = run({"validate", "p.yaml", "--catalog", "mode.json"}, dir);
    CHECK(mode.exit_code == 2);
    CHECK(mode.err == "mode.json:1:2: error: 'mode' of 'x' must be a string, got 8e-06\n");
    const auto provider = run({"validate", "p.yaml", "--catalog", "provider.json"}, dir);
    CHECK(provider.exit_code == 2);
    CHECK(provider.err == "provider.json:2:3: error: 'litellm_provider' of 'y' must be a string, got [1]\n");
}

// ---------------------------------------------------------------------------------------------
// item 11: names never reach a terminal or a Markdown page as control sequences or markup

namespace {

/// The Markdown outside fenced code blocks (inside them nothing is markup).
std::string outside_code_blocks(const std::string& md) {
    std::string out;
    bool in_block = false;
    for (const auto& line : lines_of(md)) {
        if (line.rfind("```", 0) == 0) {
            in_block = !in_block;
            continue;
        }
        if (!in_block) out += line + "\n";
    }
    return out;
}

/// The cells of a Markdown table row: split at the pipes that are not backslash-escaped.
std::size_t unescaped_pipes(const std::string& line) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++n;
    return n;
}

const std::string kHostileCloud = "\"h<script>alert(1)</script>|x`y`*b*[l](http://e)\"";
const std::string kHostileWorkload = "\"mon<img src=x onerror=alert(1)>|_w_\"";

std::string hostile_profile() {
    auto text =
        llmtco::test::read_file(std::string(LLMTCO_SOURCE_DIR) + "/profiles/monitoring-agent-local.yaml");
    text = std::regex_replace(text, std::regex("name: haiku"), "name: " + kHostileCloud);
    text = std::regex_replace(text, std::regex("fallback: haiku"), "fallback: " + kHostileCloud);
    text = std::regex_replace(text, std::regex("name: monitoring"), "name: " + kHostileWorkload);
    return text + "budgets:\n  - {workload: " + kHostileWorkload + ", option: " + kHostileCloud +
           ", max_monthly: 0.01}\n";
}

} // namespace

TEST_CASE("names with HTML and Markdown syntax are escaped in every Markdown output") {
    const auto dir = temp_dir("md");
    { std::ofstream(dir + "/evil.yaml") << hostile_profile(); }
    {
        std::ofstream(dir + "/evil2.yaml")
            << std::regex_replace(hostile_profile(), std::regex("horizon_months: 36"), "horizon_months: 24");
    }
    const std::vector<std::vector<std::string>> commands = {
        {"estimate", "evil.yaml", "--format", "markdown", "--explain"},
        {"breakeven", "evil.yaml", "--format", "markdown"},
        {"recommend", "evil.yaml", "--format", "markdown"},
        {"plan", "evil.yaml", "--format", "markdown", "--top", "0"}, // every row: the names among them
        {"check", "evil.yaml", "--format", "markdown"},
        {"diff", "evil.yaml", "evil2.yaml", "--format", "markdown"},
    };
    for (const auto& args : commands) {
        const auto r = run(args, dir);
        INFO(fmt::format("{}\n{}\nstderr: {}", fmt::join(args, " "), r.out, r.err));
        REQUIRE((r.exit_code == 0 || r.exit_code == 1));
        const auto md = outside_code_blocks(r.out);
        CHECK(contains(md, "&lt;script&gt;")); // the names are there, as text
        CHECK_FALSE(contains(md, "<script"));
        CHECK_FALSE(contains(md, "<img"));
        CHECK_FALSE(std::regex_search(md, std::regex(R"([^\\]\]\()"))); // no link: the brackets are escaped
        // Every row of a table has as many cell separators as its header.
        std::size_t header = 0;
        for (const auto& line : lines_of(md)) {
            if (line.rfind("|", 0) != 0) {
                header = 0;
                continue;
            }
            if (header == 0) header = unescaped_pipes(line);
            CHECK(unescaped_pipes(line) == header);
        }
    }
}

TEST_CASE("a file name with control characters is shown escaped on stdout and stderr") {
    const auto dir = temp_dir("ctl");
    const std::string name = "x\033[2J\033]0;pwned\a.yaml";
    std::filesystem::copy_file(kMonitoring, dir + "/" + name);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"validate", name},
          {"validate", "no\033[2Jsuch.yaml"},
          {"estimate", name, "--set", "workloads.monitoring.calls=\033[2J"}}) {
        const auto r = run(args, dir);
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        CHECK(r.out.find('\033') == std::string::npos);
        CHECK(r.err.find('\033') == std::string::npos);
        CHECK(r.err.find('\a') == std::string::npos);
        CHECK((contains(r.out, "\\x1b[2J") || contains(r.err, "\\x1b[2J")));
    }
}

// ---------------------------------------------------------------------------------------------
// item 7: memory independent of the values per --vary and bounded in the number of options

namespace {

/// Runs llm-tco ARGS with standard output on a pipe, reads `lines` lines, closes the pipe (the
/// sweep then ends on SIGPIPE, as under `| head`) and returns the lines and the child's peak RSS.
std::pair<std::vector<std::string>, long> first_lines(const std::vector<std::string>& args,
                                                      std::size_t lines) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv{const_cast<char*>(LLMTCO_BINARY)};
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(LLMTCO_BINARY, argv.data());
        _exit(127);
    }
    close(out[1]);
    std::string text;
    char buffer[65536];
    while (static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) < lines) {
        const ssize_t n = read(out[0], buffer, sizeof buffer);
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    close(out[0]);
    int status = 0;
    struct rusage usage {};
    wait4(pid, &status, 0, &usage);
    auto all = lines_of(text);
    all.resize(std::min(all.size(), lines));
    return {all, usage.ru_maxrss};
}

} // namespace

TEST_CASE("a --vary of 10 million values streams in the memory of a short one") {
    const std::string profile = std::string(LLMTCO_SOURCE_DIR) + "/profiles/classification-10k.yaml";
    // Before: 7.4 GB before the first row (every value's text, number and assignment, per thread).
    const auto [rows, rss_kb] =
        first_lines({"sweep", profile, "--vary", "workloads.classification.calls=1..10M:10000000", "--format",
                     "csv", "--threads", "2"},
                    20001);
    INFO("peak RSS " << rss_kb / 1024 << " MB");
    REQUIRE(rows.size() == 20001);
    CHECK(rss_kb < 64 * 1024 * llmtco::test::sanitizer_slack());
    // Computed values read as a held grid's would: 1 + i × (10M − 1)/(10M − 1) = i + 1.
    CHECK(rows[1].rfind("1,", 0) == 0);
    CHECK(rows[20000].rfind("20000,", 0) == 0);
}

TEST_CASE("simulate refuses samples × series past its figure limit, naming the samples that fit") {
    std::string wide = "version: 1\nworkloads:\n";
    for (int i = 0; i < 3; ++i)
        wide += fmt::format(
            "  - {{name: w{}, calls: 1000/day, input_tokens: 500..800, output_tokens: 100}}\n", i);
    wide += "options:\n  cloud:\n";
    for (int i = 0; i < 15; ++i)
        wide += fmt::format("    - {{name: c{}, model: gpt-4o-mini}}\n", i);
    wide += "  local:\n";
    for (int i = 0; i < 15; ++i)
        wide += fmt::format("    - {{name: l{}, hardware: rtx-4090-workstation, model: llama-3.1-8b}}\n", i);
    // 3 workloads × (30 options + 15 × 15 pairs) = 765 series; 64 Mi figures / 765 = 87,724 samples.
    // Before: 7.7 GB at 1M samples.
    const auto r = run({"simulate", temp_file("wide.yaml", wide), "--samples", "1000000"});
    refused_quickly(r,
                    "llm-tco: error: --samples 1000000: simulate keeps one figure per sample for each option "
                    "and local × cloud pair of each workload (3 × (30 + 225) = 765 series here), and "
                    "1000000 × 765 is over the limit of 67108864 figures (max_simulate_figures, 512 MiB); "
                    "use --samples 87724 or fewer, or fewer options");
}
