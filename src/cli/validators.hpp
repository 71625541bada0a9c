#pragma once
/// CLI11 validators for the numbers an option takes, stricter than CLI11's own: CLI11 2.1 reads
/// "nan" as a double that passes NonNegativeNumber, and "-1" or 2^64 as a std::uint64_t that wraps
/// or saturates to 18446744073709551615 without a word.

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace llmtco::cli {

/// A finite number ≥ 0 (not nan, not inf).
inline const CLI::Validator kFiniteNonNegative(
    [](std::string& text) -> std::string {
        double v = 0;
        const auto* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, v);
        if (ec != std::errc() || ptr != end || !std::isfinite(v) || v < 0)
            return "expected a finite number of 0 or more, got '" + text + "'";
        return {};
    },
    "NUMBER ≥ 0");

/// A seed: a whole number from 0 to 2^64 − 1, digits only.
inline const CLI::Validator kSeed(
    [](std::string& text) -> std::string {
        std::uint64_t v = 0;
        const auto* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, v);
        if (ec == std::errc::result_out_of_range)
            return "'" + text + "' is above the largest seed, 18446744073709551615";
        if (ec != std::errc() || ptr != end || text.empty())
            return "expected a whole number from 0 to 18446744073709551615, got '" + text + "'";
        return {};
    },
    "UINT64");

} // namespace llmtco::cli
