#include "run.hpp"

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <pty.h>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace llmtco::test {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string temp_dir(const std::string& tag) {
    std::string pattern = "/tmp/llmtco-" + tag + "-XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a directory like " + pattern);
    return pattern;
}

std::string temp_file(const std::string& name, const std::string& text) {
    const std::string path = temp_dir("test") + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

namespace {

/// In a forked child: the test environment (no NO_COLOR or COLUMNS, LLMTCO_TODAY fixed, the user
/// catalog ignored, then `env`: "NAME=value" sets, a bare "NAME" unsets), `cwd`, and llm-tco ARGS…
/// in place of the child.
[[noreturn]] void exec_binary(const std::vector<std::string>& args, const std::string& cwd,
                              const std::vector<std::string>& env) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    unsetenv("NO_COLOR");
    unsetenv("COLUMNS");
    setenv("LLMTCO_TODAY", kToday, 1);
    setenv("LLMTCO_NO_USER_CATALOG", "1", 1);
    for (const auto& e : env) {
        if (e.find('=') == std::string::npos)
            unsetenv(e.c_str());
        else
            putenv(const_cast<char*>(e.c_str()));
    }
    std::vector<char*> argv;
    std::string binary = LLMTCO_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
}

} // namespace

RunResult run(const std::vector<std::string>& args, const std::string& cwd, const std::string& input,
              const std::vector<std::string>& env) {
    const std::string dir = temp_dir("run");
    const std::string out_path = dir + "/out";
    const std::string err_path = dir + "/err";
    const std::string in_path = dir + "/in";
    std::ofstream(in_path, std::ios::binary) << input;

    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int in = open(in_path.c_str(), O_RDONLY);
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        exec_binary(args, cwd, env);
    }
    int status = 0;
    struct rusage usage {};
    wait4(pid, &status, 0, &usage);
    RunResult r;
    r.max_rss_kb = usage.ru_maxrss;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    std::filesystem::remove_all(dir);
    return r;
}

double sanitizer_slack() { return std::getenv("LLMTCO_SLOW") ? 5.0 : 1.0; }

bool sh(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

RunResult run_tty(const std::vector<std::string>& args, int columns, const std::vector<std::string>& env) {
    winsize size{};
    size.ws_row = 50;
    size.ws_col = static_cast<unsigned short>(columns);
    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
    if (pid < 0) throw std::runtime_error("forkpty failed");
    if (pid == 0) {
        exec_binary(args, LLMTCO_SOURCE_DIR, env);
    }
    RunResult r;
    char buffer[4096];
    while (true) {
        const ssize_t n = read(master, buffer, sizeof buffer);
        if (n <= 0) break; // EIO once the child has exited and the pty is drained
        r.out.append(buffer, static_cast<std::size_t>(n));
    }
    close(master);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::string text; // the terminal turns \n into \r\n
    for (char c : r.out)
        if (c != '\r') text += c;
    r.out = text;
    return r;
}

} // namespace llmtco::test
