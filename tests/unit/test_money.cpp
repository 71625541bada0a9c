#include "llmtco/money.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;

TEST_CASE("money rounds to cents, or four significant figures under a cent") {
    CHECK(format_money(0.0006) == "$0.0006");
    CHECK(format_money(0.000123456) == "$0.0001235");
    CHECK(format_money(0.864) == "$0.86");
    CHECK(format_money(1800) == "$1,800.00");
    CHECK(format_money(1234567.891) == "$1,234,567.89");
    CHECK(format_money(0) == "$0.00");
    CHECK(format_money(-5) == "-$5.00");
    CHECK(format_money(12, "EUR") == "€12.00");
    CHECK(format_money(12, "CHF") == "CHF 12.00");
}

TEST_CASE("derivation money keeps four significant figures under $100") {
    CHECK(format_money_exact(0.576) == "$0.576");
    CHECK(format_money_exact(20.736) == "$20.74");
    CHECK(format_money_exact(150) == "$150.00");
}

TEST_CASE("months print in years above 24") {
    CHECK(format_months(7) == "7 months");
    CHECK(format_months(1) == "1 month");
    CHECK(format_months(14.5) == "14.5 months");
    CHECK(format_months(1041.67) == "86.8 years"); // 1041.67 / 12
}

TEST_CASE("numbers group thousands and drop trailing zeros") {
    CHECK(format_number(1440) == "1,440");
    CHECK(format_number(0.5) == "0.5");
    CHECK(format_number(1234.5678, 1) == "1,234.6");
}

TEST_CASE("format_unit_price keeps the digits a price has, at least two decimals") {
    CHECK(format_unit_price(0.125) == "$0.125"); // gpt-5's cached input, never $0.12 or $0.13
    CHECK(format_unit_price(3) == "$3.00");
    CHECK(format_unit_price(1.25) == "$1.25");
    CHECK(format_unit_price(1.006) == "$1.006"); // a10g-rented per hour
    CHECK(format_unit_price(0.0375) == "$0.0375");
    CHECK(format_unit_price(0.15 * 0.92) == "$0.138"); // 0.13800000000000001 in binary
    CHECK(format_unit_price(1799) == "$1,799.00");
    CHECK(format_unit_price(138, "EUR") == "€138.00");
    CHECK(format_unit_price(1.0 / 3) == "$0.333333333"); // nine significant figures at most
    CHECK(format_unit_price(0) == "$0.00");
}

TEST_CASE("money rounds a half cent up, as the arithmetic a reader does") {
    // 182,500 calls × 8,400 tok × $0.125/Mtok = $191.625 exactly: printf's half-to-even gave $191.62.
    CHECK(format_money(182500.0 * 8400 * 0.125 / 1e6) == "$191.63");
    CHECK(format_money(0.125) == "$0.13");
    CHECK(format_money(2.675) == "$2.68"); // 2.67499999999999982236431605997495353221893310546875
    CHECK(format_money(-191.625) == "-$191.63");
    CHECK(format_money_exact(191.625) == "$191.63");
}
