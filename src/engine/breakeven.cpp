#include "llmtco/breakeven.hpp"

#include <algorithm>
#include <cmath>

namespace llmtco {
namespace {

bool at_most(double a, double b) { return a <= b + 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

} // namespace

std::optional<int> breakeven_month(std::span<const double> local_monthly,
                                   std::span<const double> cloud_monthly) {
    double cum_local = 0;
    double cum_cloud = 0;
    for (std::size_t m = 0; m < local_monthly.size() && m < cloud_monthly.size(); ++m) {
        cum_local += local_monthly[m];
        cum_cloud += cloud_monthly[m];
        if (at_most(cum_local, cum_cloud)) return static_cast<int>(m + 1);
    }
    return std::nullopt;
}

std::optional<double> breakeven_months(std::span<const double> local_monthly,
                                       std::span<const double> cloud_monthly,
                                       std::span<const double> local_recurring,
                                       std::span<const double> cloud_recurring) {
    if (auto month = breakeven_month(local_monthly, cloud_monthly)) return static_cast<double>(*month);
    if (local_recurring.empty() || cloud_recurring.empty()) return std::nullopt;
    const double saving = cloud_recurring.back() - local_recurring.back();
    if (!(saving > 0)) return std::nullopt;
    double gap = 0;
    for (std::size_t m = 0; m < local_monthly.size(); ++m)
        gap += local_monthly[m] - cloud_monthly[m];
    const double months = static_cast<double>(local_monthly.size()) + gap / saving;
    if (!std::isfinite(months)) return std::nullopt;
    return months;
}

std::optional<double> breakeven_calls_per_day(const Profile& p, const Workload& w, const LocalOption& l,
                                              const CloudOption& c) {
    std::vector<double> monthly;
    std::vector<double> recurring;
    auto gap = [&](double calls_per_day) {
        LocalSummary summary;
        const double local = local_series(p, w, l, calls_per_day, monthly, recurring, &summary);
        if (!summary.feasible) return HUGE_VAL; // calls would go unserved: no volume where that is cheaper
        const double cloud = cloud_series(p, w, c, calls_per_day, monthly, recurring);
        return local - cloud;
    };
    constexpr double kMaxCallsPerDay = 1e9;
    if (gap(0) <= 0) return 0.0;
    double low = 0;
    double high = 1e-3;
    while (gap(high) > 0) {
        low = high;
        if (high >= kMaxCallsPerDay) return std::nullopt;
        high = std::min(high * 2, kMaxCallsPerDay);
    }
    // gap(low) > 0 ≥ gap(high): bisect to 0.1 % of the volume.
    while (high - low > 1e-4 * high) {
        const double mid = (low + high) / 2;
        (gap(mid) > 0 ? low : high) = mid;
    }
    return high;
}

BreakevenResult breakeven(const Profile& p, const Workload& w, const LocalOption& l, const CloudOption& c,
                          const OptionResult& local_result, const OptionResult& cloud_result) {
    BreakevenResult b;
    b.local = l.name;
    b.cloud = c.name;
    if (local_result.feasible) { // an option that drops calls never breaks even
        b.month = breakeven_month(local_result.monthly_cost, cloud_result.monthly_cost);
        b.months = breakeven_months(local_result.monthly_cost, cloud_result.monthly_cost,
                                    local_result.recurring_cost, cloud_result.recurring_cost);
    }
    b.calls_per_day = breakeven_calls_per_day(p, w, l, c);
    return b;
}

} // namespace llmtco
