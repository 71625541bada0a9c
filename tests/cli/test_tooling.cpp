// schema, init, and a sweep stopped with Ctrl-C.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using llmtco::test::read_file;
using llmtco::test::run;

TEST_CASE("schema prints docs/profile.schema.json, generated from the key table") {
    const auto r = run({"schema"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == read_file(std::string(LLMTCO_SOURCE_DIR) + "/docs/profile.schema.json"));
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["properties"]["workloads"]["items"]["additionalProperties"] == false);
    CHECK(j["properties"]["workloads"]["items"]["required"] ==
          nlohmann::json({"name", "calls", "input_tokens"}));
    CHECK(j["properties"]["settings"]["properties"]["horizon_months"]["maximum"] == 1200);
}

TEST_CASE("every shipped profile names the schema on its first line and validates") {
    for (const auto& e : std::filesystem::directory_iterator(std::string(LLMTCO_SOURCE_DIR) + "/profiles")) {
        if (e.path().extension() != ".yaml") continue;
        INFO(e.path().filename().string());
        const auto text = read_file(e.path().string());
        CHECK(text.rfind("# yaml-language-server: $schema=../docs/profile.schema.json\n", 0) == 0);
        CHECK(run({"validate", e.path().string()}).exit_code == 0);
    }
}

TEST_CASE("init writes a starter that validates, and refuses to overwrite without --force") {
    const auto dir = std::filesystem::path(llmtco::test::temp_file("x", "")).parent_path();
    const auto first = run({"init", "costs.yaml", "--calls", "10k/day", "--input-tokens", "300",
                            "--output-tokens", "5", "--model", "gpt-4o-mini"},
                           dir.string());
    REQUIRE(first.exit_code == 0);
    CHECK(first.out == "wrote costs.yaml; next: llm-tco estimate costs.yaml\n");
    const auto est = run({"estimate", "costs.yaml", "--format", "json"}, dir.string());
    REQUIRE(est.exit_code == 0);
    const auto j = nlohmann::json::parse(est.out);
    CHECK(j["workloads"][0]["calls_per_day"] == 10000);
    // gpt-4o-mini: 300 × $0.15/Mtok + 5 × $0.60/Mtok = 0.000045 + 0.000003
    CHECK(j["workloads"][0]["options"][0]["cost_per_call"].get<double>() == Approx(0.000048));
    const auto again = run({"init", "costs.yaml"}, dir.string());
    CHECK(again.exit_code == 2);
    CHECK(again.err == "llm-tco: error: 'costs.yaml' already exists; use --force to overwrite it\n");
    CHECK(run({"init", "costs.yaml", "--force"}, dir.string()).exit_code == 0);
    const auto bad = run({"init", "-", "--model", "gpt-4o-mni"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("did you mean 'gpt-4o-mini'") != std::string::npos);
    const auto piped = run({"init", "-"});
    CHECK(piped.exit_code == 0);
    CHECK(run({"validate", "-"}, LLMTCO_SOURCE_DIR, piped.out).exit_code == 0);
}

TEST_CASE("Ctrl-C stops a sweep with complete rows and exit 130") {
    const std::string dir = llmtco::test::temp_dir("sigint");
    const std::string out_path = dir + "/out.csv";
    close(open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600));
    const pid_t pid = fork();
    if (pid == 0) {
        const int out = open(out_path.c_str(), O_WRONLY | O_TRUNC, 0600);
        const int err = open((dir + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, 1);
        dup2(err, 2);
        if (chdir(LLMTCO_SOURCE_DIR) != 0) _exit(127);
        execl(LLMTCO_BINARY, LLMTCO_BINARY, "sweep", "bench/profile.yaml", "--vary",
              "workloads.w.calls=1..1M:100000", "--vary", "options.local.box.hardware.purchase=1..5000:1000",
              "--threads", "1", static_cast<char*>(nullptr));
        _exit(127);
    }
    // Wait until rows are flowing (at most 20 s), then interrupt.
    for (int i = 0; i < 200 && std::filesystem::file_size(out_path) < 100000; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    const auto out = read_file(out_path);
    REQUIRE_FALSE(out.empty());
    CHECK(out.back() == '\n'); // the last row is whole
    std::istringstream lines(out);
    std::string line;
    std::size_t rows = 0;
    while (std::getline(lines, line)) {
        // 10 columns: the varied value, 3 totals, 3 feasible, 1 residual, 1 months, 1 month… see the header
        CHECK(std::count(line.begin(), line.end(), ',') ==
              std::count(out.begin(), out.begin() + out.find('\n'), ','));
        ++rows;
    }
    CHECK(rows > 1);
    CHECK(rows < 100000001);
    CHECK(read_file(dir + "/err").find("interrupted after") != std::string::npos);
    std::filesystem::remove_all(dir);
}
