// sweep, simulate and sensitivity as a user runs them.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

using llmtco::test::run;

namespace {
std::vector<std::vector<std::string>> csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::istringstream l(line);
        std::string cell;
        while (std::getline(l, cell, ','))
            cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.emplace_back();
        rows.push_back(cells);
    }
    return rows;
}
} // namespace

TEST_CASE("sweep rows equal single estimates with the same --set values") {
    const auto r = run({"sweep", "profiles/monitoring-agent-local.yaml", "--vary",
                        "workloads.monitoring.calls=48/day,20k/day", "--vary",
                        "settings.labor_rate_per_hour=50..150:3"});
    REQUIRE(r.exit_code == 0);
    const auto rows = csv(r.out);
    REQUIRE(rows.size() == 7); // header + 2 × 3
    CHECK(rows[0][0] == "workloads.monitoring.calls");
    CHECK(rows[0][2] == "monitoring/haiku/total_cost");
    // totals (3), feasible (3), residual value (2 local), breakeven months and month (2 pairs each)
    CHECK(rows[0][5] == "monitoring/haiku/feasible");
    CHECK(rows[0][8] == "monitoring/desk-mac-8b-q4/residual_value");
    CHECK(rows[0][10] == "monitoring/desk-mac-8b-q4~haiku/breakeven_months");
    CHECK(rows[0][12] == "monitoring/desk-mac-8b-q4~haiku/breakeven_month");
    CHECK(rows[0][14] == "monitoring/recommended");
    CHECK(rows[2][1] == "100"); // 50..150:3 → 50, 100, 150; the last --vary fastest
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto est = run({"estimate", "profiles/monitoring-agent-local.yaml", "--format", "json", "--set",
                              "workloads.monitoring.calls=" + rows[i][0], "--set",
                              "settings.labor_rate_per_hour=" + rows[i][1]});
        REQUIRE(est.exit_code == 0);
        const auto j = nlohmann::json::parse(est.out)["workloads"][0];
        INFO("row " << i);
        CHECK(std::stod(rows[i][2]) == Approx(j["options"][0]["total_cost"].get<double>()));
        CHECK(std::stod(rows[i][3]) == Approx(j["options"][1]["total_cost"].get<double>()));
        CHECK(std::stod(rows[i][4]) == Approx(j["options"][2]["total_cost"].get<double>()));
        const auto& months = j["breakeven"][0]["months"];
        if (months.is_null())
            CHECK(rows[i][10].empty());
        else
            CHECK(std::stod(rows[i][10]) == Approx(months.get<double>()));
        const auto& month = j["breakeven"][0]["month"];
        if (month.is_null())
            CHECK(rows[i][12].empty());
        else
            CHECK(std::stod(rows[i][12]) == Approx(month.get<double>()));
        CHECK(std::stod(rows[i][9]) == Approx(j["options"][2]["residual_value"].get<double>()));
        CHECK(rows[i][5] == "true");
        CHECK(rows[i][14] == j["recommendation"]["option"].get<std::string>());
    }
}

TEST_CASE("sweep output is the same for any thread count and in jsonl") {
    const std::vector<std::string> grid{"sweep",  "profiles/classification-10k.yaml",
                                        "--vary", "workloads.classification.calls=1k..1M:40:log",
                                        "--vary", "options.local.rtx-4090.hardware.purchase=1000..5000:500"};
    auto one = grid;
    one.insert(one.end(), {"--threads", "1"});
    auto three = grid;
    three.insert(three.end(), {"--threads", "3"});
    const auto a = run(one);
    const auto b = run(three);
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    CHECK(csv(a.out).size() == 20001);
    auto jsonl = grid;
    jsonl.insert(jsonl.end(), {"--format", "jsonl"});
    const auto j = run(jsonl);
    std::istringstream lines(j.out);
    std::string first;
    std::getline(lines, first);
    const auto row = nlohmann::json::parse(first);
    CHECK(row["workloads.classification.calls"] == 1000);
    CHECK(row["classification/recommended"] == "gpt-4o-mini");
}

TEST_CASE("sweep can vary a model and a boolean, and rejects a bad value with the loader's message") {
    const auto models =
        run({"sweep", "profiles/embeddings-search.yaml", "--vary",
             "options.cloud.openai-small.model=text-embedding-3-small,text-embedding-3-large"});
    REQUIRE(models.exit_code == 0);
    const auto rows = csv(models.out);
    // 36 × 60,833,333 calls × 400 tok × $0.02 vs $0.13 per Mtok: the large model costs 6.5× the usage
    CHECK(std::stod(rows[2][1]) > 6 * std::stod(rows[1][1]) - 6 * 300);
    const auto flags = run({"sweep", "profiles/classification-10k.yaml", "--vary",
                            "workloads.classification.data_must_stay_local=false,true"});
    REQUIRE(flags.exit_code == 0);
    CHECK(csv(flags.out)[1].back() == "gpt-4o-mini");
    // With data that must stay local the cloud options are out, and so is rtx-4090: its fallback is
    // gpt-4o-mini, which would send data to the cloud. Nothing is recommended: the cell is empty.
    CHECK(csv(flags.out)[2].back().empty());
    const auto bad = run({"sweep", "profiles/monitoring-agent.yaml", "--vary",
                          "workloads.monitoring.cached_input_share=0.5,150%"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("'cached_input_share' must be between 0 and 1, got 150%") != std::string::npos);
    // A list written as YAML writes one, with spaces, is the same list; a half-bracketed one is refused.
    const auto yaml_list =
        run({"sweep", "profiles/embeddings-search.yaml", "--vary",
             "options.cloud.openai-small.model=[text-embedding-3-small, text-embedding-3-large]"});
    REQUIRE(yaml_list.exit_code == 0);
    CHECK(yaml_list.out == models.out);
    const auto half =
        run({"sweep", "profiles/embeddings-search.yaml", "--vary",
             "options.cloud.openai-small.model=[text-embedding-3-small,text-embedding-3-large"});
    CHECK(half.exit_code == 2);
    CHECK(half.err.find("is not a list: write v1,v2 or [v1, v2]") != std::string::npos);
    const auto path =
        run({"sweep", "profiles/monitoring-agent.yaml", "--vary", "workloads.monitorin.calls=1,2"});
    CHECK(path.exit_code == 2);
    CHECK(path.err.find("did you mean 'workloads.monitoring.calls'") != std::string::npos);
}

TEST_CASE("simulate prints the JSON of PRODUCT.md and the same bytes for any thread count") {
    const auto a = run({"simulate", "profiles/monitoring-agent-local.yaml", "--samples", "20000", "--seed",
                        "3", "--format", "json", "--threads", "1"});
    const auto b = run({"simulate", "profiles/monitoring-agent-local.yaml", "--samples", "20000", "--seed",
                        "3", "--format", "json", "--threads", "2"});
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    const auto j = nlohmann::json::parse(a.out);
    CHECK(j["samples"] == 20000);
    CHECK(j["seed"] == 3);
    const auto& w = j["workloads"][0];
    CHECK(w["options"][0]["name"] == "haiku");
    CHECK(w["options"][0]["p50"].get<double>() == Approx(31.104)); // 36 × $0.864, nothing ranged
    // desk-mac: setup 4..8 h × $150 → P10 ≈ $660 + running costs, P90 ≈ $1,140 + running costs
    CHECK(w["options"][1]["p10"].get<double>() == Approx(600 + 60 + 0.25).margin(10));
    CHECK(w["options"][1]["p90"].get<double>() == Approx(600 + 540 + 0.25).margin(10));
    CHECK(w["pairs"][0]["p_local_cheaper"] == 0);
    CHECK(w["pairs"][1]["breakeven_months_p50"].is_null()); // never
}

TEST_CASE("sensitivity ranks setup hours with a hand-worked swing") {
    const auto r = run({"sensitivity", "profiles/monitoring-agent-local.yaml", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out)["sensitivity"][0];
    CHECK(j["local"] == "desk-mac-8b-q4");
    CHECK(j["inputs"][0]["input"] == "options.local.desk-mac-8b-q4.setup_hours");
    CHECK(j["inputs"][0]["swing"].get<double>() == Approx(600)); // (8 − 4) h × $150
}

TEST_CASE("a ranged labour rate is sampled by simulate and swung by sensitivity (issue 12)") {
    const std::vector<std::string> base = {
        "simulate", "profiles/monitoring-agent-local.yaml", "--samples", "10000", "--seed", "1", "--format",
        "json"};
    auto with_range = base;
    with_range.insert(with_range.end(), {"--set", "settings.labor_rate_per_hour=50..250"});
    const auto plain = run(base);
    const auto ranged = run(with_range);
    REQUIRE(plain.exit_code == 0);
    REQUIRE(ranged.exit_code == 0);
    const auto a = nlohmann::json::parse(plain.out);
    const auto b = nlohmann::json::parse(ranged.out);
    // The labour rate's mean is the default's, $150 an hour: the means barely move, the spread does.
    const auto spread = [](const nlohmann::json& j) {
        const auto& o = j["workloads"][0]["options"][1]; // desk-mac-8b-q4
        return o["p90"].get<double>() - o["p10"].get<double>();
    };
    CHECK(b["workloads"][0]["options"][1]["name"] == "desk-mac-8b-q4");
    CHECK(spread(b) > 1.5 * spread(a));

    const auto s = run({"sensitivity", "profiles/monitoring-agent-local.yaml", "--set",
                        "settings.labor_rate_per_hour=50..250", "--format", "json"});
    REQUIRE(s.exit_code == 0);
    const auto top = nlohmann::json::parse(s.out)["sensitivity"][0]["inputs"][0];
    CHECK(top["input"] == "settings.labor_rate_per_hour");
    // desk-mac-8b-q4 takes 4..8 h of setup (mean 6) and no upkeep, haiku none:
    // 6 h × ($250 − $50) = $1,200.
    CHECK(top["swing"].get<double>() == Approx(1200));
}

TEST_CASE("keys that take one number refuse a range instead of keeping its mean") {
    const auto r =
        run({"estimate", "profiles/monitoring-agent.yaml", "--set", "settings.days_per_month=28..31"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("'days_per_month' takes a single number, not a range") != std::string::npos);
}
