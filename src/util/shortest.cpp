#include "util/shortest.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fmt/compile.h>
#include <fmt/format.h>

namespace llmtco::util {
namespace {

constexpr char kPairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                          "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                          "8081828384858687888990919293949596979899";

/// Writes the decimal digits of `n` (at least one) ending at `end`; returns where they begin.
char* digits_backwards(char* end, std::uint32_t n) {
    while (n >= 100) {
        end -= 2;
        std::memcpy(end, kPairs + 2 * (n % 100), 2);
        n /= 100;
    }
    if (n >= 10) {
        end -= 2;
        std::memcpy(end, kPairs + 2 * n, 2);
    } else {
        *--end = static_cast<char>('0' + n);
    }
    return end;
}

/// The same for a 64-bit `n`: its low eight digits in 32-bit arithmetic (cheaper divisions by 100),
/// then the rest (a shortest double has at most 17 digits).
char* digits_backwards(char* end, std::uint64_t n) {
    while (n >= 100000000) {
        auto low = static_cast<std::uint32_t>(n % 100000000);
        n /= 100000000;
        for (int i = 0; i < 4; ++i) { // exactly eight digits, zeros included
            end -= 2;
            std::memcpy(end, kPairs + 2 * (low % 100), 2);
            low /= 100;
        }
    }
    return digits_backwards(end, static_cast<std::uint32_t>(n));
}

} // namespace

char* write_shortest(char* out, double v) {
    if (v == 0 || !std::isfinite(v)) return fmt::format_to(out, FMT_COMPILE("{}"), v); // 0, -0 and the rest
    const auto dec = fmt::detail::dragonbox::to_decimal(std::fabs(v));
    char digits[24];
    char* const digits_end = digits + sizeof digits;
    const char* first = digits_backwards(digits_end, dec.significand);
    const int count = static_cast<int>(digits_end - first);
    const int output_exp = dec.exponent + count - 1; // the power of ten of the first digit
    if (output_exp < -4 || output_exp >= 16) return fmt::format_to(out, FMT_COMPILE("{}"), v);
    if (std::signbit(v)) *out++ = '-';
    const int point = count + dec.exponent; // digits before the decimal point
    if (dec.exponent >= 0) {                // 1234e2 → 123400
        std::memcpy(out, first, static_cast<std::size_t>(count));
        out += count;
        std::memset(out, '0', static_cast<std::size_t>(dec.exponent));
        return out + dec.exponent;
    }
    if (point > 0) { // 1234e-2 → 12.34
        std::memcpy(out, first, static_cast<std::size_t>(point));
        out += point;
        *out++ = '.';
        std::memcpy(out, first + point, static_cast<std::size_t>(count - point));
        return out + (count - point);
    }
    // 1234e-6 → 0.001234
    *out++ = '0';
    *out++ = '.';
    std::memset(out, '0', static_cast<std::size_t>(-point));
    out += -point;
    std::memcpy(out, first, static_cast<std::size_t>(count));
    return out + count;
}

} // namespace llmtco::util
