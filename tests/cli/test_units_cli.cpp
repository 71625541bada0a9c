// Units a user could mean two ways are refused, never guessed: a call rate per 'm' (minute or
// month?) and a bare growth above 1 (5 = 500 %, or 5 %?).
#include "run.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sstream>

using llmtco::test::contains;
using llmtco::test::run;

namespace {
const std::string kAgentProfile = "profiles/monitoring-agent.yaml";
} // namespace

TEST_CASE("a call rate per 'm' or 'M' exits 2 naming min and month, which are taken") {
    for (const char* rate : {"9k/m", "9k/M"}) {
        INFO(rate);
        const auto r =
            run({"estimate", kAgentProfile, "--set", std::string("workloads.monitoring.calls=") + rate});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err ==
              fmt::format("--set workloads.monitoring.calls:1:1: error: 'calls': the unit '{}' in '{}' "
                          "could be a minute or a month; write 'min' or 'month'\n",
                          std::string(rate).substr(3), rate));
    }
    // 9k/min = 9,000 × 1,440 = 12,960,000 calls a day; 9k/month = 9,000 / 30 = 300 a day (the
    // profile has days_per_month: 30).
    const auto per_minute = run({"estimate", kAgentProfile, "--set", "workloads.monitoring.calls=9k/min"});
    REQUIRE(per_minute.exit_code == 0);
    CHECK(contains(per_minute.out, "12,960,000 calls/day"));
    const auto per_month = run({"estimate", kAgentProfile, "--set", "workloads.monitoring.calls=9k/month"});
    REQUIRE(per_month.exit_code == 0);
    CHECK(contains(per_month.out, "300 calls/day (9,000 calls in month 1)"));
}

TEST_CASE("a bare growth above 1 exits 2 suggesting the percentage, and '5%' is 5 %") {
    const auto r = run({"estimate", kAgentProfile, "--set", "workloads.monitoring.growth_per_month=5"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "--set workloads.monitoring.growth_per_month:1:1: error: 'growth_per_month': 5 would be read as "
          "a fraction, 500%; write '5%' for 5 %\n");
    const auto ok = run({"estimate", kAgentProfile, "--set", "workloads.monitoring.growth_per_month=5%"});
    CHECK(ok.exit_code == 0);
    CHECK(contains(ok.out, "→")); // a growing workload: month 1 → the last month
}

TEST_CASE("prices show prints a unit price with its digits, as prices list does") {
    const auto show = run({"prices", "show", "gpt-5"});
    REQUIRE(show.exit_code == 0);
    CHECK(contains(show.out, "  cached input:   $0.125/Mtok\n"));
    CHECK(contains(show.out, "  input:          $1.25/Mtok\n"));
    const auto list = run({"prices", "list", "--name", "gpt-5"});
    REQUIRE(list.exit_code == 0);
    std::istringstream lines(list.out);
    std::string line;
    bool found = false;
    while (std::getline(lines, line)) {
        if (line.rfind("gpt-5 ", 0) != 0) continue;
        found = true;
        CHECK(contains(line, " $1.25 "));
        CHECK(contains(line, " $10.00 "));
        CHECK(contains(line, " $0.125 "));
    }
    CHECK(found);
    // A rent with three decimals keeps them: a10g-rented is $1.006 an hour, not $1.01.
    CHECK(contains(run({"prices", "show", "a10g-rented"}).out, "  rent:         $1.006/h on demand\n"));
    CHECK(contains(run({"prices", "list", "--local"}).out, "$1.006/h"));
}

TEST_CASE("estimate --explain reproduces its arithmetic with the price's own digits") {
    // 6,000 calls/day × 730/24 = 182,500 calls × 8,400 cached tokens × $0.125/Mtok = $191.625
    const auto profile = std::string(LLMTCO_SOURCE_DIR) + "/tests/data/digits/gpt5-cached.yaml";

    const auto r = run({"estimate", profile, "--explain"});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out,
                   "cached input: 182,500 calls × 8,400 tok × $0.125/Mtok = $191.63/month × 12 months = "
                   "$2,299.50\n"));
}
