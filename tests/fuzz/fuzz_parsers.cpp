// libFuzzer target: the value parsers. They either return a finite value or throw ValueError.

#include "util/error.hpp"
#include "util/parse.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void require_finite(double v) {
    if (!std::isfinite(v)) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto rate = llmtco::util::parse_rate(text);
        require_finite(rate.calls_per_day(30));
        require_finite(rate.calls_per_day(730.0 / 24));
    } catch (const llmtco::ValueError&) {
    }
    try {
        const auto n = llmtco::util::parse_range(text, size % 2 == 0);
        require_finite(n.value);
        if (n.low > n.high) std::abort();
    } catch (const llmtco::ValueError&) {
    }
    try {
        require_finite(llmtco::util::parse_percent(text));
    } catch (const llmtco::ValueError&) {
    }
    try {
        require_finite(llmtco::util::parse_scaled(text));
    } catch (const llmtco::ValueError&) {
    }
    return 0;
}
