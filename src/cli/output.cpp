#include "cli/output.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace llmtco::cli {
namespace fs = std::filesystem;

namespace {

std::string reason(int error) { return error ? std::strerror(error) : "the write failed"; }

/// Writes all of `text` to `fd`; the errno of the failure, or 0.
int write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

/// True when `path` and `input` name one existing file.
bool same_file(const fs::path& path, const std::string& input) {
    if (input == "-" || input.rfind("git:", 0) == 0) return false;
    std::error_code ec;
    return fs::equivalent(path, input, ec) && !ec;
}

/// Writes a file that is not a regular one (a device, a FIFO) in place.
void write_in_place(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) throw UsageError(fmt::format("cannot write '{}': {}", path, reason(errno)));
    const int error = write_all(fd, text);
    const int closed = ::close(fd) == 0 ? 0 : errno;
    if (error || closed)
        throw UsageError(fmt::format("cannot write '{}': {}", path, reason(error ? error : closed)));
}

mode_t new_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

} // namespace

void write_stdout(const std::string& raw) {
    // Names are refused with control characters when loaded; what still holds one (a file name
    // from the command line) is shown escaped, never sent to the terminal raw. Our colours stay.
    const auto text = util::escape_controls(raw, true);
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
        throw UsageError("writing standard output: " + reason(errno));
    }
}

void check_stream(std::FILE* out, const std::string& what) {
    if (std::fflush(out) != 0 || std::ferror(out))
        throw UsageError(fmt::format("writing {}: {}", what, reason(errno)));
}

void refuse_input_as_output(const std::string& path, const std::vector<std::string>& inputs) {
    for (const auto& input : inputs)
        if (same_file(path, input)) {
            throw UsageError(fmt::format(
                "'{}' is an input of this command ('{}'); write the output to another file", path, input));
        }
}

void write_file(const std::string& path, const std::string& text, const std::vector<std::string>& inputs) {
    refuse_input_as_output(path, inputs);
    std::error_code ec;
    fs::path target = path;
    if (fs::is_symlink(target, ec)) {
        // Replace the file the link points to, not the link.
        if (auto resolved = fs::weakly_canonical(target, ec); !ec) target = resolved;
    }
    const auto status = fs::status(target, ec);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        if (fs::is_directory(status))
            throw UsageError(fmt::format("cannot write '{}': it is a directory", path));
        write_in_place(target.string(), text);
        return;
    }
    const mode_t mode =
        fs::exists(status) ? static_cast<mode_t>(status.permissions()) & 07777 : new_file_mode();
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temp = (dir / ("." + target.filename().string() + ".llm-tco-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) throw UsageError(fmt::format("cannot write '{}': {}", path, reason(errno)));
    int error = write_all(fd, text);
    if (!error && ::fchmod(fd, mode) != 0) error = errno;
    if (!error && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    if (!error && std::rename(temp.c_str(), target.c_str()) != 0) error = errno;
    if (error) {
        ::unlink(temp.c_str());
        throw UsageError(fmt::format("cannot write '{}': {}; it is unchanged", path, reason(error)));
    }
}

int finish_output(int exit_code) {
    // A write that failed inside CLI11 (the --version line is flushed there) left its errno.
    const int earlier = errno;
    const bool failed_before = !std::cout || std::ferror(stdout);
    errno = 0;
    std::cout.flush();
    const bool failed = failed_before || !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
    if (!failed) return exit_code;
    const int error = errno ? errno : earlier;
    std::fprintf(stderr, "llm-tco: error: writing standard output: %s\n", reason(error).c_str());
    return 2;
}

} // namespace llmtco::cli
