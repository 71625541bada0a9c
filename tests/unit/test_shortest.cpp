#include "util/shortest.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <random>
#include <string>

namespace {

std::string shortest(double v) {
    char buf[llmtco::util::kShortestChars];
    return {buf, llmtco::util::write_shortest(buf, v)};
}

} // namespace

TEST_CASE("write_shortest writes what fmt's {} writes", "[shortest]") {
    // Hand-picked: each branch of the fixed notation, its edges, and the exponent fallback.
    CHECK(shortest(1234.5) == "1234.5");                 // point inside the digits
    CHECK(shortest(0.001234) == "0.001234");             // leading zeros after the point
    CHECK(shortest(0.0001) == "0.0001");                 // exponent −4: still fixed
    CHECK(shortest(0.00001) == "1e-05");                 // exponent −5: fmt's exponent notation
    CHECK(shortest(1e15) == "1000000000000000");         // exponent 15: fixed, trailing zeros written
    CHECK(shortest(1e16) == "1e+16");                    // exponent 16: exponent notation
    CHECK(shortest(-27.25) == "-27.25");                 // sign
    CHECK(shortest(0.1 + 0.2) == "0.30000000000000004"); // 17 significant digits
    CHECK(shortest(0.0) == "0");
    CHECK(shortest(-0.0) == "-0");
    CHECK(shortest(123456789.0) == "123456789");

    // Properties: the same text as fmt on random doubles of every magnitude a sweep prints and
    // beyond, and on random bit patterns; each reads back as the same double.
    std::mt19937_64 rng(20261203);
    std::uniform_real_distribution<double> exponent(-8, 20);
    std::uniform_real_distribution<double> unit(1, 10);
    int mismatches = 0;
    for (int i = 0; i < 200000; ++i) {
        double v = unit(rng) * std::pow(10.0, std::floor(exponent(rng)));
        if (i % 3 == 0) v = std::round(v * 100) / 100; // money to the cent
        if (i % 5 == 0) v = -v;
        if (i % 7 == 0) {
            const std::uint64_t bits = rng();
            std::memcpy(&v, &bits, sizeof v);
            if (!std::isfinite(v)) continue;
        }
        const auto ours = shortest(v);
        if (ours != fmt::format("{}", v) || std::strtod(ours.c_str(), nullptr) != v) {
            if (++mismatches <= 5) FAIL_CHECK(fmt::format("{} written as {}", fmt::format("{}", v), ours));
        }
    }
    CHECK(mismatches == 0);
}
