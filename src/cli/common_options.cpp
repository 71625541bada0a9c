#include "cli/common_options.hpp"

#include "catalog/catalog.hpp"
#include "catalog/price_age.hpp"
#include "cli/user_catalog.hpp"
#include "load/profile_loader.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace llmtco::cli {

void add_common_options(CLI::App& sub, CommonOptions& o, const FormatList& formats, bool explain) {
    sub.add_option(
           "FILE", o.files,
           "Profile(s); later files override earlier ones key by key ('-' reads stdin, git:REV:PATH reads "
           "a committed version)")
        ->required();
    formats.add_option(sub, o.format);
    sub.add_option("--horizon", o.horizon, "Months to cover (overrides settings.horizon_months)")
        ->check(CLI::Range(1, 1200));
    sub.add_option("--set", o.sets,
                   "Override an input: PATH=VALUE, e.g. workloads.monitoring.calls=10k/day (repeatable)")
        ->take_all();
    sub.add_option("--catalog", o.catalogs,
                   "Extra catalog file(s): llm-tco's YAML or LiteLLM's model_prices_and_context_window.json");
    add_user_catalog_flag(sub, o.no_user_catalog);
    sub.add_option("--discount", o.discounts,
                   "A negotiated discount off every price of a catalog provider's models, after the batch "
                   "discount: PROVIDER=PCT, e.g. anthropic=15% (repeatable; an option's own 'discount' wins)")
        ->take_all();
    add_price_age_option(sub, o);
    if (explain) sub.add_flag("--explain", o.explain, "Print the derivation of every line item");
    sub.add_flag("-q,--quiet", o.quiet,
                 "Less output: tables without summary lines or reasons; check prints failures only");
    sub.add_flag("--no-color", o.no_color,
                 "No colour (also when NO_COLOR is set or stdout is not a terminal)");
}

void add_price_age_option(CLI::App& sub, CommonOptions& o) {
    sub.add_option("--max-price-age", o.max_price_age,
                   "Warn when a catalog price used is older than DAYS (default 180; 0: never)")
        ->check(CLI::Range(0, 100000))
        ->option_text("DAYS");
}

void add_user_catalog_flag(CLI::App& sub, bool& no_user_catalog) {
    sub.add_flag("--no-user-catalog", no_user_catalog,
                 "Ignore the user catalog that 'llm-tco prices import' installed (also when "
                 "LLMTCO_NO_USER_CATALOG=1)");
}

std::string today() {
    if (const char* fixed = std::getenv("LLMTCO_TODAY"); fixed && *fixed) {
        if (!catalog::is_date(fixed))
            throw UsageError(fmt::format("LLMTCO_TODAY must be a date YYYY-MM-DD, got '{}'", fixed));
        return fixed;
    }
    const std::chrono::year_month_day ymd{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

Catalog load_catalog(const std::vector<std::string>& extra_files, bool no_user_catalog) {
    Catalog catalog = catalog::builtin();
    if (!user_catalog_ignored(no_user_catalog)) {
        if (const auto user = installed_user_catalog()) merge_user_catalog(catalog, *user);
    }
    for (const auto& path : extra_files) {
        const auto source = read_input(path);
        if (const auto counts = catalog::merge_catalog_file(catalog, source.text, source.display_name)) {
            fmt::print(
                stderr,
                "llm-tco: note: {}: imported {} LiteLLM models, skipped {} entries without token prices\n",
                source.display_name, counts->imported, counts->skipped);
        }
    }
    return catalog;
}

load::Source read_input(const std::string& path) {
    auto source = load::read_source(path);
    for (const auto& warning : source.warnings)
        fmt::print(stderr, "llm-tco: warning: {}\n", util::escape_controls(warning));
    return source;
}

std::vector<load::Source> read_sources(const CommonOptions& o) {
    std::vector<load::Source> sources;
    for (const auto& f : o.files)
        sources.push_back(read_input(f));
    return sources;
}

std::vector<std::string> input_files(const CommonOptions& o) {
    auto files = o.files;
    files.insert(files.end(), o.catalogs.begin(), o.catalogs.end());
    return files;
}

std::vector<std::string> effective_sets(const CommonOptions& o, const std::vector<load::Source>& sources,
                                        const Catalog& catalog) {
    auto sets = o.sets;
    if (o.horizon) sets.push_back("settings.horizon_months=" + std::to_string(*o.horizon));
    if (o.discounts.empty()) return sets;
    std::vector<std::string> providers;
    for (const auto& m : catalog.cloud_models)
        if (!m.provider.empty() &&
            std::find(providers.begin(), providers.end(), m.provider) == providers.end())
            providers.push_back(m.provider);
    std::vector<std::pair<std::string, std::string>> discounts; // (provider, share as written)
    for (const auto& d : o.discounts) {
        const auto eq = d.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == d.size())
            throw UsageError(fmt::format("--discount: '{}' is not PROVIDER=PCT, e.g. anthropic=15%", d));
        const auto provider = d.substr(0, eq), share = d.substr(eq + 1);
        if (std::find(providers.begin(), providers.end(), provider) == providers.end()) {
            throw UsageError(
                fmt::format("--discount: '{}' is not a provider of the catalog{}; the providers are {}",
                            provider, util::did_you_mean(provider, providers), fmt::join(providers, ", ")));
        }
        try {
            const double v = util::parse_share(share);
            if (!(v >= 0 && v <= 1)) throw ValueError("a discount is a share from 0 to 100%");
        } catch (const ValueError& e) {
            throw UsageError(fmt::format("--discount {}: {}", d, e.what()));
        }
        discounts.emplace_back(provider, share);
    }
    const auto profile = load::load_profile(sources, sets, catalog);
    for (const auto& c : profile.cloud) {
        const auto path = "options.cloud." + c.name + ".discount";
        if (const auto it = profile.origins.find(path);
            it != profile.origins.end() && it->second.origin == Origin::profile)
            continue; // its own negotiated discount
        for (const auto& [provider, share] : discounts)
            if (c.provider == provider) sets.push_back(path + "=" + share);
    }
    return sets;
}

Profile load_profile(const CommonOptions& o) {
    const Catalog catalog = load_catalog(o.catalogs, o.no_user_catalog);
    const auto sources = read_sources(o);
    auto profile = load::load_profile(sources, effective_sets(o, sources, catalog), catalog);
    catalog::note_stale_prices(profile, today(), o.max_price_age);
    return profile;
}

render::Options render_options(const CommonOptions& o) {
    const char* no_color = std::getenv("NO_COLOR");
    const bool color = !o.no_color && !(no_color && *no_color) && isatty(STDOUT_FILENO) == 1;
    return render::Options{color, o.explain, o.quiet};
}

std::vector<std::pair<std::string, std::string>> option_notes(const Profile& profile) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& c : profile.cloud)
        for (const auto& note : c.notes)
            out.emplace_back(c.name, note);
    for (const auto& l : profile.local)
        for (const auto& note : l.notes)
            out.emplace_back(l.name, note);
    return out;
}

void warn_on_stderr(const Profile& profile) {
    for (const auto& [option, note] : option_notes(profile))
        fmt::print(stderr, "llm-tco: warning: option '{}': {}\n", option, note);
}

int output_columns() {
    if (const char* env = std::getenv("COLUMNS"); env && *env) {
        char* end = nullptr;
        const long n = std::strtol(env, &end, 10);
        if (*end == '\0' && n > 0 && n < 100000) return static_cast<int>(n);
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

Result estimate_and_print(const CommonOptions& o, const ResultRenderer& renderer) {
    const auto profile = load_profile(o);
    if (!renderer.shows_option_warnings) warn_on_stderr(profile);
    const auto result = estimate(profile);
    write_stdout(renderer.render(result, render_options(o)));
    return result;
}

} // namespace llmtco::cli
