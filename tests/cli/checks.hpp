#pragma once
// Assertions shared by the CLI tests.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace llmtco::test {

/// `r` is a refusal: exit 2, nothing on stdout, `message` on stderr, within `seconds` and 256 MB
/// (both times sanitizer_slack()). The bounds are loose so a loaded CI machine does not flake;
/// typical figures are in the test output with -s.
inline void refused_quickly(const RunResult& r, const std::string& message, double seconds = 3.0) {
    INFO(r.seconds << " s, " << r.max_rss_kb / 1024 << " MB; stderr: " << r.err.substr(0, 400));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, message));
    CHECK(r.seconds < seconds * sanitizer_slack());
    CHECK(r.max_rss_kb < 256 * 1024 * sanitizer_slack());
}

} // namespace llmtco::test
