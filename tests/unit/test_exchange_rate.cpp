// settings.exchange_rate: the catalog's USD figures and the key table's money defaults are
// converted into the profile's currency; what the profile writes is taken as it is.

#include "helpers.hpp"
#include "llmtco/fields.hpp"
#include "load/sweep_plan.hpp"
#include "render/format.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

namespace {

// 500 calls a day of 8,400 input tokens (half cached) and 300 output tokens, over 12 months, in
// EUR at 0.92 EUR per USD. `api` is gpt-5 from the catalog; `box` a catalog workstation; `mine` a
// machine whose price is written (in EUR).
const std::string kEur = [] {
    std::ifstream in(LLMTCO_SOURCE_DIR "/tests/data/currency/eur.yaml");
    return std::string(std::istreambuf_iterator<char>(in), {});
}();

const llmtco::OptionResult& option_of(const llmtco::Result& r, const std::string& name) {
    return llmtco::test::option(r.workloads.at(0), name);
}

std::string formula_of(const llmtco::OptionResult& o, const std::string& label) {
    for (const auto& item : o.items) {
        if (item.label == label) return item.formula;
    }
    return "(no item " + label + ")";
}

} // namespace

TEST_CASE("exchange rate: catalog prices, a preset's purchase and the money defaults are converted") {
    const auto p = llmtco::test::profile(kEur);
    const auto& api = p.cloud.at(0).price;
    // gpt-5: $1.25, $0.125 cached, $10 output per Mtok; × 0.92 EUR/USD
    CHECK(api.input_per_mtok.value == Approx(1.15));          // 1.25 × 0.92
    CHECK(api.cached_input_per_mtok->value == Approx(0.115)); // 0.125 × 0.92
    CHECK(api.output_per_mtok.value == Approx(9.2));          // 10 × 0.92
    const auto& box = p.local.at(0);
    CHECK(box.hardware.purchase->value == Approx(3220)); // the preset's $3,500 × 0.92
    const auto& mine = p.local.at(1);
    CHECK(mine.hardware.purchase->value == 1000);                // written: EUR already
    CHECK(p.settings.labor_rate_per_hour.value == Approx(138));  // the default $150 × 0.92
    CHECK(box.power.electricity_per_kwh.value == Approx(0.138)); // the default $0.15 × 0.92
    CHECK(box.setup_hours.value == 8);                           // hours are no money
    CHECK(api.batch_discount.value == 0);                        // a share is no money either

    // One call on api: 4,200 × €1.15 + 4,200 × €0.115 + 300 × €9.20 per Mtok
    // = 0.00483 + 0.000483 + 0.00276 = €0.008073 (at $: 0.005250 + 0.000525 + 0.003 = $0.008775;
    // × 0.92 = €0.008073, the same).
    const auto r = llmtco::estimate(p);
    CHECK(*option_of(r, "api").cost_per_call == Approx(0.008073));
    // mine: the written €1,000 bought in month 1, its book value after 12 of 36 months credited:
    // 1,000 − 1,000 × (1 − 12/36) = €333.33; no labour, no power written, none defaulted but $0.
    CHECK(option_of(r, "mine").total_cost == Approx(1000.0 / 3));
    CHECK(r.exchange_rate.rate == 0.92);
    CHECK(r.exchange_rate.from == "USD");
    CHECK(r.exchange_rate.as_of == "2026-11-30");
}

TEST_CASE("exchange rate: long-context tiers and a rented preset's rent are converted") {
    const auto p = llmtco::test::profile(
        kEur, {"options.cloud.api.model=claude-sonnet-4-5", "options.local.box.hardware=h100-rented"});
    const auto& tier = p.cloud.at(0).price.tiers.at(0); // above 200,000 input tokens: $6, $22.50, $0.60
    CHECK(tier.input_per_mtok.value == Approx(5.52));   // 6 × 0.92
    CHECK(tier.output_per_mtok.value == Approx(20.7));  // 22.5 × 0.92
    CHECK(tier.cached_input_per_mtok->value == Approx(0.552));            // 0.6 × 0.92
    CHECK(tier.above_input_tokens == 200000);                             // tokens, not money
    CHECK(p.local.at(0).hardware.rent_per_hour->value == Approx(2.4748)); // $2.69/h × 0.92
}

TEST_CASE("exchange rate: amounts written in the profile or by --set keep the profile's currency") {
    const auto p = llmtco::test::profile(kEur, {"settings.labor_rate_per_hour=100",
                                                "options.cloud.api.price.input_per_mtok=2",
                                                "options.local.box.hardware.purchase=2500",
                                                "options.local.box.power.electricity_per_kwh=0.3"});
    CHECK(p.settings.labor_rate_per_hour.value == 100);
    CHECK(p.cloud.at(0).price.input_per_mtok.value == 2);
    CHECK(p.cloud.at(0).price.cached_input_per_mtok->value ==
          Approx(0.115)); // still the catalog's, converted
    CHECK(p.local.at(0).hardware.purchase->value == 2500);
    CHECK(p.local.at(0).power.electricity_per_kwh.value == 0.3);
    CHECK_FALSE(llmtco::converted_from_usd(p, "settings.labor_rate_per_hour"));
    CHECK(llmtco::converted_from_usd(p, "options.cloud.api.price.cached_input_per_mtok"));

    // A price with tiers of its own replaces the catalog's tiers: none of them is converted.
    const auto own = llmtco::test::profile(kEur, {"options.cloud.api.model=claude-sonnet-4-5",
                                                  "options.cloud.api.price.tiers=[{above_input_tokens: 1000, "
                                                  "input_per_mtok: 7, output_per_mtok: 30}]"});
    REQUIRE(own.cloud.at(0).price.tiers.size() == 1);
    CHECK(own.cloud.at(0).price.tiers[0].input_per_mtok.value == 7);
    CHECK_FALSE(llmtco::converted_from_usd(own, "options.cloud.api.price.tiers.0.input_per_mtok"));
}

TEST_CASE("exchange rate: a USD profile is not converted and prints no rate") {
    const auto p = llmtco::test::profile(kEur, {"settings.currency=USD", "settings.exchange_rate=null"});
    CHECK(p.cloud.at(0).price.input_per_mtok.value == 1.25);
    CHECK(p.settings.labor_rate_per_hour.value == 150);
    CHECK(p.local.at(0).hardware.purchase->value == 3500);
    const auto r = llmtco::estimate(p);
    CHECK_FALSE(r.exchange_rate.converts(r.currency));
    CHECK(llmtco::render::exchange_rate_line(r.currency, r.exchange_rate).empty());
    CHECK_FALSE(llmtco::render::estimate_json(r).contains("exchange_rate"));
    // USD at a stated rate of 1 is allowed, and converts nothing.
    const auto one = llmtco::test::profile(kEur, {"settings.currency=USD", "settings.exchange_rate.rate=1"});
    CHECK(one.settings.labor_rate_per_hour.value == 150);
    const auto r1 = llmtco::estimate(one);
    CHECK_FALSE(r1.exchange_rate.converts(r1.currency));
    CHECK(llmtco::render::exchange_rate_line(r1.currency, r1.exchange_rate).empty());
}

TEST_CASE("exchange rate: refused without a rate, from another currency than USD, or USD to USD not at 1") {
    CHECK_THROWS_WITH(
        llmtco::test::profile(kEur, {"settings.exchange_rate=null"}),
        "p.yaml:7:13: error: currency 'EUR' needs 'settings.exchange_rate: {from: USD, rate: EUR per "
        "USD, as_of: DATE}': the catalog's prices and the tool's money defaults (labour rate, "
        "electricity price) are in USD");
    CHECK_THROWS_WITH(llmtco::test::profile(kEur, {"settings.exchange_rate.from=GBP"}),
                      "--set settings.exchange_rate.from:1:1: error: exchange_rate 'from' must be USD, the "
                      "currency of the catalog, got 'GBP'");
    CHECK_THROWS_WITH(llmtco::test::profile(kEur, {"settings.currency=USD"}),
                      "p.yaml:8:36: error: exchange_rate converts USD into USD: 'rate' must be 1, got 0.92");
    CHECK_THROWS_WITH(llmtco::test::profile(kEur, {"settings.exchange_rate.as_of=null"}),
                      Catch::Contains("'exchange_rate' needs 'as_of'"));
    CHECK_THROWS_WITH(llmtco::test::profile(kEur, {"settings.exchange_rate.rate=0"}),
                      "--set settings.exchange_rate.rate:1:1: error: 'rate' must be at least 0.0001, got 0");
    // A map made by --set alone is located at the --set.
    CHECK_THROWS_WITH(
        llmtco::test::profile(kEur, {"settings.exchange_rate=null", "settings.exchange_rate.rate=0.9"}),
        "--set settings.exchange_rate.rate:1:1: error: 'exchange_rate' needs 'as_of' (the date of "
        "the rate, YYYY-MM-DD; printed with it)");
}

TEST_CASE("exchange rate: --vary of the rate loads each scenario, and moves every catalog figure") {
    const auto low = llmtco::estimate(llmtco::test::profile(kEur, {"settings.exchange_rate.rate=0.9"}));
    const auto high = llmtco::estimate(llmtco::test::profile(kEur, {"settings.exchange_rate.rate=1.8"}));
    // api has no labour or fixed fees: its whole cost is catalog prices, so it doubles with the rate.
    CHECK(option_of(high, "api").total_cost == Approx(2 * option_of(low, "api").total_cost));
    // mine's cost is its written €1,000 only: the rate does not touch it.
    CHECK(option_of(high, "mine").total_cost == Approx(option_of(low, "mine").total_cost));
    const auto plan = llmtco::load::plan_sweep(
        {llmtco::load::Source{"p.yaml", kEur}}, {}, llmtco::catalog::builtin(),
        {llmtco::load::Vary::list("settings.exchange_rate.rate", {"0.9", "1.8"})}, 100);
    CHECK_FALSE(plan.fast); // a value that changes other values is loaded in full
}

TEST_CASE("exchange rate: --explain shows each conversion in its arithmetic") {
    const auto r = llmtco::estimate(llmtco::test::profile(kEur));
    const auto& api = option_of(r, "api");
    // 500 × 730/24 = 15,208.33 calls × 4,200 cached tokens × €0.115/Mtok = €7.3456/month
    CHECK(
        formula_of(api, "cached input tokens") ==
        "cached input: 15,208.3 calls × 4,200 tok × €0.115/Mtok (= $0.125 × 0.92) = €7.346/month × 12 months "
        "= €88.15");
    CHECK(formula_of(api, "input tokens").find("× €1.15/Mtok (= $1.25 × 0.92) =") != std::string::npos);
    const auto& box = option_of(r, "box");
    CHECK(formula_of(box, "hardware purchase")
              .rfind("hardware: 1 machine × €3,220.00 (= $3,500.00 × 0.92) = "
                     "€3,220.00",
                     0) == 0);
    // 8 h × €138.00 (the default $150 an hour × 0.92) = €1,104.00
    CHECK(formula_of(box, "setup labor") ==
          "setup: 8 h × €138.00/h (= $150.00 × 0.92) = €1,104.00 once, in month 1");
    CHECK(formula_of(box, "electricity").find("× €0.138/kWh (= $0.15 × 0.92) =") != std::string::npos);
    // mine's price is written in EUR: no conversion to show
    CHECK(formula_of(option_of(r, "mine"), "hardware purchase")
              .rfind("hardware: 1 machine × €1,000.00 = ", 0) == 0);
}
