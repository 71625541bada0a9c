#pragma once
// The user catalog (PRODUCT §4f): one price file that `prices import FILE` copies into the XDG data
// directory beside a record of where it came from. Every command that loads the catalog lays it
// over the built-in one, unless --no-user-catalog or LLMTCO_NO_USER_CATALOG says to ignore it.

#include "llmtco/catalog.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace llmtco::cli {

/// An installed user catalog, as its record (DIR/user-catalog.json) describes it.
struct UserCatalog {
    std::filesystem::path file; ///< the copy: DIR/prices.json (LiteLLM's JSON) or DIR/prices.yaml
    std::string shown;          ///< `file` as messages show it, "~" for $HOME
    std::string original;       ///< the file it was imported from
    std::string imported;       ///< the import date, YYYY-MM-DD: the date of a LiteLLM file's models
    std::size_t models = 0;     ///< entries imported
    std::size_t skipped = 0;    ///< LiteLLM entries without token prices
};

/// "user catalog ~/.local/share/llm-tco/prices.json, imported 2026-12-04 from /path/original.json":
/// how an assumption taken from it names it.
std::string describe(const UserCatalog& user);

/// $XDG_DATA_HOME/llm-tco (when XDG_DATA_HOME is an absolute path), else $HOME/.local/share/llm-tco;
/// nullopt when neither is set.
std::optional<std::filesystem::path> user_data_dir();

/// True when the user catalog is to be ignored: --no-user-catalog (`flag`), or LLMTCO_NO_USER_CATALOG
/// set to anything but "" or "0".
bool user_catalog_ignored(bool flag);

/// The installed user catalog, or nullopt when none is; an InputError naming the record when it is
/// damaged (import again, or --remove).
std::optional<UserCatalog> installed_user_catalog();

/// Lays `user` over `catalog`: its entries are labelled "user" and Catalog::notes names the file.
/// An InputError in the copy says how to get rid of it.
void merge_user_catalog(Catalog& catalog, const UserCatalog& user);

/// `prices import FILE`: validates FILE (exit 2, nothing installed, when it is invalid), installs a
/// copy and its record (replacing the previous user catalog, said on stderr) and prints what it
/// installed.
void import_user_catalog(const std::string& path);

/// `prices import --remove`: removes the user catalog, saying so (also when there was none).
void remove_user_catalog();

} // namespace llmtco::cli
