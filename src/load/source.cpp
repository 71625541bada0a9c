#include "load/source.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sys/wait.h>
#include <unistd.h>

namespace llmtco::load {

namespace {

/// "git:REV:PATH" → the file as committed at REV, through `git show` (no shell involved).
Source read_git_source(const std::string& spec) {
    const auto rest = spec.substr(4);
    const auto colon = rest.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) {
        throw UsageError(fmt::format("'{}': expected git:REV:PATH, e.g. git:main:costs.yaml", spec));
    }
    const auto rev = rest.substr(0, colon);
    if (rev[0] == '-') throw UsageError(fmt::format("'{}': a revision cannot start with '-'", spec));
    auto file = rest.substr(colon + 1);
    if (file[0] != '/' && file.rfind("./", 0) != 0) file = "./" + file; // relative to the working directory
    const std::string object = rev + ":" + file;
    int out[2];
    if (pipe(out) != 0) throw UsageError("cannot run git: " + std::string(std::strerror(errno)));
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(out[1], 2);
        close(out[0]);
        close(out[1]);
        execlp("git", "git", "show", object.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::string text;
    char buffer[65536];
    ssize_t n;
    while ((n = read(out[0], buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<std::size_t>(n));
    close(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const auto first_line = text.substr(0, text.find('\n'));
        throw UsageError(fmt::format("cannot read '{}': {}", spec,
                                     WIFEXITED(status) && WEXITSTATUS(status) == 127
                                         ? "git is not installed"
                                         : "git show " + object + " failed: " + first_line));
    }
    return Source{spec, std::move(text)};
}

} // namespace

Source read_source(const std::string& path) {
    if (path.rfind("git:", 0) == 0) return read_git_source(path);
    if (path == "-") {
        return Source{"<stdin>", std::string(std::istreambuf_iterator<char>(std::cin), {})};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(fmt::format("cannot read '{}': no such file or not readable", path));
    std::string text;
    constexpr std::size_t kMaxRead = 16 * 1024 * 1024;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxRead) break;
    }
    if (in.bad()) throw UsageError(fmt::format("cannot read '{}': is it a directory?", path));
    return Source{path, std::move(text)};
}

} // namespace llmtco::load
