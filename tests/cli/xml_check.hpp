#pragma once
// A small, strict XML reader for the tests (no XML library is available to them): it checks that a
// document is well-formed and returns its elements with their attributes unescaped, so a test can
// count <testcase> elements and read tests= / failures=.
//
// Checked: valid UTF-8; an optional <?xml …?> declaration; exactly one root element; balanced,
// properly nested tags; names that are XML names; attribute values in matching quotes, without a raw
// '<', each attribute once per element; in text and attribute values only the entities &amp; &lt;
// &gt; &quot; &apos; and numeric character references; no raw '<' or '&' in text; comments allowed.
// Not supported (rejected): DOCTYPE, CDATA sections, processing instructions after the declaration.

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace llmtco::test::xml {

struct Element {
    std::string name;
    std::map<std::string, std::string> attrs; ///< unescaped values
    std::vector<Element> children;
    std::string text; ///< the unescaped character data directly inside this element

    /// The attribute's value; throws when it is missing.
    const std::string& attr(const std::string& key) const {
        const auto it = attrs.find(key);
        if (it == attrs.end()) throw std::runtime_error("<" + name + "> has no attribute " + key);
        return it->second;
    }
    bool has_attr(const std::string& key) const { return attrs.count(key) != 0; }

    /// Every direct child named `child`.
    std::vector<const Element*> all(const std::string& child) const {
        std::vector<const Element*> out;
        for (const auto& c : children) {
            if (c.name == child) out.push_back(&c);
        }
        return out;
    }
};

struct ParseResult {
    bool ok = false;
    std::string error; ///< "offset N: what is wrong" when not ok
    Element root;
};

namespace detail {

inline bool valid_utf8(const std::string& s, std::size_t& bad_at) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        std::size_t len = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            bad_at = i;
            return false;
        }
        if (i + len > n) {
            bad_at = i;
            return false;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) {
                bad_at = i;
                return false;
            }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            bad_at = i;
            return false;
        }
        i += len;
    }
    return true;
}

inline void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Parser {
  public:
    explicit Parser(const std::string& s) : s_(s) {}

    Element document() {
        std::size_t bad = 0;
        if (!valid_utf8(s_, bad)) fail("invalid UTF-8", bad);
        if (s_.compare(0, 5, "<?xml") == 0) {
            const auto end = s_.find("?>");
            if (end == std::string::npos) fail("unterminated XML declaration");
            i_ = end + 2;
        }
        misc();
        if (i_ >= s_.size() || s_[i_] != '<') fail("expected the root element");
        Element root = element();
        misc();
        if (i_ != s_.size()) fail("content after the root element");
        return root;
    }

  private:
    const std::string& s_;
    std::size_t i_ = 0;

    [[noreturn]] void fail(const std::string& what) const { fail(what, i_); }
    [[noreturn]] static void fail(const std::string& what, std::size_t at) {
        throw Failure("offset " + std::to_string(at) + ": " + what);
    }

    bool starts(const char* lit) const {
        return s_.compare(i_, std::char_traits<char>::length(lit), lit) == 0;
    }

    static bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static bool name_start(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
               static_cast<unsigned char>(c) >= 0x80;
    }
    static bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

    void skip_space() {
        while (i_ < s_.size() && space(s_[i_]))
            ++i_;
    }

    /// Whitespace and comments outside the root element.
    void misc() {
        for (;;) {
            skip_space();
            if (starts("<!--")) {
                comment();
            } else {
                return;
            }
        }
    }

    void comment() {
        const auto end = s_.find("-->", i_ + 4);
        if (end == std::string::npos) fail("unterminated comment");
        if (s_.find("--", i_ + 4) < end) fail("'--' inside a comment");
        i_ = end + 3;
    }

    std::string name() {
        if (i_ >= s_.size() || !name_start(s_[i_])) fail("expected a name");
        const auto start = i_;
        while (i_ < s_.size() && name_char(s_[i_]))
            ++i_;
        return s_.substr(start, i_ - start);
    }

    /// An entity or character reference at s_[i_] == '&', appended unescaped.
    void reference(std::string& out) {
        const auto semi = s_.find(';', i_);
        if (semi == std::string::npos || semi - i_ > 12) fail("'&' that starts no entity");
        const auto body = s_.substr(i_ + 1, semi - i_ - 1);
        if (body == "amp") {
            out += '&';
        } else if (body == "lt") {
            out += '<';
        } else if (body == "gt") {
            out += '>';
        } else if (body == "quot") {
            out += '"';
        } else if (body == "apos") {
            out += '\'';
        } else if (body.size() > 1 && body[0] == '#') {
            const bool hex = body[1] == 'x';
            const auto digits = body.substr(hex ? 2 : 1);
            if (digits.empty()) fail("empty character reference");
            unsigned long cp = 0;
            for (const char c : digits) {
                const bool dec = c >= '0' && c <= '9';
                const bool hx = hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
                if (!dec && !hx) fail("bad character reference &" + body + ";");
                cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(dec ? c - '0' : (c | 0x20) - 'a' + 10);
                if (cp > 0x10FFFF) fail("character reference out of range");
            }
            const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                                 (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!allowed) fail("character reference to a character XML forbids");
            append_utf8(out, static_cast<unsigned>(cp));
        } else {
            fail("unknown entity &" + body + ";");
        }
        i_ = semi + 1;
    }

    static void check_char(char c, std::size_t at) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') fail("control character in the document", at);
    }

    std::string attribute_value() {
        if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) fail("attribute value without quotes");
        const char quote = s_[i_++];
        std::string out;
        for (;;) {
            if (i_ >= s_.size()) fail("unterminated attribute value");
            const char c = s_[i_];
            if (c == quote) {
                ++i_;
                return out;
            }
            if (c == '<') fail("raw '<' in an attribute value");
            if (c == '&') {
                reference(out);
                continue;
            }
            check_char(c, i_);
            out += c;
            ++i_;
        }
    }

    Element element() {
        ++i_; // '<'
        Element e;
        e.name = name();
        for (;;) {
            const bool had_space = i_ < s_.size() && space(s_[i_]);
            skip_space();
            if (i_ >= s_.size()) fail("unterminated start tag <" + e.name + ">");
            if (starts("/>")) {
                i_ += 2;
                return e;
            }
            if (s_[i_] == '>') {
                ++i_;
                break;
            }
            if (!had_space) fail("attributes must be separated by whitespace");
            const auto key = name();
            skip_space();
            if (i_ >= s_.size() || s_[i_] != '=') fail("attribute " + key + " without '='");
            ++i_;
            skip_space();
            auto value = attribute_value();
            if (!e.attrs.emplace(key, std::move(value)).second) fail("attribute " + key + " given twice");
        }
        // content
        for (;;) {
            if (i_ >= s_.size()) fail("element <" + e.name + "> is never closed");
            const char c = s_[i_];
            if (c == '<') {
                if (starts("</")) {
                    i_ += 2;
                    const auto closing = name();
                    if (closing != e.name) fail("</" + closing + "> closes <" + e.name + ">");
                    skip_space();
                    if (i_ >= s_.size() || s_[i_] != '>') fail("malformed end tag");
                    ++i_;
                    return e;
                }
                if (starts("<!--")) {
                    comment();
                    continue;
                }
                if (starts("<!") || starts("<?"))
                    fail("CDATA, DOCTYPE and processing instructions are not supported");
                e.children.push_back(element());
                continue;
            }
            if (c == '&') {
                reference(e.text);
                continue;
            }
            if (starts("]]>")) fail("']]>' in text");
            check_char(c, i_);
            e.text += c;
            ++i_;
        }
    }
};

} // namespace detail

/// Parses `text` strictly; `ok` is false with the first problem in `error`.
inline ParseResult parse(const std::string& text) {
    ParseResult r;
    try {
        r.root = detail::Parser(text).document();
        r.ok = true;
    } catch (const detail::Failure& e) {
        r.error = e.what();
    }
    return r;
}

/// Every element named `name` at any depth below (and including) `e`, in document order.
inline void collect(const Element& e, const std::string& name, std::vector<const Element*>& out) {
    if (e.name == name) out.push_back(&e);
    for (const auto& c : e.children)
        collect(c, name, out);
}

inline std::vector<const Element*> find_all(const Element& root, const std::string& name) {
    std::vector<const Element*> out;
    collect(root, name, out);
    return out;
}

} // namespace llmtco::test::xml
