#pragma once
// Levenshtein distance and "did you mean" suggestions, as ninja does for target names.

#include <string>
#include <string_view>
#include <vector>

namespace llmtco::util {

int edit_distance(std::string_view a, std::string_view b);

/// Words longer than this get no suggestion (they are not mistyped names).
inline constexpr std::size_t kMaxSuggestedWord = 64;

/// The candidate nearest to `word`, or empty when none is close enough to be a likely typo (or
/// `word` is longer than kMaxSuggestedWord). Linear in the candidates, each compared only as far
/// as the best so far.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace llmtco::util
