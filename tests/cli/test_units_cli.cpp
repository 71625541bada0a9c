// Units a user could mean two ways are refused, never guessed: a call rate per 'm' (minute or
// month?) and a bare growth above 1 (5 = 500 %, or 5 %?).
#include "run.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using llmtco::test::contains;
using llmtco::test::run;

namespace {
const std::string kAgentProfile = "profiles/monitoring-agent.yaml";
} // namespace

TEST_CASE("a call rate per 'm' or 'M' exits 2 naming min and month; min and month are taken") {
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
    // 9k/min = 9,000 × 1,440 = 12,960,000 calls a day; 9k/month = 9,000 / (730/24) = 295.89 a day.
    const auto per_minute = run({"estimate", kAgentProfile, "--set", "workloads.monitoring.calls=9k/min"});
    REQUIRE(per_minute.exit_code == 0);
    CHECK(contains(per_minute.out, "12,960,000 calls/day"));
    const auto per_month = run({"estimate", kAgentProfile, "--set", "workloads.monitoring.calls=9k/month"});
    REQUIRE(per_month.exit_code == 0);
    CHECK(contains(per_month.out, "295.89 calls/day (9,000 calls in month 1)"));
}

TEST_CASE("a bare growth above 1 exits 2 suggesting the percentage; '5%' is 5 %") {
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
