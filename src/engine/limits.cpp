#include "llmtco/limits.hpp"

#include "llmtco/capacity.hpp"
#include "llmtco/engine.hpp"
#include "llmtco/money.hpp"

#include <cmath>
#include <fmt/format.h>

namespace llmtco {
namespace {

/// 10^log10_value in words: grouped digits up to 1e15, then "1.1e419" (the value itself may not be
/// representable).
std::string limit_magnitude(double log10_value) {
    if (log10_value < 15) return format_number(std::pow(10, log10_value), 0);
    const double exponent = std::floor(log10_value);
    return fmt::format("{:.1f}e{}", std::pow(10, log10_value - exponent), exponent);
}

std::string workload_key(const Workload& w, const char* key) {
    return fmt::format("workloads.{}.{}", w.name, key);
}

/// A call longer than a local model's context window cannot run (PRODUCT §4b).
std::optional<LimitBreach> local_window_breach(const Workload& w, const LocalOption& l) {
    const double window = l.model.context_tokens.value;
    const double tokens = w.input_tokens.value + w.output_tokens.value + w.reasoning_tokens.value;
    if (!(window > 0) || tokens <= window) return std::nullopt;
    return LimitBreach{
        workload_key(w, "input_tokens"),
        fmt::format("workload '{}': a call of {} tokens (input + output + reasoning) exceeds the {}-token "
                    "context window of local option '{}' ({}); shorten the calls or choose a model with a "
                    "longer window",
                    w.name, format_number(tokens, 0), format_number(window, 0), l.name,
                    l.model.preset.empty() ? std::string("model.context_tokens") : l.model.preset)};
}

/// A prompt longer than a cloud model accepts, or more generated tokens than it returns (the
/// catalog's max_input_tokens and max_output_tokens, from the LiteLLM file).
std::optional<LimitBreach> cloud_window_breach(const Workload& w, const CloudOption& c) {
    const double in = w.input_tokens.value;
    if (c.max_input_tokens && in > *c.max_input_tokens) {
        return LimitBreach{
            workload_key(w, "input_tokens"),
            fmt::format("workload '{}': a call of {} input tokens exceeds the {}-token input limit of cloud "
                        "option '{}' ({}, max_input_tokens in the catalog); shorten the calls or choose a "
                        "model with a longer window",
                        w.name, format_number(in, 0), format_number(*c.max_input_tokens, 0), c.name,
                        c.model)};
    }
    const double generated = w.output_tokens.value + w.reasoning_tokens.value;
    if (c.max_output_tokens && generated > *c.max_output_tokens) {
        return LimitBreach{
            workload_key(w, w.output_tokens.value > 0 ? "output_tokens" : "reasoning_tokens"),
            fmt::format(
                "workload '{}': a call generating {} tokens (output + reasoning) exceeds the {}-token "
                "output limit of cloud option '{}' ({}, max_output_tokens in the catalog); shorten "
                "the answers or choose a model that returns more",
                w.name, format_number(generated, 0), format_number(*c.max_output_tokens, 0), c.name,
                c.model)};
    }
    return std::nullopt;
}

/// Output or reasoning tokens that only embedding models are offered for: no option can serve.
std::optional<LimitBreach> nobody_serves_breach(const Profile& p, const Workload& w) {
    if (!p.local.empty() || p.cloud.empty()) return std::nullopt;
    std::vector<std::string> models;
    for (const auto& c : p.cloud) {
        if (cloud_is_feasible(w, c)) return std::nullopt;
        models.push_back(fmt::format("'{}' ({})", c.name, c.model));
    }
    const auto models_text = fmt::format("{}", fmt::join(models, ", "));
    return LimitBreach{
        workload_key(w, w.output_tokens.value > 0 ? "output_tokens" : "reasoning_tokens"),
        fmt::format("workload '{}' generates {} a call, but no option can: {} {}; add a chat model or "
                    "set output_tokens and reasoning_tokens to 0",
                    w.name, generated_tokens_text(w), models_text,
                    models.size() == 1 ? "is an embedding model" : "are embedding models")};
}

/// The busiest month's volume, at the ranges' high ends, in log10 (the value may overflow).
struct PeakVolume {
    double log10_calls_per_day = -HUGE_VAL; ///< average over the busiest month
    double log10_peak = -HUGE_VAL;          ///< × peak_to_average
    double growth = 0;                      ///< per month, the high end
    int month = 1;                          ///< the busiest month
    double calls_per_day = 0;               ///< month 1, the high end
};

/// The busiest month's volume in plain figures; with_logs adds the logarithms the messages and the
/// fleet check use.
PeakVolume busiest_volume(const Profile& p, const Workload& w) {
    PeakVolume v;
    const auto& rate = w.calls;
    v.calls_per_day = rate.amount.high / (rate.unit_days + rate.unit_months * p.settings.days_per_month);
    v.growth = w.growth_per_month.high;
    v.month = v.growth > 0 ? p.settings.horizon_months : 1;
    return v;
}

void with_logs(const Workload& w, PeakVolume& v) {
    if (!(v.calls_per_day > 0)) return;
    v.log10_calls_per_day = std::log10(v.calls_per_day) + (v.month - 1) * std::log10(1 + v.growth);
    v.log10_peak = v.log10_calls_per_day + std::log10(std::max(1.0, w.peak_to_average.high));
}

/// The peak within kCallsPerDayLimit, tested without logarithms (every sweep scenario asks); false
/// for a volume that overflows to inf or is NaN.
bool within_volume_limit(const Workload& w, const PeakVolume& v) {
    if (!(v.calls_per_day > 0)) return true;
    const double grown = v.month > 1 ? std::pow(1 + v.growth, v.month - 1) : 1;
    return v.calls_per_day * grown * std::max(1.0, w.peak_to_average.high) <= kCallsPerDayLimit;
}

std::string compounded_growth_text(const Workload& w, const PeakVolume& v) {
    return fmt::format("{}% a month{}", format_number(v.growth * 100, 2),
                       w.growth_per_month.ranged() ? " (its range's high end)" : "");
}

/// Growth compounded over the horizon (or the volume itself) past kCallsPerDayLimit.
std::optional<LimitBreach> volume_breach(const Workload& w, const PeakVolume& v) {
    if (!(v.log10_peak > std::log10(kCallsPerDayLimit))) return std::nullopt;
    const std::string at_peak =
        w.peak_to_average.high > 1
            ? fmt::format(", {} at the peak (peak_to_average {})", limit_magnitude(v.log10_peak),
                          format_number(w.peak_to_average.high))
            : std::string();
    const double log10_peak_factor = std::log10(std::max(1.0, w.peak_to_average.high));
    const double log10_first_month = std::log10(v.calls_per_day);
    if (v.month > 1 && log10_first_month + log10_peak_factor <= std::log10(kCallsPerDayLimit)) {
        return LimitBreach{
            workload_key(w, "growth_per_month"),
            fmt::format(
                "workload '{}' grows {}: {} calls a day in month 1 become {} in month {}{}, above the "
                "limit of {} calls a day (limit max_calls_per_day); lower growth_per_month or the "
                "horizon",
                w.name, compounded_growth_text(w, v), format_number(v.calls_per_day, 0),
                limit_magnitude(v.log10_calls_per_day), v.month, at_peak, limit_magnitude(12))};
    }
    const std::string first_peak = w.peak_to_average.high > 1
                                       ? fmt::format(", {} at the peak (peak_to_average {})",
                                                     limit_magnitude(log10_first_month + log10_peak_factor),
                                                     format_number(w.peak_to_average.high))
                                       : std::string();
    return LimitBreach{workload_key(w, "calls"),
                       fmt::format("workload '{}' makes {} calls a day{}, above the limit of {} calls a day "
                                   "(limit max_calls_per_day)",
                                   w.name, limit_magnitude(log10_first_month), first_peak,
                                   limit_magnitude(12))};
}

/// The fleet an `auto` local option needs in the busiest month, past kMachineLimit.
std::optional<LimitBreach> fleet_breach(const Profile& p, const Workload& w, const LocalOption& l,
                                        const PeakVolume& v) {
    if (l.machines || !std::isfinite(v.log10_calls_per_day)) return std::nullopt;
    const double per_monthly_call = machines_per_monthly_call(p, w, l);
    if (!(per_monthly_call > 0) || !std::isfinite(per_monthly_call)) return std::nullopt;
    const double log10_machines =
        v.log10_calls_per_day + std::log10(p.settings.days_per_month) + std::log10(per_monthly_call);
    if (!(log10_machines > std::log10(kMachineLimit))) return std::nullopt;
    const double seconds =
        local_capacity(w, l, w.calls.calls_per_day(p.settings.days_per_month)).sizing_seconds_per_call;
    const bool grows = v.month > 1;
    return LimitBreach{
        workload_key(w, grows ? "growth_per_month" : "calls"),
        fmt::format(
            "local option '{}' would need {} machines for workload '{}' in month {} ({} calls a day{}, "
            "{} machine-seconds a call), above the limit of {} machines (limit max_machines); {}",
            l.name,
            log10_machines < 15 ? format_number(std::ceil(std::pow(10, log10_machines)), 0)
                                : limit_magnitude(log10_machines),
            w.name, v.month, limit_magnitude(v.log10_calls_per_day),
            grows ? " at " + compounded_growth_text(w, v) : std::string(), format_number(seconds, 3),
            limit_magnitude(6),
            std::string(grows ? "lower growth_per_month or the horizon"
                              : "lower the volume or give it faster hardware") +
                (w.active_hours_per_day.value < 24
                     ? fmt::format(", or spread the calls over more than active_hours_per_day {} hours",
                                   format_number(w.active_hours_per_day.value, 4))
                     : std::string()))};
}

} // namespace

namespace {

/// Cache reads and 5-minute and 1-hour cache writes are shares of one input: together at most all
/// of it, at the top of their ranges too (every sample of `simulate` must hold).
std::optional<LimitBreach> input_shares_breach(const Workload& w) {
    const auto top = [](const Num& n) { return std::max(n.value, n.high); };
    const double cached = top(w.cached_input_share), write = top(w.cache_write_share),
                 write_1h = top(w.cache_write_1h_share);
    if (cached + write + write_1h <= 1 + 1e-12) return std::nullopt;
    const char* key = write_1h > 0 ? "cache_write_1h_share" : "cache_write_share";
    return LimitBreach{workload_key(w, key),
                       fmt::format("workload '{}': cached_input_share {} + cache_write_share {} + "
                                   "cache_write_1h_share {} = {} of the input; the three shares of one "
                                   "input sum to at most 1",
                                   w.name, format_number(cached, 4), format_number(write, 4),
                                   format_number(write_1h, 4), format_number(cached + write + write_1h, 4))};
}

} // namespace

std::optional<LimitBreach> first_limit_breach(const Profile& p, LimitChecks checks) {
    for (const auto& w : p.workloads) {
        if (auto b = input_shares_breach(w)) return b;
        for (const auto& l : p.local) {
            if (auto b = local_window_breach(w, l)) return b;
        }
        for (const auto& c : p.cloud) {
            if (auto b = cloud_window_breach(w, c)) return b;
        }
        if (auto b = nobody_serves_breach(p, w)) return b;
        auto volume = busiest_volume(p, w);
        const bool fleets = checks == LimitChecks::all;
        if (!fleets && within_volume_limit(w, volume)) continue;
        with_logs(w, volume);
        if (auto b = volume_breach(w, volume)) return b;
        if (!fleets) continue;
        for (const auto& l : p.local) {
            if (auto b = fleet_breach(p, w, l, volume)) return b;
        }
    }
    return std::nullopt;
}

} // namespace llmtco
