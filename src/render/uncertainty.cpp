#include "render/uncertainty.hpp"

#include "llmtco/money.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace llmtco::render {
namespace {

using json = nlohmann::ordered_json;

json months_or_null(const std::optional<double>& m) {
    return m ? json(checked(*m, "breakeven months")) : json(nullptr);
}

/// A one-line histogram from block characters: ▁▂▃▄▅▆▇█.
std::string sparkline(const std::vector<double>& counts) {
    static const char* blocks[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    const double peak = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
    std::string out;
    for (double c : counts) {
        const int level = peak > 0 ? static_cast<int>(std::ceil(c / peak * 8)) : 0;
        out += blocks[std::clamp(level, 0, 8)];
    }
    return out;
}

std::string months_text(const std::optional<double>& m) {
    return m ? format_months(*m) : std::string("never");
}

} // namespace

std::string simulation_table(const Simulation& s, const std::string& currency, const Style& style) {
    std::string out = fmt::format(
        "{} samples, seed {}; sampled inputs: {}\n", format_number(static_cast<double>(s.samples)), s.seed,
        s.ranged_inputs.empty() ? std::string("none (every input is a point value)")
                                : fmt::format("{}", fmt::join(s.ranged_inputs, ", ")));
    for (const auto& w : s.workloads) {
        out += "\n" + style.bold(w.name) + "\n";
        std::vector<std::vector<std::string>> rows{
            {"option", "mean", "P10", "P50", "P90", "distribution (min → max)"}};
        for (const auto& o : w.options) {
            rows.push_back({o.name, format_money(checked(o.mean, "mean"), currency),
                            format_money(o.p10, currency), format_money(o.p50, currency),
                            format_money(o.p90, currency),
                            fmt::format("{} {} {}", format_money(o.min, currency), sparkline(o.histogram),
                                        format_money(o.max, currency))});
        }
        out += aligned_table(rows, {false, true, true, true, true, false}, style);
        for (const auto& o : w.options) {
            if (o.p_feasible < 1)
                out += fmt::format(
                    "{}: infeasible in {}% of samples (calls unserved or the model does not fit); "
                    "those samples never count as local cheaper\n",
                    o.name, format_number((1 - o.p_feasible) * 100, 1));
        }
        if (!w.pairs.empty()) {
            out += "\n";
            rows = {{"local", "vs cloud", "P(local cheaper)", "breakeven P10", "P50", "P90"}};
            for (const auto& p : w.pairs) {
                rows.push_back({p.local, p.cloud,
                                fmt::format("{}%", format_number(p.p_local_cheaper * 100, 1)),
                                months_text(p.breakeven_months_p10), months_text(p.breakeven_months_p50),
                                months_text(p.breakeven_months_p90)});
            }
            out += aligned_table(rows, {false, false, true, true, true, true}, style);
        }
    }
    if (s.p_portfolio_uses_local) {
        out +=
            fmt::format("\nportfolio: the cheapest portfolio (every workload on one option, one bill) puts "
                        "a workload on a local option in {}% of samples\n",
                        format_number(*s.p_portfolio_uses_local * 100, 1));
    }
    return out;
}

json simulation_json(const Simulation& s) {
    json workloads = json::array();
    for (const auto& w : s.workloads) {
        json options = json::array();
        for (const auto& o : w.options) {
            options.push_back({{"name", o.name},
                               {"mean", checked(o.mean, "mean")},
                               {"p10", checked(o.p10, "p10")},
                               {"p50", checked(o.p50, "p50")},
                               {"p90", checked(o.p90, "p90")},
                               {"p_feasible", checked(o.p_feasible, "probability")}});
        }
        json pairs = json::array();
        for (const auto& p : w.pairs) {
            pairs.push_back({{"local", p.local},
                             {"cloud", p.cloud},
                             {"p_local_cheaper", checked(p.p_local_cheaper, "probability")},
                             {"breakeven_months_p10", months_or_null(p.breakeven_months_p10)},
                             {"breakeven_months_p50", months_or_null(p.breakeven_months_p50)},
                             {"breakeven_months_p90", months_or_null(p.breakeven_months_p90)}});
        }
        workloads.push_back({{"name", w.name}, {"options", options}, {"pairs", pairs}});
    }
    json doc = {{"samples", s.samples}, {"seed", s.seed}, {"workloads", workloads}};
    if (s.p_portfolio_uses_local)
        doc["p_portfolio_uses_local"] = checked(*s.p_portfolio_uses_local, "probability");
    return doc;
}

std::string sensitivity_table(const std::vector<SensitivityPair>& pairs, const std::string& currency,
                              const Style& style) {
    std::string out;
    for (const auto& p : pairs) {
        if (!out.empty()) out += "\n";
        const bool pair = !p.local.empty();
        out += style.bold(p.workload) +
               (pair ? fmt::format(
                           ": {} − {} (total over the horizon; negative = local cheaper), at the means {}\n",
                           p.local, p.cloud, format_money(p.base_difference, currency))
                     : fmt::format(": total of {}, at the means {}\n", p.option,
                                   format_money(p.base_difference, currency)));
        if (p.rows.empty()) {
            out += "  no ranged inputs: write a value as a..b or {min, mode, max} to see its swing\n";
            continue;
        }
        std::vector<std::vector<std::string>> rows{{"input", "low", "high", "at low", "at high", "swing"}};
        for (const auto& r : p.rows) {
            rows.push_back({r.input, format_number(r.low, 4), format_number(r.high, 4),
                            format_money(checked(r.difference_at_low, "difference"), currency),
                            format_money(checked(r.difference_at_high, "difference"), currency),
                            format_money(checked(r.swing, "swing"), currency)});
        }
        out += aligned_table(rows, {false, true, true, true, true, true}, style);
    }
    return out;
}

json sensitivity_json(const std::vector<SensitivityPair>& pairs) {
    json list = json::array();
    for (const auto& p : pairs) {
        json rows = json::array();
        const bool pair = !p.local.empty(); // without a pair the figure is the option's total
        for (const auto& r : p.rows) {
            rows.push_back(
                {{"input", r.input},
                 {"low", r.low},
                 {"high", r.high},
                 {pair ? "difference_at_low" : "total_at_low", checked(r.difference_at_low, "difference")},
                 {pair ? "difference_at_high" : "total_at_high", checked(r.difference_at_high, "difference")},
                 {"swing", checked(r.swing, "swing")}});
        }
        json item = {{"workload", p.workload}};
        if (!p.local.empty()) {
            item["local"] = p.local;
            item["cloud"] = p.cloud;
        } else {
            item["option"] = p.option;
        }
        item[pair ? "base_difference" : "base_total"] = checked(p.base_difference, "difference");
        item["inputs"] = rows;
        list.push_back(item);
    }
    return {{"sensitivity", list}};
}

} // namespace llmtco::render
