// --format of every command: each listed name works on a shipped profile, a misspelt one exits 2
// with one line naming the valid formats and the nearest, and --help and completion list the same.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using llmtco::test::contains;
using llmtco::test::lines_of;
using llmtco::test::run;

namespace format_tests {

struct CommandFormats {
    std::vector<std::string> args; ///< the command with a shipped profile, --format goes after
    std::vector<std::string> formats;
};

const std::string kCloudProfile = "profiles/monitoring-agent.yaml";
const std::string kLocalProfile = "profiles/monitoring-agent-local.yaml";

/// Every command with --format, its formats in table order (the default first).
const std::vector<CommandFormats>& command_formats() {
    static const std::vector<CommandFormats> all{
        {{"estimate", kCloudProfile}, {"table", "json", "csv", "markdown", "svg"}},
        {{"breakeven", kLocalProfile}, {"table", "json", "csv", "markdown"}},
        {{"recommend", kCloudProfile}, {"table", "json", "csv", "markdown"}},
        {{"sweep", kCloudProfile, "--vary", "settings.days_per_month=30,31", "--threads", "1"},
         {"csv", "jsonl", "table"}},
        {{"simulate", kLocalProfile, "--samples", "200", "--threads", "1"}, {"table", "json"}},
        {{"sensitivity", kLocalProfile}, {"table", "json"}},
        {{"check", "profiles/budgets-example.yaml"}, {"text", "json", "junit", "markdown"}},
        {{"diff", kCloudProfile, kCloudProfile}, {"text", "json", "markdown"}},
        {{"prices", "list"}, {"table", "json", "csv"}},
    };
    return all;
}

std::vector<std::string> with_args(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

TEST_CASE("every listed --format of every command prints something and exits 0") {
    for (const auto& c : command_formats()) {
        for (const auto& format : c.formats) {
            INFO("command: " << c.args.front() << " --format " << format);
            const auto r = run(with_args(c.args, {"--format", format}));
            CHECK(r.exit_code == 0);
            CHECK_FALSE(r.out.empty());
        }
    }
}

TEST_CASE("no --format prints the same as the first format of the table, the default") {
    for (const auto& c : command_formats()) {
        INFO("command: " << c.args.front());
        const auto plain = run(c.args);
        const auto chosen = run(with_args(c.args, {"--format", c.formats.front()}));
        REQUIRE(plain.exit_code == 0);
        CHECK(plain.out == chosen.out);
    }
}

TEST_CASE("a misspelt --format exits 2 with one line: the valid formats and the nearest") {
    struct Case {
        std::string command;
        std::string typo;
        std::string meant;
    };
    const std::vector<Case> cases{
        {"estimate", "jsn", "json"},       {"estimate", "markdwon", "markdown"},
        {"breakeven", "cvs", "csv"},       {"recommend", "tabel", "table"},
        {"sweep", "jsnl", "jsonl"},        {"simulate", "jsn", "json"},
        {"sensitivity", "tabel", "table"}, {"check", "junt", "junit"},
        {"check", "markdwon", "markdown"}, {"diff", "jsn", "json"},
        {"diff", "txt", "text"},           {"prices", "jsn", "json"},
    };
    for (const auto& k : cases) {
        const auto& c = *std::find_if(command_formats().begin(), command_formats().end(),
                                      [&](const CommandFormats& x) { return x.args.front() == k.command; });
        INFO("command: " << k.command << " --format " << k.typo);
        const auto r = run(with_args(c.args, {"--format", k.typo}));
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err ==
              fmt::format("llm-tco: error: unknown format '{}' for {} (did you mean '{}'?); formats: {}\n",
                          k.typo, k.command, k.meant, fmt::join(c.formats, ", ")));
    }
}

TEST_CASE("a --format nothing like a valid one names the valid formats without a guess") {
    const auto r = run({"estimate", kCloudProfile, "--format", "xml"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "llm-tco: error: unknown format 'xml' for estimate; formats: table, json, csv, markdown, svg\n");
}

TEST_CASE("--help and the completion script list each command's formats, the default first") {
    const auto bash = run({"completion", "bash"});
    REQUIRE(bash.exit_code == 0);
    for (const auto& c : command_formats()) {
        const auto& command = c.args.front();
        INFO("command: " << command);
        const auto help = run({command, "--help"});
        REQUIRE(help.exit_code == 0);
        std::string listed = "Output: " + c.formats.front() + " (default)";
        for (std::size_t i = 1; i < c.formats.size(); ++i)
            listed += (i + 1 == c.formats.size() ? " or " : ", ") + c.formats[i];
        CHECK(contains(help.out, listed));
        CHECK(contains(help.out, fmt::format("-f,--format TEXT:{{{}}}", fmt::join(c.formats, ","))));
        CHECK(contains(bash.out, fmt::format("{}) words=\"{}\" ;;", command, fmt::join(c.formats, " "))));
    }
}

} // namespace format_tests
