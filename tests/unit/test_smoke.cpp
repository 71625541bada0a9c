#include <catch2/catch.hpp>

#include "llmtco/money.hpp"

TEST_CASE("money under a cent keeps four significant figures") { CHECK(llmtco::format_money(0.0006) == "$0.0006"); }
