#include "util/edit_distance.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace llmtco::util {

namespace {

/// The edit distance, or a number above `limit` as soon as every path is past it (the search
/// only wants distances up to the best so far).
int edit_distance_within(std::string_view a, std::string_view b, int limit) {
    const int length_gap = static_cast<int>(a.size() > b.size() ? a.size() - b.size() : b.size() - a.size());
    if (length_gap > limit) return limit + 1;
    std::vector<int> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
        if (*std::min_element(row.begin(), row.end()) > limit) return limit + 1;
    }
    return row[b.size()];
}

/// `s` in lower case without '-', '_', '.' and spaces.
std::string without_separators(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c != '-' && c != '_' && c != '.' && c != ' ')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

} // namespace

int edit_distance(std::string_view a, std::string_view b) {
    return edit_distance_within(a, b, std::numeric_limits<int>::max() - 1);
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    // A name given in part ("rtx-4090" for "rtx-4090-workstation"): the shortest that starts with it.
    if (word.size() >= 3) {
        const std::string* prefixed = nullptr;
        for (const auto& c : candidates) {
            if (c.size() > word.size() && c.compare(0, word.size(), word) == 0 &&
                (!prefixed || c.size() < prefixed->size())) {
                prefixed = &c;
            }
        }
        if (prefixed) return *prefixed;
        // The same with the separators left out ("rtx4090" for "rtx-4090-workstation").
        const auto bare_word = without_separators(word);
        for (const auto& c : candidates) {
            const auto bare = without_separators(c);
            if (bare_word.size() >= 3 && bare.size() >= bare_word.size() && c != word &&
                bare.compare(0, bare_word.size(), bare_word) == 0 &&
                (!prefixed || c.size() < prefixed->size())) {
                prefixed = &c;
            }
        }
        if (prefixed) return *prefixed;
    }
    // A name of a few dozen characters has typos; a longer "word" is not a mistyped name, and
    // comparing it with 80,000 catalog names would take minutes.
    if (word.size() > kMaxSuggestedWord) return {};
    std::string best;
    int best_distance = 0;
    for (const auto& c : candidates) {
        // Only a candidate nearer than the best so far matters: stop its distance there.
        const int d = edit_distance_within(
            word, c, best.empty() ? std::numeric_limits<int>::max() - 1 : best_distance - 1);
        if (best.empty() || d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    // A typo changes a few characters; past a third of the word it is another word.
    const int allowed = std::max(2, static_cast<int>(std::max(word.size(), best.size()) / 3));
    const bool contains = !best.empty() && !word.empty() &&
                          (best.find(word) != std::string::npos || word.find(best) != std::string_view::npos);
    return best_distance <= allowed || contains ? best : std::string();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    auto n = nearest(word, candidates);
    return n.empty() ? std::string() : " (did you mean '" + n + "'?)";
}

} // namespace llmtco::util
