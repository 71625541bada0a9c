#pragma once
// Runs the built llm-tco binary the way a user does and captures what it prints.

#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace llmtco::test {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    long max_rss_kb = 0; ///< the child's peak resident memory
    double seconds = 0;  ///< wall time from fork to exit
};

/// The date the suite runs on (LLMTCO_TODAY), so price-age warnings do not change with the clock.
inline constexpr const char* kToday = "2026-11-29";

/// What check, diff, breakeven and recommend print on stderr for a profile using the article's
/// model: its catalog price is from 2026-02-19, 283 days before kToday (> the default 180).
inline const std::string kStaleHaiku =
    "llm-tco: warning: option 'haiku': the catalog price of 'claude-3-5-haiku' dates from 2026-02-19 "
    "(283 days ago), older than --max-price-age 180 days; check it and give 'price:', or import a "
    "current price file (llm-tco prices import)\n";

/// Runs `llm-tco ARGS…` in `cwd` (default: the source tree) with `input` on stdin and the extra
/// environment variables `env` ("NAME=value"; a bare "NAME" unsets it). NO_COLOR is not set unless
/// given; LLMTCO_TODAY is kToday unless given; LLMTCO_NO_USER_CATALOG is 1 (as ctest sets it on
/// every test: the user catalog of whoever runs the suite is ignored) unless given or unset.
RunResult run(const std::vector<std::string>& args, const std::string& cwd = LLMTCO_SOURCE_DIR,
              const std::string& input = "", const std::vector<std::string>& env = {});

/// Runs `llm-tco ARGS…` in the source tree on a pseudo-terminal `columns` wide, as in a user's
/// shell: `out` holds what the terminal showed (stdout and stderr together, without \r).
RunResult run_tty(const std::vector<std::string>& args, int columns = 80,
                  const std::vector<std::string>& env = {});

/// A fresh directory /tmp/llmtco-TAG-XXXXXX; throws when it cannot be made.
std::string temp_dir(const std::string& tag);

/// Writes `text` to a fresh file in a temporary directory and returns its path.
std::string temp_file(const std::string& name, const std::string& text);

/// The text of a file.
std::string read_file(const std::string& path);

/// How much slower and bigger a sanitizer build (LLMTCO_SLOW, set by the sanitize test preset)
/// runs: 5, else 1. Time and memory bounds are multiplied by it.
double sanitizer_slack();

/// Runs a shell command, output discarded (paths here are mkdtemp names: no quoting needed);
/// true when it exits 0.
bool sh(const std::string& command);

/// git with a test identity and no signing, for repositories the tests make.
inline const std::string kGit = "git -c user.name=llm-tco-test -c user.email=test@example.invalid "
                                "-c commit.gpgsign=false -c init.defaultBranch=main";

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// The lines of a text, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

} // namespace llmtco::test
