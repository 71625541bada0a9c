#include "cli/progress.hpp"

#include <csignal>
#include <fmt/format.h>
#include <unistd.h>

namespace llmtco::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_sigint(int) {
    g_interrupted.store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C ends the process at once
}

} // namespace

const std::atomic<bool>& interrupted() { return g_interrupted; }

void install_interrupt() { std::signal(SIGINT, on_sigint); }

Progress::Progress(std::string what)
    : what_(std::move(what)), tty_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() {
    if (shown_) fmt::print(stderr, "\r\033[K");
}

void Progress::update(std::size_t done, std::size_t total) {
    if (!tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    fmt::print(stderr, "\r\033[K{}: {} / {} ({:.0f}%)", what_, done, total,
               total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0);
}

} // namespace llmtco::cli
