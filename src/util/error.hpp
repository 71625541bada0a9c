#pragma once
// The two error kinds of the edges. Exceptions stop at the CLI's one catch in main.

#include <stdexcept>
#include <string>

namespace llmtco {

/// Bad input, already located: "FILE:LINE:COLUMN: error: …". Exit code 2.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Bad usage without a location (a bad flag value, say). Exit code 2; printed as "llm-tco: error: …".
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A value that could not be parsed; the loader adds the location and turns it into an InputError.
struct ValueError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace llmtco
