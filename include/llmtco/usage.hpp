#pragma once

// Real usage in (PRODUCT §4e): usage records of any source, normalised to one shape, summed as they
// stream past (memory bounded by the distinct token counts and the hours covered, never by the
// number of records), and turned into a workload's measured figures.

#include "llmtco/profile.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace llmtco::usage {

/// One request, or one bucket of `calls` requests (a usage API's time bucket), with its tokens in
/// one convention whatever the source's: `input` is every prompt token (uncached, cache reads and
/// cache writes); `output` excludes reasoning, which is counted apart.
struct Record {
    std::string model;
    std::string group;  ///< the --group-by value (project, key, tag); empty: grouped by model
    double start_s = 0; ///< Unix seconds: the request's time, or the bucket's start
    double end_s = 0;   ///< the bucket's end; a request: its start
    double calls = 1;
    double input = 0;
    double cached = 0;   ///< cache reads, inside input
    double write_5m = 0; ///< input written to a 5-minute cache, inside input
    double write_1h = 0; ///< input written to a 1-hour cache, inside input
    double output = 0;
    double reasoning = 0;
    bool batch = false;         ///< billed through the provider's batch interface
    std::optional<double> cost; ///< what the record says it cost (USD)
};

/// A per-call figure's spread, weighted by calls: the mean and the 10th and 90th percentiles
/// (nearest rank), with the mode of the triangle {min: P10, mode, max: P90} whose mean is the
/// data's: 3·mean − P10 − P90, clamped into [P10, P90] (`clamped`: the triangle's mean then differs).
struct Spread {
    double mean = 0;
    double p10 = 0;
    double p90 = 0;
    double mode = 0;
    bool clamped = false;
};

/// The measured figures of one workload.
struct Figures {
    std::string key;                 ///< the group, or the model
    std::string model;               ///< the model with the most calls
    std::vector<std::string> models; ///< every model seen, most calls first
    double records = 0;
    double calls = 0;
    double first_s = 0, last_s = 0; ///< the period covered: whole UTC days
    double days = 0;
    double calls_per_day = 0;
    Spread input, output, reasoning;
    double cached_share = 0, write_share = 0, write_1h_share = 0; ///< of all input tokens
    double peak_to_average = 1;
    std::string peak_basis; ///< "hour", "day", or "" when the records are coarser than a day
    double peak_calls = 0;  ///< in the busiest hour or day
    /// The fit's growth, adopted when the records cover 28 days or more and its R² is 0.5 or more
    /// (a shorter or noisier fit, extrapolated over a horizon of years, is not a figure to sign).
    double growth_per_month = 0;
    std::optional<double> fitted_growth; ///< nullopt: fewer than 7 days with calls, no fit
    std::optional<double> growth_r2;
    int fit_days = 0;
    double cost = 0; ///< the records' own costs, summed
    double costed_records = 0;
};

/// Sums records as they come, per group (or per model without one).
class Aggregator {
  public:
    void add(const Record& r);
    /// Each group's figures, in the order they first appeared. `days_per_month` turns the daily
    /// growth fit into a monthly one.
    std::vector<Figures> figures(double days_per_month) const;
    bool empty() const { return groups_.empty(); }
    static constexpr double kMinFitDays = 28; ///< days covered before a fitted growth is adopted
    static constexpr double kMinFitR2 = 0.5;

  private:
    struct Group {
        std::string key;
        std::map<std::string, double> model_calls;
        double records = 0, calls = 0;
        double input = 0, cached = 0, write_5m = 0, write_1h = 0, output = 0, reasoning = 0;
        double cost = 0, costed = 0;
        double min_start = 0, max_end = 0;
        double widest_s = 0; ///< the widest bucket
        // calls by per-call token count (hundredths of a token: bucket means are fractional)
        std::unordered_map<std::int64_t, double> input_hist, output_hist, reasoning_hist;
        std::unordered_map<std::int64_t, double> hourly, daily; ///< calls by UTC hour and day index
    };
    std::vector<Group> groups_;
    std::unordered_map<std::string, std::size_t> index_;
};

/// The weighted nearest-rank percentile `q` (0…1) of a histogram of hundredths.
double percentile(const std::unordered_map<std::int64_t, double>& hist, double q);

/// The least-squares line of ln(calls) on the day index over the days with calls: daily growth
/// factor e^slope and R². nullopt with fewer than `min_days` such days.
struct GrowthFit {
    double daily_factor = 1;
    double r2 = 0;
    int days = 0;
};
std::optional<GrowthFit> fit_growth(const std::unordered_map<std::int64_t, double>& daily, int min_days = 7);

/// What `r` costs at `price` by the estimate's own per-call formula (PRODUCT §4, cloud per_call):
/// its calls at its mean tokens a call, its shares of cache reads and writes, the batch discount
/// when it went through the batch interface.
double modelled_cost(const Price& price, const Record& r);

/// "2026-11-03" for Unix seconds (UTC).
std::string utc_date(double unix_s);
/// "2026-11" for Unix seconds (UTC).
std::string utc_month(double unix_s);

} // namespace llmtco::usage
