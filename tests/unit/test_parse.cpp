#include "util/error.hpp"
#include "util/parse.hpp"

#include <catch2/catch.hpp>

using namespace llmtco;

namespace {
double per_day(const char* text, double days_per_month = 30) {
    return util::parse_rate(text).calls_per_day(days_per_month);
}
} // namespace

TEST_CASE("parse_rate reads every unit as calls per day") {
    CHECK(per_day("every 30 minutes") == 48); // 1440 min / 30
    CHECK(per_day("every minute") == 1440);
    CHECK(per_day("every 2 hours") == 12);      // 24 / 2
    CHECK(per_day("every 10 seconds") == 8640); // 86400 / 10
    CHECK(per_day("48/day") == 48);
    CHECK(per_day("10k/day") == 10000);
    CHECK(per_day("2/hour") == 48); // 2 × 24
    CHECK(per_day("2/h") == 48);
    CHECK(per_day("1/min") == 1440);
    CHECK(per_day("1.5M/month") == Approx(50000));                               // 1.5e6 / 30
    CHECK(per_day("1.5M/month", 730.0 / 24) == Approx(49315.068).epsilon(1e-6)); // 1.5e6 / 30.416667
    CHECK(per_day("70/week") == Approx(10));                                     // 70 / 7
    CHECK(per_day("360/year") == Approx(1));                                     // 360 / (12 × 30)
    CHECK(per_day("100 per day") == 100);
    CHECK(per_day("250") == 250); // bare number = per day
    CHECK(per_day("2B/day") == 2e9);
    CHECK(per_day("every week") == Approx(1.0 / 7));
}

TEST_CASE("parse_rate refuses 'm' and 'M', minute or month, naming both") {
    // 9k/minute is 9,000 × 1,440 = 12,960,000 calls a day; 9k/month is 9,000 / 30 = 300: a factor
    // of 43,200 rides on one letter, so neither is guessed.
    for (const char* text : {"9k/m", "9k/M", "9k per m", "every 5 m", "every M"}) {
        INFO(text);
        CHECK_THROWS_WITH(util::parse_rate(text), Catch::Contains("could be a minute or a month") &&
                                                      Catch::Contains("'min' or 'month'"));
    }
    CHECK_THROWS_WITH(util::parse_rate("9k/m"),
                      "the unit 'm' in '9k/m' could be a minute or a month; write 'min' or 'month'");
    CHECK(per_day("9k/min") == 12960000);
    CHECK(per_day("9k/mins") == 12960000);
    CHECK(per_day("9k/month") == 300);
    CHECK(per_day("9k/mo") == 300);
    CHECK(per_day("every 5 min") == 288); // 1,440 / 5
}

TEST_CASE("parse_rate keeps a ranged amount") {
    const auto r = util::parse_rate("1k..3k/day");
    CHECK(r.amount.ranged());
    CHECK(r.amount.low == 1000);
    CHECK(r.amount.high == 3000);
    CHECK(r.calls_per_day(30) == 2000); // the mean
}

TEST_CASE("parse_rate rejects malformed rates with a message that teaches the syntax") {
    CHECK_THROWS_WITH(util::parse_rate("48/fortnight"),
                      Catch::Contains("unknown time unit 'fortnight'") && Catch::Contains("'48/day'"));
    CHECK_THROWS_WITH(util::parse_rate("every x minutes"), Catch::Contains("expected a rate"));
    CHECK_THROWS_WITH(util::parse_rate("abc"), Catch::Contains("expected a rate"));
    CHECK_THROWS_WITH(util::parse_rate(""), Catch::Contains("expected a rate"));
    CHECK_THROWS_WITH(util::parse_rate("-5/day"), Catch::Contains("cannot be negative"));
    CHECK_THROWS_WITH(util::parse_rate("every 0 minutes"), Catch::Contains("greater than 0"));
    CHECK_THROWS_AS(util::parse_rate("3k..1k/day"), ValueError);
}

TEST_CASE("parse_percent takes percentages and fractions") {
    CHECK(util::parse_percent("5%") == Approx(0.05));
    CHECK(util::parse_percent("0.05") == Approx(0.05));
    CHECK(util::parse_percent("150%") == Approx(1.5)); // bounds are the loader's job
    CHECK_THROWS_WITH(util::parse_percent("five"), Catch::Contains("percentage"));
    CHECK_THROWS_WITH(util::parse_percent("%"), Catch::Contains("percentage"));
}

TEST_CASE("parse_share refuses a bare number above 1 and suggests the percentage") {
    CHECK(util::parse_share("5%") == Approx(0.05));
    CHECK(util::parse_share("0.05") == Approx(0.05));
    CHECK(util::parse_share("1") == 1);       // 100 %, a fraction still
    CHECK(util::parse_share("500%") == 5);    // a percentage above 100 is as written
    CHECK(util::parse_share("-0.5") == -0.5); // bounds are the loader's job
    CHECK_THROWS_WITH(util::parse_share("5"), "5 would be read as a fraction, 500%; write '5%' for 5 %");
    CHECK_THROWS_WITH(util::parse_share("1.5"),
                      "1.5 would be read as a fraction, 150%; write '1.5%' for 1.5 %");
    CHECK_THROWS_WITH(util::parse_range("2..5", true), Catch::Contains("write '2%'"));
    CHECK(util::parse_range("2..5").value == 3.5); // not a share: plain numbers
}

TEST_CASE("parse_range gives uniform ranges whose point value is the mean") {
    const auto n = util::parse_range("4..8");
    CHECK(n.dist == Dist::uniform);
    CHECK(n.value == 6); // (4 + 8) / 2
    CHECK(util::parse_range("7").value == 7);
    CHECK(util::parse_range("5%..15%", true).value == Approx(0.10));
    CHECK_THROWS_WITH(util::parse_range("8..4"), Catch::Contains("from low to high"));
    CHECK_THROWS_WITH(util::parse_range("4.."), Catch::Contains("both ends"));
    CHECK_THROWS_WITH(util::parse_range("..4"), Catch::Contains("both ends"));
}

TEST_CASE("parse_number refuses anything that is not one finite number") {
    CHECK(util::parse_number("1e6") == 1e6);
    CHECK(util::parse_number(" 42 ") == 42);
    CHECK_THROWS_AS(util::parse_number("12abc"), ValueError);
    CHECK_THROWS_AS(util::parse_number("nan"), ValueError);
    CHECK_THROWS_AS(util::parse_number("inf"), ValueError);
    CHECK_THROWS_AS(util::parse_number("1e999"), ValueError);
    CHECK(util::parse_scaled("10k") == 10000);
    CHECK(util::parse_scaled("1.5M") == 1.5e6);
}

TEST_CASE("triangular ranges average min, mode and max") {
    CHECK(Num::triangular(1, 2, 6).value == 3); // (1 + 2 + 6) / 3
}
