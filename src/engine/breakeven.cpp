#include "llmtco/breakeven.hpp"

#include "engine/series.hpp"
#include "llmtco/limits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace llmtco {
namespace {

/// Local is behind: the net difference is above zero beyond rounding (`scale` is the money at stake).
bool behind(double difference, double scale) { return difference > 1e-9 * std::max(1.0, scale); }

/// The month of the j-th purchase of a cohort added in month `a` (0-based), as the local loop
/// schedules it: a + ceil(j · lifetime).
double purchase_month(double a, int j, double lifetime) { return a + std::ceil(j * lifetime - 1e-9); }

/// Book value at the end of month k (0-based) of a cohort of `count` machines added in month a,
/// replaced every `lifetime` months: the latest purchase at or before k, straight-line.
double cohort_book(double a, double count, double price, double lifetime, double k) {
    if (k < a || !(lifetime > 0)) return 0;
    int j = static_cast<int>(std::floor((k - a) / lifetime)) + 1;
    while (j > 0 && purchase_month(a, j, lifetime) > k)
        --j;
    const double bought = purchase_month(a, j, lifetime);
    const double used = k - bought + 1;
    return count * price * std::max(0.0, 1 - used / lifetime);
}

/// Purchases in month k (0-based) of a cohort added in month a: count × price when k is one of its
/// purchase months.
double cohort_purchases(double a, double count, double price, double lifetime, double k) {
    if (k < a || !(lifetime > 0)) return k == a ? count * price : 0;
    const int j = static_cast<int>(std::floor((k - a) / lifetime));
    for (int i = std::max(0, j - 1); i <= j + 1; ++i) {
        if (purchase_month(a, i, lifetime) == k) return count * price;
    }
    return 0;
}

/// The flows past the horizon, month by month, for a lifetime that is not a whole number of months
/// (months_periodic handles the rest): month k ≥ H (0-based) of the difference local − cloud on
/// the net view, the volume held at month H's, machines replaced on schedule.
class Continuation {
  public:
    Continuation(const LocalFlows& l, const CloudFlows& c, double difference_at_h, double book_at_h)
        : l_(l), trend_(l.recurring_last - c.recurring_last), cash_(difference_at_h + book_at_h),
          horizon_(static_cast<double>(l.monthly.size())) {
        if (l.unit_price > 0) {
            for (std::size_t m = 0; m < l.added.size(); ++m) {
                if (l.added[m] > 0) {
                    cohorts_.push_back({static_cast<double>(m), l.added[m]});
                    machines_ += l.added[m];
                }
            }
        }
    }

    /// Net difference at month k (0-based, k ≥ H); call with k = H, H+1, … in order.
    double next(double k) {
        cash_ += trend_;
        double book = 0;
        for (const auto& [a, count] : cohorts_) {
            cash_ += cohort_purchases(a, count, l_.unit_price, l_.lifetime, k);
            if (l_.books) book += cohort_book(a, count, l_.unit_price, l_.lifetime, k);
        }
        return cash_ - book;
    }

    /// The difference's average change a month: recurring, plus every machine bought again once a
    /// lifetime.
    double monthly_trend() const {
        return trend_ + (machines_ > 0 && l_.lifetime > 0 ? machines_ * l_.unit_price / l_.lifetime : 0);
    }
    /// An upper bound on the difference at month k past the horizon (book ≥ 0; at most one more
    /// purchase of every machine than the average).
    double upper_bound(double k) const {
        return bound_base_ + (k - horizon_ + 1) * monthly_trend() + machines_ * l_.unit_price;
    }
    void set_bound_base(double b) { bound_base_ = b; }

  private:
    const LocalFlows& l_;
    double trend_;
    double cash_;
    double horizon_;
    double machines_ = 0;
    double bound_base_ = 0;
    std::vector<std::pair<double, double>> cohorts_;
};

/// The book value at a month's end, from the purchases (residual_value of the months up to it),
/// asked for only where it decides: month H's is carried by the flows, and a scan needs the others
/// only in the months where local is behind on cash (the book value can only bring it ahead).
class BookValues {
  public:
    explicit BookValues(const LocalFlows& l) : l_(l) {}
    double at(std::size_t m) const {
        if (!l_.books) return 0;
        if (m + 1 == l_.monthly.size()) return l_.book_at_h;
        if (m >= l_.purchases.size()) return 0;
        return residual_value(l_.purchases.first(m + 1), l_.unit_price, l_.lifetime);
    }

  private:
    const LocalFlows& l_;
};

/// Calls `out(m, difference)` with the difference local − cloud, on the net view when `with_book`,
/// for months m = 0…H−1.
template <class Out>
void net_differences(const LocalFlows& l, const CloudFlows& c, bool with_book, Out&& out) {
    BookValues book(l);
    double cum = 0;
    for (std::size_t m = 0; m < l.monthly.size() && m < c.monthly.size(); ++m) {
        cum += l.monthly[m] - c.monthly[m];
        out(m, cum - (with_book ? book.at(m) : 0));
    }
}

/// The last month (1-based) in which local is behind over months 1…H, 0 if none: the difference of
/// the two totals (kept by the loops, or summed here), then walked back from month H until a month
/// behind (usually the first look). `scale` receives the money at stake (the larger cash total over the
/// horizon, at least 1), which `behind` measures rounding against; `final_difference` the difference at H.
int last_behind(const LocalFlows& l, const CloudFlows& c, bool with_book, double* scale,
                double* final_difference) {
    const std::size_t h = std::min(l.monthly.size(), c.monthly.size());
    BookValues book(l);
    const auto book_at = [&](std::size_t m) { return with_book ? book.at(m) : 0.0; };
    double cum = 0;
    double money = 1;
    if (l.sums && c.sums && l.monthly.size() == c.monthly.size()) {
        cum = l.sums->total - c.sums->total;
        money = std::max({money, std::fabs(l.sums->total), std::fabs(c.sums->total)});
    } else {
        double local = 0;
        double cloud = 0;
        for (std::size_t m = 0; m < h; ++m) {
            local += l.monthly[m];
            cloud += c.monthly[m];
        }
        cum = local - cloud; // as the sums path: the same figure either way
        money = std::max({money, std::fabs(local), std::fabs(cloud)});
    }
    if (scale) *scale = money;
    if (final_difference) *final_difference = h ? cum - book_at(h - 1) : 0;
    for (std::size_t m = h; m-- > 0;) {
        // Ahead on cash is ahead on the net view too (the book value is never negative).
        if (behind(cum, money) && behind(cum - book_at(m), money)) return static_cast<int>(m) + 1;
        cum -= l.monthly[m] - c.monthly[m];
    }
    return 0;
}

/// The months after which the continued flows repeat: a whole-month lifetime, or 1 without purchases.
int cycle_months(const LocalFlows& l) {
    return l.unit_price > 0 ? std::max(1, static_cast<int>(l.lifetime)) : 1;
}

/// `months` past a horizon whose flows repeat every `period` whole months (a whole-month lifetime):
/// one cycle from machines aggregated by their month of purchase modulo the period, the book value
/// updated incrementally (each machine loses P/T a month and is bought again at zero).
std::optional<int> months_periodic(const LocalFlows& l, double at_h, double book_h, double trend, int last,
                                   double scale) {
    const int H = static_cast<int>(l.monthly.size());
    const int period = cycle_months(l);
    thread_local std::vector<double> by_phase;
    by_phase.assign(static_cast<std::size_t>(period), 0.0);
    double machines = 0;
    if (l.unit_price > 0) {
        std::size_t phase = 0;
        for (std::size_t m = 0; m < l.added.size();
             ++m, phase = phase + 1 == by_phase.size() ? 0 : phase + 1) {
            by_phase[phase] += l.added[m];
            machines += l.added[m];
        }
    }
    const bool with_book = l.books;
    const double step = period * trend + machines * l.unit_price; // the change over one cycle
    double cash = at_h + book_h;
    double book = book_h;
    std::size_t phase = static_cast<std::size_t>(H % period); // of month index H
    for (int i = 0; i < period; ++i, phase = phase + 1 == by_phase.size() ? 0 : phase + 1) {
        const int k = H + i; // 0-based month index
        const double bought = l.unit_price * by_phase[phase];
        cash += trend + bought;
        if (with_book) book = std::max(0.0, book - machines * l.unit_price / period + bought);
        const double d = cash - book;
        if (!behind(d, scale)) continue;
        if (!(step < 0) || !behind(-step, scale)) return std::nullopt; // behind in every cycle
        const double cycles = std::ceil(d / -step) - 1;                // the last cycle still behind
        const double month = k + cycles * period + 1;                  // 1-based
        if (month > kMaxBreakevenMonths) return std::nullopt;
        last = std::max(last, static_cast<int>(month));
    }
    if (last + 1 > kMaxBreakevenMonths) return std::nullopt;
    return last + 1;
}

/// `months`, and through `month` (when given) the within-horizon breakeven of the same scan.
std::optional<int> months_of(const LocalFlows& l, const CloudFlows& c, std::optional<int>* month = nullptr) {
    const int H = static_cast<int>(l.monthly.size());
    if (H == 0) return std::nullopt;
    double scale = 1;
    double at_h = 0;
    int last = last_behind(l, c, true, &scale, &at_h);
    if (month) *month = last < H ? std::optional<int>(last + 1) : std::nullopt;
    const double book_h = l.books ? l.book_at_h : 0;
    const double trend = l.recurring_last - c.recurring_last;
    const double machines = l.machines;
    const double per_month =
        trend + (l.unit_price > 0 && l.lifetime > 0 ? machines * l.unit_price / l.lifetime : 0);
    if (behind(per_month, scale)) return std::nullopt; // the cloud gains every lifetime: never for good

    if (l.unit_price <= 0 || machines == 0 ||
        (l.lifetime >= 1 && l.lifetime == std::floor(l.lifetime) && l.lifetime <= kMaxBreakevenMonths)) {
        // Far enough ahead at H that no month of the next cycle can fall behind (the recurring gap
        // at its worst every month, every machine bought again once, no book value left): the
        // cycle scan below would find nothing, so skip it.
        if (!behind(at_h + book_h + cycle_months(l) * std::max(0.0, trend) +
                        machines * std::max(0.0, l.unit_price),
                    scale))
            return last + 1 > kMaxBreakevenMonths ? std::nullopt : std::optional<int>(last + 1);
        return months_periodic(l, at_h, book_h, trend, last, scale);
    }

    // Lifetimes that are not whole months do not repeat exactly: walk month by month until the
    // bound proves local stays ahead (or the 100-year cap).
    Continuation flows(l, c, at_h, book_h);
    flows.set_bound_base(at_h + book_h);
    for (double k = H; k < kMaxBreakevenMonths; ++k) {
        if (!behind(flows.upper_bound(k), scale)) break;
        if (behind(flows.next(k), scale)) last = static_cast<int>(k) + 1;
        if (k + 1 >= kMaxBreakevenMonths && behind(flows.upper_bound(k + 1), scale)) return std::nullopt;
    }
    if (last + 1 > kMaxBreakevenMonths) return std::nullopt;
    return last + 1;
}

} // namespace

LocalFlows local_flows(const LocalOption& l, std::span<const double> monthly,
                       std::span<const double> recurring, const LocalSummary& summary) {
    LocalFlows f;
    f.monthly = monthly;
    f.recurring_last = recurring.empty() ? 0 : recurring.back();
    f.unit_price = !l.hardware.rented() && l.hardware.purchase ? l.hardware.purchase->value : 0;
    f.lifetime = l.hardware.lifetime_months.value;
    if (summary.scratch) {
        f.added = summary.scratch->added;
        f.purchases = summary.scratch->schedule;
        f.machines = summary.machines;
        f.books = keeps_book_value(l);
        f.book_at_h = summary.residual_value;
        f.sums = FlowSums{summary.cash_total};
    }
    return f;
}

std::optional<int> breakeven_months(const LocalFlows& local, const CloudFlows& cloud,
                                    std::optional<int>* month) {
    return months_of(local, cloud, month);
}

BreakevenTiming breakeven_timing(const LocalFlows& l, const CloudFlows& c) {
    BreakevenTiming t;
    const int H = static_cast<int>(std::min(l.monthly.size(), c.monthly.size()));
    if (H == 0) return t;
    t.months = months_of(l, c, &t.month);
    double scale = 1; // the same for the cash and the net view
    const int last_cash = last_behind(l, c, false, &scale, nullptr);
    if (last_cash < H) t.payback_month = last_cash + 1;
    int start = 0; // the first month of the current run ahead, 1-based; 0: not ahead
    net_differences(l, c, true, [&](std::size_t m, double d) {
        const int month = static_cast<int>(m) + 1;
        if (!behind(d, scale)) {
            if (start == 0) start = month;
        } else if (start != 0) {
            t.ahead_spans.emplace_back(start, month - 1);
            start = 0;
        }
    });
    return t;
}

namespace {

/// Local − cloud total at `v` calls/day; +inf when local is infeasible there.
class VolumeGap {
  public:
    VolumeGap(const Profile& p, const Workload& w, const LocalOption& l, const CloudOption& c)
        : p_(p), w_(w), l_(l), c_(c), per_call_(cloud_cost_per_call(w, c.price)) {
        // The searches of one local option against each cloud option sample the same volumes in
        // the same order (the points depend on the workload and the local option only, until a
        // crossing is refined): inside a VolumeSearchScope the first search's sequence of local
        // totals is kept and the next ones read it while they ask for the same volumes.
        auto& cache = local_cache();
        if (!cache.active) return;
        if (cache.p != &p || cache.w != &w || cache.l != &l) {
            cache.p = &p;
            cache.w = &w;
            cache.l = &l;
            cache.totals.clear();
        }
    }
    double operator()(double v) {
        auto& cache = local_cache();
        double local = 0;
        if (cache.active && next_ < cache.totals.size() && cache.totals[next_].first == v) {
            local = cache.totals[next_++].second;
        } else {
            LocalSummary summary;
            local = local_series(p_, w_, l_, v, monthly_, recurring_, &summary);
            if (!summary.feasible) local = HUGE_VAL;
            if (cache.active && next_ == cache.totals.size() && next_ < 1'000'000) {
                cache.totals.emplace_back(v, local);
                ++next_;
            } else {
                next_ = SIZE_MAX; // off the kept sequence: the rest of this search computes
            }
        }
        if (!std::isfinite(local)) return HUGE_VAL;
        const double cloud = cloud_total(p_, w_, c_, v, per_call_);
        const double gap = local - cloud;
        return std::isfinite(gap) ? gap : HUGE_VAL;
    }
    /// Starts or ends a VolumeSearchScope: forgets the kept totals.
    static void scope(bool active) {
        local_cache() = {};
        local_cache().active = active;
    }

  private:
    struct Cache {
        bool active = false;
        const Profile* p = nullptr;
        const Workload* w = nullptr;
        const LocalOption* l = nullptr;
        std::vector<std::pair<double, double>> totals; ///< (volume, local total; +inf: infeasible) in order
    };
    static Cache& local_cache() {
        thread_local Cache cache;
        return cache;
    }
    const Profile& p_;
    const Workload& w_;
    const LocalOption& l_;
    const CloudOption& c_;
    double per_call_; ///< the cloud option's cost per call, whatever the volume
    std::vector<double> monthly_;
    std::vector<double> recurring_;
    std::size_t next_ = 0; ///< this search's position in the kept sequence
};

constexpr double kMaxCallsPerDay = 1e9;
constexpr std::size_t kMaxBandEdges = 4096; ///< machine-count steps enumerated exactly
constexpr double kScanRatio = 1.0005;       ///< above them: samples 0.05 % apart
constexpr double kEdge = 1e-8;              ///< samples this far either side of a step
/// Each sample runs the month loop, so past this horizon the search samples more sparsely (fewer
/// exact edges, wider scan steps, in proportion) and stays within a second at 1,200 months.
constexpr double kDenseSearchMonths = 120;

/// The share of the dense search's samples a horizon of H months affords: 1 up to 120 months.
double search_density(int horizon) { return std::min(1.0, kDenseSearchMonths / std::max(1, horizon)); }

/// The volumes at which the machine count of some month steps (auto sizing), or at which a fixed
/// fleet starts to overflow: between two of them local − cloud is linear in the volume.
std::vector<double> band_edges(const Profile& p, const Workload& w, const LocalOption& l, double* exact_up_to,
                               double* machine_limit) {
    const auto& s = p.settings;
    const int H = s.horizon_months;
    const double growth = 1 + w.growth_per_month.value;
    std::vector<double> per_call; // calls in month m per call/day
    double g = s.days_per_month;
    for (int m = 0; m < H; ++m, g *= growth)
        per_call.push_back(g);
    std::vector<double> edges;
    *machine_limit = kMaxCallsPerDay;
    *exact_up_to = kMaxCallsPerDay;
    if (l.machines) {
        const double capacity = fixed_fleet_capacity(p, w, l);
        for (const double k : per_call) {
            // (a fixed fleet overflows where the calls it serves while up, availability less spot
            // losses, exceed its capacity: local_loop's overflow)
            const double v = capacity / (k * served_share(pool_costs(p, l)));
            if (std::isfinite(v) && v > 0 && v < kMaxCallsPerDay) edges.push_back(v);
        }
        return edges;
    }
    const double mpc = machines_per_monthly_call(p, w, l);
    if (!(mpc > 0) || !std::isfinite(mpc)) return edges;
    std::vector<double> steps; // distinct calls/day per machine-month step
    for (const double k : per_call)
        steps.push_back(k * mpc);
    std::sort(steps.begin(), steps.end());
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    *machine_limit = std::min(kMaxCallsPerDay, kMachineLimit / steps.back());
    // Enumerate n / step for n = 1, 2, … in volume order until the budget of edges is spent.
    const double per_step =
        static_cast<double>(kMaxBandEdges) * search_density(H) / static_cast<double>(steps.size());
    const double n_max = std::max(1.0, std::floor(per_step));
    *exact_up_to = std::min(*machine_limit, n_max / steps.back());
    for (const double k : steps) {
        for (double n = 1; n <= n_max; ++n) {
            const double v = n / k;
            if (v > *exact_up_to) break;
            edges.push_back(v);
        }
    }
    return edges;
}

} // namespace

namespace {

/// Without growth and with `auto` machines every month needs n = max(1, ceil(v·k)) machines, and
/// local − cloud is exactly A + B·n + s·v: each machine costs the same at any volume, each call the
/// same in any band. Four evaluations fix A, B and s and check the model; then every band
/// ((n − 1)/k, n/k] is solved in closed form, n = 1 … the machine limit. nullopt when the model
/// does not hold (growth, a fixed fleet, infeasible volumes): the general walk takes over.
std::optional<BreakevenVolume> volume_in_closed_form(const Profile& p, const Workload& w,
                                                     const LocalOption& l, VolumeGap& gap) {
    if (l.machines || w.growth_per_month.value != 0) return std::nullopt;
    // A derived capacity whose batch follows the load (PRODUCT §4b) makes each call's machine time,
    // and so the cost per call, depend on the volume: not the model below.
    if (!l.throughput.measured() && !l.serving.concurrency) return std::nullopt;
    const double k = p.settings.days_per_month * machines_per_monthly_call(p, w, l); // machines per call/day
    if (!(k > 0) || !std::isfinite(k)) return std::nullopt;
    const double v1 = 0.25 / k, v2 = 0.75 / k, v3 = 1.5 / k, v4 = 2.5 / k;
    const double d1 = gap(v1), d2 = gap(v2), d3 = gap(v3), d4 = gap(v4);
    if (!std::isfinite(d1) || !std::isfinite(d2) || !std::isfinite(d3) || !std::isfinite(d4))
        return std::nullopt;
    const double slope = (d2 - d1) / (v2 - v1);
    const double one = d1 - slope * v1; // A + B
    const double per_machine = (d3 - slope * v3) - one;
    const double base = one - per_machine;
    const double scale = std::max({1.0, std::fabs(d1), std::fabs(d3), std::fabs(d4)});
    if (std::fabs(base + 3 * per_machine + slope * v4 - d4) > 1e-7 * scale) return std::nullopt;
    const double top = std::min(kMaxCallsPerDay, kMachineLimit / k); // beyond: too many machines
    const auto bands = static_cast<std::int64_t>(std::ceil(top * k - 1e-9));
    auto value = [&](double n, double v) { return base + per_machine * n + slope * v; };
    auto dearer = [&](double g) { return behind(g, scale); };

    BreakevenVolume out;
    double cheap_from = -1; // start of the current cheap range
    double last_dearer = -1;
    auto close_cheap = [&](double end) {
        if (cheap_from >= 0 && end > cheap_from) out.cheaper_bands.emplace_back(cheap_from, end);
        cheap_from = -1;
    };
    for (std::int64_t i = 1; i <= bands; ++i) {
        const double n = static_cast<double>(i);
        const double lo = i == 1 ? 0 : (n - 1) / k;
        const double hi = std::min(n / k, top);
        const double at_lo = value(n, lo);
        const double at_hi = value(n, hi);
        const bool dearer_lo = dearer(at_lo);
        const bool dearer_hi = dearer(at_hi);
        const double cross = at_lo == at_hi ? hi : lo + (hi - lo) * at_lo / (at_lo - at_hi);
        if (!dearer_lo && !dearer_hi) { // cheap throughout
            if (cheap_from < 0) cheap_from = lo;
        } else if (dearer_lo && dearer_hi) { // dearer throughout
            close_cheap(lo);
            last_dearer = hi;
        } else if (dearer_lo) { // dearer, then cheap
            close_cheap(lo);
            last_dearer = cross;
            cheap_from = cross;
        } else { // cheap, then dearer
            if (cheap_from < 0) cheap_from = lo;
            close_cheap(cross);
            last_dearer = hi;
        }
    }
    if (top < kMaxCallsPerDay || last_dearer >= top) { // dearer at the top (or too many machines)
        close_cheap(top);
        return out; // calls_per_day null, every cheap range listed
    }
    // The final cheap stretch from the last dearer volume is the breakeven, not a band.
    out.calls_per_day = last_dearer < 0 ? 0.0 : last_dearer;
    if (cheap_from >= 0 && cheap_from < *out.calls_per_day) close_cheap(*out.calls_per_day);
    return out;
}

} // namespace

VolumeSearchScope::VolumeSearchScope() { VolumeGap::scope(true); }
VolumeSearchScope::~VolumeSearchScope() { VolumeGap::scope(false); }

BreakevenVolume breakeven_volume(const Profile& p, const Workload& w, const LocalOption& l,
                                 const CloudOption& c) {
    VolumeGap gap(p, w, l, c);
    if (auto closed = volume_in_closed_form(p, w, l, gap)) return std::move(*closed);
    BreakevenVolume out;
    double exact_up_to = 0;
    double machine_limit = 0;
    auto edges = band_edges(p, w, l, &exact_up_to, &machine_limit);
    // Sample points: every band edge (each band (e_i, e_{i+1}] evaluated at both ends, just inside),
    // then a geometric scan to the machine limit, then 1e9/day.
    std::vector<double> points = {0};
    edges.push_back(exact_up_to);
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    for (const double e : edges) {
        if (!(e > 0) || e > machine_limit) continue;
        // The band's right end before the step and the next band's left end after it, outside the
        // local loop's rounding (a machine count steps once `needed` passes n + 1e-9).
        points.push_back(e * (1 - kEdge));
        points.push_back(e * (1 + kEdge));
    }
    const double scan_ratio = 1 + (kScanRatio - 1) / search_density(p.settings.horizon_months);
    for (double v = std::max(exact_up_to, 1e-3) * scan_ratio; v < machine_limit; v *= scan_ratio)
        points.push_back(v);
    if (machine_limit < kMaxCallsPerDay) points.push_back(machine_limit * (1 - kEdge));
    std::erase_if(points, [](double v) { return v >= kMaxCallsPerDay; });
    points.push_back(kMaxCallsPerDay);
    std::sort(points.begin(), points.end());

    // Walk the points: between two samples the gap is linear (inside a band) or jumps (a step).
    std::vector<double> values;
    values.reserve(points.size());
    for (const double v : points)
        values.push_back(v > machine_limit && machine_limit < kMaxCallsPerDay ? HUGE_VAL : gap(v));
    // The rounding scale from the first finite gap: an option infeasible at low volumes (+inf) must
    // not make every later gap look like rounding.
    double scale = 1;
    for (const double g : values) {
        if (std::isfinite(g)) {
            scale = std::max(1.0, std::fabs(g));
            break;
        }
    }
    auto dearer = [&](double g) { return behind(g, scale); };
    if (dearer(values.back())) {
        out.calls_per_day.reset();
    } else {
        // The last sample where local is dearer: the breakeven volume lies after it.
        std::size_t last = points.size();
        for (std::size_t i = points.size(); i-- > 0;) {
            if (dearer(values[i])) {
                last = i;
                break;
            }
        }
        if (last == points.size()) {
            out.calls_per_day = 0.0;
        } else {
            const double a = points[last];
            const double b = points[last + 1];
            const double ga = values[last];
            const double gb = values[last + 1];
            // At a step (b just above an edge) the crossing is the edge itself; inside a band the gap
            // is linear in the volume when each call costs the same, and otherwise (a batch that
            // follows the load) only monotone between samples: bisect on the gap itself.
            const bool step = b <= a * (1 + 3 * kEdge);
            if (step || !std::isfinite(ga)) {
                out.calls_per_day = b;
            } else if (l.throughput.measured() || l.serving.concurrency) {
                out.calls_per_day = a + (b - a) * ga / (ga - gb);
            } else {
                double lo = a, hi = b;
                for (int i = 0; i < 60 && hi - lo > 1e-9 * hi; ++i) {
                    const double mid = (lo + hi) / 2;
                    (dearer(gap(mid)) ? lo : hi) = mid;
                }
                out.calls_per_day = hi;
            }
        }
    }
    // Cheaper bands below the breakeven volume (or everywhere when local never stays cheaper).
    const double limit = out.calls_per_day.value_or(HUGE_VAL);
    double band_start = -1;
    for (std::size_t i = 0; i + 1 < points.size() && points[i] < limit; ++i) {
        const bool cheap_here = !dearer(values[i]);
        const bool cheap_next = !dearer(values[i + 1]);
        const double a = points[i];
        const double b = points[i + 1];
        const double cross =
            std::isfinite(values[i]) && std::isfinite(values[i + 1]) && values[i] != values[i + 1]
                ? a + (b - a) * values[i] / (values[i] - values[i + 1])
                : b;
        if (cheap_here && band_start < 0) band_start = a;
        if (cheap_here && !cheap_next && band_start >= 0) {
            out.cheaper_bands.emplace_back(band_start, std::min(cross, limit));
            band_start = -1;
        } else if (!cheap_here && cheap_next) {
            band_start = b <= a * (1 + 3 * kEdge) ? b : cross;
        }
    }
    if (band_start >= 0 && band_start < limit)
        out.cheaper_bands.emplace_back(band_start, std::min(limit, kMaxCallsPerDay));
    // A band that reaches the breakeven volume is the final stretch, not an extra band.
    if (out.calls_per_day && !out.cheaper_bands.empty() &&
        out.cheaper_bands.back().second >= *out.calls_per_day * (1 - 1e-9))
        out.cheaper_bands.pop_back();
    return out;
}

BreakevenResult breakeven(const Profile& p, const Workload& w, const LocalOption& l, const CloudOption& c,
                          const OptionResult& local_result, const OptionResult& cloud_result) {
    BreakevenResult b;
    b.local = l.name;
    b.cloud = c.name;
    if (!cloud_result.feasible) return b; // no breakeven against a cloud option that cannot serve
    if (local_result.feasible) {          // an option that drops calls never breaks even
        std::vector<double> monthly;
        std::vector<double> recurring;
        LocalSummary summary;
        local_series(p, w, l, w.calls.calls_per_day(p.settings.days_per_month), monthly, recurring, &summary);
        auto flows =
            local_flows(pool_costs(p, l), local_result.monthly_cost, local_result.recurring_cost, summary);
        const CloudFlows cloud{cloud_result.monthly_cost,
                               cloud_result.recurring_cost.empty() ? 0 : cloud_result.recurring_cost.back(),
                               FlowSums{cloud_result.total_cost}};
        auto timing = breakeven_timing(flows, cloud);
        b.month = timing.month;
        b.ahead_spans = std::move(timing.ahead_spans);
        b.payback_month = timing.payback_month;
        b.months = timing.months;
    }
    if (l.pool_owner >= 0) { // its cost depends on every workload of the pool: the portfolio's volume
        b.pooled = true;
        return b;
    }
    auto volume = breakeven_volume(p, w, l, c);
    b.calls_per_day = volume.calls_per_day;
    b.cheaper_bands = std::move(volume.cheaper_bands);
    return b;
}

} // namespace llmtco
