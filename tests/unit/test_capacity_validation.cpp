// The capacity derivation against the published measurements of tests/data/throughput/: the
// accuracy the catalog's fitted efficiency factors reach, on the rows they were fitted on, on the
// held-out rows, and on all (docs/capacity.md shows the table; tests/capacity/report.cpp prints it).

#include "../capacity/validation.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <set>

namespace {
using llmtco::validation::Row;
using VResult = llmtco::validation::Result;
using llmtco::validation::predict;
using llmtco::validation::read_rows;
using llmtco::validation::summarise;
using llmtco::validation::summary_line;
} // namespace

namespace {
const std::vector<Row>& rows() {
    static const auto r = read_rows(LLMTCO_SOURCE_DIR "/tests/data/throughput/measurements.csv");
    return r;
}
std::vector<VResult> results() {
    std::vector<VResult> out;
    for (const auto& row : rows()) {
        if (row.status == "used") out.push_back(predict(row));
    }
    return out;
}
} // namespace

TEST_CASE(
    "capacity validation: at least 40 sourced measurements across the hardware classes, half held out") {
    int used = 0, fit = 0;
    for (const auto& r : rows()) {
        INFO(r.id);
        CHECK_FALSE(r.source.empty());
        CHECK_FALSE(r.date.empty());
        if (r.status != "used") {
            CHECK(r.status.rfind("excluded: ", 0) == 0); // an exclusion says why
            continue;
        }
        ++used;
        fit += r.fit;
    }
    CHECK(used >= 40);
    CHECK(fit * 2 <= used); // the factors are fitted on at most half of the rows
    std::set<std::string> groups;
    for (const auto& r : results())
        groups.insert(r.group.substr(r.group.find(" on ") + 4));
    CHECK(groups == std::set<std::string>{"apple", "consumer_gpu", "cpu", "datacenter_gpu", "jetson"});
}

TEST_CASE("capacity validation: the accuracy the derivation reaches on published measurements") {
    const auto all = results();
    const auto every = summarise(all, [](const Row&) { return true; });
    const auto held_out = summarise(all, [](const Row& r) { return !r.fit; });
    INFO("all: median " << every.median_abs_error << ", within 25 % " << every.within_25 << ", worst "
                        << every.worst_ratio);
    INFO("held out: median " << held_out.median_abs_error << ", within 25 % " << held_out.within_25
                             << ", worst " << held_out.worst_ratio);
    CHECK(every.comparisons >= 80);
    // The goals of issue 14: median ≤ 15 %, no prediction off by more than 2×. Reached on all rows:
    CHECK(every.median_abs_error <= 0.15);
    CHECK(every.worst_ratio <= 2.0);
    CHECK(held_out.worst_ratio <= 2.0);
    // ≥ 80 % within ±25 %: 69 of 86 comparisons on all rows (80.2 %). The held-out rows alone reach
    // 74 %; docs/capacity.md says which rows miss and why. These bounds hold it against regressions.
    CHECK(every.within_25 >= 0.80);
    CHECK(held_out.median_abs_error <= 0.20);
    CHECK(held_out.within_25 >= 0.70);
    // docs/capacity.md shows these figures (capacity_report prints them): they must be the current ones.
    std::ifstream doc(LLMTCO_SOURCE_DIR "/docs/capacity.md");
    const std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
    CHECK_THAT(text, Catch::Contains(summary_line("all rows", every)));
    CHECK_THAT(text, Catch::Contains(summary_line("held-out rows", held_out)));
}
