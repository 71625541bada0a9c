#include "util/parse.hpp"

#include "util/error.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <string>

namespace llmtco::util {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

/// A rate unit: days plus months per unit.
struct Unit {
    std::string_view name;
    double per_day; ///< units in a day, for units of a day or less (0 for longer ones)
    double days;
    double months;
};

constexpr std::array kUnits{
    Unit{"second", 86400, 0, 0}, Unit{"sec", 86400, 0, 0}, Unit{"s", 86400, 0, 0}, Unit{"minute", 1440, 0, 0},
    Unit{"min", 1440, 0, 0},     Unit{"hour", 24, 0, 0},   Unit{"hr", 24, 0, 0},   Unit{"h", 24, 0, 0},
    Unit{"day", 1, 0, 0},        Unit{"d", 1, 0, 0},       Unit{"week", 0, 7, 0},  Unit{"wk", 0, 7, 0},
    Unit{"w", 0, 7, 0},          Unit{"month", 0, 0, 1},   Unit{"mo", 0, 0, 1},    Unit{"year", 0, 0, 12},
    Unit{"yr", 0, 0, 12},        Unit{"y", 0, 0, 12},
};

/// `m` (or `M`) could be a minute or a month, a factor of 43,800 apart: refused, never guessed.
void refuse_ambiguous_unit(std::string_view word, std::string_view rate) {
    if (word == "m" || word == "M") {
        throw ValueError(fmt::format("the unit {} in {} could be a minute or a month; write 'min' or 'month'",
                                     quoted(word), quoted(rate)));
    }
}

const Unit* find_unit(std::string_view word) {
    std::string w(word);
    for (auto& c : w)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w.size() > 1 && w.back() == 's' && w != "s") w.pop_back(); // plural
    for (const auto& u : kUnits) {
        if (u.name == w) return &u;
    }
    return nullptr;
}

constexpr std::string_view kRateHelp = "expected a rate such as '48/day', '10k/day', '2/hour', '1.5M/month', "
                                       "'every 30 minutes' or a bare number "
                                       "(calls per day)";

} // namespace

double parse_number(std::string_view text) {
    const auto s = trim(text);
    if (s.empty()) throw ValueError("expected a number, got an empty value");
    double value = 0;
    const char* begin = s.data();
    if (*begin == '+') ++begin;
    const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range && end == s.data() + s.size()) {
        throw ValueError("number out of range: " + quoted(s));
    }
    if (ec != std::errc() || end != s.data() + s.size()) {
        throw ValueError("expected a number, got " + quoted(s));
    }
    if (!std::isfinite(value)) throw ValueError("expected a finite number, got " + quoted(s));
    return value;
}

double parse_scaled(std::string_view text) {
    auto s = trim(text);
    double scale = 1;
    if (!s.empty()) {
        switch (s.back()) {
        case 'k':
        case 'K':
            scale = 1e3;
            break;
        case 'M':
            scale = 1e6;
            break;
        case 'B':
        case 'G':
            scale = 1e9;
            break;
        default:
            break;
        }
        if (scale != 1) s.remove_suffix(1);
    }
    const double value = parse_number(s) * scale;
    if (!std::isfinite(value)) throw ValueError("number too large: " + quoted(text));
    return value;
}

double parse_percent(std::string_view text) {
    auto s = trim(text);
    if (!s.empty() && s.back() == '%') {
        s.remove_suffix(1);
        try {
            return parse_number(s) / 100;
        } catch (const ValueError&) {
            throw ValueError("expected a percentage such as '5%' or a fraction such as 0.05, got " +
                             quoted(text));
        }
    }
    try {
        return parse_number(s);
    } catch (const ValueError&) {
        throw ValueError("expected a percentage such as '5%' or a fraction such as 0.05, got " +
                         quoted(text));
    }
}

double parse_share(std::string_view text) {
    const double v = parse_percent(text);
    if (v > 1 && trim(text).back() != '%') {
        const auto bare = std::string(trim(text));
        const auto as_percent =
            std::isfinite(v * 100) ? fmt::format("{:g}%", v * 100) : std::string("past 1e308%");
        throw ValueError(fmt::format("{} would be read as a fraction, {}; write '{}%' for {} %", bare,
                                     as_percent, bare, bare));
    }
    return v;
}

Num parse_range(std::string_view text, bool percent) {
    const auto s = trim(text);
    if (s.find("...") != std::string_view::npos) {
        throw ValueError("expected a number or a range such as '4..8' (two dots), got " + quoted(s));
    }
    const auto dots = s.find("..");
    auto one = [&](std::string_view part) { return percent ? parse_share(part) : parse_number(part); };
    if (dots == std::string_view::npos) return Num::point(one(s));
    const auto low_text = s.substr(0, dots);
    const auto high_text = s.substr(dots + 2);
    if (trim(low_text).empty() || trim(high_text).empty()) {
        throw ValueError("a range needs both ends, as in '4..8'; got " + quoted(s));
    }
    const double low = one(low_text);
    const double high = one(high_text);
    if (low > high) throw ValueError("a range must go from low to high, got " + quoted(s));
    return Num::uniform(low, high);
}

namespace {

/// A rate whose figures are all finite: "5e305/second" is 4.3e310 calls a day, which a double cannot
/// hold (the volume limit, kCallsPerDayLimit, is checked on the finite figure later).
CallRate finite_rate(const CallRate& rate, std::string_view s) {
    const bool finite =
        std::isfinite(rate.amount.high) && std::isfinite(rate.unit_days) && std::isfinite(rate.unit_months);
    if (!finite) throw ValueError("call rate too large to compute with: " + quoted(s));
    return rate;
}

} // namespace

CallRate parse_rate(std::string_view text) {
    const auto s = trim(text);
    if (s.empty()) throw ValueError(std::string(kRateHelp));
    CallRate rate;
    // "every 30 minutes", "every minute"
    if (s.size() > 6 && s.substr(0, 6) == "every ") {
        auto rest = trim(s.substr(6));
        const auto space = rest.find(' ');
        double count = 1;
        std::string_view unit_word = rest;
        if (space != std::string_view::npos) {
            try {
                count = parse_number(rest.substr(0, space));
            } catch (const ValueError&) {
                throw ValueError(std::string(kRateHelp) + "; got " + quoted(s));
            }
            unit_word = trim(rest.substr(space + 1));
        }
        refuse_ambiguous_unit(unit_word, s);
        const Unit* unit = find_unit(unit_word);
        if (!unit)
            throw ValueError("unknown time unit " + quoted(unit_word) + " in " + quoted(s) + "; " +
                             std::string(kRateHelp));
        if (!(count > 0)) throw ValueError("the interval in " + quoted(s) + " must be greater than 0");
        rate.sub_daily = unit->per_day > 1;
        if (unit->per_day > 0) {
            rate.amount = Num::point(unit->per_day / count); // every 30 minutes = 1440 / 30 = 48/day
        } else {
            rate.amount = Num::point(1);
            rate.unit_days = unit->days * count;
            rate.unit_months = unit->months * count;
        }
        return finite_rate(rate, s);
    }
    // "48/day", "100 per week", "4..8/hour"
    auto split = s.find('/');
    std::size_t unit_start = split == std::string_view::npos ? split : split + 1;
    if (split == std::string_view::npos) {
        split = s.find(" per ");
        unit_start = split == std::string_view::npos ? split : split + 5;
    }
    std::string_view amount_text = s;
    double per_day_scale = 1;
    if (split != std::string_view::npos) {
        amount_text = trim(s.substr(0, split));
        const auto unit_word = trim(s.substr(unit_start));
        refuse_ambiguous_unit(unit_word, s);
        const Unit* unit = find_unit(unit_word);
        if (!unit)
            throw ValueError("unknown time unit " + quoted(unit_word) + " in " + quoted(s) + "; " +
                             std::string(kRateHelp));
        rate.unit_days = unit->per_day > 0 ? 1 : unit->days;
        rate.unit_months = unit->months;
        rate.sub_daily = unit->per_day > 1;
        per_day_scale = unit->per_day > 0 ? unit->per_day : 1;
    }
    try {
        const auto dots = amount_text.find("..");
        if (dots == std::string_view::npos) {
            rate.amount = Num::point(parse_scaled(amount_text));
        } else {
            const double low = parse_scaled(amount_text.substr(0, dots));
            const double high = parse_scaled(amount_text.substr(dots + 2));
            if (low > high) throw ValueError("a range must go from low to high, got " + quoted(amount_text));
            rate.amount = Num::uniform(low, high);
        }
    } catch (const ValueError& e) {
        if (std::string_view(e.what()).find("range") != std::string_view::npos) throw;
        throw ValueError(std::string(kRateHelp) + "; got " + quoted(s));
    }
    rate.amount.value *= per_day_scale;
    rate.amount.low *= per_day_scale;
    rate.amount.mode *= per_day_scale;
    rate.amount.high *= per_day_scale;
    if (rate.amount.low < 0) throw ValueError("a call rate cannot be negative, got " + quoted(s));
    return finite_rate(rate, s);
}

std::string format_plain(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);
}

std::string format_bound(double v) {
    const double exponent = std::round(std::log10(v));
    if (v >= 1e6 && v == std::pow(10.0, exponent)) return fmt::format("1e{}", exponent);
    return format_plain(v);
}

} // namespace llmtco::util
