#include "llmtco/recommend.hpp"

#include "llmtco/money.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace llmtco {
namespace {

std::string latency_text(const OptionResult& o) {
    if (!o.latency_known) return "unknown";
    if (o.latency_ms_low == o.latency_ms_high)
        return fmt::format("{} ms", format_number(o.latency_ms_high, 0));
    return fmt::format("{}–{} ms", format_number(o.latency_ms_low, 0), format_number(o.latency_ms_high, 0));
}

/// Why an option is excluded by a hard constraint (`why`), in words. `local` is the option's
/// LocalOption, null for a cloud option.
std::string exclusion_text(const Profile& p, const Workload& w, const OptionResult& o,
                           const LocalOption* local, Exclusion why) {
    switch (why) {
    case Exclusion::none:
        return {};
    case Exclusion::not_served:
        return "its 'serves' leaves this workload out";
    case Exclusion::data_must_stay_local:
        return "data must stay local";
    case Exclusion::team_cannot_maintain:
        return "the team cannot maintain a local tier";
    case Exclusion::infeasible: {
        std::string text = "infeasible";
        for (std::size_t i = 0; i < o.infeasible_reasons.size(); ++i)
            text += (i ? "; " : ": ") + o.infeasible_reasons[i];
        return text;
    }
    case Exclusion::fallback_sends_data:
        return fmt::format("its fallback '{}' sends data to the cloud", local->fallback);
    case Exclusion::latency_unknown:
        return fmt::format("its latency is unknown and the workload has a {} ms limit (set latency_ms)",
                           format_number(w.max_latency_ms->value, 0));
    case Exclusion::latency_too_high:
        return fmt::format("latency {} exceeds the {} ms limit", latency_text(o),
                           format_number(w.max_latency_ms->value, 0));
    case Exclusion::fallback_latency_unknown:
        return fmt::format(
            "its fallback '{}' serves {} calls and its latency is unknown under the {} ms limit "
            "(set latency_ms)",
            local->fallback, format_number(o.fallback_calls, 0), format_number(w.max_latency_ms->value, 0));
    case Exclusion::fallback_latency_too_high: {
        const auto fb = cloud_latency_ms(p.cloud[static_cast<std::size_t>(local->fallback_index)]);
        const auto fb_text =
            fb.low == fb.high ? fmt::format("{} ms", format_number(fb.high, 0))
                              : fmt::format("{}–{} ms", format_number(fb.low, 0), format_number(fb.high, 0));
        return fmt::format("its fallback '{}' serves {} calls and its latency {} exceeds the {} ms limit",
                           local->fallback, format_number(o.fallback_calls, 0), fb_text,
                           format_number(w.max_latency_ms->value, 0));
    }
    }
    return {};
}

/// The latency constraints, after the option's own.
Exclusion latency_exclusion(const Workload& w, const LatencyMs& latency) {
    if (w.max_latency_ms && !latency.known) return Exclusion::latency_unknown;
    if (w.max_latency_ms && latency.high > w.max_latency_ms->value) return Exclusion::latency_too_high;
    return Exclusion::none;
}

} // namespace

Exclusion exclusion_of(const Profile&, const Workload& w, const CloudOption& c) {
    if (!serves_workload(c.serves, w.name)) return Exclusion::not_served;
    if (w.data_must_stay_local) return Exclusion::data_must_stay_local;
    if (!cloud_is_feasible(w, c)) return Exclusion::infeasible;
    return latency_exclusion(w, cloud_latency_ms(c));
}

Exclusion exclusion_of(const Profile& p, const Workload& w, const LocalOption& l, const LocalSummary& s) {
    if (!serves_workload(l.serves, w.name)) return Exclusion::not_served;
    if (!p.team.can_maintain_local) return Exclusion::team_cannot_maintain;
    if (!s.feasible) return Exclusion::infeasible;
    if (w.data_must_stay_local && l.fallback_index >= 0) return Exclusion::fallback_sends_data;
    if (const auto own =
            latency_exclusion(w, l.latency_ms ? LatencyMs{true, l.latency_ms->low, l.latency_ms->high}
                                              : LatencyMs{true, s.latency_ms, s.latency_ms});
        own != Exclusion::none)
        return own;
    if (l.fallback_index >= 0 && s.fallback_calls > 0) { // the fallback serves calls: its latency counts
        switch (latency_exclusion(w, cloud_latency_ms(p.cloud[static_cast<std::size_t>(l.fallback_index)]))) {
        case Exclusion::latency_unknown:
            return Exclusion::fallback_latency_unknown;
        case Exclusion::latency_too_high:
            return Exclusion::fallback_latency_too_high;
        default:
            break;
        }
    }
    return Exclusion::none;
}

int pick_recommended(std::span<const double> totals, std::span<const Exclusion> exclusions,
                     std::span<const double> unserved, double calls) {
    const std::size_t n = std::min(totals.size(), exclusions.size());
    auto unserved_of = [&](std::size_t i) { return i < unserved.size() ? unserved[i] : 0.0; };
    // Per served call only when the allowed options serve different numbers of calls.
    bool differ = false;
    int first = -1;
    for (std::size_t i = 0; i < n; ++i) {
        if (exclusions[i] != Exclusion::none) continue;
        if (first < 0) {
            first = static_cast<int>(i);
        } else if (std::fabs(unserved_of(i) - unserved_of(static_cast<std::size_t>(first))) >
                   1e-9 * std::max(1.0, calls)) {
            differ = true;
        }
    }
    auto cost = [&](std::size_t i) {
        if (!differ) return totals[i];
        const double served = calls - unserved_of(i);
        return served > 0 ? totals[i] / served : HUGE_VAL;
    };
    int best = -1;
    for (std::size_t i = 0; i < n; ++i) {
        if (exclusions[i] != Exclusion::none) continue;
        if (best < 0 || cost(i) < cost(static_cast<std::size_t>(best))) best = static_cast<int>(i);
    }
    return best;
}

namespace {

/// What a series evaluation would report for a local option, read back from its full result.
LocalSummary summary_of(const OptionResult& o) {
    LocalSummary s;
    s.calls = o.total_calls;
    s.fallback_calls = o.fallback_calls;
    s.unserved_calls = o.unserved_calls;
    s.feasible = o.feasible;
    s.latency_ms = o.latency_ms_high;
    return s;
}

} // namespace

Exclusion exclusion_of(const Profile& p, const Workload& w, const OptionResult& o) {
    for (const auto& l : p.local)
        if (o.kind == OptionKind::local && l.name == o.name) return exclusion_of(p, w, l, summary_of(o));
    for (const auto& c : p.cloud)
        if (o.kind == OptionKind::cloud && c.name == o.name) return exclusion_of(p, w, c);
    return Exclusion::none;
}

Recommendation recommend(const Profile& p, const Workload& w, const WorkloadResult& r) {
    Recommendation rec;
    const auto& cur = p.settings.currency;
    const int H = p.settings.horizon_months;
    const OptionIndex index(p);
    std::vector<double> totals;
    std::vector<double> unserved;
    std::vector<Exclusion> exclusions;
    double calls = 0;
    for (std::size_t i = 0; i < r.options.size(); ++i) {
        const auto& o = r.options[i];
        const LocalOption* local = index.is_cloud(i) ? nullptr : &p.local[index.local_at(i)];
        const auto why = local ? exclusion_of(p, w, *local, summary_of(o))
                               : exclusion_of(p, w, p.cloud[index.cloud_at(i)]);
        if (why != Exclusion::none && why != Exclusion::not_served)
            rec.excluded.push_back(fmt::format("{}: {}", o.name, exclusion_text(p, w, o, local, why)));
        totals.push_back(o.total_cost);
        unserved.push_back(o.unserved_calls);
        exclusions.push_back(why);
        calls = std::max(calls, o.total_calls);
    }
    const int chosen = pick_recommended(totals, exclusions, unserved, calls);
    const OptionResult* best = chosen < 0 ? nullptr : &r.options[static_cast<std::size_t>(chosen)];

    // Verdict first.
    if (!best) {
        rec.reasons.push_back("no option satisfies the hard constraints (the exclusions are listed below)");
    } else {
        rec.option = best->name;
        rec.kind = best->kind;
        // Cost per served call when the allowed options serve different numbers of calls.
        bool per_served = false;
        for (std::size_t i = 0; i < r.options.size(); ++i) {
            if (exclusions[i] == Exclusion::none &&
                std::fabs(r.options[i].unserved_calls - best->unserved_calls) > 1e-9 * std::max(1.0, calls))
                per_served = true;
        }
        auto cost = [&](const OptionResult& o) {
            return per_served ? o.cost_per_1k_calls.value_or(HUGE_VAL) : o.total_cost;
        };
        const OptionResult* runner_up = nullptr; // the cheapest allowed option after the best
        for (std::size_t i = 0; i < r.options.size(); ++i) {
            const auto& o = r.options[i];
            if (&o == best || exclusions[i] != Exclusion::none) continue;
            if (!runner_up || cost(o) < cost(*runner_up)) runner_up = &o;
        }
        std::string verdict;
        if (per_served) {
            verdict =
                fmt::format("{} ({}) is the cheapest allowed option per served call: {} per 1,000 served "
                            "calls ({} over {}, {} calls unserved)",
                            best->name, best->kind == OptionKind::cloud ? "cloud" : "local",
                            format_money(cost(*best), cur), format_money(best->total_cost, cur),
                            month_count(H), format_number(best->unserved_calls, 0));
            if (runner_up)
                verdict += fmt::format(" vs {} for {}", format_money(cost(*runner_up), cur), runner_up->name);
        } else {
            verdict = fmt::format("{} ({}) is the cheapest allowed option: {} over {}", best->name,
                                  best->kind == OptionKind::cloud ? "cloud" : "local",
                                  format_money(best->total_cost, cur), month_count(H));
            if (runner_up)
                verdict +=
                    fmt::format(" vs {} for {}", format_money(runner_up->total_cost, cur), runner_up->name);
        }
        rec.reasons.push_back(verdict);
    }

    // 1. Volume against the rules of thumb.
    const double cpd = r.calls_per_day;
    const char* rule = cpd < kCloudPenniesBelowCallsPerDay
                           ? "under ~1,000/day, where the rule of thumb says cloud costs pennies"
                       : cpd < kLocalMayWinAboveCallsPerDay
                           ? "between ~1,000 and ~10,000/day, where the rule of thumb is undecided"
                           : "at or above ~10,000/day, where the rule of thumb says local may win";
    std::string volume = fmt::format("volume: {} calls/day is {}", format_number(cpd, 1), rule);
    const OptionResult* cheapest = nullptr; // on cost alone, before any constraint
    for (const auto& o : r.options) {
        if (!cheapest || o.total_cost < cheapest->total_cost) cheapest = &o;
    }
    if (cheapest) {
        const bool rule_says_cloud = cpd < kCloudPenniesBelowCallsPerDay;
        const bool rule_says_local = cpd >= kLocalMayWinAboveCallsPerDay;
        const char* kind = cheapest->kind == OptionKind::cloud ? "cloud" : "local";
        if ((rule_says_cloud && cheapest->kind == OptionKind::local) ||
            (rule_says_local && cheapest->kind == OptionKind::cloud)) {
            volume += fmt::format("; here the math disagrees: on cost alone {} ({}) is cheapest",
                                  cheapest->name, kind);
        } else if (rule_says_cloud || rule_says_local) {
            volume +=
                fmt::format("; the math agrees: on cost alone {} ({}) is cheapest", cheapest->name, kind);
        }
    }
    for (const auto& b : r.breakeven) {
        if (b.calls_per_day) {
            volume += *b.calls_per_day == 0
                          ? fmt::format("; {} is cheaper than {} at any volume", b.local, b.cloud)
                          : fmt::format("; {} is cheaper than {} from {} calls/day on", b.local, b.cloud,
                                        format_number(*b.calls_per_day, 0));
            if (b.cheaper_bands.size() == 1)
                volume += fmt::format(" (and at {}–{}/day)", format_number(b.cheaper_bands[0].first, 0),
                                      format_number(b.cheaper_bands[0].second, 0));
            else if (b.cheaper_bands.size() > 1)
                volume += fmt::format(" (and in {} lower bands)", b.cheaper_bands.size());
        } else {
            volume += fmt::format("; {} never beats {} up to 1e9 calls/day", b.local, b.cloud);
        }
        if (b.months) volume += fmt::format(" (breakeven after {})", format_months(*b.months));
    }
    rec.reasons.push_back(volume);

    // 2. Data sovereignty.
    rec.reasons.push_back(w.data_must_stay_local
                              ? "data sovereignty: data must stay local, so cloud options (and local options "
                                "with a cloud fallback) are excluded"
                              : "data sovereignty: not required, cloud options are allowed");

    // 3. Maintenance capacity.
    if (p.local.empty()) {
        rec.reasons.push_back("maintenance: no local option in this profile");
    } else if (!p.team.can_maintain_local) {
        rec.reasons.push_back(
            "maintenance: the team cannot maintain a local tier, so local options are excluded");
    } else {
        std::string text = "maintenance: the team can maintain a local tier";
        for (std::size_t i = 0; i < p.local.size(); ++i) {
            const auto& l = p.local[i];
            const auto& o = r.options[index.local(i)];
            const int extra =
                std::max(0, o.machines.value_or(1) - 1); // machines beyond the first, at the end
            const double hours = l.maintenance_hours_per_month.value +
                                 l.maintenance_hours_per_machine_month.value * extra +
                                 l.incidents_per_year.value / 12 * l.hours_per_incident.value;
            const double labor = hours * p.settings.labor_rate_per_hour.value;
            text += fmt::format(
                "; {} takes {} h/month of upkeep and incidents ({}/month) after {} h of setup", l.name,
                format_number(hours, 2), format_money(labor, cur), format_number(l.setup_hours.value, 1));
            if (extra > 0) {
                text += fmt::format(
                    " (at its {} machines: {} h/month and {} h of setup for each beyond the first)",
                    extra + 1, format_number(l.maintenance_hours_per_machine_month.value, 2),
                    format_number(l.setup_hours_per_added_machine.value, 1));
            }
        }
        rec.reasons.push_back(text);
    }

    // 4. Latency.
    {
        std::string text = w.max_latency_ms ? fmt::format("latency: a hard limit of {} ms",
                                                          format_number(w.max_latency_ms->value, 0))
                                            : std::string("latency: no hard limit");
        std::vector<std::string> parts;
        for (const auto& o : r.options)
            parts.push_back(fmt::format("{} {}", o.name, latency_text(o)));
        if (!parts.empty()) text += fmt::format(" ({})", fmt::join(parts, ", "));
        rec.reasons.push_back(text);
    }

    // 5. Fallback.
    {
        std::vector<std::string> parts;
        for (const auto& o : r.options) {
            if (o.kind != OptionKind::local) continue;
            const auto& l = *std::find_if(p.local.begin(), p.local.end(),
                                          [&](const auto& x) { return x.name == o.name; });
            if (l.fallback_index >= 0) {
                double fallback_total = 0;
                for (const auto& item : o.items) {
                    if (item.label.rfind("fallback", 0) == 0) fallback_total += item.total;
                }
                parts.push_back(
                    fmt::format("{} falls back to {}: you pay for both ({} of its total is the fallback)",
                                l.name, l.fallback, format_money(fallback_total, cur)));
            } else if (o.unserved_calls > 0) {
                parts.push_back(fmt::format("{} has no fallback: {} calls go unserved", l.name,
                                            format_number(o.unserved_calls, 0)));
            } else {
                parts.push_back(fmt::format("{} has no fallback", l.name));
            }
        }
        rec.reasons.push_back(parts.empty() ? std::string("fallback: not applicable (no local option)")
                                            : "fallback: " + fmt::format("{}", fmt::join(parts, "; ")));
    }

    for (const auto& o : r.options) {
        if (o.memory_pressure.value_or(false)) {
            rec.reasons.push_back(fmt::format("warning: {} is under memory pressure ({} GB model)", o.name,
                                              format_number(o.footprint_gb.value_or(0), 2)));
        }
    }
    for (const auto& e : rec.excluded)
        rec.reasons.push_back("excluded: " + e);
    return rec;
}

} // namespace llmtco
