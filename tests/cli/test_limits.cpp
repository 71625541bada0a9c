// Hostile input is refused quickly, in bounded memory, with a message naming the limit.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

using llmtco::test::run;
using llmtco::test::temp_file;

namespace {

/// Each hostile input must be refused with exit 2 in well under a second and under 256 MB.
/// (The bounds asserted here are loose — 3 s, 256 MB — so a loaded CI machine or a sanitizer
/// build does not flake; typical figures are in the test output with -s.)
void refused(const std::string& name, const std::string& text, const std::string& message) {
    const auto path = temp_file(name, text);
    const auto r = run({"validate", path});
    INFO(name << ": " << r.seconds << " s, " << r.max_rss_kb / 1024 << " MB; stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(message) != std::string::npos);
    // Sanitizer builds (LLMTCO_SLOW set by the sanitize test preset) run several times slower and bigger.
    const double slack = std::getenv("LLMTCO_SLOW") ? 5.0 : 1.0;
    CHECK(r.seconds < 3.0 * slack);
    CHECK(r.max_rss_kb < 256 * 1024 * slack);
}

} // namespace

TEST_CASE("an alias bomb stops at the node limit") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
        bomb += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 10; ++i)
            bomb += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
        bomb += "]\n";
    }
    refused("bomb.yaml", bomb, "expands to more than 200000 nodes (limit max_nodes; an alias bomb?)");
}

TEST_CASE("100,000-deep nesting stops at the depth limit") {
    refused("deep.yaml", std::string(100000, '['), "nesting deeper than 64 levels (limit max_depth)");
    std::string block;
    for (int i = 0; i < 100; ++i)
        block += std::string(static_cast<std::size_t>(i), ' ') + "k" + std::to_string(i) + ":\n";
    refused("deep-block.yaml", block, "nesting deeper than 64 levels (limit max_depth)");
}

TEST_CASE("a 5 MB scalar stops at the file size limit, a 100 KB one at the scalar limit") {
    refused("huge.yaml", "version: 1\nnote: " + std::string(5 * 1024 * 1024, 'x') + "\n",
            "over the limit of 4194304 (max_file_bytes)");
    refused("long.yaml", "settings: {currency: " + std::string(100 * 1024, 'x') + "}\n",
            "a value longer than 65536 bytes (limit max_scalar_bytes)");
}

TEST_CASE("horizon, grid and sample limits are named") {
    const auto h =
        run({"estimate", "profiles/monitoring-agent.yaml", "--set", "settings.horizon_months=1201"});
    CHECK(h.exit_code == 2);
    CHECK(h.err.find("'horizon_months' must be between 1 and 1200, got 1201") != std::string::npos);
    const auto g =
        run({"sweep", "profiles/monitoring-agent.yaml", "--vary", "workloads.monitoring.calls=1..10:10000000",
             "--vary", "workloads.monitoring.input_tokens=1..10:100"});
    CHECK(g.exit_code == 2);
    CHECK(g.err.find("limit max_sweep_scenarios") != std::string::npos);
    const auto s = run({"simulate", "profiles/monitoring-agent.yaml", "--samples", "10000001"});
    CHECK(s.exit_code == 2);
    CHECK(s.err.find("--samples") != std::string::npos);
}

TEST_CASE("every fuzzer finding in tests/fuzz/regressions is refused or accepted, never a crash") {
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(LLMTCO_SOURCE_DIR) + "/tests/fuzz/regressions")) {
        INFO(e.path().filename().string());
        const auto r = run({"estimate", e.path().string(), "--format", "json"});
        CHECK((r.exit_code == 0 || r.exit_code == 2));
        CHECK(r.err.find("internal error") == std::string::npos);
    }
}
