#include "load/path.hpp"

#include "llmtco/keys.hpp"
#include "util/edit_distance.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace llmtco::load {
namespace {

std::vector<std::string> split_dots(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        parts.emplace_back(
            path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return parts;
}

void collect(const Tree* node, const std::string& pattern, const std::string& concrete,
             std::vector<std::string>& out) {
    for (const auto& key : child_keys(pattern)) {
        const std::string child_pattern = pattern.empty() ? key : pattern + "." + key;
        const std::string child_concrete = concrete.empty() ? key : concrete + "." + key;
        const auto* spec = find_key(child_pattern);
        const Tree* child = node && node->is_map() ? node->find(key) : nullptr;
        if (spec->type == KeyType::named_list || spec->type == KeyType::list) {
            if (child && child->is_seq()) {
                for (std::size_t i = 0; i < child->seq.size(); ++i) {
                    const auto name = child->seq[i].item_name();
                    const auto label =
                        spec->type == KeyType::named_list && !name.empty() ? name : std::to_string(i);
                    collect(&child->seq[i], child_pattern + "[]", child_concrete + "." + label, out);
                }
            }
        } else if (spec->type == KeyType::map || spec->type == KeyType::hardware ||
                   spec->type == KeyType::local_model) {
            if (spec->type != KeyType::map) out.push_back(child_concrete);
            collect(child, child_pattern, child_concrete, out);
        } else {
            out.push_back(child_concrete);
        }
    }
}

/// `null` given for a key removes the key (its default applies again).
void remove_nulls(Tree& t) {
    if (t.is_map()) {
        std::erase_if(t.map, [](const Entry& e) { return e.value.is_null(); });
        for (auto& e : t.map)
            remove_nulls(e.value);
    } else if (t.is_seq()) {
        for (auto& item : t.seq)
            remove_nulls(item);
    }
}

[[noreturn]] void no_such_path(const Tree& root, std::string_view flag, std::string_view path,
                               const std::string& why) {
    throw UsageError(
        fmt::format("{} {}: {}{}", flag, path, why, util::did_you_mean(path, valid_paths(root))));
}

} // namespace

std::vector<std::string> valid_paths(const Tree& root) {
    std::vector<std::string> out;
    collect(&root, "", "", out);
    return out;
}

void apply_set(Tree& root, std::string_view assignment, std::string_view flag) {
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw UsageError(fmt::format("{} expects PATH=VALUE, got '{}'", flag, assignment));
    }
    const auto path = assignment.substr(0, eq);
    const auto value_text = assignment.substr(eq + 1);
    const auto parts = split_dots(path);

    if (!root.is_map()) root = Tree{Tree::Kind::map, {}, false, {}, {}, root.loc};
    Tree* node = &root;
    std::string pattern;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& key = parts[i];
        const std::string child_pattern = pattern.empty() ? key : pattern + "." + key;
        const auto* spec = find_key(child_pattern);
        if (!spec) no_such_path(root, flag, path, fmt::format("no key '{}' at this place in a profile", key));
        if (node->is_scalar() && (find_key(pattern)->type == KeyType::hardware ||
                                  find_key(pattern)->type == KeyType::local_model)) {
            // "hardware: mac-mini" + hardware.purchase=…  →  {preset: mac-mini, purchase: …}
            Tree preset = *node;
            *node = Tree{Tree::Kind::map, {}, false, {}, {}, preset.loc};
            node->map.push_back(Entry{"preset", preset.loc, preset});
        }
        if (!node->is_map()) {
            if (!node->is_null())
                no_such_path(root, flag, path, fmt::format("'{}' is not a map here", pattern));
            node->kind = Tree::Kind::map;
            // A map made by this --set: a message about it (a key it lacks) points at the --set.
            if (!node->loc.file)
                node->loc = Loc{std::make_shared<const std::string>(fmt::format("{} {}", flag, path)), 1, 1};
        }
        Tree* child = node->find(key);
        if (!child) {
            node->map.push_back(Entry{key, Loc{std::make_shared<const std::string>("--set"), 1, 1}, Tree{}});
            child = &node->map.back().value;
        }
        pattern = child_pattern;
        if (spec->type == KeyType::named_list || spec->type == KeyType::list) {
            if (i + 1 == parts.size()) { // the whole list is replaced
                node = child;
                break;
            }
            if (!child->is_seq()) no_such_path(root, flag, path, fmt::format("the profile has no '{}'", key));
            // A name may itself contain dots ("gemini-2.5-flash"): take the longest match.
            Tree* item = nullptr;
            std::size_t used = 0;
            std::string name;
            for (std::size_t j = i + 1; j < parts.size(); ++j) {
                name += std::string(j > i + 1 ? "." : "") + parts[j];
                for (std::size_t k = 0; k < child->seq.size(); ++k) {
                    const bool match = spec->type == KeyType::named_list ? child->seq[k].item_name() == name
                                                                         : std::to_string(k) == name;
                    if (match) {
                        item = &child->seq[k];
                        used = j - i;
                    }
                }
            }
            if (!item) {
                no_such_path(root, flag, path, fmt::format("no item named '{}' in {}", parts[i + 1], key));
            }
            node = item;
            pattern += "[]";
            i += used;
            if (i + 1 == parts.size())
                no_such_path(root, flag, path, "a PATH must end at a key, not at a list item");
            continue;
        }
        node = child;
    }
    const std::string display = fmt::format("{} {}", flag, path);
    Tree value = parse_yaml(value_text, display);
    *node = value;
    if (value.is_null()) remove_nulls(root);
}

} // namespace llmtco::load
