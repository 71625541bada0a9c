// llm-tco: parse the command line, run one command, map errors to exit codes.

#include <cstdio>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "util/error.hpp"

namespace llmtco::cli {

namespace {
constexpr Command kCommands[] = {
    {"estimate", "Monthly and total cost of every option, breakeven table and recommendation", set_estimate_command},
    {"breakeven", "Month and calls/day at which each local option meets each cloud option", set_breakeven_command},
    {"recommend", "The decision framework: a verdict per workload with its reasons", set_recommend_command},
    {"validate", "Check profiles without computing", set_validate_command},
};
}  // namespace

std::span<const Command> commands() { return kCommands; }

}  // namespace llmtco::cli

int main(int argc, char** argv) {
    using namespace llmtco;
    CLI::App app{"llm-tco: cloud API or local model? The total cost of ownership, with arithmetic.", "llm-tco"};
    app.set_version_flag("--version", "llm-tco " LLMTCO_VERSION);
    app.require_subcommand(1);
    app.footer(R"(Examples:
  llm-tco estimate profiles/monitoring-agent.yaml
  llm-tco estimate profiles/monitoring-agent-local.yaml --explain
  llm-tco breakeven profiles/classification-10k.yaml
  llm-tco recommend profiles/medical-records.yaml
  llm-tco validate profiles/*.yaml --each

Exit codes: 0 success, 1 a check failed, 2 bad usage or input, 3 internal error.
Run 'llm-tco COMMAND --help' for a command's options. Docs: docs/profile-format.md, docs/cost-model.md.)");
    cli::Context ctx;
    for (const auto& command : cli::commands()) {
        auto* sub = app.add_subcommand(std::string(command.name), std::string(command.description));
        command.setup(*sub, ctx);
    }
    try {
        app.parse(argc, argv);
        return ctx.exit_code;
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const InputError& e) {
        std::fflush(stdout);
        fmt::print(stderr, "{}\n", e.what());
        return 2;
    } catch (const UsageError& e) {
        fmt::print(stderr, "llm-tco: error: {}\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "llm-tco: internal error: {}\n", e.what());
        return 3;
    }
}
