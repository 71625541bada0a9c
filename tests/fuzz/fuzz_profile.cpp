// libFuzzer target: the whole load-and-evaluate path. Any input must either load and produce
// finite output, or be refused with an InputError/UsageError; nothing else may escape.

#include "catalog/catalog.hpp"
#include "llmtco/engine.hpp"
#include "load/profile_loader.hpp"
#include "render/format.hpp"
#include "util/error.hpp"

#include <cmath>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    llmtco::Profile profile;
    try {
        profile = llmtco::load::load_profile({llmtco::load::Source{"fuzz.yaml", text}}, {},
                                             llmtco::catalog::builtin());
    } catch (const llmtco::InputError&) {
        return 0;
    } catch (const llmtco::UsageError&) {
        return 0;
    }
    if (profile.settings.horizon_months > 120) return 0; // keep each run fast; limits are tested elsewhere
    const auto result = llmtco::estimate(profile);
    // Rendering checks every number is finite and throws std::logic_error otherwise: a finding.
    (void)llmtco::render::dump(llmtco::render::estimate_json(result));
    (void)llmtco::render::estimate_table(result, {});
    (void)llmtco::render::estimate_markdown(result, {});
    return 0;
}
