// Every file in tests/data/bad/ is a malformed profile whose first line says the exact message
// it must produce:  # expect: NAME.yaml:LINE:COLUMN: error: …
// Each must exit 2, print nothing on stdout and exactly that line on stderr.

#include "run.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using llmtco::test::read_file;
using llmtco::test::run;

namespace {

std::vector<std::filesystem::path> bad_profiles() {
    std::vector<std::filesystem::path> files;
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(LLMTCO_SOURCE_DIR) + "/tests/data/bad")) {
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("the bad-input corpus has at least 25 malformed profiles") { REQUIRE(bad_profiles().size() >= 25); }

TEST_CASE("every malformed profile exits 2 with its located message and nothing on stdout") {
    for (const auto& path : bad_profiles()) {
        const auto text = read_file(path.string());
        const std::string marker = "# expect: ";
        REQUIRE(text.rfind(marker, 0) == 0);
        const auto expected = text.substr(marker.size(), text.find('\n') - marker.size());
        const auto r = run({"estimate", path.filename().string()}, path.parent_path().string());
        INFO("profile: " << path.filename().string());
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == expected + "\n");
    }
}
