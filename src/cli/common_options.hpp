#pragma once
// Flags shared by the commands that read profiles, and the one way they load and print.

#include "cli/format_table.hpp"
#include "cli/output.hpp"
#include "llmtco/catalog.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/profile.hpp"
#include "load/profile_loader.hpp"
#include "render/format.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace llmtco::cli {

struct CommonOptions {
    std::vector<std::string> files;
    std::string format;
    std::optional<int> horizon;
    std::vector<std::string> sets;
    std::vector<std::string> discounts; ///< --discount PROVIDER=PCT
    std::vector<std::string> catalogs;
    bool no_user_catalog = false; ///< --no-user-catalog
    bool explain = false;
    bool quiet = false;
    bool no_color = false;
    int max_price_age = 180; ///< days; 0: no check
};

/// Binds FILE… and the common flags of PRODUCT.md section 2 to `sub`, --format from `formats`.
void add_common_options(CLI::App& sub, CommonOptions& o, const FormatList& formats, bool explain = true);

/// Binds --max-price-age to `sub` (part of add_common_options; for commands that bind their own).
void add_price_age_option(CLI::App& sub, CommonOptions& o);

/// Binds --no-user-catalog to `sub` (part of add_common_options; for every other command that loads
/// the catalog).
void add_user_catalog_flag(CLI::App& sub, bool& no_user_catalog);

/// Today's date, YYYY-MM-DD, in UTC; LLMTCO_TODAY overrides it (for reproducible runs).
std::string today();

/// The built-in catalog, the user catalog over it (`prices import`; unless `no_user_catalog` or
/// LLMTCO_NO_USER_CATALOG), and each --catalog file over both (our YAML, or LiteLLM's JSON).
Catalog load_catalog(const std::vector<std::string>& extra_files, bool no_user_catalog);

/// One file, "-" or git:REV:PATH, read; what git warned about (an ambiguous ref) goes to stderr.
load::Source read_input(const std::string& path);

/// The profile files, read (standard input for "-", git:REV:PATH from git).
std::vector<load::Source> read_sources(const CommonOptions& o);

/// Every file the command reads (profiles and --catalog files), which an --output must not name.
std::vector<std::string> input_files(const CommonOptions& o);

/// --set, --horizon and --discount as --set values; --discount PROVIDER=PCT becomes a `discount`
/// for every cloud option of that catalog provider that does not write its own (reading the
/// profile once to find them). `sources` are the profile's, read once by the caller.
std::vector<std::string> effective_sets(const CommonOptions& o, const std::vector<load::Source>& sources,
                                        const Catalog& catalog);

/// Loads the files with --catalog, --set and --horizon applied; notes catalog prices older than
/// --max-price-age on the options that use them.
Profile load_profile(const CommonOptions& o);

render::Options render_options(const CommonOptions& o);

/// How estimate, breakeven and recommend print a result in one format.
struct ResultRenderer {
    std::string (*render)(const Result&, const render::Options&);
    bool shows_option_warnings = false; ///< false: the loader's notes go to stderr instead
};

/// The loader's notes (stale prices) of every option: (option name, note), cloud options first.
std::vector<std::pair<std::string, std::string>> option_notes(const Profile& profile);

/// Prints the loader's notes on stderr, for outputs that do not carry warnings.
void warn_on_stderr(const Profile& profile);

/// Loads the profile, estimates it and prints it with `renderer` (the one of --format); returns
/// the result.
Result estimate_and_print(const CommonOptions& o, const ResultRenderer& renderer);

/// The width to draw in: COLUMNS when set to a positive number, else the terminal's width when
/// standard output is one, else 80.
int output_columns();

} // namespace llmtco::cli
