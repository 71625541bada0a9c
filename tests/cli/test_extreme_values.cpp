// The extreme-value property test (issue 16): every numeric key of the key table, set to values at
// and past the edges of what a double holds, on every command that reads a profile. Whatever the
// value, the binary exits 0 (or 1 where a gate fails) with finite, plainly sized figures, or exits 2
// with a located error — never 3, never a signal, never a hang.

#include "catalog/catalog.hpp"
#include "llmtco/fields.hpp"
#include "llmtco/keys.hpp"
#include "load/profile_loader.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <regex>
#include <set>

namespace {

const std::string kBase = std::string(LLMTCO_SOURCE_DIR) + "/tests/data/extreme/every-key.yaml";

/// Every numeric row of the key table with the concrete paths of every-key.yaml that bind it.
struct Row {
    const llmtco::KeySpec* key;
    std::vector<std::string> paths;
};

std::vector<Row> numeric_rows() {
    const auto profile = llmtco::load::load_profile(
        {llmtco::load::Source{kBase, llmtco::test::read_file(kBase)}}, {}, llmtco::catalog::builtin());
    const auto bound = llmtco::bindings(profile);
    std::vector<Row> rows;
    for (const auto& k : llmtco::key_table()) {
        using T = llmtco::KeyType;
        if (k.type != T::number && k.type != T::integer && k.type != T::share && k.type != T::rate) continue;
        Row row{&k, {}};
        for (const auto& b : bound)
            if (b.key == &k) row.paths.push_back(b.path);
        rows.push_back(row);
    }
    return rows;
}

std::string plain(double v) { return fmt::format("{:.17g}", v); }

/// The extreme values tried for a row: zero, the sign flipped, the smallest and largest doubles,
/// a range across them, and the row's own bounds and their neighbours just outside.
std::vector<std::string> extremes(const llmtco::KeySpec& k) {
    if (k.type == llmtco::KeyType::rate) {
        return {"0",           "1e308/day", "every 1e-300 seconds", "5e305/second", "1e12/day",
                "1e-300/year", "-1/day",    "1e-300..1e308/day",    "nan/day",      "every 5e-324 hours"};
    }
    std::vector<std::string> v{"0",     "-1",    "5e-324", "1e-300",        "1e-6", "0.5", "1e15",
                               "1e300", "1e308", "-1e308", "1e-300..1e308", "nan",  "inf", "1e400"};
    for (const double edge : {k.min, k.max}) {
        if (!std::isfinite(edge)) continue;
        v.push_back(plain(edge));
        v.push_back(plain(std::nextafter(edge, -HUGE_VAL)));
        v.push_back(plain(std::nextafter(edge, HUGE_VAL)));
    }
    if (k.type == llmtco::KeyType::share) {
        v.push_back("1e308%");
        v.push_back("-99.9999999%");
    }
    return v;
}

/// The command line of `command` on every-key.yaml with PATH=VALUE set.
std::vector<std::string> command_line(const std::string& command, const std::string& set,
                                      const std::string& dir) {
    std::vector<std::string> args{command, kBase};
    if (command == "diff") args.push_back(kBase);
    args.insert(args.end(), {"--set", set});
    if (command == "report") args.insert(args.end(), {"-o", dir + "/report.html"});
    if (command == "simulate") args.insert(args.end(), {"--samples", "50"});
    if (command == "sweep") args.insert(args.end(), {"--vary", "settings.horizon_months=12,24"});
    return args;
}

/// No NaN or infinity printed, and no figure of 22 digits or more (grouped or not, or after the
/// point): a total past a quadrillion prints as 1.10e+33 (format_money), never as 34 digits of a
/// double's noise, and a price of 5e-324 not as 320 zeros.
void check_output(const std::string& text) {
    static const std::regex non_finite(R"(\b(nan|inf|infinity)\b)", std::regex::icase);
    static const std::regex long_number(R"(\d{22,}|\d{1,3}(,\d{3}){7,}(?!\d)|\.\d{22,})");
    CHECK_FALSE(std::regex_search(text, non_finite));
    CHECK_FALSE(std::regex_search(text, long_number));
}

void run_every_key(const std::string& command, unsigned seed) {
    const auto dir = llmtco::test::temp_dir("extreme");
    const double slack = llmtco::test::sanitizer_slack();
    std::mt19937 random(seed);
    int refused = 0, accepted = 0;
    for (const auto& row : numeric_rows()) {
        INFO("key " << row.key->path);
        REQUIRE_FALSE(row.paths.empty()); // every-key.yaml must bind every numeric key
        const auto values = extremes(*row.key);
        const auto& path = row.paths[random() % row.paths.size()];
        const auto& value = values[random() % values.size()];
        const auto r = llmtco::test::run(command_line(command, path + "=" + value, dir));
        INFO(command << " --set " << path << "=" << value << " → exit " << r.exit_code << " in " << r.seconds
                     << " s\nstderr: " << r.err.substr(0, 2000));
        const bool gate = command == "check" || command == "diff";
        CHECK((r.exit_code == 0 || r.exit_code == 2 || (gate && r.exit_code == 1)));
        CHECK(r.seconds < 1.0 * slack);
        CHECK_FALSE(llmtco::test::contains(r.err, "internal error"));
        check_output(r.out);
        // (the refusal of "nan" may quote it; nothing else may say nan or inf)
        auto err = r.err;
        for (auto at = err.find("'" + value + "'"); at != std::string::npos; at = err.find("'" + value + "'"))
            err.erase(at, value.size() + 2);
        check_output(err);
        if (r.exit_code == 2) {
            ++refused;
            CHECK(llmtco::test::contains(r.err, "error: "));
        } else {
            ++accepted;
        }
    }
    // Both outcomes occur: the values are extreme enough to be refused and the test reaches the
    // engine (a run where everything is refused would test the loader alone).
    CHECK(refused > 0);
    CHECK(accepted > 0);
}

} // namespace

// One case per command so ctest runs them side by side; each draws its own (seeded) values.
TEST_CASE("extreme values of every numeric key: estimate") { run_every_key("estimate", 1); }
TEST_CASE("extreme values of every numeric key: breakeven") { run_every_key("breakeven", 2); }
TEST_CASE("extreme values of every numeric key: recommend") { run_every_key("recommend", 3); }
TEST_CASE("extreme values of every numeric key: plan") { run_every_key("plan", 4); }
TEST_CASE("extreme values of every numeric key: report") { run_every_key("report", 5); }
TEST_CASE("extreme values of every numeric key: sweep") { run_every_key("sweep", 6); }
TEST_CASE("extreme values of every numeric key: simulate") { run_every_key("simulate", 7); }
TEST_CASE("extreme values of every numeric key: sensitivity") { run_every_key("sensitivity", 8); }
TEST_CASE("extreme values of every numeric key: check") { run_every_key("check", 9); }
TEST_CASE("extreme values of every numeric key: diff") { run_every_key("diff", 10); }
TEST_CASE("extreme values of every numeric key: validate") { run_every_key("validate", 11); }

TEST_CASE("non-finite and wrapped command-line numbers are refused") {
    const std::string p = "profiles/monitoring-agent-local.yaml";
    auto refused = [](const llmtco::test::RunResult& r, const std::string& message) {
        INFO("stderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(llmtco::test::contains(r.err, message));
    };
    // CLI11 took "nan" for a non-negative number: a gate that can never fail.
    refused(llmtco::test::run({"diff", p, p, "--fail-above", "nan"}),
            "--fail-above: expected a finite number of 0 or more, got 'nan'");
    refused(llmtco::test::run({"diff", p, p, "--fail-above", "inf"}),
            "--fail-above: expected a finite number of 0 or more, got 'inf'");
    // "-1" wrapped and 2^64 saturated to 18446744073709551615 without a word.
    refused(llmtco::test::run({"simulate", p, "--samples", "10", "--seed", "-1"}),
            "--seed: expected a whole number from 0 to 18446744073709551615, got '-1'");
    refused(llmtco::test::run({"simulate", p, "--samples", "10", "--seed", "18446744073709551616"}),
            "--seed: '18446744073709551616' is above the largest seed, 18446744073709551615");
    CHECK(llmtco::test::run({"simulate", p, "--samples", "10", "--seed", "18446744073709551615"}).exit_code ==
          0);
    // init wrote such a profile and exited 0.
    const auto dir = llmtco::test::temp_dir("init-huge");
    refused(llmtco::test::run({"init", dir + "/p.yaml", "--calls", "1e308/day", "--input-tokens", "1e308"}),
            "init: 'input_tokens' must be at most 1e9");
    CHECK_FALSE(std::filesystem::exists(dir + "/p.yaml"));
}

namespace {

/// One cloud option on 'big-model', which the tests' LiteLLM files define.
const char* const kBigModelProfile = R"(version: 1
workloads:
  - {name: w, calls: 100/day, input_tokens: 1000}
options:
  cloud:
    - {name: big, model: big-model}
)";

/// A LiteLLM file of 'big-model' at INPUT_COST a token.
std::string big_model_catalog(const std::string& name, const std::string& input_cost) {
    return llmtco::test::temp_file(
        name, R"({"big-model": {"input_cost_per_token": )" + input_cost +
                  R"(, "output_cost_per_token": 1e-6, "litellm_provider": "openai", "mode": "chat"}})");
}

} // namespace

TEST_CASE("a catalog price past the money limit is refused with the entry named") {
    // 1e302 a token is 1e308 a million: finite, but every total past it overflows.
    const auto catalog = big_model_catalog("huge.json", "1e302");
    const auto profile = llmtco::test::temp_file("huge.yaml", kBigModelProfile);
    const auto r = llmtco::test::run({"estimate", profile, "--catalog", catalog});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(llmtco::test::contains(
        r.err, "error: 'options.cloud.big.price.input_per_mtok' is inf (from catalog entry 'big-model'), but "
               "must be at most 1e15"));
}

TEST_CASE("a total past a quadrillion prints in scientific notation") {
    // 1e12 calls/day × 1e9 tokens × 1e15/Mtok = 1e30 a day; × 730/24 days = 3.04e31 a month.
    const auto profile = llmtco::test::temp_file("quadrillion.yaml", R"(version: 1
workloads:
  - {name: w, calls: 1e12/day, input_tokens: 1e9}
options:
  cloud:
    - name: big
      price: {input_per_mtok: 1e15, output_per_mtok: 1}
)");
    const auto r = llmtco::test::run({"estimate", profile});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(llmtco::test::contains(r.out, "$3.04e+31")); // per month
    CHECK(llmtco::test::contains(r.out, "$1.10e+33")); // 36 months: 3.04e31 × 36
}

TEST_CASE("a LiteLLM number past a double and a 300-digit tier threshold are not internal errors") {
    const auto profile = llmtco::test::temp_file("model.yaml", kBigModelProfile);
    // 1e400: nlohmann::json's out_of_range escaped as exit 3.
    const auto overflow = big_model_catalog("overflow.json", "1e400");
    auto r = llmtco::test::run({"estimate", profile, "--catalog", overflow});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(llmtco::test::contains(r.err, "overflow.json:1:1: error: a number in the JSON is out of range"));
    // A tier above 10^300 k tokens: std::stod threw; such a tier can never apply and is left out.
    const auto tier = llmtco::test::temp_file(
        "tier.json", "{\"big-model\": {\"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 1e-6, "
                     "\"input_cost_per_token_above_1" +
                         std::string(300, '0') +
                         "k_tokens\": 2e-6, \"litellm_provider\": \"openai\", \"mode\": \"chat\"}}");
    r = llmtco::test::run({"estimate", profile, "--catalog", tier, "--format", "json"});
    CHECK(r.exit_code == 0);
    // Each call is billed at the base $1/Mtok (input and output alike), not the tier's $2:
    // 100 calls × 1,000 tokens × $1/Mtok = $0.10 a day, × 730/24 × 36 = $109.50.
    CHECK(llmtco::test::contains(r.out, "\"cost_per_mtok\": 1.0"));
    CHECK(llmtco::test::contains(r.out, "\"total_cost\": 109.5"));
}

TEST_CASE("the thread count is bounded and more threads than chunks change nothing") {
    const std::string p = "profiles/monitoring-agent-local.yaml";
    // --threads 100000 aborted ("terminate called without an active exception", exit 134).
    const auto r = llmtco::test::run(
        {"sweep", p, "--vary", "workloads.monitoring.calls=100..1M:50:log", "--threads", "100000"});
    CHECK(r.exit_code == 2);
    CHECK(llmtco::test::contains(r.err, "--threads: Value 100000 not in range 0 to 256"));
    // 50 rows: 64 threads leave most workers without a chunk (no thread is started for them).
    const auto one = llmtco::test::run(
        {"sweep", p, "--vary", "workloads.monitoring.calls=100..1M:50:log", "--threads", "1"});
    const auto many = llmtco::test::run(
        {"sweep", p, "--vary", "workloads.monitoring.calls=100..1M:50:log", "--threads", "256"});
    REQUIRE(one.exit_code == 0);
    CHECK(many.exit_code == 0);
    CHECK(many.out == one.out);
    CHECK(llmtco::test::lines_of(one.out).size() == 51); // header + 50 rows
}
