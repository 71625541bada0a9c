// Our catalog YAML (profiles/catalog/*.yaml and --catalog files) is read strictly: a key the
// reader does not know, or a billing or mode outside its values, is an error with its location.

#include "catalog/catalog.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace llmtco;

namespace catalog_keys_test {

std::string shipped(const std::string& name) {
    std::ifstream in(std::string(LLMTCO_SOURCE_DIR) + "/profiles/catalog/" + name);
    REQUIRE(in);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The message merging `yaml` (as c.yaml) into an empty catalog throws, or "" when it is accepted.
std::string error_of(const std::string& yaml) {
    Catalog c;
    try {
        catalog::merge_catalog_text(c, yaml, "c.yaml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST_CASE("the shipped catalog YAML has no unknown keys and no billing or mode outside its values") {
    // the same check the embedded copy goes through, but on the YAML, so a failure names the line
    Catalog c;
    for (const std::string name : {"cloud.yaml", "local.yaml"}) {
        INFO("profiles/catalog/" << name);
        CHECK_NOTHROW(catalog::merge_catalog_text(c, shipped(name), "profiles/catalog/" + name));
    }
    const auto& builtin = catalog::builtin();
    CHECK(c.cloud_models.size() == builtin.cloud_models.size());
    CHECK(c.quants.size() == builtin.quants.size());
    CHECK(c.local_models.size() == builtin.local_models.size());
    CHECK(c.hardware.size() == builtin.hardware.size());
}

TEST_CASE("an unknown key in a catalog entry is refused with its location and the nearest key") {
    CHECK(error_of("hardware:\n"
                   "  - name: xyz\n"
                   "    rent_per_hour: 1.5\n"
                   "    biling: on_demand\n") ==
          "c.yaml:4:5: error: unknown key 'biling' in hardware 'xyz' (did you mean 'billing'?)");
    CHECK(error_of("cloud_models:\n"
                   "  - {name: m, input_per_mtok: 1, output_per_mtok: 2, cached_input_per_mtk: 0.1}\n") ==
          "c.yaml:2:54: error: unknown key 'cached_input_per_mtk' in cloud model 'm' (did you mean "
          "'cached_input_per_mtok'?)");
    CHECK(error_of("cloud_models:\n"
                   "  - name: m\n"
                   "    input_per_mtok: 1\n"
                   "    output_per_mtok: 2\n"
                   "    tiers:\n"
                   "      - {above_input_token: 1000, input_per_mtok: 2, output_per_mtok: 4}\n") ==
          "c.yaml:6:10: error: unknown key 'above_input_token' in a tier of cloud model 'm' (did you mean "
          "'above_input_tokens'?)");
    CHECK(error_of("quants:\n  - {name: Q4, bits_per_weigth: 4.5}\n") ==
          "c.yaml:2:16: error: unknown key 'bits_per_weigth' in quantisation 'Q4' (did you mean "
          "'bits_per_weight'?)");
    CHECK(error_of("local_models:\n  - {name: l, params_b: 8, kv_heds: 8}\n") ==
          "c.yaml:2:28: error: unknown key 'kv_heds' in local model 'l' (did you mean 'kv_heads'?)");
    // a misspelt name: the entry has none, so it is named by its section
    CHECK(error_of("quants:\n  - {nmae: Q4, bits_per_weight: 4.5}\n") ==
          "c.yaml:2:6: error: unknown key 'nmae' in an entry of 'quants' (did you mean 'name'?)");
    // nothing close: the valid keys are listed
    CHECK(error_of("quants:\n  - {name: Q4, bits_per_weight: 4.5, colour: red}\n") ==
          "c.yaml:2:38: error: unknown key 'colour' in quantisation 'Q4' (expected one of: name, "
          "bits_per_weight, compute, prefill_factor, engines, as_of, source)");
}

TEST_CASE("billing and mode outside their values are refused with the nearest value") {
    CHECK(error_of("hardware:\n  - {name: xyz, rent_per_hour: 1.5, billing: on-demand}\n") ==
          "c.yaml:2:46: error: 'billing' of hardware 'xyz' must be always_on or on_demand, got 'on-demand' "
          "(did you mean 'on_demand'?)");
    CHECK(error_of("cloud_models:\n  - {name: m, mode: embeding, input_per_mtok: 1, output_per_mtok: 0}\n") ==
          "c.yaml:2:21: error: 'mode' of cloud model 'm' must be chat or embedding, got 'embeding' (did you "
          "mean 'embedding'?)");
    Catalog c;
    catalog::merge_catalog_text(c,
                                "hardware:\n  - {name: xyz, rent_per_hour: 1.5, billing: on_demand}\n"
                                "cloud_models:\n  - {name: m, mode: embedding, input_per_mtok: 1, "
                                "output_per_mtok: 0}\n",
                                "c.yaml");
    CHECK(c.find_hardware("xyz")->billing == Billing::on_demand);
    CHECK(c.find_cloud("m")->mode == "embedding");
}

TEST_CASE("an engine's by_architecture factors replace the class's written ones on that architecture only") {
    Catalog c;
    catalog::merge_catalog_text(
        c,
        "engines:\n"
        "  - name: e\n"
        "    efficiency:\n"
        "      datacenter_gpu: {bandwidth: 0.6, compute: 0.4, overhead_ms_per_layer: 0.05,\n"
        "        by_architecture: {hopper: {compute: 0.25}, ampere: {bandwidth: 0.5}}}\n",
        "c.yaml");
    const auto& e = c.engines.at(0);
    const auto hopper = e.efficiency_for(HardwareClass::datacenter_gpu, "hopper");
    CHECK(hopper.compute == 0.25);  // its own
    CHECK(hopper.bandwidth == 0.6); // the class's: not written for hopper
    CHECK(hopper.overhead_ms_per_layer == 0.05);
    const auto ampere = e.efficiency_for(HardwareClass::datacenter_gpu, "ampere");
    CHECK(ampere.bandwidth == 0.5);
    CHECK(ampere.compute == 0.4);
    // an architecture without an entry, or none at all: the class's factors
    CHECK(e.efficiency_for(HardwareClass::datacenter_gpu, "ada").compute == 0.4);
    CHECK(e.efficiency_for(HardwareClass::datacenter_gpu).compute == 0.4);

    CHECK(error_of("engines:\n"
                   "  - name: e\n"
                   "    efficiency:\n"
                   "      datacenter_gpu: {bandwidth: 0.6, compute: 0.4, by_architecture: {hoper: {compute: "
                   "0.2}}}\n")
              .find("c.yaml:4:79: error: unknown architecture 'hoper'") == 0);
    CHECK_THAT(error_of("engines:\n"
                        "  - name: e\n"
                        "    efficiency:\n"
                        "      datacenter_gpu: {bandwidth: 0.6, compute: 0.4, by_architecture: {hopper: "
                        "{compute: 2}}}\n"),
               Catch::Contains("efficiency factors must be in (0, 1]"));
    CHECK_THAT(error_of("hardware:\n  - {name: h, purchase: 1, architecture: amperre}\n"),
               Catch::Contains("unknown architecture 'amperre'") &&
                   Catch::Contains("did you mean 'ampere'?"));
}

} // namespace catalog_keys_test

TEST_CASE("every hosted endpoint's open_model is a local model preset of the catalog") {
    const auto& c = llmtco::catalog::builtin();
    int hosted = 0;
    for (const auto& m : c.cloud_models) {
        if (m.open_model.empty()) continue;
        INFO(m.name);
        ++hosted;
        CHECK(c.find_local_model(m.open_model) != nullptr);
        CHECK(m.price.input_per_mtok.value > 0);
        CHECK_FALSE(m.as_of.empty());
    }
    CHECK(hosted >= 20);
}
