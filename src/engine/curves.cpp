#include "llmtco/curves.hpp"

#include <algorithm>
#include <cmath>

namespace llmtco {

std::vector<double> cumulative(std::span<const double> monthly) {
    std::vector<double> out{0.0};
    out.reserve(monthly.size() + 1);
    for (double m : monthly)
        out.push_back(out.back() + m);
    return out;
}

std::vector<double> cumulative_net(const OptionResult& o) {
    auto c = cumulative(o.monthly_cost);
    for (std::size_t m = 0; m < o.book_value.size() && m + 1 < c.size(); ++m)
        c[m + 1] -= o.book_value[m];
    return c;
}

std::vector<double> log_spaced(double low, double high, int n) {
    std::vector<double> out(static_cast<std::size_t>(n));
    const double a = std::log10(low), b = std::log10(high);
    for (int i = 0; i < n; ++i)
        out[static_cast<std::size_t>(i)] = std::pow(10.0, a + (b - a) * i / (n - 1));
    out.front() = low;
    out.back() = high;
    return out;
}

VolumeCurve cost_by_volume(const Profile& p, const Workload& w, std::span<const double> volumes) {
    VolumeCurve curve;
    curve.calls_per_day.assign(volumes.begin(), volumes.end());
    std::vector<double> monthly, recurring;
    for (const auto& c : p.cloud) {
        auto& totals = curve.totals.emplace_back();
        curve.feasible.emplace_back(volumes.size(), true);
        for (double v : volumes)
            totals.push_back(cloud_series(p, w, c, v, monthly, recurring));
    }
    for (const auto& l : p.local) {
        auto& totals = curve.totals.emplace_back();
        auto& feasible = curve.feasible.emplace_back();
        for (double v : volumes) {
            LocalSummary summary;
            totals.push_back(local_series(p, w, l, v, monthly, recurring, &summary));
            feasible.push_back(summary.feasible);
        }
    }
    return curve;
}

std::pair<double, double> volume_range(const WorkloadResult& w) {
    double low = w.calls_per_day > 0 ? w.calls_per_day : 1.0;
    double high = low;
    for (const auto& b : w.breakeven) {
        if (!b.calls_per_day || *b.calls_per_day <= 0) continue;
        low = std::min(low, *b.calls_per_day);
        high = std::max(high, *b.calls_per_day);
    }
    low = std::max(1e-3, low / 10);
    high = std::min(1e9, high * 10);
    if (high <= low) high = low * 100;
    return {low, high};
}

} // namespace llmtco
