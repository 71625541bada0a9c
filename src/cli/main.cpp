// llm-tco: parse the command line, run one command, map errors to exit codes.

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fmt/format.h>

namespace llmtco::cli {

namespace {
constexpr Command kCommands[] = {
    {"estimate", "Monthly and total cost of every option, breakeven table and recommendation",
     set_estimate_command, estimate_formats},
    {"breakeven", "Month and calls/day from which each local option stays ahead of each cloud option",
     set_breakeven_command, breakeven_formats},
    {"recommend", "The decision framework: a verdict per workload with its reasons", set_recommend_command,
     recommend_formats},
    {"plan", "Every catalog hardware × model × quant × engine that serves each workload, ranked by total",
     set_plan_command, plan_formats},
    {"report", "A self-contained HTML report with charts: report FILE -o report.html", set_report_command},
    {"sweep", "What-if grid over --vary PATH=SPEC, streamed row by row", set_sweep_command, sweep_formats},
    {"simulate", "Monte Carlo over ranged inputs: P10/P50/P90 and P(local cheaper)", set_simulate_command,
     simulate_formats},
    {"sensitivity", "Tornado: which ranged input swings the answer most", set_sensitivity_command,
     sensitivity_formats},
    {"check", "Evaluate the profile's budgets: exit 1 on any violation (for CI)", set_check_command,
     check_formats},
    {"diff", "Cost changes between two versions of a profile (for pull requests)", set_diff_command,
     diff_formats},
    {"validate", "Check profiles without computing", set_validate_command},
    {"init", "Write a commented starter profile", set_init_command},
    {"import", "Usage records (provider exports, gateway logs, OTel spans, CSV) into a measured profile",
     set_import_command},
    {"calibrate",
     "The profile's cloud prices against the cost usage records report: exit 1 beyond --tolerance",
     set_calibrate_command, calibrate_formats},
    {"schema", "The JSON Schema of the profile format, for editors", set_schema_command, schema_formats},
    {"prices", "The catalog: cloud prices, hardware, local models, quantisation; import newer prices",
     set_prices_command, prices_formats},
    {"completion", "A shell completion script: completion bash|zsh|fish", set_completion_command},
    {"manpage", "The man page, in troff (used by the build)", set_manpage_command, nullptr, true},
};
} // namespace

std::span<const Command> commands() { return kCommands; }

} // namespace llmtco::cli

namespace {

/// The first word must be a command (or a top-level flag): say which command was meant.
void check_command_word(int argc, char** argv) {
    if (argc < 2) return;
    const std::string word = argv[1];
    if (word == "-h" || word == "--help" || word == "--version") return;
    std::vector<std::string> names; // the commands --help lists: the hidden ones run but are not offered
    for (const auto& c : llmtco::cli::commands()) {
        if (c.name == word) return;
        if (!c.hidden) names.emplace_back(c.name);
    }
    if (!word.empty() && word[0] == '-') {
        throw llmtco::UsageError(
            fmt::format("unknown option '{}' before the command; options go after it, as in "
                        "'llm-tco estimate FILE {}'",
                        word, word));
    }
    throw llmtco::UsageError(fmt::format("unknown command '{}'{}; commands: {}", word,
                                         llmtco::util::did_you_mean(word, names), fmt::join(names, ", ")));
}

/// An option the command does not have, as "unknown option '--formt' for estimate (did you mean
/// '--format'?)"; empty when CLI11's complaint is about something else (a surplus FILE, say).
std::string unknown_option_message(const CLI::App& app, int argc, char** argv) {
    const auto parsed = app.get_subcommands();
    if (parsed.empty()) return {};
    const CLI::App& sub = *parsed.front();
    std::vector<std::string> flags;
    for (const auto* opt : sub.get_options()) {
        for (const auto& l : opt->get_lnames())
            flags.push_back("--" + l);
        for (const auto& s : opt->get_snames())
            flags.push_back("-" + s);
    }
    for (int i = 2; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--") break;
        if (word.size() < 2 || word[0] != '-' || std::isdigit(static_cast<unsigned char>(word[1])) ||
            word[1] == '.')
            continue; // a value: FILE '-', a negative number
        if (word.compare(0, 2, "--") == 0) word = word.substr(0, word.find('='));
        if (std::find(flags.begin(), flags.end(), word) != flags.end()) continue;
        if (word.compare(0, 2, "--") != 0 &&
            std::find(flags.begin(), flags.end(), word.substr(0, 2)) != flags.end())
            continue; // -fjson
        return fmt::format("unknown option '{}' for {}{}", word, sub.get_name(),
                           llmtco::util::did_you_mean(word, flags));
    }
    return {};
}

} // namespace

int main(int argc, char** argv) {
    using namespace llmtco;
    CLI::App app{"llm-tco: cloud API or local model? The total cost of ownership, with arithmetic.",
                 "llm-tco"};
    app.set_version_flag("--version", "llm-tco " LLMTCO_VERSION);
    app.require_subcommand(1);
    app.footer(R"(Examples:
  llm-tco estimate profiles/monitoring-agent.yaml
  llm-tco estimate profiles/monitoring-agent-local.yaml --explain
  llm-tco breakeven profiles/classification-10k.yaml
  llm-tco recommend profiles/medical-records.yaml
  llm-tco estimate profiles/embeddings-search.yaml --chart
  llm-tco report profiles/embeddings-search.yaml -o report.html
  llm-tco sweep profiles/classification-10k.yaml --vary workloads.classification.calls=1k..1M:7:log
  llm-tco simulate profiles/monitoring-agent-local.yaml --samples 100000 --seed 7
  llm-tco sensitivity profiles/monitoring-agent-local.yaml
  llm-tco check profiles/budgets-example.yaml --format junit --output report.xml
  llm-tco diff git:main:costs.yaml costs.yaml --format markdown
  llm-tco validate profiles/*.yaml --each
  llm-tco prices list --provider openai

Exit codes: 0 success, 1 a check or diff --fail-above failed, 2 bad usage or input, 3 internal error,
130 a sweep or simulate stopped with Ctrl-C.
Run 'llm-tco COMMAND --help' for a command's options. Docs: docs/profile-format.md, docs/cost-model.md.)");
    cli::Context ctx;
    for (const auto& command : cli::commands()) {
        auto* sub = app.add_subcommand(std::string(command.name), std::string(command.description));
        if (command.hidden) sub->group("");
        command.setup(*sub, ctx);
    }
    try {
        check_command_word(argc, argv);
        app.parse(argc, argv);
        return cli::finish_output(ctx.exit_code);
    } catch (const CLI::CallForHelp& e) {
        return cli::finish_output(app.exit(e));
    } catch (const CLI::CallForAllHelp& e) {
        return cli::finish_output(app.exit(e));
    } catch (const CLI::CallForVersion& e) {
        return cli::finish_output(app.exit(e));
    } catch (const CLI::ParseError& e) {
        // An option the command does not have explains the rest ("--vary is required" for "--vray").
        if (const auto message = unknown_option_message(app, argc, argv); !message.empty()) {
            fmt::print(stderr, "llm-tco: error: {}\nRun 'llm-tco {} --help' for its options.\n",
                       util::escape_controls(message), app.get_subcommands().front()->get_name());
            return 2;
        }
        fmt::print(stderr,
                   "llm-tco: error: {}\nRun 'llm-tco --help' or 'llm-tco COMMAND --help' for usage.\n",
                   util::escape_controls(e.what()));
        return 2;
    } catch (const InputError& e) {
        std::fflush(stdout);
        fmt::print(stderr, "{}\n", util::escape_controls(e.what()));
        return 2;
    } catch (const UsageError& e) {
        fmt::print(stderr, "llm-tco: error: {}\n", util::escape_controls(e.what()));
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "llm-tco: internal error: {}\n", util::escape_controls(e.what()));
        return 3;
    }
}
