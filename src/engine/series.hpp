#pragma once
// Internal helpers shared by the cloud and local cost functions.

#include "llmtco/fields.hpp"
#include "llmtco/money.hpp"
#include "llmtco/profile.hpp"

#include <fmt/format.h>
#include <string>

namespace llmtco::detail {

/// Hours in a month: 24 · D.
inline double hours_per_month(const Settings& s) { return 24.0 * s.days_per_month; }

/// The explain text of a monthly line item: the month-1 derivation, then the horizon total.
inline std::string monthly_formula(const std::string& month1_text, double month1, double total, int horizon,
                                   bool constant, const std::string& currency) {
    if (horizon == 1 || (constant && month1 == 0)) {
        return fmt::format("{} = {}/month", month1_text, format_money_exact(month1, currency));
    }
    if (constant) {
        return fmt::format("{} = {}/month × {} = {}", month1_text, format_money_exact(month1, currency),
                           month_count(horizon), format_money(total, currency));
    }
    return fmt::format("{} = {} in month 1; {} over {}", month1_text, format_money_exact(month1, currency),
                       format_money(total, currency), month_count(horizon));
}

/// " (= $0.125 × 0.92)" after a figure the loader converted from the catalog's USD (PATH names the
/// value, `usd` formats the amount before conversion); empty for a figure in the profile's currency.
inline std::string usd_note(const Profile& p, const std::string& path, double value,
                            std::string (*usd)(double, const std::string&)) {
    if (!converted_from_usd(p, path)) return {};
    const double rate = p.settings.exchange_rate.rate;
    return fmt::format(" (= {} × {})", usd(value / rate, p.settings.exchange_rate.from),
                       format_number(rate, 6));
}

/// A unit price in a derivation: "$0.125/Mtok", "€138.00/h (= $150.00 × 0.92)".
inline std::string unit_price_text(const Profile& p, const std::string& path, double value, const char* per) {
    return format_unit_price(value, p.settings.currency) + per + usd_note(p, path, value, format_unit_price);
}

/// An amount in a derivation, with its conversion: "€1,655.08 (= $1,799.00 × 0.92)".
inline std::string money_text(const Profile& p, const std::string& path, double value) {
    return format_money(value, p.settings.currency) + usd_note(p, path, value, format_money);
}

inline std::string growth_note(double growth) {
    return growth == 0 ? std::string() : fmt::format(" (growing {}%/month)", format_number(growth * 100, 2));
}

} // namespace llmtco::detail
