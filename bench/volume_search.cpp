// Times the breakeven-volume search (PRODUCT §4 "calls_per_day") on a profile whose local cost
// steps 50 times below the breakeven: each machine added makes local dearer again until the
// per-call saving outruns a machine's rent (the arithmetic is in tests/unit/test_breakeven.cpp,
// "several bands"; here the rent is set so that the bands continue to n = 49).
// Release build only; bench/run.sh runs it and docs/performance.md quotes it.

#include "catalog/catalog.hpp"
#include "llmtco/breakeven.hpp"
#include "load/profile_loader.hpp"

#include <chrono>
#include <cstdio>

int main() {
    using namespace llmtco;
    // A machine serves 43,200 calls a day and costs 12 × 720 h × $1.764 = $15,240.96 over the
    // horizon; the cloud costs 0.36 × v: local is cheaper with n machines from v = 42,336 × n, and
    // dearer just above each step while 42,336 × n > 43,200 × (n − 1), i.e. for n < 50.
    const std::string yaml = R"(
settings: {days_per_month: 30, horizon_months: 12}
workloads: [{name: w, calls: 1000/day, input_tokens: 1000, output_tokens: 0}]
options:
  cloud: [{name: api, price: {input_per_mtok: 1, output_per_mtok: 0}}]
  local:
    - name: box
      hardware: {rent_per_hour: 1.764}
      throughput: {prefill_tokens_per_s: 1000, decode_tokens_per_s: 100, max_utilization: 0.5}
      setup_hours_per_added_machine: 0
      maintenance_hours_per_machine_month: 0
)";
    const auto p = load::load_profile({load::Source{"bench.yaml", yaml}}, {}, catalog::builtin());
    constexpr int kRuns = 200;
    BreakevenVolume volume;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kRuns; ++i)
        volume = breakeven_volume(p, p.workloads[0], p.local[0], p.cloud[0]);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / kRuns;
    std::printf("%.3f ms per search; calls_per_day %.0f; %zu cheaper bands\n", ms,
                volume.calls_per_day.value_or(-1), volume.cheaper_bands.size());
    return 0;
}
