#include "llmtco/diff.hpp"

#include "llmtco/portfolio.hpp"

#include <algorithm>
#include <cmath>

namespace llmtco {
namespace {

template <typename T> const T* by_name(const std::vector<T>& items, const std::string& name) {
    for (const auto& item : items) {
        if (item.name == name) return &item;
    }
    return nullptr;
}

double run_rate(const OptionResult& o) { return o.recurring_cost.empty() ? 0 : o.recurring_cost.front(); }

std::optional<double> percent(double before, double after) {
    if (before == 0) return std::nullopt;
    return (after - before) / std::fabs(before) * 100;
}

bool same(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

OptionDiff compare(const OptionResult* before, const OptionResult* after) {
    OptionDiff d;
    d.name = before ? before->name : after->name;
    if (before) {
        d.old_monthly = run_rate(*before);
        d.old_total = before->total_cost;
        d.old_feasible = before->feasible;
        if (before->kind == OptionKind::local) {
            d.old_residual_value = before->residual_value;
            d.old_machines = before->machines;
        }
    }
    if (after) {
        d.new_monthly = run_rate(*after);
        d.new_total = after->total_cost;
        d.new_feasible = after->feasible;
        d.new_infeasible_reasons = after->infeasible_reasons;
        if (after->kind == OptionKind::local) {
            d.new_residual_value = after->residual_value;
            d.new_machines = after->machines;
        }
    }
    d.monthly_change = d.new_monthly.value_or(0) - d.old_monthly.value_or(0);
    d.total_change = d.new_total.value_or(0) - d.old_total.value_or(0);
    if (before && after) {
        d.monthly_percent = percent(*d.old_monthly, *d.new_monthly);
        d.total_percent = percent(*d.old_total, *d.new_total);
        d.status = same(*d.old_total, *d.new_total) && same(*d.old_monthly, *d.new_monthly) &&
                           !d.feasibility_changed() && d.old_machines == d.new_machines
                       ? DiffStatus::unchanged
                       : DiffStatus::changed;
    } else {
        d.status = before ? DiffStatus::removed : DiffStatus::added;
    }
    return d;
}

WorkloadDiff compare(const WorkloadResult* before, const WorkloadResult* after) {
    WorkloadDiff d;
    d.name = before ? before->name : after->name;
    d.old_recommendation = before ? before->recommendation.option : "";
    d.new_recommendation = after ? after->recommendation.option : "";
    d.recommendation_changed = before && after && d.old_recommendation != d.new_recommendation;
    if (before) {
        for (const auto& o : before->options)
            d.options.push_back(compare(&o, after ? by_name(after->options, o.name) : nullptr));
    }
    if (after) {
        for (const auto& o : after->options) {
            if (!before || !by_name(before->options, o.name)) d.options.push_back(compare(nullptr, &o));
        }
    }
    if (!before || !after) {
        d.status = before ? DiffStatus::removed : DiffStatus::added;
    } else {
        d.status = d.recommendation_changed ? DiffStatus::changed : DiffStatus::unchanged;
        for (const auto& o : d.options) {
            if (o.status != DiffStatus::unchanged) d.status = DiffStatus::changed;
        }
    }
    return d;
}

} // namespace

Diff diff_results(const Result& before, const Result& after) {
    Diff d;
    d.currency = after.currency;
    for (const auto& w : before.workloads)
        d.workloads.push_back(compare(&w, by_name(after.workloads, w.name)));
    for (const auto& w : after.workloads) {
        if (!by_name(before.workloads, w.name)) d.workloads.push_back(compare(nullptr, &w));
    }
    if (before.workloads.size() > 1 || after.workloads.size() > 1) {
        auto text = [](const std::optional<Portfolio>& p) { return p ? assignment_key(*p) : std::string(); };
        PortfolioDiff pd;
        const auto& a = before.portfolio.best;
        const auto& b = after.portfolio.best;
        if (a) pd.old_total = a->total_cost;
        if (b) pd.new_total = b->total_cost;
        pd.old_assignment = text(a);
        pd.new_assignment = text(b);
        pd.total_change = pd.new_total.value_or(0) - pd.old_total.value_or(0);
        if (pd.old_total && *pd.old_total != 0 && pd.new_total)
            pd.total_percent = pd.total_change / *pd.old_total * 100;
        pd.assignment_changed = pd.old_assignment != pd.new_assignment;
        d.portfolio = pd;
    }
    return d;
}

std::vector<std::string> totals_grown_above(const Diff& d, double limit_percent) {
    std::vector<std::string> out;
    for (const auto& w : d.workloads) {
        for (const auto& o : w.options) {
            if (o.status != DiffStatus::changed) continue;
            const bool grew =
                o.total_percent ? *o.total_percent > limit_percent + 1e-9 : *o.new_total > *o.old_total;
            if (grew) out.push_back(w.name + "/" + o.name);
        }
    }
    return out;
}

} // namespace llmtco
