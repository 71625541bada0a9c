#pragma once
// Internal helpers shared by the cloud and local cost functions.

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

inline std::string growth_note(double growth) {
    return growth == 0 ? std::string() : fmt::format(" (growing {}%/month)", format_number(growth * 100, 2));
}

} // namespace llmtco::detail
