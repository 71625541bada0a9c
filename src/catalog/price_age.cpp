#include "catalog/price_age.hpp"

#include <charconv>
#include <chrono>
#include <fmt/format.h>

namespace llmtco::catalog {
namespace {

std::optional<std::chrono::sys_days> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t at, std::size_t len) -> std::optional<int> {
        int v = 0;
        const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, v);
        if (ec != std::errc{} || end != text.data() + at + len) return std::nullopt;
        return v;
    };
    const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (!y || !m || !d) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                          std::chrono::day{unsigned(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days{ymd};
}

} // namespace

bool is_stale(std::string_view as_of, std::string_view today, int max_age_days) {
    if (max_age_days <= 0 || as_of.empty()) return false;
    const auto age = days_between(as_of, today);
    return age && *age > max_age_days;
}

std::optional<long> days_between(std::string_view from, std::string_view to) {
    const auto a = parse_date(from), b = parse_date(to);
    if (!a || !b) return std::nullopt;
    return static_cast<long>((*b - *a).count());
}

bool is_date(std::string_view text) { return parse_date(text).has_value(); }

std::string age_phrase(std::string_view as_of, std::string_view today) {
    const auto age = days_between(as_of, today);
    if (!age) return std::string(as_of);
    if (*age < 0) return fmt::format("{} (after today, {})", as_of, today);
    if (*age == 0) return fmt::format("{} (today)", as_of);
    return fmt::format("{} ({} day{} ago)", as_of, *age, *age == 1 ? "" : "s");
}

void note_stale_prices(Profile& profile, std::string_view today, int max_age_days) {
    for (auto& c : profile.cloud) {
        if (!is_stale(c.price_as_of, today, max_age_days)) continue;
        c.notes.push_back(fmt::format(
            "the catalog price of '{}' dates from {}, older than --max-price-age "
            "{} days; check it and give 'price:', or import a current price file (llm-tco prices import)",
            c.model, age_phrase(c.price_as_of, today), max_age_days));
    }
    for (auto& l : profile.local) {
        const auto& h = l.hardware;
        if (!is_stale(h.price_as_of, today, max_age_days)) continue;
        l.notes.push_back(fmt::format("the catalog price of hardware '{}' dates from {}, older than "
                                      "--max-price-age {} days; check it and give '{}', or a newer catalog "
                                      "(--catalog FILE, llm-tco prices import)",
                                      h.preset, age_phrase(h.price_as_of, today), max_age_days,
                                      h.rented() ? "rent_per_hour:" : "purchase:"));
    }
}

} // namespace llmtco::catalog
