#pragma once
// The one way the CLI writes: standard output with its errors checked, and files replaced
// atomically (a temporary file beside the target, renamed into place).

#include <cstdio>
#include <string>
#include <vector>

namespace llmtco::cli {

/// Writes to standard output in one piece, control characters escaped (util::escape_controls,
/// colour sequences kept); a write or flush error (a full disk, a closed pipe
/// reader) is a UsageError "writing standard output: REASON".
void write_stdout(const std::string& text);

/// Throws the UsageError of write_stdout when `out` has had a write error or cannot be flushed
/// (for the sweep, which streams to a FILE* itself). `what` names the stream.
void check_stream(std::FILE* out, const std::string& what);

/// Refuses (a UsageError) an output `path` that names one of `inputs`: the same file, by device
/// and inode, whatever the spelling or symlink. "-" and git: inputs are not files.
void refuse_input_as_output(const std::string& path, const std::vector<std::string>& inputs);

/// Writes `text` to `path` and nothing else: into a temporary file in the same directory that is
/// then renamed over the target (keeping an existing file's permissions), so a failure leaves the
/// old file as it was and no temporary behind. A path that is not a regular file (/dev/stdout, a
/// FIFO) is written in place, errors checked. A path naming one of `inputs` is refused
/// (refuse_input_as_output) before anything is written. Errors are UsageErrors naming `path`.
void write_file(const std::string& path, const std::string& text, const std::vector<std::string>& inputs);

/// Standard output and std::cout flushed at exit: 0 when both are fine, else the message printed
/// and 2 (CLI11's help text goes through std::cout).
int finish_output(int exit_code);

} // namespace llmtco::cli
