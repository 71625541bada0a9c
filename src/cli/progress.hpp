#pragma once
// Progress on stderr for long runs (only when stderr is a terminal, only after a second), and a
// Ctrl-C that stops a run cleanly instead of killing it mid-row.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace llmtco::cli {

/// Set by the first SIGINT once install_interrupt() was called; a second SIGINT kills as usual.
const std::atomic<bool>& interrupted();
void install_interrupt();

class Progress {
  public:
    explicit Progress(std::string what);
    ~Progress();
    void update(std::size_t done, std::size_t total);

  private:
    std::string what_;
    bool tty_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
};

} // namespace llmtco::cli
