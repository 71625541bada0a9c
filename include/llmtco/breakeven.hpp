#pragma once
/// Breakeven of a local option against a cloud option: the month, extrapolated months, and the
/// volume at which the local total over the horizon meets the cloud total.

#include "llmtco/engine.hpp"

#include <optional>
#include <span>

namespace llmtco {

/// First month m (1-based) with cumulative local ≤ cumulative cloud; nullopt if none in the horizon.
std::optional<int> breakeven_month(std::span<const double> local_monthly,
                                   std::span<const double> cloud_monthly);

/// `breakeven_month`, or when none: H + (cum_L(H) − cum_C(H)) / r with r the last month's recurring
/// saving, if r > 0; nullopt ("never") otherwise.
std::optional<double> breakeven_months(std::span<const double> local_monthly,
                                       std::span<const double> cloud_monthly,
                                       std::span<const double> local_recurring,
                                       std::span<const double> cloud_recurring);

/// Smallest calls/day (within 0.1 %, up to 1e9) at which the local total ≤ the cloud total.
std::optional<double> breakeven_calls_per_day(const Profile& p, const Workload& w, const LocalOption& l,
                                              const CloudOption& c);

BreakevenResult breakeven(const Profile& p, const Workload& w, const LocalOption& l, const CloudOption& c,
                          const OptionResult& local_result, const OptionResult& cloud_result);

} // namespace llmtco
