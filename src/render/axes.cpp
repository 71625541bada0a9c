#include "render/axes.hpp"

#include "llmtco/money.hpp"

#include <cmath>
#include <fmt/format.h>

namespace llmtco::render {
namespace {

/// "2.5" from 2.5, "1.25" from 1.25, "3" from 3.0: up to `decimals` decimals, trailing zeros dropped.
std::string short_number(double v, int decimals = 2) {
    std::string s = fmt::format("{:.{}f}", v, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string with_suffix(double v) {
    const double a = std::abs(v);
    if (a >= 1e15) return fmt::format("{:.2g}", v); // 3e+15: beyond any budget, still short
    if (a >= 1e12) return short_number(v / 1e12) + "T";
    if (a >= 1e9) return short_number(v / 1e9) + "B";
    if (a >= 1e6) return short_number(v / 1e6) + "M";
    if (a >= 1e3) return short_number(v / 1e3) + "k";
    if (a >= 1 || a == 0) return short_number(v);
    return short_number(v, 6); // 0.00001, not 1e-05
}

} // namespace

std::vector<double> linear_ticks(double max, int target) {
    if (!(max > 0) || !std::isfinite(max)) return {0, 1};
    const double raw = max / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (magnitude * f >= raw) {
            step = magnitude * f;
            break;
        }
    }
    std::vector<double> ticks{0};
    while (ticks.back() < max * (1 - 1e-12))
        ticks.push_back(step * static_cast<double>(ticks.size()));
    return ticks;
}

std::vector<int> month_ticks(int horizon, int max_ticks) {
    int step = 1;
    for (int s : {1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600, 1200}) {
        step = s;
        if (horizon / s <= max_ticks) break;
    }
    std::vector<int> ticks;
    for (int m = 0; m <= horizon; m += step)
        ticks.push_back(m);
    // the horizon is always labelled; drop a tick too close to it to leave room for its label
    if (ticks.back() != horizon) {
        if (ticks.size() > 1 && horizon - ticks.back() < step / 2) ticks.pop_back();
        ticks.push_back(horizon);
    }
    return ticks;
}

std::vector<double> log_ticks(double low, double high) {
    std::vector<double> ticks;
    const double first = std::pow(10.0, std::floor(std::log10(low)));
    const bool fine = high / low < 1000; // under three decades: 1, 2, 5 per decade
    for (double d = first; d <= high * (1 + 1e-9); d *= 10) {
        for (double f : {1.0, 2.0, 5.0}) {
            if (f != 1.0 && !fine) continue;
            const double t = d * f;
            if (t >= low * (1 - 1e-9) && t <= high * (1 + 1e-9)) ticks.push_back(t);
        }
    }
    return ticks;
}

std::string compact_money(double amount, const std::string& currency) {
    return (amount < 0 ? "-" : "") + currency_symbol(currency) + with_suffix(std::abs(amount));
}

std::string compact_volume(double calls_per_day) { return with_suffix(calls_per_day) + "/day"; }

std::string series_color(std::size_t i) {
    // Okabe–Ito first, then Tol's muted colours for more series
    static const char* const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
                                          "#000000", "#F0E442", "#882255", "#44AA99", "#999933", "#888888"};
    return palette[i % std::size(palette)];
}

std::string series_ansi(std::size_t i) {
    static const char* const codes[] = {"34", "33", "32", "35", "31", "36",
                                        "94", "93", "92", "95", "91", "96"};
    return codes[i % std::size(codes)];
}

char series_mark(std::size_t i) {
    static const char marks[] = {'*', '+', 'o', '#', '%', '@', '=', '~', '&', '^', ':', '$'};
    return marks[i % std::size(marks)];
}

} // namespace llmtco::render
