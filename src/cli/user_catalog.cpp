#include "cli/user_catalog.hpp"

#include "catalog/catalog.hpp"
#include "catalog/price_age.hpp"
#include "cli/common_options.hpp"
#include "cli/output.hpp"
#include "llmtco/money.hpp"
#include "load/source.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace llmtco::cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* kRecord = "user-catalog.json";
constexpr const char* kLiteLLMCopy = "prices.json";
constexpr const char* kYamlCopy = "prices.yaml";
constexpr const char* kHowToFix = "import the price file again ('llm-tco prices import FILE'), remove it "
                                  "('llm-tco prices import --remove') or ignore it (--no-user-catalog)";

/// `p` with $HOME written "~", as a user would type it.
std::string shown_path(const fs::path& p) {
    const char* env = std::getenv("HOME");
    std::string home = env ? env : "";
    while (!home.empty() && home.back() == '/')
        home.pop_back();
    const auto s = p.string();
    if (!home.empty() && s.size() > home.size() && s.compare(0, home.size(), home) == 0 &&
        s[home.size()] == '/')
        return "~" + s.substr(home.size());
    return s;
}

/// What the record calls the imported file: an absolute path, or "-" / git:REV:PATH as given.
std::string original_name(const std::string& path) {
    if (path == "-") return "standard input";
    if (path.starts_with("git:")) return path;
    std::error_code ec;
    const auto absolute = fs::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

[[noreturn]] void damaged(const fs::path& record, const std::string& why) {
    throw InputError(fmt::format("{}:1:1: error: the record of the user catalog is damaged: {}; {}",
                                 shown_path(record), why, kHowToFix));
}

std::size_t count_field(const nlohmann::json& j, const char* key, const fs::path& record) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned()) damaged(record, fmt::format("'{}' is not a count", key));
    return it->get<std::size_t>();
}

std::string text_field(const nlohmann::json& j, const char* key, const fs::path& record) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) damaged(record, fmt::format("'{}' is not a string", key));
    return it->get<std::string>();
}

std::string record_text(const UserCatalog& user) {
    const nlohmann::ordered_json j{{"file", user.file.filename().string()},
                                   {"original", user.original},
                                   {"imported", user.imported},
                                   {"models", user.models},
                                   {"skipped", user.skipped}};
    // (a path need not be UTF-8; the record keeps what JSON can hold)
    return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

/// Removes `p` if it is there; a UsageError when it is there and cannot be removed.
bool remove_file(const fs::path& p) {
    std::error_code ec;
    const bool removed = fs::remove(p, ec);
    if (ec) throw UsageError(fmt::format("cannot remove '{}': {}", shown_path(p), ec.message()));
    return removed;
}

/// "2 models (2 entries without token prices skipped)", "3 catalog entries".
std::string counts_text(const UserCatalog& user) {
    const bool litellm = user.file.filename() == kLiteLLMCopy;
    auto n = [](std::size_t v) { return format_number(static_cast<double>(v), 0); };
    if (!litellm) return fmt::format("{} catalog entr{}", n(user.models), user.models == 1 ? "y" : "ies");
    std::string out = fmt::format("{} model{}", n(user.models), user.models == 1 ? "" : "s");
    if (user.skipped > 0)
        out += fmt::format(" ({} entr{} without token prices skipped)", n(user.skipped),
                           user.skipped == 1 ? "y" : "ies");
    return out;
}

} // namespace

std::string describe(const UserCatalog& user) {
    return fmt::format("user catalog {}, imported {} from {}", user.shown, user.imported, user.original);
}

std::optional<fs::path> user_data_dir() {
    // XDG Base Directory: a relative XDG_DATA_HOME is invalid and ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') return fs::path(xdg) / "llm-tco";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".local" / "share" / "llm-tco";
    return std::nullopt;
}

bool user_catalog_ignored(bool flag) {
    const char* env = std::getenv("LLMTCO_NO_USER_CATALOG");
    return flag || (env && *env && std::string_view(env) != "0");
}

std::optional<UserCatalog> installed_user_catalog() {
    const auto dir = user_data_dir();
    if (!dir) return std::nullopt;
    const auto record = *dir / kRecord;
    std::error_code ec;
    if (!fs::exists(record, ec)) return std::nullopt;
    const auto source = load::read_source(record.string());
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(source.text);
    } catch (const nlohmann::json::exception&) {
        damaged(record, "it is not valid JSON");
    }
    if (!j.is_object()) damaged(record, "it is not a JSON object");
    UserCatalog user;
    const auto file = text_field(j, "file", record);
    if (file != kLiteLLMCopy && file != kYamlCopy)
        damaged(record, fmt::format("'file' must be {} or {}", kLiteLLMCopy, kYamlCopy));
    user.file = *dir / file;
    user.shown = shown_path(user.file);
    user.original = text_field(j, "original", record);
    user.imported = text_field(j, "imported", record);
    if (!catalog::is_date(user.imported)) damaged(record, "'imported' is not a date YYYY-MM-DD");
    user.models = count_field(j, "models", record);
    user.skipped = count_field(j, "skipped", record);
    if (!fs::is_regular_file(user.file, ec))
        damaged(record, fmt::format("its copy {} is missing", user.shown));
    return user;
}

void merge_user_catalog(Catalog& catalog, const UserCatalog& user) {
    auto source = load::read_source(user.file.string());
    try {
        catalog::merge_catalog_file(catalog, source.text, user.shown, "user", user.imported);
    } catch (const InputError& e) {
        throw InputError(fmt::format("{} (in the user catalog; {})", e.what(), kHowToFix));
    }
    catalog.notes["user"] = describe(user);
}

void import_user_catalog(const std::string& path) {
    const auto dir = user_data_dir();
    if (!dir) throw UsageError("prices import: no data directory to install into; set XDG_DATA_HOME or HOME");
    const auto source = read_input(path);
    UserCatalog user;
    // Validated on its own before anything is written: an invalid file installs nothing.
    Catalog parsed;
    std::optional<catalog::LiteLLMImport> counts;
    try {
        counts = catalog::merge_catalog_file(parsed, source.text, source.display_name);
    } catch (const InputError& e) {
        throw InputError(fmt::format("{} (nothing was installed)", e.what()));
    }
    const bool litellm = counts.has_value();
    if (counts) {
        user.models = counts->imported;
        user.skipped = counts->skipped;
    } else {
        user.models = parsed.cloud_models.size() + parsed.quants.size() + parsed.local_models.size() +
                      parsed.hardware.size() + parsed.engines.size();
    }
    if (user.models == 0) {
        throw InputError(fmt::format("{}:1:1: error: {}; nothing was installed", source.display_name,
                                     litellm ? "no model in this LiteLLM file has token prices"
                                             : "this catalog file has no entries"));
    }
    user.file = *dir / (litellm ? kLiteLLMCopy : kYamlCopy);
    user.shown = shown_path(user.file);
    user.original = original_name(path);
    user.imported = today();

    std::optional<UserCatalog> previous;
    bool previous_damaged = false;
    try {
        previous = installed_user_catalog();
    } catch (const std::exception&) {
        previous_damaged = true;
    }
    std::error_code ec;
    fs::create_directories(*dir, ec);
    if (ec) throw UsageError(fmt::format("cannot create '{}': {}", shown_path(*dir), ec.message()));
    // The copy first, then the record that points at it: a failure between leaves the old record
    // pointing at a complete file.
    // A LiteLLM file as the part of it that is read (its models with token prices, their price
    // and limit keys): the whole file would be parsed again on every run (docs/performance.md).
    write_file(user.file.string(), litellm ? catalog::digest_litellm_json(source.text) : source.text, {path});
    write_file((*dir / kRecord).string(), record_text(user), {path});
    remove_file(*dir / (litellm ? kYamlCopy : kLiteLLMCopy));

    if (previous) {
        fmt::print(stderr, "llm-tco: note: replaced the {} ({})\n",
                   util::escape_controls(describe(*previous)), counts_text(*previous));
    } else if (previous_damaged) {
        fmt::print(stderr, "llm-tco: note: replaced a damaged user catalog in {}\n",
                   util::escape_controls(shown_path(*dir)));
    }
    write_stdout(fmt::format("installed the user catalog {}: {}, imported {} from {}\n"
                             "Every command now lays it over the built-in catalog (an explicit --catalog "
                             "still wins); --no-user-catalog ignores it, 'llm-tco prices import --remove' "
                             "removes it.\n",
                             user.shown, counts_text(user), user.imported, user.original));
}

void remove_user_catalog() {
    const auto dir = user_data_dir();
    if (!dir) {
        fmt::print(stderr, "llm-tco: note: no user catalog is installed (neither XDG_DATA_HOME nor HOME is "
                           "set); nothing to remove\n");
        return;
    }
    std::optional<UserCatalog> was;
    try {
        was = installed_user_catalog();
    } catch (const std::exception&) {
        // damaged: removed all the same
    }
    bool removed = false;
    for (const char* name : {kRecord, kLiteLLMCopy, kYamlCopy}) // the record first: no half catalog
        removed = remove_file(*dir / name) || removed;
    if (was) {
        fmt::print(stderr, "llm-tco: note: removed the {}; the built-in catalog is in use again\n",
                   util::escape_controls(describe(*was)));
    } else if (removed) {
        fmt::print(stderr, "llm-tco: note: removed a damaged user catalog from {}\n",
                   util::escape_controls(shown_path(*dir)));
    } else {
        fmt::print(stderr, "llm-tco: note: no user catalog is installed in {}; nothing to remove\n",
                   util::escape_controls(shown_path(*dir)));
    }
}

} // namespace llmtco::cli
