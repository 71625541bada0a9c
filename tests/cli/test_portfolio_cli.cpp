// serves: and the portfolio section (PRODUCT §4c) as a user runs them.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>

using llmtco::test::run;

namespace portfolio_cli_test {

// chat and tags on one cloud option with a setup and fees, embeddings on their own model.
const std::string kTeam = R"(version: 1
settings: {horizon_months: 12, labor_rate_per_hour: 100}
workloads:
  - {name: chat, calls: 1000/day, input_tokens: 1000, output_tokens: 200}
  - {name: tags, calls: 3000/day, input_tokens: 500, output_tokens: 10}
  - {name: embed, calls: 10000/day, input_tokens: 300, output_tokens: 0}
options:
  cloud:
    - {name: api, price: {input_per_mtok: 1, output_per_mtok: 4}, setup_hours: 10, fixed_monthly: 50,
       serves: [chat, tags]}
    - {name: emb, price: {input_per_mtok: 0.02, output_per_mtok: 0}, serves: [embed]}
)";

TEST_CASE("estimate prints the portfolio with each cloud option's fixed costs paid once") {
    const auto r = run({"estimate", "-"}, LLMTCO_SOURCE_DIR, kTeam);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    // chat $657 + $1,600, tags $591.30 + $1,600, embed 3,650,000 × 300 × $0.02/1e6 = $21.90;
    // one bill: 2,257 + 2,191.30 + 21.90 − 1,600 = $2,870.20
    CHECK_THAT(r.out,
               Catch::Contains("best:      chat → api, tags → api, embed → emb: $2,870.20 over 12 months"));
    CHECK_THAT(r.out, Catch::Contains("(cloud fixed costs paid once: $1,600.00 less)"));
    CHECK_THAT(r.out, Catch::Contains("all local: none: some workload has no allowed local option"));
    // emb is not listed for chat, api not for embed
    const auto chat = r.out.substr(0, r.out.find("tags —"));
    CHECK(chat.find("emb ") == std::string::npos);

    const auto j = run({"estimate", "-", "--format", "json"}, LLMTCO_SOURCE_DIR, kTeam);
    REQUIRE(j.exit_code == 0);
    const auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["portfolio"]["total_cost"].get<double>() == Approx(2870.2));
    CHECK(doc["portfolio"]["shared_fixed_costs"].get<double>() == Approx(1600));
    CHECK(doc["portfolio"]["assignments"][2]["option"] == "emb");
    CHECK(doc["portfolio"]["all_local"].is_null());
    CHECK(doc["portfolio"]["breakeven"].is_null()); // the best is the all-cloud one
    CHECK(doc["portfolio"]["proven"] == true);
    CHECK(doc["workloads"][2]["options"].size() == 1);

    const auto rec = run({"recommend", "-"}, LLMTCO_SOURCE_DIR, kTeam);
    REQUIRE(rec.exit_code == 0);
    CHECK_THAT(rec.out, Catch::Contains("portfolio"));
    CHECK_THAT(rec.out, Catch::Contains("$2,870.20 over 12 months"));
}

TEST_CASE("serves: a sweep leaves the cells of an option for a workload it does not serve empty") {
    const auto r = run({"sweep", "-", "--vary", "workloads.chat.calls=1000,2000"}, LLMTCO_SOURCE_DIR, kTeam);
    REQUIRE(r.exit_code == 0);
    const auto header = r.out.substr(0, r.out.find('\n'));
    const auto row = r.out.substr(header.size() + 1, r.out.find('\n', header.size() + 1) - header.size() - 1);
    // columns: the varied path, chat/api, chat/emb, …: chat/emb/total_cost is empty
    CHECK(header.rfind("workloads.chat.calls,chat/api/total_cost,chat/emb/total_cost,", 0) == 0);
    CHECK(row.find("1000,2257,,") == 0);
    const auto jl = run({"sweep", "-", "--vary", "workloads.chat.calls=1000", "--format", "jsonl"},
                        LLMTCO_SOURCE_DIR, kTeam);
    const auto doc = nlohmann::json::parse(jl.out);
    CHECK(doc["chat/emb/total_cost"].is_null());
    CHECK(doc["embed/emb/total_cost"].get<double>() == Approx(21.9));
}

TEST_CASE("portfolio budgets pass and fail with check's exit codes") {
    // the best portfolio costs $2,870.20 over 12 months and uses cloud options only
    const auto pass = run({"check", "-"}, LLMTCO_SOURCE_DIR,
                          kTeam + "budgets:\n  - {portfolio: true, max_total: 3000, recommend: cloud}\n");
    CHECK(pass.exit_code == 0);
    CHECK_THAT(pass.out, Catch::Contains("$2,870.20"));
    CHECK_THAT(pass.out, Catch::Contains("all 2 budgets pass"));
    const auto fail = run({"check", "-"}, LLMTCO_SOURCE_DIR,
                          kTeam + "budgets:\n  - {portfolio: true, max_total: 2800}\n"
                                  "  - {portfolio: true, recommend: mixed}\n");
    CHECK(fail.exit_code == 1);
    CHECK_THAT(fail.out, Catch::Contains("$2,870.20 exceeds the budget of $2,800.00"));
    CHECK_THAT(fail.out, Catch::Contains("the best portfolio is cloud; the budget expects mixed"));
    // the largest recurring month: (657 + 591.30 + 21.90) / 12 + $50 of fees, once = $155.85
    const auto monthly = run({"check", "-"}, LLMTCO_SOURCE_DIR,
                             kTeam + "budgets:\n  - {portfolio: true, max_monthly: 155.84}\n");
    CHECK(monthly.exit_code == 1);
    CHECK_THAT(monthly.out, Catch::Contains("the largest recurring month $155.85 exceeds"));
    // keys that belong to option budgets are refused with the ones that apply
    const auto bad = run({"check", "-"}, LLMTCO_SOURCE_DIR,
                         kTeam + "budgets:\n  - {portfolio: true, option: api, max_total: 1}\n");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err,
               Catch::Contains("<stdin>:13:31: error: 'option' does not apply to a portfolio budget"));
}

TEST_CASE("sweep: the portfolio columns equal estimate's portfolio at the same values") {
    for (const char* calls : {"1000/day", "50000/day", "2000000/day"}) {
        const auto sweep =
            run({"sweep", "-", "--vary", std::string("workloads.chat.calls=") + calls, "--format", "jsonl"},
                LLMTCO_SOURCE_DIR, kTeam);
        REQUIRE(sweep.exit_code == 0);
        const auto row = nlohmann::json::parse(sweep.out);
        const auto est =
            run({"estimate", "-", "--format", "json", "--set", std::string("workloads.chat.calls=") + calls},
                LLMTCO_SOURCE_DIR, kTeam);
        REQUIRE(est.exit_code == 0);
        const auto doc = nlohmann::json::parse(est.out);
        INFO(calls);
        CHECK(row["portfolio/total_cost"].get<double>() ==
              Approx(doc["portfolio"]["total_cost"].get<double>()));
        std::string assignment;
        for (const auto& a : doc["portfolio"]["assignments"])
            assignment += (assignment.empty() ? "" : ";") + a["workload"].get<std::string>() + "=" +
                          a["option"].get<std::string>();
        CHECK(row["portfolio/assignment"] == assignment);
    }
    // one workload: no portfolio columns (the recommendation is the portfolio)
    const auto one =
        run({"sweep", "profiles/monitoring-agent.yaml", "--vary", "workloads.monitoring.calls=48/day"});
    CHECK(one.out.find("portfolio/") == std::string::npos);
}

TEST_CASE(
    "simulate: p_portfolio_uses_local is the share of samples whose best portfolio runs something locally") {
    // point values: every sample is the estimate, so the share is 0 or 1 as estimate's portfolio says
    const std::string mixed = kTeam + R"(  local:
    - {name: box, hardware: rtx-4090-workstation, model: {preset: llama-3.1-8b, quant: Q4_K_M}, serves: [chat]}
team: {can_maintain_local: true}
)";
    for (const auto& [profile, calls, expected] : std::vector<std::tuple<std::string, std::string, double>>{
             {kTeam, "1000/day", 0}, {mixed, "1000/day", 0}, {mixed, "400k/day", 1}}) {
        const auto sim = run({"simulate", "-", "--samples", "200", "--format", "json", "--set",
                              "workloads.chat.calls=" + calls},
                             LLMTCO_SOURCE_DIR, profile);
        REQUIRE(sim.exit_code == 0);
        const auto est = run({"estimate", "-", "--format", "json", "--set", "workloads.chat.calls=" + calls},
                             LLMTCO_SOURCE_DIR, profile);
        const bool uses_local = nlohmann::json::parse(est.out)["portfolio"]["uses_local"].get<bool>();
        INFO(calls);
        CHECK(nlohmann::json::parse(sim.out)["p_portfolio_uses_local"].get<double>() == expected);
        CHECK(uses_local == (expected == 1));
    }
    // a range that straddles the crossover gives a share strictly between
    const auto ranged = run({"simulate", "-", "--samples", "400", "--format", "json", "--set",
                             "workloads.chat.calls=1000..400000/day"},
                            LLMTCO_SOURCE_DIR, mixed);
    REQUIRE(ranged.exit_code == 0);
    const double share = nlohmann::json::parse(ranged.out)["p_portfolio_uses_local"].get<double>();
    CHECK(share > 0);
    CHECK(share < 1);
}

TEST_CASE("report opens with the portfolio for a profile of several workloads") {
    const auto dir = llmtco::test::temp_dir("portfolio-report");
    const auto path = dir + "/team.html";
    const auto r = run({"report", "-", "-o", path}, LLMTCO_SOURCE_DIR, kTeam);
    REQUIRE(r.exit_code == 0);
    const auto html = llmtco::test::read_file(path);
    const auto portfolio = html.find("<h2>Portfolio: every workload on one option, one bill</h2>");
    REQUIRE(portfolio != std::string::npos);
    CHECK(portfolio < html.find("<h2>chat</h2>")); // before the workloads
    CHECK_THAT(html, Catch::Contains("Cheapest portfolio: <strong>$2,870.20</strong> over 12 months"));
    CHECK_THAT(html, Catch::Contains("<tr><td class=\"text\">embed</td><td class=\"text\">emb</td>"));
}

TEST_CASE("diff compares the best portfolios of two versions") {
    const auto dir = llmtco::test::temp_dir("portfolio-diff");
    const auto before = dir + "/before.yaml";
    const auto after = dir + "/after.yaml";
    {
        std::ofstream(before) << kTeam;
        // emb's price doubles: embed 3,650,000 × 300 × $0.04/1e6 = $43.80, $21.90 more
        std::string text = kTeam;
        text.replace(text.find("input_per_mtok: 0.02"), 20, "input_per_mtok: 0.04");
        std::ofstream(after) << text;
    }
    const auto r = run({"diff", before, after});
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("total: $2,870.20 → $2,892.10, +$21.90 (+0.8%)"));
    CHECK_THAT(r.out, Catch::Contains("assignment: chat=api;tags=api;embed=emb"));
    const auto j = run({"diff", before, after, "--format", "json"});
    const auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["portfolio"]["total_change"].get<double>() == Approx(21.9));
    CHECK(doc["portfolio"]["assignment_changed"] == false);
}

} // namespace portfolio_cli_test
