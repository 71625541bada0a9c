#pragma once
// What the terminal chart, the SVG charts and the HTML report share: tick choice, compact axis
// labels and the series palette.

#include <string>
#include <vector>

namespace llmtco::render {

/// Ticks 0, s, 2s, … covering [0, max] with a 1-2-5 step s giving about `target` intervals; the
/// last tick is ≥ max. max ≤ 0 gives {0, 1}.
std::vector<double> linear_ticks(double max, int target = 4);

/// Month ticks 0, s, 2s, …, ≤ horizon, with s from 1, 2, 3, 6, 12, 24, … giving at most
/// `max_ticks` intervals; the horizon itself is always a tick.
std::vector<int> month_ticks(int horizon, int max_ticks = 8);

/// Ticks of a log axis within [low, high] (low > 0): the powers of ten, and 2× and 5× them when
/// the range spans under three decades.
std::vector<double> log_ticks(double low, double high);

/// An axis label: "$0", "$950", "$1.25k", "$1.2M", "$3B", "$2T", "$0.00001" (currency prefix as in
/// format_money).
std::string compact_money(double amount, const std::string& currency);

/// A volume label: "1/day", "500/day", "10k/day", "2.5M/day".
std::string compact_volume(double calls_per_day);

/// The colour of series i as "#rrggbb": 12 distinct colours (Okabe–Ito first), then cycling.
std::string series_color(std::size_t i);

/// The ANSI foreground code of series i for terminals ("34" blue, "33" yellow, …): 12, then cycling.
std::string series_ansi(std::size_t i);

/// The ASCII mark of series i for plain charts: '*', '+', 'o', '#', '%', '@', …: 12, then cycling.
char series_mark(std::size_t i);

} // namespace llmtco::render
