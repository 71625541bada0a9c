// A profile in another currency than USD: the rate is required, converts the catalog's figures and
// the money defaults, and is printed with every result.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using llmtco::test::contains;
using llmtco::test::run;

namespace {

// gpt-5 and a workstation from the catalog, the default labour rate and electricity price, and a
// machine whose price is written, in EUR at 0.92 EUR per USD.
const std::string kEurFile = std::string(LLMTCO_SOURCE_DIR) + "/tests/data/currency/eur.yaml";

const std::string kRateLine = "Prices converted from USD at 0.92 EUR/USD (as of 2026-11-30)\n";

void check_rate_json(const nlohmann::json& j) {
    REQUIRE(j.contains("exchange_rate"));
    CHECK(j["exchange_rate"] ==
          nlohmann::json{{"from", "USD"}, {"to", "EUR"}, {"rate", 0.92}, {"as_of", "2026-11-30"}});
}

} // namespace

TEST_CASE("a non-USD currency without exchange_rate exits 2 naming the key") {
    const auto r = run({"estimate", kEurFile, "--set", "settings.exchange_rate=null"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(
        r.err, "eur.yaml:7:13: error: currency 'EUR' needs 'settings.exchange_rate: {from: USD, rate: EUR "
               "per USD, as_of: DATE}'"));
}

TEST_CASE("estimate converts the catalog at the stated rate and prints the rate in every format") {
    const auto file = kEurFile;
    const auto table = run({"estimate", file});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.rfind(kRateLine + "\n", 0) == 0);
    // api per call: 4,200 × €1.15 + 4,200 × €0.115 + 300 × €9.20 per Mtok = €0.008073
    CHECK(contains(table.out, "€0.008073"));

    const auto json = run({"estimate", file, "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    check_rate_json(j);
    const auto& options = j["workloads"][0]["options"];
    CHECK(options[0]["cost_per_call"].get<double>() == Approx(0.008073));
    // mine: the written €1,000 (not converted), less its book value after 12 of 36 months = €333.33
    CHECK(options[2]["total_cost"].get<double>() == Approx(1000.0 / 3));

    const auto md = run({"estimate", file, "--format", "markdown"});
    REQUIRE(md.exit_code == 0);
    CHECK(md.out.rfind(kRateLine + "\n## w", 0) == 0);

    for (const char* command : {"breakeven", "recommend"}) {
        INFO(command);
        const auto t = run({command, file});
        REQUIRE(t.exit_code == 0);
        CHECK(t.out.rfind(kRateLine, 0) == 0);
        const auto jj = run({command, file, "--format", "json"});
        REQUIRE(jj.exit_code == 0);
        check_rate_json(nlohmann::json::parse(jj.out));
    }
}

TEST_CASE("simulate and sensitivity print the exchange rate too") {
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"simulate", kEurFile, "--samples", "20", "--set",
                                   "options.local.box.setup_hours=4..12"},
          std::vector<std::string>{"sensitivity", kEurFile, "--set",
                                   "options.local.box.setup_hours=4..12"}}) {
        INFO(command[0]);
        const auto t = run(command);
        REQUIRE(t.exit_code == 0);
        CHECK(t.out.rfind(kRateLine, 0) == 0);
        auto as_json = command;
        as_json.insert(as_json.end(), {"--format", "json"});
        const auto j = run(as_json);
        REQUIRE(j.exit_code == 0);
        check_rate_json(nlohmann::json::parse(j.out));
    }
}

TEST_CASE("estimate --explain shows each conversion, and none for a written amount") {
    const auto r = run({"estimate", kEurFile, "--explain"});
    REQUIRE(r.exit_code == 0);
    // 500 × 730/24 = 15,208.3 calls × 4,200 cached tokens × €0.115 = €7.346 a month
    CHECK(contains(
        r.out, "cached input: 15,208.3 calls × 4,200 tok × €0.115/Mtok (= $0.125 × 0.92) = €7.346/month"));
    CHECK(contains(r.out, "hardware: 1 machine × €3,220.00 (= $3,500.00 × 0.92) = €3,220.00"));
    CHECK(contains(r.out, "setup: 8 h × €138.00/h (= $150.00 × 0.92) = €1,104.00 once, in month 1"));
    CHECK(contains(r.out, "× €0.138/kWh (= $0.15 × 0.92) ="));
    CHECK(contains(r.out, "hardware: 1 machine × €1,000.00 = €1,000.00"));
}

TEST_CASE("plan converts the catalog's hardware prices at the profile's rate") {
    const auto file = kEurFile;
    const auto args = std::vector<std::string>{
        "plan", file, "--hardware", "rtx-4090-workstation", "--model", "llama-3.1-8b", "--format", "json"};
    const auto eur = run(args);
    REQUIRE(eur.exit_code == 0);
    const auto j = nlohmann::json::parse(eur.out);
    check_rate_json(j);
    // At 1.84 EUR/USD every USD figure doubles against 0.92. Every money figure of these rows is
    // one: the catalog's hardware and gpt-5 prices, and box's labour and electricity at the
    // default rates (box writes hours only), so each row's total doubles exactly.
    auto doubled = args;
    doubled.insert(doubled.end(), {"--set", "settings.exchange_rate.rate=1.84"});
    const auto twice = nlohmann::json::parse(run(doubled).out);
    const auto& rows = j["workloads"][0]["rows"];
    const auto& rows2 = twice["workloads"][0]["rows"];
    REQUIRE(rows.size() == rows2.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO(rows[i]["option"]);
        CHECK(rows2[i]["total_cost"].get<double>() == Approx(2 * rows[i]["total_cost"].get<double>()));
    }
    const auto table = run({"plan", file, "--hardware", "rtx-4090-workstation", "--model", "llama-3.1-8b"});
    CHECK(table.out.rfind(kRateLine, 0) == 0);
}

TEST_CASE("report prints the exchange rate under its heading") {
    const auto dir = llmtco::test::temp_dir("report-eur");
    const auto r = run({"report", kEurFile, "-o", dir + "/report.html"});
    REQUIRE(r.exit_code == 0);
    const auto html = llmtco::test::read_file(dir + "/report.html");
    CHECK(contains(html,
                   "<p class=\"meta\">Prices converted from USD at 0.92 EUR/USD (as of 2026-11-30)</p>\n"));
    CHECK(contains(html, "€3,220.00")); // the preset's $3,500 × 0.92, in box's derivation
}

TEST_CASE("estimate CSV carries the currency and the rate its catalog figures were converted at") {
    const auto r = llmtco::test::run({"estimate", kEurFile, "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    const auto lines = llmtco::test::lines_of(r.out);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].ends_with(",currency,exchange_rate"));
    CHECK(lines[1].ends_with(",EUR,0.92 EUR/USD as of 2026-11-30"));
    const auto usd = llmtco::test::run({"estimate", "profiles/monitoring-agent.yaml", "--format", "csv"});
    CHECK(llmtco::test::lines_of(usd.out).at(1).ends_with(",USD,")); // nothing converted
}
