#pragma once
// `sweep` output: the header and one row per scenario of a SweepPlan, as CSV, JSON Lines or an
// aligned table, streamed in grid order (PRODUCT.md section 4a lists the columns).

#include "load/sweep_plan.hpp"

#include <atomic>
#include <cstdio>
#include <functional>

namespace llmtco::render {

enum class SweepFormat { csv, jsonl, table };

struct SweepRun {
    SweepFormat format = SweepFormat::csv;
    unsigned threads = 1;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(std::size_t done, std::size_t total)> progress;
};

/// Streams the header and one row per scenario to `out`, in grid order (the last --vary fastest),
/// the same bytes for any thread count. Returns the rows written (fewer than the grid when cancelled
/// or when a write fails: then ferror(out) is set and errno holds the write's error).
std::size_t run_sweep(const load::SweepPlan& plan, const SweepRun& run, std::FILE* out);

} // namespace llmtco::render
