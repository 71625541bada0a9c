#include "llmtco/budget.hpp"

#include "llmtco/money.hpp"
#include "llmtco/portfolio.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace llmtco {
namespace {

const OptionResult* find_option(const WorkloadResult& w, const std::string& name) {
    for (const auto& o : w.options) {
        if (o.name == name) return &o;
    }
    return nullptr;
}

/// The cheapest cloud option of a workload that can serve it, by total.
const OptionResult* cheapest_cloud(const WorkloadResult& w) {
    const OptionResult* best = nullptr;
    for (const auto& o : w.options) {
        if (o.kind == OptionKind::cloud && o.feasible && (!best || o.total_cost < best->total_cost))
            best = &o;
    }
    return best;
}

struct Context {
    const Profile& p;
    const Budget& b;
    const WorkloadResult& w;
    std::vector<BudgetResult>& out;

    BudgetResult start(BudgetKind kind, const std::string& option) const {
        BudgetResult r;
        r.kind = kind;
        r.workload = w.name;
        r.option = option;
        r.loc = b.loc;
        return r;
    }

    void money_limit(BudgetKind kind, const OptionResult& o, std::optional<double> actual, double limit,
                     const char* what) const {
        auto r = start(kind, o.name);
        const auto& cur = p.settings.currency;
        r.actual = actual;
        r.limit = limit;
        r.limit_text = "≤ " + format_money(limit, cur);
        r.actual_text = actual ? format_money(*actual, cur) : std::string("n/a (no calls)");
        r.pass = actual && *actual <= limit + 1e-9 * std::max(1.0, std::fabs(limit));
        r.message = fmt::format("{}/{}: {} {} {} the budget of {}", w.name, o.name, what, r.actual_text,
                                r.pass ? "is within" : "exceeds", format_money(limit, cur));
        fail_if_infeasible(r, o);
        out.push_back(std::move(r));
    }

    /// An infeasible option passes no budget, whatever its figures.
    static void fail_if_infeasible(BudgetResult& r, const OptionResult& o) {
        if (o.feasible) return;
        r.pass = false;
        std::string why;
        for (const auto& reason : o.infeasible_reasons)
            why += (why.empty() ? "" : "; ") + reason;
        r.message += fmt::format(", but the option is infeasible ({}), so the budget fails", why);
    }
};

void check_one(const Profile& p, const Budget& b, const WorkloadResult& w, std::vector<BudgetResult>& out) {
    const Context ctx{p, b, w, out};
    const std::string option_name = b.option.empty() ? w.recommendation.option : b.option;
    const OptionResult* o = option_name.empty() ? nullptr : find_option(w, option_name);
    const bool numeric = b.max_monthly || b.max_total || b.max_cost_per_1k_calls || b.breakeven_within_months;
    if (numeric && !o) {
        auto missing = [&](BudgetKind kind, double limit) {
            auto r = ctx.start(kind, "");
            r.limit = limit;
            r.actual_text = "no option";
            r.limit_text = kind == BudgetKind::breakeven_within_months
                               ? "≤ " + format_months(limit)
                               : "≤ " + format_money(limit, p.settings.currency);
            r.message =
                fmt::format("{}: no option is recommended (every option is excluded), so nothing can be held "
                            "to the {} budget; name one with 'option:'",
                            w.name, budget_kind_name(kind));
            out.push_back(std::move(r));
        };
        if (b.max_monthly) missing(BudgetKind::max_monthly, *b.max_monthly);
        if (b.max_total) missing(BudgetKind::max_total, *b.max_total);
        if (b.max_cost_per_1k_calls) missing(BudgetKind::max_cost_per_1k_calls, *b.max_cost_per_1k_calls);
        if (b.breakeven_within_months)
            missing(BudgetKind::breakeven_within_months, *b.breakeven_within_months);
    }
    if (o && b.max_monthly) {
        const double peak = o->recurring_cost.empty()
                                ? 0
                                : *std::max_element(o->recurring_cost.begin(), o->recurring_cost.end());
        ctx.money_limit(BudgetKind::max_monthly, *o, peak, *b.max_monthly, "the largest recurring month");
    }
    if (o && b.max_total) {
        ctx.money_limit(BudgetKind::max_total, *o, o->total_cost, *b.max_total,
                        fmt::format("the {}-month total", p.settings.horizon_months).c_str());
    }
    if (o && b.max_cost_per_1k_calls) {
        ctx.money_limit(BudgetKind::max_cost_per_1k_calls, *o, o->cost_per_1k_calls, *b.max_cost_per_1k_calls,
                        "the cost per 1,000 calls");
    }
    if (o && b.breakeven_within_months) {
        auto r = ctx.start(BudgetKind::breakeven_within_months, o->name);
        const OptionResult* cloud = b.against.empty() ? cheapest_cloud(w) : find_option(w, b.against);
        r.limit = *b.breakeven_within_months;
        r.limit_text = "≤ " + format_months(r.limit);
        if (o->kind != OptionKind::local || !cloud) {
            r.actual_text = "n/a";
            r.message =
                o->kind != OptionKind::local
                    ? fmt::format("{}/{}: breakeven applies to a local option; the recommended option is "
                                  "cloud — name a local option with 'option:'",
                                  w.name, o->name)
                    : fmt::format("{}/{}: there is no cloud option to break even against", w.name, o->name);
        } else {
            r.against = cloud->name;
            for (const auto& be : w.breakeven) {
                if (be.local == o->name && be.cloud == cloud->name) r.actual = be.months;
            }
            r.actual_text = r.actual ? format_months(*r.actual) : std::string("never");
            r.pass = r.actual && *r.actual <= r.limit + 1e-9;
            r.message =
                fmt::format("{}/{}: breaks even against {} after {}, {} the limit of {}", w.name, o->name,
                            cloud->name, r.actual_text, r.pass ? "within" : "beyond", format_months(r.limit));
            if (!r.actual) {
                r.message = fmt::format("{}/{}: never breaks even against {}; the limit is {}", w.name,
                                        o->name, cloud->name, format_months(r.limit));
            }
            Context::fail_if_infeasible(r, *o);
        }
        out.push_back(std::move(r));
    }
    if (!b.recommend.empty()) {
        auto r = ctx.start(BudgetKind::recommend, w.recommendation.option);
        const auto& rec = w.recommendation;
        const char* kind = rec.kind == OptionKind::cloud ? "cloud" : "local";
        r.limit_text = b.recommend;
        r.actual_text = rec.option.empty() ? std::string("none") : fmt::format("{} ({})", rec.option, kind);
        r.pass = !rec.option.empty() && (b.recommend == rec.option || b.recommend == kind);
        r.message = fmt::format("{}: the recommendation is {}; the budget expects {}", w.name, r.actual_text,
                                b.recommend);
        out.push_back(std::move(r));
    }
}

} // namespace

std::string budget_kind_name(BudgetKind kind) {
    switch (kind) {
    case BudgetKind::max_monthly:
        return "max_monthly";
    case BudgetKind::max_total:
        return "max_total";
    case BudgetKind::max_cost_per_1k_calls:
        return "max_cost_per_1k_calls";
    case BudgetKind::breakeven_within_months:
        return "breakeven_within_months";
    case BudgetKind::recommend:
        return "recommend";
    }
    return "?";
}

namespace {

/// A portfolio budget (PRODUCT §4c): the best portfolio's total, its largest recurring month, and
/// whether it uses cloud options only, local options only, or both.
void check_portfolio(const Profile& p, const Budget& b, const Result& r, std::vector<BudgetResult>& out) {
    const auto& best = r.portfolio.best;
    const auto& cur = p.settings.currency;
    const std::string assignment = best ? assignment_text(*best) : std::string();
    auto start = [&](BudgetKind kind) {
        BudgetResult res;
        res.kind = kind;
        res.workload = "portfolio";
        res.option = assignment;
        res.loc = b.loc;
        return res;
    };
    auto money = [&](BudgetKind kind, std::optional<double> actual, double limit, const std::string& what) {
        auto res = start(kind);
        res.limit = limit;
        res.limit_text = "≤ " + format_money(limit, cur);
        res.actual = actual;
        res.actual_text = actual ? format_money(*actual, cur) : std::string("no portfolio");
        res.pass = actual && *actual <= limit + 1e-9 * std::max(1.0, std::fabs(limit));
        res.message =
            actual
                ? fmt::format("portfolio ({}): {} {} {} the budget of {}", assignment, what, res.actual_text,
                              res.pass ? "is within" : "exceeds", format_money(limit, cur))
                : fmt::format("portfolio: no feasible portfolio (no allowed option serves {}), so "
                              "the {} budget fails",
                              fmt::join(r.portfolio.unassignable, ", "), budget_kind_name(kind));
        out.push_back(std::move(res));
    };
    if (b.max_total) {
        money(BudgetKind::max_total, best ? std::optional<double>(best->total_cost) : std::nullopt,
              *b.max_total, fmt::format("the {}-month total", p.settings.horizon_months));
    }
    if (b.max_monthly) {
        std::optional<double> peak;
        if (best)
            peak = best->recurring_cost.empty()
                       ? 0
                       : *std::max_element(best->recurring_cost.begin(), best->recurring_cost.end());
        money(BudgetKind::max_monthly, peak, *b.max_monthly, "the largest recurring month");
    }
    if (!b.recommend.empty()) {
        auto res = start(BudgetKind::recommend);
        const std::string uses = !best                                  ? "none"
                                 : best->uses_local && best->uses_cloud ? "mixed"
                                 : best->uses_local                     ? "local"
                                                                        : "cloud";
        res.limit_text = b.recommend;
        res.actual_text = uses;
        res.pass = uses == b.recommend;
        res.message = fmt::format("portfolio{}: the best portfolio is {}; the budget expects {}",
                                  best ? " (" + assignment + ")" : std::string(), uses, b.recommend);
        out.push_back(std::move(res));
    }
}

} // namespace

std::vector<BudgetResult> check_budgets(const Profile& p, const Result& r) {
    std::vector<BudgetResult> out;
    for (const auto& b : p.budgets) {
        if (b.portfolio) {
            check_portfolio(p, b, r, out);
            continue;
        }
        for (const auto& w : r.workloads) {
            if (b.workload.empty() || b.workload == w.name) check_one(p, b, w, out);
        }
    }
    return out;
}

} // namespace llmtco
