// "did you mean": the nearest candidate to a typo, or none.

#include "util/edit_distance.hpp"

#include <catch2/catch.hpp>

TEST_CASE("nearest: a name written without its separators finds the catalog's name") {
    const std::vector<std::string> hardware{"mac-mini-m4-24gb", "rtx-4090-workstation",
                                            "rtx-4090-2x-workstation", "h100-rented"};
    CHECK(llmtco::util::nearest("rtx4090", hardware) == "rtx-4090-workstation");
    CHECK(llmtco::util::nearest("RTX_4090", hardware) == "rtx-4090-workstation");
    CHECK(llmtco::util::nearest("macmini", hardware) == "mac-mini-m4-24gb");
    CHECK(llmtco::util::nearest("rtx-4090", hardware) == "rtx-4090-workstation"); // a prefix, as before
    CHECK(llmtco::util::nearest("tpu", hardware).empty());
    CHECK(llmtco::util::did_you_mean("--formt", {"--format", "--horizon"}) == " (did you mean '--format'?)");
}
