// Present values (PRODUCT §4f): the cash flows of an option discounted at settings.discount_rate.

#include "llmtco/engine.hpp"

#include <algorithm>
#include <cmath>

namespace llmtco {

double monthly_rate(double annual) { return std::pow(1 + annual, 1.0 / 12) - 1; }

double present_value(std::span<const double> monthly, double residual, double annual) {
    const double v = 1 / (1 + monthly_rate(annual));
    double factor = 1, pv = 0;
    for (const double flow : monthly) {
        factor *= v; // the end of this month
        pv += flow * factor;
    }
    return pv - residual * factor;
}

std::optional<int> present_value_breakeven(const OptionResult& local, const OptionResult& cloud,
                                           double annual) {
    const std::size_t H = std::min(local.monthly_cost.size(), cloud.monthly_cost.size());
    if (H == 0) return std::nullopt;
    const double v = 1 / (1 + monthly_rate(annual));
    double factor = 1, local_pv = 0, cloud_pv = 0, scale = 1;
    std::vector<double> difference(H); // discounted: local − its book value − cloud, at each month's end
    for (std::size_t m = 0; m < H; ++m) {
        factor *= v;
        local_pv += local.monthly_cost[m] * factor;
        cloud_pv += cloud.monthly_cost[m] * factor;
        const double book = m < local.book_value.size() ? local.book_value[m] : 0.0;
        difference[m] = local_pv - book * factor - cloud_pv;
        scale = std::max({scale, std::fabs(local_pv), std::fabs(cloud_pv)});
    }
    // ahead: at or below the cloud's, beyond rounding; the breakeven is the first month of the
    // last run of such months that reaches H
    auto behind = [&](double d) { return d > 1e-9 * scale; };
    if (behind(difference[H - 1])) return std::nullopt;
    std::size_t first = H - 1;
    while (first > 0 && !behind(difference[first - 1]))
        --first;
    return static_cast<int>(first + 1);
}

} // namespace llmtco
