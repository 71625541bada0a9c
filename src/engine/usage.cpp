#include "llmtco/usage.hpp"

#include "llmtco/engine.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace llmtco::usage {
namespace {

constexpr double kDay = 86400;
constexpr double kHour = 3600;

std::int64_t hundredths(double tokens) { return std::llround(std::max(0.0, tokens) * 100); }

/// Year, month, day of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
struct Civil {
    long long y;
    unsigned m, d;
};
Civil civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long y = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

Spread spread_of(const std::unordered_map<std::int64_t, double>& hist, double mean) {
    Spread s;
    s.mean = mean;
    if (hist.empty()) return s;
    s.p10 = percentile(hist, 0.1);
    s.p90 = percentile(hist, 0.9);
    const double mode = 3 * mean - s.p10 - s.p90;
    s.mode = std::clamp(mode, s.p10, s.p90);
    s.clamped = std::fabs(s.mode - mode) > 1e-9 * std::max(1.0, std::fabs(mode));
    return s;
}

} // namespace

double percentile(const std::unordered_map<std::int64_t, double>& hist, double q) {
    std::vector<std::pair<std::int64_t, double>> sorted(hist.begin(), hist.end());
    std::sort(sorted.begin(), sorted.end());
    double total = 0;
    for (const auto& [value, weight] : sorted)
        total += weight;
    if (!(total > 0)) return 0;
    double seen = 0;
    for (const auto& [value, weight] : sorted) {
        seen += weight;
        if (seen >= q * total * (1 - 1e-12)) return static_cast<double>(value) / 100;
    }
    return static_cast<double>(sorted.back().first) / 100;
}

std::optional<GrowthFit> fit_growth(const std::unordered_map<std::int64_t, double>& daily, int min_days) {
    std::vector<std::pair<double, double>> points; // (day, ln calls)
    for (const auto& [day, calls] : daily)
        if (calls > 0) points.emplace_back(static_cast<double>(day), std::log(calls));
    if (static_cast<int>(points.size()) < min_days) return std::nullopt;
    std::sort(points.begin(), points.end());
    const double n = static_cast<double>(points.size());
    const double x0 = points.front().first; // (centred: day numbers are large)
    double sx = 0, sy = 0;
    for (const auto& [x, y] : points) {
        sx += x - x0;
        sy += y;
    }
    const double mx = sx / n, my = sy / n;
    double sxx = 0, sxy = 0, syy = 0;
    for (const auto& [x, y] : points) {
        const double dx = x - x0 - mx, dy = y - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if (!(sxx > 0)) return std::nullopt;
    const double slope = sxy / sxx;
    GrowthFit fit;
    fit.daily_factor = std::exp(slope);
    fit.r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1.0;
    fit.days = static_cast<int>(points.size());
    return fit;
}

double modelled_cost(const Price& price, const Record& r) {
    if (!(r.calls > 0)) return 0;
    Workload w;
    w.input_tokens = Num::point(r.input / r.calls);
    w.output_tokens = Num::point(r.output / r.calls);
    w.reasoning_tokens = Num::point(r.reasoning / r.calls);
    if (r.input > 0) {
        w.cached_input_share = Num::point(r.cached / r.input);
        w.cache_write_share = Num::point(r.write_5m / r.input);
        w.cache_write_1h_share = Num::point(r.write_1h / r.input);
    }
    w.batchable = r.batch;
    return cloud_cost_per_call(w, price) * r.calls;
}

std::string utc_date(double unix_s) {
    const auto c = civil_from_days(static_cast<long long>(std::floor(unix_s / kDay)));
    return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}

std::string utc_month(double unix_s) { return utc_date(unix_s).substr(0, 7); }

void Aggregator::add(const Record& r) {
    const std::string& key = r.group.empty() ? r.model : r.group;
    auto [it, fresh] = index_.try_emplace(key, groups_.size());
    if (fresh) {
        groups_.emplace_back();
        groups_.back().key = key;
        groups_.back().min_start = r.start_s;
        groups_.back().max_end = r.end_s;
    }
    auto& g = groups_[it->second];
    g.model_calls[r.model] += r.calls;
    g.records += 1;
    g.calls += r.calls;
    g.input += r.input;
    g.cached += r.cached;
    g.write_5m += r.write_5m;
    g.write_1h += r.write_1h;
    g.output += r.output;
    g.reasoning += r.reasoning;
    if (r.cost) {
        g.cost += *r.cost;
        g.costed += 1;
    }
    const double end = std::max(r.end_s, r.start_s);
    g.min_start = std::min(g.min_start, r.start_s);
    g.max_end = std::max(g.max_end, end);
    const double width = end - r.start_s;
    g.widest_s = std::max(g.widest_s, width);
    if (r.calls > 0) { // per-call figures, weighted by the calls they stand for
        g.input_hist[hundredths(r.input / r.calls)] += r.calls;
        g.output_hist[hundredths(r.output / r.calls)] += r.calls;
        g.reasoning_hist[hundredths(r.reasoning / r.calls)] += r.calls;
    }
    const auto hour = static_cast<std::int64_t>(std::floor(r.start_s / kHour));
    if (width <= kHour) g.hourly[hour] += r.calls;
    // A bucket wider than a day is spread evenly over the days it covers.
    const auto first_day = static_cast<std::int64_t>(std::floor(r.start_s / kDay));
    const auto last_day = width <= kDay ? first_day : static_cast<std::int64_t>(std::ceil(end / kDay)) - 1;
    const double per_day = r.calls / static_cast<double>(last_day - first_day + 1);
    for (auto d = first_day; d <= last_day; ++d)
        g.daily[d] += per_day;
}

std::vector<Figures> Aggregator::figures(double days_per_month) const {
    std::vector<Figures> out;
    for (const auto& g : groups_) {
        Figures f;
        f.key = g.key;
        std::vector<std::pair<std::string, double>> models(g.model_calls.begin(), g.model_calls.end());
        std::stable_sort(models.begin(), models.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        for (const auto& [m, calls] : models)
            f.models.push_back(m);
        f.model = f.models.empty() ? std::string() : f.models.front();
        f.records = g.records;
        f.calls = g.calls;
        // Whole UTC days from the first record's to the last's (a request at 10:00 covers its day).
        f.first_s = std::floor(g.min_start / kDay) * kDay;
        f.last_s = std::ceil(std::max(g.max_end, g.min_start + 1) / kDay) * kDay;
        f.last_s = std::max(f.last_s, f.first_s + kDay);
        f.days = (f.last_s - f.first_s) / kDay;
        f.calls_per_day = g.calls / f.days;
        const double calls = g.calls > 0 ? g.calls : 1;
        f.input = spread_of(g.input_hist, g.input / calls);
        f.output = spread_of(g.output_hist, g.output / calls);
        f.reasoning = spread_of(g.reasoning_hist, g.reasoning / calls);
        if (g.input > 0) {
            f.cached_share = g.cached / g.input;
            f.write_share = g.write_5m / g.input;
            f.write_1h_share = g.write_1h / g.input;
        }
        const auto busiest = [](const auto& hist) {
            double top = 0;
            for (const auto& [at, c] : hist)
                top = std::max(top, c);
            return top;
        };
        if (g.calls > 0 && g.widest_s <= kHour) {
            f.peak_basis = "hour";
            f.peak_calls = busiest(g.hourly);
            f.peak_to_average = f.peak_calls / (g.calls / (f.days * 24));
        } else if (g.calls > 0 && g.widest_s <= kDay) {
            f.peak_basis = "day";
            f.peak_calls = busiest(g.daily);
            f.peak_to_average = f.peak_calls / (g.calls / f.days);
        }
        f.peak_to_average = std::max(1.0, f.peak_to_average);
        if (const auto fit = fit_growth(g.daily)) {
            f.fitted_growth = std::pow(fit->daily_factor, days_per_month) - 1;
            f.growth_r2 = fit->r2;
            f.fit_days = fit->days;
            if (f.days >= kMinFitDays && fit->r2 >= kMinFitR2) f.growth_per_month = *f.fitted_growth;
        }
        f.cost = g.cost;
        f.costed_records = g.costed;
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace llmtco::usage
