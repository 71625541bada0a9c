#pragma once
// A small fixed thread pool for streaming work: rows [0, total) are cut into chunks, each round
// hands one chunk to each of `threads` workers, and the caller consumes the round's chunks in row
// order before the next round starts. Output order never depends on the thread count.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace llmtco::util {

/// Runs `work(worker, begin, end)` over [0, total) in chunks of `chunk` rows, `threads` chunks a
/// round (worker 0 on the calling thread), then `emit(worker)` for each worker in order, then
/// `after_round(done)`. Stops before a round when `stop()` is true; returns the rows done. The first
/// exception a worker throws is rethrown after its round, before any of that round is emitted.
template <class Work, class Emit, class AfterRound, class Stop>
std::size_t run_ordered_chunks(std::size_t total, std::size_t chunk, unsigned threads, Work&& work,
                               Emit&& emit, AfterRound&& after_round, Stop&& stop) {
    threads = std::max(1u, threads);
    std::size_t done = 0;
    while (done < total) {
        if (stop()) break;
        // Only as many workers as the round has chunks: none is started for a chunk past the end.
        const auto workers =
            static_cast<unsigned>(std::min<std::size_t>(threads, (total - done + chunk - 1) / chunk));
        std::vector<std::exception_ptr> errors(workers);
        auto task = [&](unsigned t) {
            const std::size_t begin = std::min(total, done + t * chunk);
            const std::size_t end = std::min(total, begin + chunk);
            try {
                work(t, begin, end);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        };
        // A chunk whose thread cannot be started (the system's limit) runs on the calling thread
        // after worker 0's, so the output is the same.
        std::vector<std::thread> pool;
        std::vector<unsigned> here;
        for (unsigned t = 1; t < workers; ++t) {
            try {
                pool.emplace_back(task, t);
            } catch (const std::system_error&) {
                here.push_back(t);
            }
        }
        task(0);
        for (const unsigned t : here)
            task(t);
        for (auto& th : pool)
            th.join();
        for (auto& e : errors) {
            if (e) std::rethrow_exception(e);
        }
        for (unsigned t = 0; t < workers; ++t)
            emit(t);
        done = std::min(total, done + threads * chunk);
        after_round(done);
    }
    return done;
}

} // namespace llmtco::util
