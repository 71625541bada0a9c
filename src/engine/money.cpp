#include "llmtco/money.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

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
    if (a > 0 && a < 0.01) {
        // Under a cent: four significant figures.
        const int decimals = 3 - static_cast<int>(std::floor(std::log10(a)));
        digits = group_and_trim(fmt::format("{:.{}f}", a, decimals), true);
    } else {
        digits = group_and_trim(fmt::format("{:.2f}", a), false);
    }
    if (digits == "0.00") return currency_symbol(currency) + "0.00";
    return sign + currency_symbol(currency) + digits;
}

std::string format_money_exact(double amount, const std::string& currency) {
    const double a = std::fabs(amount);
    if (!std::isfinite(amount) || a >= 100 || a == 0) return format_money(amount, currency);
    const int decimals = std::max(2, 3 - static_cast<int>(std::floor(std::log10(a))));
    auto digits = group_and_trim(fmt::format("{:.{}f}", a, decimals), true);
    if (digits.find('.') == std::string::npos)
        digits += ".00";
    else if (digits.size() - digits.find('.') == 2)
        digits += "0";
    return std::string(amount < 0 ? "-" : "") + currency_symbol(currency) + digits;
}

std::string format_number(double value, int max_decimals) {
    if (!std::isfinite(value)) return "n/a";
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
