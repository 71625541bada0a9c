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
