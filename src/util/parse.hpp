#pragma once
// Pure parsers for the value syntaxes of the profile format. Each throws ValueError with a message
// that says what was expected; the loader adds the location.

#include "llmtco/profile.hpp"

#include <string>
#include <string_view>

namespace llmtco::util {

/// `s` without the white space at either end.
std::string_view trim(std::string_view s);

/// A finite decimal number: "42", "-1.5", "1e6". Nothing else on the line.
double parse_number(std::string_view text);

/// A number as a user would write it in a profile: 36, 0.8, 1e+20 (whole numbers without ".0").
std::string format_plain(double v);

/// A bound of a key's range: as format_plain, but a power of ten from a million up as "1e9".
std::string format_bound(double v);

/// A number with an optional scale suffix: "10k" = 10,000, "1.5M" = 1,500,000, "2B" = 2e9.
double parse_scaled(std::string_view text);

/// A share written as "5%" or 0.05.
double parse_percent(std::string_view text);

/// A share of a profile key: "5%" or 0.05. A bare number above 1 ("5") is refused with a hint to
/// write "5%": read as a fraction it would be 500 %, never what a user writing 5 means.
double parse_share(std::string_view text);

/// A number or a uniform range "a..b" (a ≤ b); `percent` reads each end as parse_share.
Num parse_range(std::string_view text, bool percent = false);

/// A call rate: "every 30 minutes", "every hour", "48/day", "10k/day", "2/hour", "1.5M/month",
/// "100 per week", or a bare number (per day). Units: second, minute, hour, day, week, month, year.
CallRate parse_rate(std::string_view text);

} // namespace llmtco::util
