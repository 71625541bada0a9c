#include "llmtco/money.hpp"
#include "render/ci.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace llmtco::render {
namespace {

std::string signed_money(double v, const std::string& cur) {
    if (std::fabs(v) < 1e-9) return "±" + format_money(0, cur);
    return std::string(v > 0 ? "+" : "") + format_money(v, cur);
}

std::string signed_percent(const std::optional<double>& p) {
    if (!p) return "from 0";
    return fmt::format("{}{}%", *p > 0 ? "+" : "", format_number(*p, 1));
}

std::string change(double delta, const std::optional<double>& pct, const std::string& cur,
                   DiffStatus status) {
    if (std::fabs(delta) < 1e-9) return "—";
    if (status == DiffStatus::removed) return fmt::format("{} (removed)", signed_money(delta, cur));
    if (status == DiffStatus::added) return fmt::format("{} (added)", signed_money(delta, cur));
    return fmt::format("{} ({})", signed_money(delta, cur), signed_percent(pct));
}

std::string from_to(const std::optional<double>& a, const std::optional<double>& b, const std::string& cur) {
    return fmt::format("{} → {}", a ? format_money(*a, cur) : std::string("—"),
                       b ? format_money(*b, cur) : std::string("—"));
}

/// "1 → 3" for a local option's machines; empty for a cloud option.
std::string machines_text(const OptionDiff& o) {
    if (!o.old_machines && !o.new_machines) return "";
    return fmt::format("{} → {}", o.old_machines ? std::to_string(*o.old_machines) : std::string("—"),
                       o.new_machines ? std::to_string(*o.new_machines) : std::string("—"));
}

nlohmann::ordered_json opt(const std::optional<int>& v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

/// Whether a workload has a local option in either version (its tables get a machines column).
bool has_local(const WorkloadDiff& w) {
    return std::any_of(w.options.begin(), w.options.end(),
                       [](const OptionDiff& o) { return o.old_machines || o.new_machines; });
}

const char* status_word(DiffStatus s) {
    switch (s) {
    case DiffStatus::unchanged:
        return "unchanged";
    case DiffStatus::changed:
        return "changed";
    case DiffStatus::added:
        return "added";
    case DiffStatus::removed:
        return "removed";
    }
    return "?";
}

std::string label(const OptionDiff& o) {
    if (o.status == DiffStatus::added) return "+ " + o.name;
    if (o.status == DiffStatus::removed) return "- " + o.name;
    return "  " + o.name;
}

nlohmann::ordered_json opt(const std::optional<double>& v) {
    return v ? nlohmann::ordered_json(checked(*v, "diff figure")) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json opt(const std::optional<bool>& v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

/// "mac-mini: now infeasible (the model does not fit: …)" or "… feasible again", per option whose
/// feasibility flipped between the versions.
std::vector<std::string> feasibility_lines(const WorkloadDiff& w) {
    std::vector<std::string> out;
    for (const auto& o : w.options) {
        if (!o.feasibility_changed()) continue;
        if (*o.new_feasible) {
            out.push_back(
                fmt::format("{}: feasible again (excluded from the recommendation before)", o.name));
        } else {
            out.push_back(fmt::format("{}: now infeasible, excluded from the recommendation{}", o.name,
                                      o.new_infeasible_reasons.empty()
                                          ? std::string()
                                          : fmt::format(" ({})", fmt::join(o.new_infeasible_reasons, "; "))));
        }
    }
    return out;
}

} // namespace

std::string diff_text(const Diff& d, const Style& style) {
    std::string out;
    if (!d.inputs.empty()) {
        out += style.bold("inputs changed") + "\n";
        for (const auto& i : d.inputs)
            out += fmt::format("  {}: {} → {}\n", i.path, i.old_value, i.new_value);
    }
    for (const auto& w : d.workloads) {
        if (!out.empty()) out += "\n";
        out += style.bold(w.name) +
               (w.status == DiffStatus::unchanged ? "" : fmt::format(" ({})", status_word(w.status))) + "\n";
        const bool local = has_local(w);
        std::vector<std::vector<std::string>> rows{{"option", "per month", "change", "total", "change"}};
        if (local) rows.front().insert(rows.front().begin() + 1, "machines");
        for (const auto& o : w.options) {
            rows.push_back({label(o), from_to(o.old_monthly, o.new_monthly, d.currency),
                            change(o.monthly_change, o.monthly_percent, d.currency, o.status),
                            from_to(o.old_total, o.new_total, d.currency),
                            change(o.total_change, o.total_percent, d.currency, o.status)});
            if (local) rows.back().insert(rows.back().begin() + 1, machines_text(o));
        }
        std::vector<bool> right(rows.front().size(), true);
        right.front() = false;
        out += aligned_table(rows, right, style);
        for (const auto& line : feasibility_lines(w))
            out += "  " + line + "\n";
        if (w.recommendation_changed) {
            out += fmt::format("  recommendation changed: {} → {}\n",
                               w.old_recommendation.empty() ? "none" : markdown_text(w.old_recommendation),
                               w.new_recommendation.empty() ? "none" : markdown_text(w.new_recommendation));
        }
    }
    if (const auto& p = d.portfolio) {
        out += "\n" + style.bold("portfolio") + " (every workload on one option, one bill)\n";
        out += fmt::format("  total: {}, {}\n", from_to(p->old_total, p->new_total, d.currency),
                           change(p->total_change, p->total_percent, d.currency, DiffStatus::changed));
        out += p->assignment_changed ? fmt::format("  assignment changed: {} → {}\n",
                                                   p->old_assignment.empty() ? "none" : p->old_assignment,
                                                   p->new_assignment.empty() ? "none" : p->new_assignment)
                                     : fmt::format("  assignment: {}\n", p->new_assignment);
    }
    return out;
}

nlohmann::ordered_json diff_json(const Diff& d) {
    auto workloads = nlohmann::ordered_json::array();
    for (const auto& w : d.workloads) {
        auto options = nlohmann::ordered_json::array();
        for (const auto& o : w.options) {
            options.push_back({{"name", o.name},
                               {"status", status_word(o.status)},
                               {"old_monthly", opt(o.old_monthly)},
                               {"new_monthly", opt(o.new_monthly)},
                               {"monthly_change", checked(o.monthly_change, "monthly change")},
                               {"monthly_percent", opt(o.monthly_percent)},
                               {"old_total", opt(o.old_total)},
                               {"new_total", opt(o.new_total)},
                               {"total_change", checked(o.total_change, "total change")},
                               {"total_percent", opt(o.total_percent)},
                               {"old_feasible", opt(o.old_feasible)},
                               {"new_feasible", opt(o.new_feasible)},
                               {"old_residual_value", opt(o.old_residual_value)},
                               {"new_residual_value", opt(o.new_residual_value)},
                               {"old_machines", opt(o.old_machines)},
                               {"new_machines", opt(o.new_machines)}});
        }
        workloads.push_back({{"name", w.name},
                             {"status", status_word(w.status)},
                             {"old_recommendation", w.old_recommendation.empty()
                                                        ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(w.old_recommendation)},
                             {"new_recommendation", w.new_recommendation.empty()
                                                        ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(w.new_recommendation)},
                             {"recommendation_changed", w.recommendation_changed},
                             {"options", options}});
    }
    auto inputs = nlohmann::ordered_json::array();
    for (const auto& i : d.inputs)
        inputs.push_back({{"path", i.path}, {"old", i.old_value}, {"new", i.new_value}});
    nlohmann::ordered_json doc = {{"currency", d.currency}, {"inputs", inputs}, {"workloads", workloads}};
    if (const auto& p = d.portfolio) {
        auto assignment = [](const std::string& a) {
            return a.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a);
        };
        doc["portfolio"] = {{"old_total", opt(p->old_total)},
                            {"new_total", opt(p->new_total)},
                            {"total_change", checked(p->total_change, "total change")},
                            {"total_percent", opt(p->total_percent)},
                            {"old_assignment", assignment(p->old_assignment)},
                            {"new_assignment", assignment(p->new_assignment)},
                            {"assignment_changed", p->assignment_changed}};
    }
    return doc;
}

std::string diff_markdown(const Diff& d, const std::string& old_name, const std::string& new_name) {
    std::string out =
        fmt::format("### llm-tco cost diff\n\n{} → {}\n\n", code_span(old_name), code_span(new_name));
    if (!d.inputs.empty()) {
        out += "#### Inputs changed\n\n";
        for (const auto& i : d.inputs)
            out += fmt::format("- {}: {} → {}\n", code_span(i.path), markdown_text(i.old_value),
                               markdown_text(i.new_value));
        out += "\n";
    }
    for (const auto& w : d.workloads) {
        out +=
            fmt::format("#### {}{}\n\n", markdown_text(w.name),
                        w.status == DiffStatus::unchanged ? "" : fmt::format(" ({})", status_word(w.status)));
        const bool local = has_local(w);
        out += local ? "| option | machines | per month | change | total | change "
                       "|\n|---|---:|---:|---:|---:|---:|\n"
                     : "| option | per month | change | total | change |\n|---|---:|---:|---:|---:|\n";
        for (const auto& o : w.options) {
            const auto name = o.status == DiffStatus::added     ? "➕ " + markdown_text(o.name)
                              : o.status == DiffStatus::removed ? "➖ " + markdown_text(o.name)
                                                                : markdown_text(o.name);
            out += fmt::format("| {} |{} {} | {} | {} | {} |\n", name,
                               local ? " " + machines_text(o) + " |" : "",
                               from_to(o.old_monthly, o.new_monthly, d.currency),
                               change(o.monthly_change, o.monthly_percent, d.currency, o.status),
                               from_to(o.old_total, o.new_total, d.currency),
                               change(o.total_change, o.total_percent, d.currency, o.status));
        }
        const auto flips = feasibility_lines(w);
        if (!flips.empty()) out += "\n";
        for (const auto& line : flips)
            out += "- " + markdown_text(line) + "\n";
        if (w.recommendation_changed) {
            out += fmt::format("\n⚠️ **Recommendation changed:** {} → {}\n",
                               w.old_recommendation.empty() ? "none" : markdown_text(w.old_recommendation),
                               w.new_recommendation.empty() ? "none" : markdown_text(w.new_recommendation));
        }
        out += "\n";
    }
    if (const auto& p = d.portfolio) {
        out +=
            fmt::format("#### Portfolio\n\n| | total | change | assignment |\n|---|---:|---:|---|\n"
                        "| before → after | {} | {} | {} |\n",
                        from_to(p->old_total, p->new_total, d.currency),
                        change(p->total_change, p->total_percent, d.currency, DiffStatus::changed),
                        markdown_text(p->assignment_changed
                                          ? (p->old_assignment.empty() ? "none" : p->old_assignment) + " → " +
                                                (p->new_assignment.empty() ? "none" : p->new_assignment)
                                          : p->new_assignment));
        if (p->assignment_changed) out += "\n⚠️ **Portfolio changed.**\n";
        out += "\n";
    }
    return out;
}

} // namespace llmtco::render
