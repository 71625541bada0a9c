#pragma once
// How old a catalog price is. The tool never looks a price up on the network; it says when the
// date a price was taken from is older than the user is willing to trust (--max-price-age).

#include "llmtco/profile.hpp"

#include <optional>
#include <string_view>

namespace llmtco::catalog {

/// Days from `from` to `to`, both YYYY-MM-DD; nullopt when either is not a valid date.
std::optional<long> days_between(std::string_view from, std::string_view to);

/// True when `text` is a valid YYYY-MM-DD date.
bool is_date(std::string_view text);

/// True when `as_of` is a date more than `max_age_days` before `today`; never when the limit is 0
/// or the entry has no date (the one staleness rule the notes and `prices` share).
bool is_stale(std::string_view as_of, std::string_view today, int max_age_days);

/// Adds a note to every option whose price comes from a catalog entry dated more than
/// `max_age_days` before `today` (YYYY-MM-DD). `max_age_days` 0 turns the check off.
void note_stale_prices(Profile& profile, std::string_view today, int max_age_days);

/// "2026-02-19 (283 days ago)", the phrase the notes and `prices show` share.
std::string age_phrase(std::string_view as_of, std::string_view today);

} // namespace llmtco::catalog
