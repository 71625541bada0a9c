// profiles/buyer-70b.yaml as a buyer runs it (docs/buyers-guide.md): each of its answers against
// the arithmetic behind it.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

using llmtco::test::run;

namespace {

const nlohmann::json& option(const nlohmann::json& j, const std::string& name) {
    for (const auto& o : j["workloads"][0]["options"])
        if (o["name"] == name) return o;
    throw std::runtime_error("no option " + name);
}

double item(const nlohmann::json& o, const std::string& label) {
    for (const auto& i : o["items"])
        if (i["label"] == label) return i["total"].get<double>();
    throw std::runtime_error("no item " + label);
}

} // namespace

TEST_CASE("the buyer's profile answers its questions with the figures the docs work by hand") {
    const auto r = run({"estimate", "profiles/buyer-70b.yaml", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const double D = 730.0 / 24;
    const double growth = (std::pow(1.03, 36) - 1) / 0.03; // Σ 1.03^(m−1), m = 1…36
    // The hosted endpoint: (1,500 × $0.23 + 300 × $0.40)/1e6 = $0.000465 a call.
    const auto& hosted = option(j, "deepinfra-llama-70b");
    CHECK(hosted["total_cost"].get<double>() == Approx(40000 * D * 0.000465 * growth)); // $35,798.37
    // gpt-4o at the negotiated 15 %: (1,500 × $2.50 + 300 × $10)/1e6 × 0.85 = $0.0057375.
    CHECK(option(j, "gpt-4o")["cost_per_call"].get<double>() == Approx(0.0057375));
    CHECK(j["workloads"][0]["recommendation"]["option"] == "deepinfra-llama-70b");
    // On demand: 2 machines × (14 h + 80 s) × D × $2.69 in month 1.
    const auto& demand = option(j, "h100-on-demand");
    const double demand_rent_1 = 2 * (14 + 80.0 / 3600) * D * 2.69; // $2,294.62
    CHECK(demand["monthly_cost"][0].get<double>() - demand["one_time_cost"].get<double>() ==
          Approx(demand_rent_1 + 6 * 120 + 360)); // + 6 h × $120 maintenance + incidents
    // Reserved: 730 h × $2.29 a machine every hour; 6 machine-months past month 36.
    const auto& reserved = option(j, "h100-reserved");
    CHECK(item(reserved, "reserved term past the horizon") == Approx(6 * 730 * 2.29)); // $10,030.20
    // Reserved costs more than on demand at 14 active hours (the crossover is 24 × 2.29/2.69 = 20.4 h).
    CHECK(reserved["total_cost"].get<double>() > demand["total_cost"].get<double>());
    // Owned: cheapest self-hosting in cash, not in today's money (spot is).
    const auto& owned = option(j, "h100-owned");
    const auto& spot = option(j, "h100-spot");
    CHECK(owned["total_cost"].get<double>() < spot["total_cost"].get<double>());
    CHECK(owned["npv"].get<double>() > spot["npv"].get<double>());
    // The amortised months of the purchase sum to the same total as the cash months less the book value.
    double amortised = 0, cash = 0;
    for (const auto& m : owned["amortised_monthly_cost"])
        amortised += m.get<double>();
    for (const auto& m : owned["monthly_cost"])
        cash += m.get<double>();
    CHECK(amortised == Approx(owned["total_cost"].get<double>()));
    CHECK(cash - owned["residual_value"].get<double>() == Approx(owned["total_cost"].get<double>()));
    CHECK(owned["residual_value"].get<double>() == Approx(70000)); // the docs' book value at month 36
}

TEST_CASE("plan on the buyer's profile puts hosted endpoints beside self-hosting the same model") {
    const auto r = run({"plan", "profiles/buyer-70b.yaml", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    bool hosted = false, reserved = false, spot = false;
    for (const auto& row : j["workloads"][0]["rows"]) {
        hosted = hosted || (row["kind"] == "hosted" && row["model"] == "llama-3.3-70b");
        if (row["kind"] != "local") continue;
        CHECK(row["model"] == "llama-3.3-70b");
        reserved = reserved || row["billing"] == "reserved";
        spot = spot || row["billing"] == "spot";
    }
    CHECK(hosted);
    CHECK(reserved);
    CHECK(spot);
}
