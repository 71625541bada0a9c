#include "cli/command.hpp"
#include "cli/common_options.hpp"
#include "cli/format_table.hpp"
#include "cli/import.hpp"
#include "cli/output.hpp"
#include "llmtco/money.hpp"
#include "llmtco/usage.hpp"
#include "render/ci.hpp"
#include "render/format.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"

#include <cmath>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace llmtco::cli {
namespace {

/// One model's month: what the profile's prices make of the records, and what the records say.
struct Row {
    std::string model;  ///< as the records name it
    std::string option; ///< the profile's cloud option that prices it; empty: none
    std::string month;
    double records = 0;
    double modelled = 0;
    double reported = 0;
    double unpriced_records = 0; ///< records without a cost of their own, left out
    double difference() const { return modelled - reported; }
    std::optional<double> percent() const {
        if (option.empty() || !(std::fabs(reported) > 0)) return std::nullopt;
        return 100 * difference() / reported;
    }
};

struct Calibration {
    std::vector<Row> rows;
    double tolerance = -1; ///< percent; < 0: none
    std::vector<std::string> files;
    bool fails(const Row& r) const {
        const auto pct = r.percent();
        return tolerance >= 0 && pct && std::fabs(*pct) > tolerance;
    }
    std::size_t failures() const {
        return static_cast<std::size_t>(
            std::count_if(rows.begin(), rows.end(), [&](const Row& r) { return fails(r); }));
    }
};

/// Money as the tables print it; a float residue below a billionth of a dollar is 0.
std::string usd(double v) { return format_money(std::fabs(v) < 1e-9 ? 0.0 : v, "USD"); }

std::string pct_text(const Row& r) {
    const auto p = r.percent();
    if (r.option.empty()) return "no option";
    if (!p) return "—";
    if (std::fabs(*p) < 0.005) return "0.00%"; // (no sign on a float residue)
    return fmt::format("{:+.2f}%", *p);
}

std::string table(const Calibration& c) {
    std::vector<std::vector<std::string>> rows{
        {"model", "option", "month", "records", "modelled", "reported", "difference", "percent"}};
    double modelled = 0, reported = 0;
    for (const auto& r : c.rows) {
        rows.push_back({r.model, r.option.empty() ? "—" : r.option, r.month, format_number(r.records, 0),
                        r.option.empty() ? "—" : usd(r.modelled), usd(r.reported),
                        r.option.empty() ? "—" : usd(r.difference()),
                        pct_text(r) + (c.fails(r) ? " FAIL" : "")});
        if (!r.option.empty()) {
            modelled += r.modelled;
            reported += r.reported;
        }
    }
    std::string out =
        render::aligned_table(rows, {false, false, false, true, true, true, true, true}, render::Style{}, "");
    out += fmt::format("\ntotal: modelled {} vs reported {} ({})\n", usd(modelled), usd(reported),
                       reported > 0 ? fmt::format("{:+.2f}%", 100 * (modelled - reported) / reported) : "—");
    if (c.tolerance >= 0) {
        out += c.failures() == 0
                   ? fmt::format("PASS: every model and month within {}%\n", format_number(c.tolerance, 2))
                   : fmt::format("FAIL: {} model-month{} beyond {}%\n", c.failures(),
                                 c.failures() == 1 ? "" : "s", format_number(c.tolerance, 2));
    }
    return out;
}

std::string json_of(const Calibration& c) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& r : c.rows) {
        nlohmann::ordered_json j{
            {"model", r.model},
            {"option", r.option.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.option)},
            {"month", r.month},
            {"records", r.records},
            {"records_without_cost", r.unpriced_records},
            {"modelled_cost",
             r.option.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.modelled)},
            {"reported_cost", r.reported},
            {"difference",
             r.option.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.difference())}};
        const auto p = r.percent();
        j["percent"] = p ? nlohmann::ordered_json(*p) : nlohmann::ordered_json();
        j["pass"] = !c.fails(r);
        rows.push_back(j);
    }
    nlohmann::ordered_json out{{"currency", "USD"}, {"rows", rows}};
    out["tolerance_percent"] =
        c.tolerance >= 0 ? nlohmann::ordered_json(c.tolerance) : nlohmann::ordered_json();
    out["failures"] = c.failures();
    return out.dump(2) + "\n";
}

std::string markdown(const Calibration& c) {
    std::string out = "| model | option | month | records | modelled | reported | difference | percent |\n"
                      "|---|---|---|---:|---:|---:|---:|---:|\n";
    for (const auto& r : c.rows) {
        out += fmt::format(
            "| {} | {} | {} | {} | {} | {} | {} | {}{} |\n", r.model, r.option.empty() ? "—" : r.option,
            r.month, format_number(r.records, 0), r.option.empty() ? "—" : usd(r.modelled), usd(r.reported),
            r.option.empty() ? "—" : usd(r.difference()), pct_text(r), c.fails(r) ? " **FAIL**" : "");
    }
    return out;
}

std::string junit(const Calibration& c) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"llm-tco calibrate\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                       c.rows.size(), c.failures());
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                       render::xml_escape(fmt::format("{}", fmt::join(c.files, " + "))), c.rows.size(),
                       c.failures());
    for (const auto& r : c.rows) {
        out += fmt::format("    <testcase classname=\"llm-tco.calibrate.{}\" name=\"{} {}\"",
                           render::xml_escape(r.model), render::xml_escape(r.model), r.month);
        if (!c.fails(r)) {
            out += "/>\n";
            continue;
        }
        const auto message = fmt::format("modelled {} vs reported {}: {} beyond {}%", usd(r.modelled),
                                         usd(r.reported), pct_text(r), format_number(c.tolerance, 2));
        out +=
            fmt::format(">\n      <failure message=\"{}\" type=\"tolerance\">{}</failure>\n    </testcase>\n",
                        render::xml_escape(message), render::xml_escape(message));
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

const FormatTable<std::string (*)(const Calibration&)> kCalibrateFormats{
    {"table", table}, {"json", json_of}, {"markdown", markdown}, {"junit", junit}};

} // namespace

const FormatList& calibrate_formats() { return kCalibrateFormats; }

void set_calibrate_command(CLI::App& sub, Context& ctx) {
    static CommonOptions o;
    static std::string from;
    static std::vector<std::string> usage_files;
    static double tolerance = -1;
    static std::vector<std::string> map;
    static bool cached_apart = false, reasoning_apart = false;
    static std::optional<double> input_per_call;
    static std::vector<std::string> costs;
    static std::string profile_file;
    sub.add_option("PROFILE", profile_file, "The profile whose cloud prices are checked")->required();
    sub.add_option("USAGE", usage_files, "Usage export(s) that carry their own cost")->required();
    sub.add_option("--from", from, "The usage format (as import): litellm-spend, openrouter, csv, …")
        ->required();
    sub.add_option("--tolerance", tolerance, "Exit 1 when a model's month differs by more than PCT percent")
        ->check(CLI::NonNegativeNumber);
    sub.add_option("--map", map, "csv: FIELD=COLUMN, as import (cost=COLUMN is needed)")->delimiter(',');
    sub.add_flag("--cached-apart", cached_apart, "csv: the input column leaves the cached tokens out");
    sub.add_flag("--reasoning-apart", reasoning_apart,
                 "csv: the output column leaves the reasoning tokens out");
    sub.add_option("--input-per-call", input_per_call, "anthropic-usage: one call's input tokens")
        ->check(CLI::PositiveNumber);
    sub.add_option("--costs", costs,
                   "The provider's cost export to compare with, for usage that carries no cost: the OpenAI "
                   "Costs API's pages (openai-usage), the Anthropic cost report (anthropic-usage)");
    sub.add_option("--set", o.sets, "Override an input: PATH=VALUE (repeatable)")->take_all();
    sub.add_option("--catalog", o.catalogs, "Extra catalog file(s)");
    add_user_catalog_flag(sub, o.no_user_catalog);
    kCalibrateFormats.add_option(sub, o.format);
    sub.footer(R"(Prices the usage records with the profile's cloud options, by the estimate's own per-call
formula (each record's tokens, its cache reads and writes, the batch discount for batch calls),
and compares with the cost each record carries (LiteLLM's spend, OpenRouter's cost, a csv cost
column, or with --costs the provider's cost export), per model and month: modelled, reported,
difference, percent. A record's model is priced
by the cloud option whose model (or name) it is, matched as import matches catalog names; a model
without one is listed, not failed. Records without a cost are left out and counted.
Exit 0, or 1 with --tolerance PCT when some model's month differs by more; 2 on bad input.

Examples:
  llm-tco calibrate measured.yaml spend_logs.csv --from litellm-spend --tolerance 1
  llm-tco calibrate measured.yaml activity.json --from openrouter --format junit > calibrate.xml
  llm-tco calibrate measured.yaml usage.json --from anthropic-usage --input-per-call 2400 --costs cost_report.json)");
    sub.callback([&ctx] {
        const auto format = load::usage_format(from);
        if (!format) {
            const auto names = load::usage_format_names();
            throw UsageError(fmt::format("--from: unknown format '{}'{}; the formats are {}", from,
                                         util::did_you_mean(from, names), fmt::join(names, ", ")));
        }
        o.files = {profile_file};
        const auto profile = load_profile(o);
        const auto catalog = load_catalog(o.catalogs, o.no_user_catalog);
        load::UsageOptions options;
        options.cached_apart = cached_apart;
        options.reasoning_apart = reasoning_apart;
        options.input_per_call = input_per_call;
        for (const auto& pair : map) {
            const auto eq = pair.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
                throw UsageError(fmt::format("--map: '{}' is not FIELD=COLUMN", pair));
            options.columns[pair.substr(0, eq)] = pair.substr(eq + 1);
        }
        // Which cloud option prices a record's model: by catalog model, else by option name.
        std::map<std::string, const CloudOption*> option_of;
        auto find_option = [&](const std::string& model) -> const CloudOption* {
            if (const auto it = option_of.find(model); it != option_of.end()) return it->second;
            const CloudOption* found = nullptr;
            const auto* entry = match_model(catalog, model, nullptr);
            for (const auto& c : profile.cloud) {
                if ((entry && !c.model.empty() && catalog.find_cloud(c.model) == entry) || c.name == model) {
                    found = &c;
                    break;
                }
            }
            option_of[model] = found;
            return found;
        };
        std::map<std::pair<std::string, std::string>, Row> rows; // (model, month)
        std::size_t with_cost = 0;
        // With a cost export the reported side is its lines, and every record is modelled.
        for (const auto& file : costs) {
            for (const auto& line : load::read_costs(*format, file)) {
                const auto model = line.model.empty() ? std::string("(no model)") : line.model;
                auto& row = rows[{model, usage::utc_month(line.start_s)}];
                row.model = model;
                row.month = usage::utc_month(line.start_s);
                row.reported += line.usd;
                ++with_cost;
            }
        }
        for (const auto& file : usage_files) {
            load::read_usage(*format, file, options, [&](const usage::Record& r) {
                auto& row = rows[{r.model, usage::utc_month(r.start_s)}];
                row.model = r.model;
                row.month = usage::utc_month(r.start_s);
                if (!costs.empty()) {
                    row.records += 1;
                    if (const auto* option = find_option(r.model)) {
                        row.option = option->name;
                        row.modelled += usage::modelled_cost(option->price, r);
                    }
                    return;
                }
                if (!r.cost) {
                    row.unpriced_records += 1;
                    return;
                }
                ++with_cost;
                row.records += 1;
                row.reported += *r.cost;
                if (const auto* option = find_option(r.model)) {
                    row.option = option->name;
                    row.modelled += usage::modelled_cost(option->price, r);
                }
            });
        }
        if (with_cost == 0) {
            throw InputError(
                fmt::format("{}:1:1: error: no record carries a cost to compare with ({} has none; "
                            "for csv, map cost=COLUMN)",
                            usage_files.front(), from));
        }
        Calibration c;
        c.tolerance = tolerance;
        c.files = usage_files;
        for (auto& [key, row] : rows)
            if (row.records > 0 || row.reported != 0) c.rows.push_back(std::move(row));
        write_stdout(kCalibrateFormats[o.format](c));
        ctx.exit_code = c.failures() > 0 ? 1 : 0;
    });
}

} // namespace llmtco::cli
