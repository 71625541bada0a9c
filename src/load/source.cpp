#include "load/source.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace llmtco::load {

namespace {

/// Closes a file descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    void close() {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
};

/// Reads from `fd` into `into` until end of file or until `into` holds more than `cap` bytes.
/// True at end of file; false when the cap was passed. A read error throws, naming `what`.
bool read_capped(int fd, std::string& into, std::size_t cap, const std::string& what) {
    char buffer[65536];
    while (into.size() <= cap) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            throw UsageError(fmt::format("cannot read {}: {}", what,
                                         errno == EISDIR ? "it is a directory" : std::strerror(errno)));
        }
        into.append(buffer, static_cast<std::size_t>(n));
    }
    return false;
}

/// The read limit's error: `size` is a regular file's real size, or empty for a stream that
/// went on past the limit.
[[noreturn]] void too_big(const std::string& name, std::optional<std::size_t> size) {
    const std::string what = name == "<stdin>"            ? "standard input"
                             : name.rfind("git:", 0) == 0 ? "the blob"
                                                          : "the file";
    if (size) {
        throw InputError(
            fmt::format("{}:1:1: error: {} is {} bytes, over the read limit of {} (max_read_bytes)", name,
                        what, *size, kMaxReadBytes));
    }
    throw InputError(fmt::format("{}:1:1: error: {} goes on past the read limit of {} bytes (max_read_bytes)",
                                 name, what, kMaxReadBytes));
}

/// "git:REV:PATH" → the file as committed at REV, through `git show` (no shell involved). git's
/// standard error is read apart from the blob: its message explains a failure, and a warning
/// (an ambiguous ref) is passed on instead of being parsed as part of the profile.
Source read_git_source(const std::string& spec) {
    const auto rest = spec.substr(4);
    const auto colon = rest.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) {
        throw UsageError(fmt::format("'{}': expected git:REV:PATH, e.g. git:main:costs.yaml", spec));
    }
    const auto rev = rest.substr(0, colon);
    if (rev[0] == '-') throw UsageError(fmt::format("'{}': a revision cannot start with '-'", spec));
    if (const auto dots = rev.find(".."); dots != std::string::npos) {
        const auto path = rest.substr(colon + 1);
        const auto left = dots == 0 ? std::string("HEAD") : rev.substr(0, dots);
        const auto after = rev.find_first_not_of('.', dots);
        const auto right = after == std::string::npos ? std::string("HEAD") : rev.substr(after);
        throw UsageError(
            fmt::format("'{}': '{}' is a range of revisions, and a profile is read from one: give "
                        "one, e.g. git:{}:{} (to compare two: llm-tco diff git:{}:{} git:{}:{})",
                        spec, rev, right, path, left, path, right, path));
    }
    auto file = rest.substr(colon + 1);
    if (file[0] != '/' && file.rfind("./", 0) != 0) file = "./" + file; // relative to the working directory
    const std::string object = rev + ":" + file;
    int out[2];
    int err[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw UsageError("cannot run git: " + std::string(std::strerror(errno)));
    if (pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        throw UsageError("cannot run git: " + std::string(std::strerror(errno)));
    }
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        execlp("git", "git", "show", object.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    Fd blob{out[0]};
    Fd messages{err[0]};
    if (pid < 0) throw UsageError("cannot run git: " + std::string(std::strerror(errno)));
    std::string text;
    std::string error_text;
    bool over_limit = false;
    char buffer[65536];
    // Both pipes at once: git blocks on a full stderr pipe while we wait for its stdout.
    while (blob.fd >= 0 || messages.fd >= 0) {
        pollfd fds[2] = {{blob.fd, POLLIN, 0}, {messages.fd, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                (i == 0 ? blob : messages).close();
                continue;
            }
            auto& into = i == 0 ? text : error_text;
            const std::size_t cap = i == 0 ? kMaxReadBytes : 64 * 1024;
            if (into.size() <= cap) into.append(buffer, static_cast<std::size_t>(n));
            if (i == 0 && text.size() > kMaxReadBytes && !over_limit) {
                over_limit = true;
                ::kill(pid, SIGTERM);
                blob.close();
            }
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (over_limit) too_big(spec, std::nullopt);
    auto first_line = [](std::string s) {
        s = s.substr(0, s.find('\n'));
        if (s.rfind("fatal: ", 0) == 0) s = s.substr(7);
        return s;
    };
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw UsageError(fmt::format("cannot read '{}': {}", spec,
                                     WIFEXITED(status) && WEXITSTATUS(status) == 127
                                         ? "git is not installed"
                                         : "git show " + object + " failed: " +
                                               (error_text.empty() ? "no message" : first_line(error_text))));
    }
    Source source{spec, std::move(text), {}};
    if (!error_text.empty()) source.warnings.push_back("git show " + object + ": " + first_line(error_text));
    return source;
}

} // namespace

Source read_source(const std::string& path) {
    if (path.rfind("git:", 0) == 0) return read_git_source(path);
    if (path == "-") {
        std::string text;
        if (!read_capped(STDIN_FILENO, text, kMaxReadBytes, "standard input")) {
            too_big("<stdin>", std::nullopt);
        }
        return Source{"<stdin>", std::move(text), {}};
    }
    Fd in{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0) {
        throw UsageError(fmt::format("cannot read '{}': {}", path,
                                     errno == ENOENT ? "no such file" : std::strerror(errno)));
    }
    struct stat st {};
    if (::fstat(in.fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) throw UsageError(fmt::format("cannot read '{}': it is a directory", path));
        // A regular file's real size, not the size read when the limit stopped the read.
        if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > kMaxReadBytes) {
            too_big(path, static_cast<std::size_t>(st.st_size));
        }
    }
    std::string text;
    if (!read_capped(in.fd, text, kMaxReadBytes, "'" + path + "'")) {
        too_big(path, std::nullopt);
    }
    return Source{path, std::move(text), {}};
}

} // namespace llmtco::load
