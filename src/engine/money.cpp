#include "llmtco/money.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <limits>

namespace llmtco {
namespace {

std::string group_thousands(const std::string& digits) {
    std::string out;
    const auto n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

/// "1234.5600" → "1,234.56" with trailing zeros (and a bare point) dropped when `trim`.
std::string group_and_trim(std::string text, bool trim) {
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) text.erase(0, 1);
    auto dot = text.find('.');
    std::string whole = dot == std::string::npos ? text : text.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
    if (trim) {
        while (!frac.empty() && frac.back() == '0')
            frac.pop_back();
    }
    std::string out = std::string(negative ? "-" : "") + group_thousands(whole);
    if (!frac.empty()) out += "." + frac;
    return out;
}

/// `a` (≥ 0) at `decimals` decimals, a half rounded up: the printed digits of 191.625 are 191.63,
/// as a person rounds (printf rounds the exact binary value, half to even, and gives 191.62). The
/// nudge of a few ulps lets a product like 182,500 × 8,400 × 0.125 / 1e6 land on its half.
std::string fixed(double a, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double scaled = a * scale;
    if (!(scaled < 1e15)) return fmt::format("{:.{}f}", a, decimals);
    return fmt::format(
        "{:.{}f}", std::round(scaled * (1 + 8 * std::numeric_limits<double>::epsilon())) / scale, decimals);
}

/// From a quadrillion up a figure prints as "1.10e+33": its last digits would be a double's noise
/// (the key table keeps inputs within 1e15, but products of them may pass it).
constexpr double kPlainLimit = 1e15;
/// Below a millionth, likewise ("$5.00e-324", not 320 zeros).
constexpr double kTinyLimit = 1e-6;

/// Whether |a| prints in scientific notation rather than as digits.
bool needs_scientific(double a) { return a >= kPlainLimit || (a > 0 && a < kTinyLimit); }

std::string scientific(double a) { return fmt::format("{:.2e}", a); }

} // namespace

std::string currency_symbol(const std::string& currency) {
    if (currency == "USD") return "$";
    if (currency == "EUR") return "€";
    if (currency == "GBP") return "£";
    return currency + " ";
}

std::string format_money(double amount, const std::string& currency) {
    if (!std::isfinite(amount)) return "n/a";
    const std::string sign = amount < 0 ? "-" : "";
    const double a = std::fabs(amount);
    std::string digits;
    if (needs_scientific(a)) {
        digits = scientific(a);
    } else if (a > 0 && a < 0.01) {
        // Under a cent: four significant figures.
        const int decimals = 3 - static_cast<int>(std::floor(std::log10(a)));
        digits = group_and_trim(fixed(a, decimals), true);
    } else {
        digits = group_and_trim(fixed(a, 2), false);
    }
    if (digits == "0.00") return currency_symbol(currency) + "0.00";
    return sign + currency_symbol(currency) + digits;
}

std::string format_money_exact(double amount, const std::string& currency) {
    const double a = std::fabs(amount);
    if (!std::isfinite(amount) || a >= 100 || a < kTinyLimit) return format_money(amount, currency);
    const int decimals = std::max(2, 3 - static_cast<int>(std::floor(std::log10(a))));
    auto digits = group_and_trim(fixed(a, decimals), true);
    if (digits.find('.') == std::string::npos)
        digits += ".00";
    else if (digits.size() - digits.find('.') == 2)
        digits += "0";
    return std::string(amount < 0 ? "-" : "") + currency_symbol(currency) + digits;
}

std::string format_unit_price(double amount, const std::string& currency) {
    if (!std::isfinite(amount)) return "n/a";
    const double a = std::fabs(amount);
    if (needs_scientific(a))
        return std::string(amount < 0 ? "-" : "") + currency_symbol(currency) + scientific(a);
    // Nine significant figures at most: enough for any price a catalog or a profile writes, and
    // for one converted at a rate of a few digits.
    const int most = a > 0 ? std::max(2, 8 - static_cast<int>(std::floor(std::log10(a)))) : 2;
    int decimals = 2;
    while (decimals < most &&
           std::fabs(std::strtod(fmt::format("{:.{}f}", a, decimals).c_str(), nullptr) - a) > 1e-9 * a)
        ++decimals;
    const auto digits = group_and_trim(fixed(a, decimals), false);
    return std::string(amount < 0 ? "-" : "") + currency_symbol(currency) + digits;
}

std::string format_number(double value, int max_decimals) {
    if (!std::isfinite(value)) return "n/a";
    if (std::fabs(value) >= kPlainLimit) return (value < 0 ? "-" : "") + scientific(std::fabs(value));
    auto text = group_and_trim(fmt::format("{:.{}f}", value, max_decimals), true);
    return text == "-0" ? "0" : text;
}

std::string month_count(int months) { return fmt::format("{} month{}", months, months == 1 ? "" : "s"); }

std::string format_months(double months) {
    if (!std::isfinite(months)) return "never";
    if (months > 24) return fmt::format("{:.1f} years", months / 12);
    if (std::fabs(months - std::round(months)) < 1e-9) {
        const auto m = static_cast<long long>(std::llround(months));
        return fmt::format("{} month{}", m, m == 1 ? "" : "s");
    }
    return fmt::format("{:.1f} months", months);
}

} // namespace llmtco
