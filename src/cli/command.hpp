#pragma once
// The subcommand table: main walks it to register every command; help and completion read it.

#include <CLI/CLI.hpp>
#include <span>
#include <string_view>

namespace llmtco::cli {

/// What a command's callback reports back to main.
struct Context {
    int exit_code = 0;
};

using Setup = void (*)(CLI::App& sub, Context& ctx);

class FormatList;

struct Command {
    std::string_view name;
    std::string_view description;
    Setup setup;
    const FormatList& (*formats)() = nullptr; ///< the --format table's names (for completion); none: null
    bool hidden = false;                      ///< not listed in --help (the man page generator)
};

std::span<const Command> commands();

// The --format table of each command that has one (each command file holds its own).
const FormatList& estimate_formats();
const FormatList& breakeven_formats();
const FormatList& recommend_formats();
const FormatList& sweep_formats();
const FormatList& simulate_formats();
const FormatList& sensitivity_formats();
const FormatList& check_formats();
const FormatList& diff_formats();
const FormatList& prices_formats();
const FormatList& schema_formats();
const FormatList& plan_formats();
const FormatList& calibrate_formats();

void set_estimate_command(CLI::App& sub, Context& ctx);
void set_plan_command(CLI::App& sub, Context& ctx);
void set_breakeven_command(CLI::App& sub, Context& ctx);
void set_recommend_command(CLI::App& sub, Context& ctx);
void set_validate_command(CLI::App& sub, Context& ctx);
void set_prices_command(CLI::App& sub, Context& ctx);
void set_check_command(CLI::App& sub, Context& ctx);
void set_diff_command(CLI::App& sub, Context& ctx);
void set_sweep_command(CLI::App& sub, Context& ctx);
void set_simulate_command(CLI::App& sub, Context& ctx);
void set_sensitivity_command(CLI::App& sub, Context& ctx);
void set_report_command(CLI::App& sub, Context& ctx);
void set_schema_command(CLI::App& sub, Context& ctx);
void set_init_command(CLI::App& sub, Context& ctx);
void set_import_command(CLI::App& sub, Context& ctx);
void set_calibrate_command(CLI::App& sub, Context& ctx);
void set_completion_command(CLI::App& sub, Context& ctx);
void set_manpage_command(CLI::App& sub, Context& ctx);

} // namespace llmtco::cli
