#pragma once
/// Breakeven of a local option against a cloud option (PRODUCT.md §4 "Breakeven"), on the net view:
/// cumulative cash less the book value of the hardware still owned, so that at month H it is the
/// option's total and breakeven, totals and the recommendation agree.

#include "llmtco/engine.hpp"

#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace llmtco {

/// Σ of a series of monthly cash flows, when the loop that made it kept it (the breakeven scans
/// then skip a pass over the months).
struct FlowSums {
    double total = 0;
};

/// A local option's cash flows over the horizon, with what continuing them past it needs.
struct LocalFlows {
    std::span<const double> monthly;   ///< cash, months 1…H
    std::span<const double> purchases; ///< machines bought in each month, replacements included
    std::span<const double> added;     ///< machines added in each month (not replacements)
    double machines = 0;               ///< the sum of `added`: the fleet at month H
    double unit_price = 0;             ///< purchase per machine; 0 for rented or free hardware
    double lifetime = 0;               ///< months between a machine's replacements
    double recurring_last = 0;         ///< month H's recurring cost, held past the horizon
    /// The net view counts the book value of the machines owned (straight-line residual on), from
    /// `purchases`; book_at_h is its value at month H (residual_value).
    bool books = false;
    double book_at_h = 0;
    std::optional<FlowSums> sums; ///< of `monthly`; nullopt: summed when needed
};

/// A cloud option's cash flows over the horizon.
struct CloudFlows {
    std::span<const double> monthly;
    double recurring_last = 0;    ///< month H's recurring cost, held past the horizon
    std::optional<FlowSums> sums; ///< of `monthly`; nullopt: summed when needed
};

/// When local comes out ahead.
struct BreakevenTiming {
    std::optional<int> month;                     ///< first month from which local stays ahead to H
    std::vector<std::pair<int, int>> ahead_spans; ///< earlier runs of months ahead, [first, last]
    std::optional<int> payback_month;             ///< `month` on cash alone (no book value)
    std::optional<int> months;                    ///< first month from which local stays ahead for good
};

/// No month past this is reported: 100 years.
inline constexpr int kMaxBreakevenMonths = 1200;

BreakevenTiming breakeven_timing(const LocalFlows& local, const CloudFlows& cloud);

/// Only BreakevenTiming::months, without allocating (sweep and simulate call it per scenario); with
/// `month`, BreakevenTiming::month too, from the same scan.
std::optional<int> breakeven_months(const LocalFlows& local, const CloudFlows& cloud,
                                    std::optional<int>* month = nullptr);

/// The flows of a local option as local_series left them in `summary` (valid until the next
/// local_series call on this thread).
LocalFlows local_flows(const LocalOption& l, std::span<const double> monthly,
                       std::span<const double> recurring, const LocalSummary& summary);

/// The breakeven volume: the smallest calls/day from which local's total stays at most cloud's at
/// every higher volume up to 1e9/day (0: local is never dearer; nullopt: dearer at 1e9/day), and
/// the bands of lower volumes where local is cheaper too.
struct BreakevenVolume {
    std::optional<double> calls_per_day;
    std::vector<std::pair<double, double>> cheaper_bands;
};

BreakevenVolume breakeven_volume(const Profile& p, const Workload& w, const LocalOption& l,
                                 const CloudOption& c);

/// While one lives (on this thread), the breakeven-volume searches of one workload and local
/// option against each cloud option share the local totals at the volumes they sample (the same
/// volumes: they depend on the workload and the local option only). The profile must not change
/// while it lives; estimate() holds one per workload and local option.
class VolumeSearchScope {
  public:
    VolumeSearchScope();
    ~VolumeSearchScope();
    VolumeSearchScope(const VolumeSearchScope&) = delete;
    VolumeSearchScope& operator=(const VolumeSearchScope&) = delete;
};

BreakevenResult breakeven(const Profile& p, const Workload& w, const LocalOption& l, const CloudOption& c,
                          const OptionResult& local_result, const OptionResult& cloud_result);

} // namespace llmtco
