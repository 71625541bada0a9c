// Honest writes (issue 16 item 8): a write error on standard output or --output is exit 2 with
// a message, a file is replaced atomically, and an output path naming an input is refused.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>

using llmtco::test::contains;
using llmtco::test::read_file;
using llmtco::test::run;
using llmtco::test::temp_dir;

namespace {

const std::string kProfile = std::string(LLMTCO_SOURCE_DIR) + "/profiles/monitoring-agent-local.yaml";
const std::string kBudgets = std::string(LLMTCO_SOURCE_DIR) + "/profiles/budgets-example.yaml";

struct ShellResult {
    int exit_code;
    std::string err;
};

/// Runs `llm-tco ARGS` through sh with `redirect` applied to its standard output (and `prefix`
/// before the exec: a ulimit, a trap), in directory `dir`; stderr is captured.
ShellResult shell(const std::string& dir, const std::string& args, const std::string& redirect,
                  const std::string& prefix = "") {
    const std::string err = dir + "/stderr.txt";
    const std::string command =
        fmt::format("cd '{}' && LLMTCO_TODAY={} sh -c \"{}exec '{}' {} {}\" 2>'{}'", dir,
                    llmtco::test::kToday, prefix, LLMTCO_BINARY, args, redirect, err);
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(err)};
}

std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("every subcommand with standard output on a full device exits 2 and says so") {
    const auto dir = temp_dir("full");
    const std::vector<std::string> commands = {
        "estimate " + kProfile,
        "breakeven " + kProfile,
        "recommend " + kProfile,
        "plan " + kProfile,
        "report " + kProfile,
        "sweep " + kProfile + " --vary workloads.monitoring.calls=1..100000:2000",
        "simulate " + kProfile + " --samples 1000",
        "sensitivity " + kProfile,
        "check " + kBudgets,
        "diff " + kProfile + " " + kProfile,
        "validate " + kProfile,
        "init - --calls 100/day --input-tokens 500 --output-tokens 50 --model gpt-4o-mini",
        "schema",
        "prices list",
        "completion bash",
        "--help",
        "estimate --help",
        "--version",
    };
    for (const auto& command : commands) {
        const auto r = shell(dir, command, ">/dev/full");
        INFO(command << "\nstderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "llm-tco: error: writing standard output: No space left on device"));
    }
}

TEST_CASE("check --output on a full device exits 2 in every format") {
    const auto dir = temp_dir("full-output");
    for (const std::string format : {"text", "markdown", "json", "junit"}) {
        const auto r =
            shell(dir, "check " + kBudgets + " --format " + format + " --output /dev/full", ">/dev/null");
        INFO(format << "\nstderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "llm-tco: error: cannot write '/dev/full': No space left on device"));
    }
}

TEST_CASE("a report that cannot be written whole leaves the old file and no temporary behind") {
    const auto dir = temp_dir("atomic");
    {
        std::FILE* f = std::fopen((dir + "/r.html").c_str(), "w");
        std::fputs("the old report\n", f);
        std::fclose(f);
    }
    // A file-size limit of 8 × 512 bytes (the report is ~31 KB) makes the write fail with EFBIG,
    // as a full disk would, once the first 4 KB are out; SIGXFSZ is ignored so write() reports it.
    const auto r =
        shell(dir, "report " + kProfile + " -o r.html", ">/dev/null", "trap '' XFSZ; ulimit -f 8; ");
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "llm-tco: error: cannot write 'r.html': File too large; it is unchanged"));
    CHECK(read_file(dir + "/r.html") == "the old report\n");
    CHECK(files_in(dir) == std::vector<std::string>{"r.html", "stderr.txt"});
}

TEST_CASE("a replaced output keeps the old file's permissions and a symlink stays a symlink") {
    const auto dir = temp_dir("replace");
    const std::string target = dir + "/r.html";
    {
        std::FILE* f = std::fopen(target.c_str(), "w");
        std::fputs("old\n", f);
        std::fclose(f);
    }
    ::chmod(target.c_str(), 0640);
    std::filesystem::create_symlink("r.html", dir + "/link.html");
    const auto r = run({"report", kProfile, "-o", "link.html"}, dir);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(std::filesystem::is_symlink(dir + "/link.html"));
    CHECK(contains(read_file(target), "<!DOCTYPE html>"));
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    CHECK(files_in(dir) == std::vector<std::string>{"link.html", "r.html"});
}

TEST_CASE("an output path naming an input is refused and the input is untouched") {
    const auto dir = temp_dir("same");
    std::filesystem::copy_file(kProfile, dir + "/mine.yaml");
    std::filesystem::copy_file(kBudgets, dir + "/budgets.yaml");
    const std::string catalog = std::string(LLMTCO_SOURCE_DIR) + "/tests/data/catalog/litellm-fixture.json";
    std::filesystem::copy_file(catalog, dir + "/prices.json");
    std::filesystem::create_symlink("mine.yaml", dir + "/alias.yaml");
    const auto before = read_file(dir + "/mine.yaml");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"report", "mine.yaml", "-o", "mine.yaml"},
             {"report", "alias.yaml", "-o", "./mine.yaml"},
             {"check", "budgets.yaml", "--format", "junit", "--output", "budgets.yaml"},
             {"report", kProfile, "--catalog", "prices.json", "-o", "prices.json"},
         }) {
        const auto r = run(args, dir);
        INFO(fmt::format("{}\nstderr: {}", fmt::join(args, " "), r.err));
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "is an input of this command"));
        CHECK(read_file(dir + "/mine.yaml") == before);
    }
    CHECK(read_file(dir + "/budgets.yaml") == read_file(kBudgets));
    CHECK(read_file(dir + "/prices.json") == read_file(catalog));
}
