#include "cli/import.hpp"

#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "cli/output.hpp"
#include "llmtco/money.hpp"
#include "load/profile_loader.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <numeric>
#include <set>

namespace llmtco::cli {
namespace {

struct ImportOptions {
    std::string format;
    std::vector<std::string> files;
    std::string output = "-";
    bool force = false;
    std::vector<std::string> catalogs;
    bool no_user_catalog = false;
    std::string group_by;
    std::vector<std::string> map;
    bool cached_apart = false, reasoning_apart = false;
    std::optional<double> input_per_call;
};

/// A figure in the profile: up to `digits` decimals, trailing zeros dropped.
std::string plain(double v, int digits = 2) {
    auto s = fmt::format("{:.{}f}", v, digits);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string spread_yaml(const usage::Spread& s) {
    if (s.p90 - s.p10 < 0.005) return plain(s.mean, 1);
    return fmt::format("{{min: {}, mode: {}, max: {}}}", plain(s.p10, 1), plain(s.mode, 1), plain(s.p90, 1));
}

std::string spread_comment(const char* what, const usage::Spread& s) {
    return fmt::format(
        "  #   {} tokens a call: mean {}, P10 {}, P90 {}{}\n", what, format_number(s.mean, 1),
        format_number(s.p10, 1), format_number(s.p90, 1),
        s.clamped ? fmt::format(" (the mode 3·mean − P10 − P90 fell outside [P10, P90] and was "
                                "clamped to {}: the range's mean is {}, not the data's)",
                                format_number(s.mode, 1), format_number((s.p10 + s.mode + s.p90) / 3, 1))
                  : "");
}

} // namespace

const CloudModel* match_model(const Catalog& catalog, const std::string& model, std::string* how) {
    if (const auto* m = catalog.find_cloud(model)) return m;
    std::vector<std::pair<std::string, std::string>> tries; // (name, how)
    auto add = [&](std::string name, std::string why) {
        if (!name.empty() && name != model) tries.emplace_back(std::move(name), std::move(why));
    };
    std::string base = model;
    if (const auto slash = base.rfind('/'); slash != std::string::npos) { // openai/gpt-4o-mini
        base = base.substr(slash + 1);
        add(base, "without its provider prefix");
    }
    // Bedrock: [us.|eu.|apac.]anthropic.claude-3-5-haiku-20241022-v1:0
    std::string bedrock = base;
    for (const char* region : {"us.", "eu.", "apac.", "global."})
        if (bedrock.rfind(region, 0) == 0) bedrock = bedrock.substr(std::string_view(region).size());
    if (const auto dot = bedrock.find('.'); dot != std::string::npos && dot < 12)
        bedrock = bedrock.substr(dot + 1);
    if (const auto v = bedrock.rfind("-v"); v != std::string::npos && v + 2 < bedrock.size() &&
                                            std::isdigit(static_cast<unsigned char>(bedrock[v + 2])))
        bedrock = bedrock.substr(0, v);
    add(bedrock, "as a Bedrock model id");
    auto dashed = bedrock; // claude-3.5-haiku → claude-3-5-haiku
    std::replace(dashed.begin(), dashed.end(), '.', '-');
    add(dashed, "with dots as dashes");
    // a dated snapshot: gpt-4o-mini-2024-07-18, claude-haiku-4-5-20251001
    for (const auto& name : std::vector<std::string>{bedrock, dashed}) {
        if (name.size() > 11 && name[name.size() - 11] == '-' &&
            std::all_of(name.end() - 10, name.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; }))
            add(name.substr(0, name.size() - 11), "without its snapshot date");
        if (name.size() > 9 && name[name.size() - 9] == '-' &&
            std::all_of(name.end() - 8, name.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            add(name.substr(0, name.size() - 9), "without its snapshot date");
    }
    for (const auto& [name, why] : tries) {
        if (const auto* m = catalog.find_cloud(name)) {
            if (how) *how = fmt::format("'{}' {} is catalog model '{}'", model, why, m->name);
            return m;
        }
    }
    return nullptr;
}

ImportResult import_usage(load::UsageFormat format, const std::vector<std::string>& files,
                          const load::UsageOptions& options, const Catalog& catalog,
                          const std::string& command) {
    usage::Aggregator aggregate;
    std::map<std::string, std::string> model_file; // where each model was first seen
    ImportResult result;
    for (const auto& file : files) {
        result.reports.push_back(load::read_usage(format, file, options, [&](const usage::Record& r) {
            model_file.try_emplace(r.model, file);
            aggregate.add(r);
        }));
    }
    constexpr double kDaysPerMonth = 730.0 / 24; // the profile's default month
    const auto figures = aggregate.figures(kDaysPerMonth);

    // One cloud option per model, from the catalog.
    std::vector<std::pair<std::string, const CloudModel*>> models; // (record model, catalog entry)
    std::vector<std::string> matched_notes;
    for (const auto& f : figures) {
        for (const auto& m : f.models) {
            if (std::any_of(models.begin(), models.end(), [&](const auto& x) { return x.first == m; }))
                continue;
            std::string how;
            const auto* entry = match_model(catalog, m, &how);
            if (!entry) {
                throw InputError(fmt::format("{}:1:1: error: model '{}' of the usage records is not in the "
                                             "catalog{}; see 'llm-tco prices "
                                             "list', or give its price with --catalog FILE",
                                             model_file[m], m, util::did_you_mean(m, catalog.cloud_names())));
            }
            if (!how.empty()) matched_notes.push_back(how);
            models.emplace_back(m, entry);
        }
    }
    auto option_of = [&](const std::string& model) {
        for (const auto& [m, entry] : models)
            if (m == model) return entry;
        return static_cast<const CloudModel*>(nullptr);
    };

    std::string& y = result.yaml;
    y += fmt::format(
        "# Imported by `{}` from {} usage record{}:\n", command,
        format_number(static_cast<double>(std::accumulate(
                          result.reports.begin(), result.reports.end(), std::size_t{0},
                          [](std::size_t n, const load::UsageFileReport& r) { return n + r.records; })),
                      0),
        "s");
    for (const auto& r : result.reports) {
        y += fmt::format("#   {}: {} record{}", r.file, r.records, r.records == 1 ? "" : "s");
        if (r.ignored) y += fmt::format(", {} not usage (skipped)", r.ignored);
        if (r.bad)
            y += fmt::format(", {} malformed (left out; first: {})", r.bad, fmt::join(r.bad_examples, "; "));
        y += "\n";
    }
    std::set<std::string> notes;
    for (const auto& r : result.reports)
        for (const auto& n : r.notes)
            if (notes.insert(n).second) y += "# " + n + "\n";
    for (const auto& n : matched_notes)
        y += "# model " + n + "\n";
    y +=
        "# Calls a day over the whole UTC days covered; tokens a call as the triangle {min: P10, mode, max: "
        "P90}\n"
        "# whose mean is the data's (mode = 3·mean − P10 − P90); peak_to_average is the busiest hour (or "
        "day,\n"
        "# for daily buckets) over the average one; growth_per_month is a least-squares fit of ln(calls) on\n"
        "# the day over the days with calls, at 730/24 days a month, adopted over 28 days or more with R² "
        "0.5 or\n"
        "# more (else 0).\n";
    y += "version: 1\nworkloads:\n";
    std::set<std::string> names;
    std::vector<std::string> workload_names;
    for (const auto& f : figures) {
        auto name = util::path_safe_name(f.key);
        for (int i = 2; names.count(name); ++i)
            name = util::path_safe_name(f.key) + "-" + std::to_string(i);
        names.insert(name);
        workload_names.push_back(name);
        y += fmt::format("  # {}: {} records, {} calls, {} … {} ({} days){}\n", f.key,
                         format_number(f.records, 0), format_number(f.calls, 0), usage::utc_date(f.first_s),
                         usage::utc_date(f.last_s - 1), format_number(f.days, 0),
                         f.models.size() > 1 ? fmt::format("; models {} (priced on {}, the most used)",
                                                           fmt::join(f.models, ", "), f.model)
                                             : "");
        y += spread_comment("input", f.input);
        y += spread_comment("output", f.output);
        if (f.reasoning.mean > 0) y += spread_comment("reasoning", f.reasoning);
        if (!f.peak_basis.empty()) {
            y += fmt::format("  #   peak: the busiest {} had {} calls, the average {} {}\n", f.peak_basis,
                             format_number(f.peak_calls, 1), f.peak_basis,
                             format_number(f.calls / f.days / (f.peak_basis == "hour" ? 24 : 1), 1));
        } else {
            y += "  #   peak: the records are coarser than a day; peak_to_average 1 is an assumption\n";
        }
        if (f.growth_r2) {
            const bool adopted =
                f.days >= usage::Aggregator::kMinFitDays && *f.growth_r2 >= usage::Aggregator::kMinFitR2;
            y += fmt::format(
                "  #   growth: {}% a month fitted over {} days with calls, R² {}{}\n",
                plain(*f.fitted_growth * 100, 2), f.fit_days, plain(*f.growth_r2, 3),
                adopted ? std::string()
                : f.days < usage::Aggregator::kMinFitDays
                    ? fmt::format("; not adopted: {} days are too few to extrapolate (28 needed), 0 written",
                                  format_number(f.days, 0))
                    : std::string(
                          "; not adopted: the daily totals barely follow a trend (R² under 0.5), 0 written"));
        } else {
            y += fmt::format("  #   growth: {} day{} with calls, too few to fit (7 needed): 0 assumed\n",
                             f.fit_days, f.fit_days == 1 ? "" : "s");
        }
        if (f.costed_records > 0)
            y += fmt::format("  #   the records' own cost: ${} (calibrate compares it with the model)\n",
                             plain(f.cost, 4));
        y += fmt::format("  - name: {}\n", name);
        y += fmt::format("    calls: {}/day\n", plain(f.calls_per_day, 4));
        y += fmt::format("    input_tokens: {}\n", spread_yaml(f.input));
        y += fmt::format("    output_tokens: {}\n", spread_yaml(f.output));
        if (f.reasoning.mean > 0) y += fmt::format("    reasoning_tokens: {}\n", spread_yaml(f.reasoning));
        if (f.cached_share > 0) y += fmt::format("    cached_input_share: {}\n", plain(f.cached_share, 4));
        if (f.write_share > 0) y += fmt::format("    cache_write_share: {}\n", plain(f.write_share, 4));
        if (f.write_1h_share > 0)
            y += fmt::format("    cache_write_1h_share: {}\n", plain(f.write_1h_share, 4));
        y += fmt::format("    peak_to_average: {}\n", plain(f.peak_to_average, 2));
        y += fmt::format("    growth_per_month: {}%\n", plain(f.growth_per_month * 100, 2));
    }
    y += "options:\n  cloud:\n";
    // One option per catalog model, serving every workload priced on it (two record names, a
    // dated snapshot and its alias, are one model).
    std::vector<const CloudModel*> entries;
    for (const auto& [model, entry] : models)
        if (std::find(entries.begin(), entries.end(), entry) == entries.end()) entries.push_back(entry);
    for (const auto* entry : entries) {
        std::vector<std::string> serves;
        for (std::size_t i = 0; i < figures.size(); ++i)
            if (option_of(figures[i].model) == entry) serves.push_back(workload_names[i]);
        if (serves.empty())
            continue; // a model only in the minority of a group: the group is priced on its main one
        y += fmt::format("    - {{name: {}, model: {}, serves: [{}]}}\n", util::path_safe_name(entry->name),
                         entry->name, fmt::join(serves, ", "));
    }
    return result;
}

void set_import_command(CLI::App& sub, Context& ctx) {
    static ImportOptions o;
    sub.add_option("FORMAT", o.format,
                   "openai-usage, anthropic-usage, litellm-spend, otel, bedrock, openrouter or csv")
        ->required();
    sub.add_option("FILE", o.files, "Usage export(s) to read")->required();
    sub.add_option("-o,--output", o.output, "Write the profile here (default '-': stdout)");
    sub.add_flag("--force", o.force, "Overwrite --output if it exists");
    sub.add_option(
        "--group-by", o.group_by,
        "One workload per value of this field instead of per model (project_id, api_key_id, user, a "
        "span attribute…; for csv, a column)");
    sub.add_option(
           "--map", o.map,
           "csv: FIELD=COLUMN, comma-separated or repeated: calls, input, output, model, time (required "
           "but calls), cached, write, write_1h, reasoning, cost, group")
        ->delimiter(',');
    sub.add_flag("--cached-apart", o.cached_apart, "csv: the input column leaves the cached tokens out");
    sub.add_flag("--reasoning-apart", o.reasoning_apart,
                 "csv: the output column leaves the reasoning tokens out");
    sub.add_option(
           "--input-per-call", o.input_per_call,
           "anthropic-usage (no request counts): one call's input tokens; calls = input tokens ÷ this")
        ->check(CLI::PositiveNumber);
    sub.add_option("--catalog", o.catalogs, "Extra catalog file(s), for models the built-in one lacks");
    add_user_catalog_flag(sub, o.no_user_catalog);
    sub.footer(R"(Turns usage records into a profile whose workloads are measured (PRODUCT §4e): one workload
per model (or per --group-by value), calls a day over the whole UTC days covered, tokens a call as
the triangle {min: P10, mode, max: P90} whose mean is the data's, the cached and cache-write shares,
peak_to_average from the busiest hour, growth_per_month fitted to the daily totals, and one cloud
option per model from the catalog. A comment block says where every figure came from and what
was estimated. Malformed records are counted and named (file and line) on stderr and in the
profile; a file without one usable record is exit 2. The conventions of each source and the
sources of those rules: docs/import.md.

Examples:
  llm-tco import openai-usage usage-2026-11.json -o measured.yaml
  llm-tco import litellm-spend spend_logs.csv --group-by team_id -o teams.yaml
  llm-tco import anthropic-usage report.json --input-per-call 2400 | llm-tco estimate -
  llm-tco import csv calls.csv --map input=prompt,output=completion,model=model,time=ts)");
    sub.callback([&ctx] {
        const auto format = load::usage_format(o.format);
        if (!format) {
            const auto names = load::usage_format_names();
            throw UsageError(fmt::format("unknown format '{}'{}; the formats are {}", o.format,
                                         util::did_you_mean(o.format, names), fmt::join(names, ", ")));
        }
        load::UsageOptions options;
        options.group_by = o.group_by;
        options.cached_apart = o.cached_apart;
        options.reasoning_apart = o.reasoning_apart;
        options.input_per_call = o.input_per_call;
        for (const auto& pair : o.map) {
            const auto eq = pair.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
                throw UsageError(fmt::format("--map: '{}' is not FIELD=COLUMN", pair));
            options.columns[pair.substr(0, eq)] = pair.substr(eq + 1);
        }
        if (*format != load::UsageFormat::csv && !options.columns.empty())
            throw UsageError("--map applies to the csv format only");
        if (o.output != "-" && std::filesystem::exists(o.output) && !o.force)
            throw UsageError(fmt::format("'{}' already exists; use --force to overwrite it", o.output));
        const auto catalog = load_catalog(o.catalogs, o.no_user_catalog);
        const auto result =
            import_usage(*format, o.files, options, catalog,
                         fmt::format("llm-tco import {} {}", o.format, fmt::join(o.files, " ")));
        // The profile must load as written.
        load::load_profile({load::Source{o.output == "-" ? "llm-tco import" : o.output, result.yaml}}, {},
                           catalog);
        for (const auto& r : result.reports) {
            if (r.bad == 0) continue;
            std::cerr << fmt::format("warning: {}: {} malformed record{} left out (of {}); first: {}\n",
                                     r.file, r.bad, r.bad == 1 ? "" : "s", r.bad + r.records + r.ignored,
                                     fmt::join(r.bad_examples, "; "));
        }
        if (o.output == "-") {
            write_stdout(result.yaml);
        } else {
            write_file(o.output, result.yaml, o.files);
            write_stdout(fmt::format("wrote {}; next: llm-tco estimate {}\n", o.output, o.output));
        }
        ctx.exit_code = 0;
    });
}

} // namespace llmtco::cli
