// Control characters made visible, Markdown escaping, and bounded "did you mean" (issue 16).

#include "load/sweep_plan.hpp"
#include "render/format.hpp"
#include "util/edit_distance.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

TEST_CASE("control_char_at finds C0 (but tab and newline), DEL and C1, not other UTF-8") {
    using llmtco::util::control_char_at;
    CHECK(control_char_at("plain name\twith tab\n") == std::string::npos);
    CHECK(control_char_at("caf\xC3\xA9 \xE2\x80\x94 \xC2\xA0") == std::string::npos); // é — NBSP (U+00A0)
    CHECK(control_char_at("ab\033[2J") == 2);
    CHECK(control_char_at("x\x7F") == 1);
    CHECK(control_char_at("x\r") == 1);
    CHECK(control_char_at("xy\xC2\x9B") == 2); // U+009B, the one-byte CSI of C1
    CHECK(llmtco::util::control_char_name("xy\xC2\x9B", 2) == "U+009B");
    CHECK(llmtco::util::control_char_name("\033", 0) == "U+001B");
}

TEST_CASE("escape_controls shows every control character and keeps only colour sequences when asked") {
    using llmtco::util::escape_controls;
    CHECK(escape_controls("\033[2J\033]0;pwned\a") == "\\x1b[2J\\x1b]0;pwned\\x07");
    CHECK(escape_controls("a\xC2\x9B"
                          "2J") == "a\\u{9b}2J");
    CHECK(escape_controls("line\n\ttab") == "line\n\ttab");
    // Colours stay with keep_sgr; a screen clear, a title change or a cursor move do not.
    CHECK(escape_controls("\033[1mbold\033[0m \033[32m", true) == "\033[1mbold\033[0m \033[32m");
    CHECK(escape_controls("\033[2J\033[1;1H\033]0;t\a", true) == "\\x1b[2J\\x1b[1;1H\\x1b]0;t\\x07");
    CHECK(escape_controls("\033[", true) == "\\x1b[");
}

TEST_CASE("line_column counts lines and code points") {
    const std::string text = "ab\nc\xC3\xA9"
                             "d\n";
    CHECK(llmtco::util::line_column(text, 0).line == 1);
    CHECK(llmtco::util::line_column(text, 3).line == 2);
    CHECK(llmtco::util::line_column(text, 3).column == 1);
    CHECK(llmtco::util::line_column(text, 6).column == 3); // 'd' after c and é (2 bytes)
}

TEST_CASE("markdown_text escapes HTML and Markdown syntax, and leaves words with underscores alone") {
    using llmtco::render::markdown_text;
    CHECK(markdown_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(markdown_text("a|b*c*`d`[l](u)~e~") == "a\\|b\\*c\\*\\`d\\`\\[l\\](u)\\~e\\~");
    CHECK(markdown_text("reasoning_tokens") == "reasoning_tokens");
    CHECK(markdown_text("_em_ x_") == "\\_em\\_ x\\_");
    CHECK(markdown_text("AT&T\nnext") == "AT&amp;T next");
    CHECK(markdown_text("\033[2J") == "\\\\x1b\\[2J"); // escaped, then the backslash itself
    CHECK(llmtco::render::markdown_html_text("<b>*x*</b>") == "&lt;b&gt;&#42;x&#42;&lt;/b&gt;");
}

TEST_CASE("code spans and blocks are fenced longer than any backtick run inside") {
    using llmtco::render::code_block;
    using llmtco::render::code_span;
    CHECK(code_span("costs.yaml") == "`costs.yaml`");
    CHECK(code_span("a`b") == "``a`b``");
    CHECK(code_span("`x") == "`` `x ``");
    CHECK(code_block("line\n") == "```\nline\n```\n");
    CHECK(code_block("has ``` inside") == "````\nhas ``` inside\n````\n");
}

TEST_CASE("nearest is exact while pruned, and gives nothing for a word past kMaxSuggestedWord") {
    using llmtco::util::nearest;
    std::vector<std::string> names;
    for (int i = 0; i < 2000; ++i)
        names.push_back("model-" + std::to_string(i));
    CHECK(nearest("modle-1999", names) == "model-1999");
    CHECK(nearest("model-19999", names) == "model-1999");
    CHECK(nearest(std::string(65, 'm'), names).empty());
    // The pruned search returns what the full one does: the first candidate at the least distance.
    for (const std::string word : {"mdl-7", "model7", "xodel-12", "m"}) {
        std::string best;
        int best_distance = 0;
        for (const auto& c : names) {
            const int d = llmtco::util::edit_distance(word, c);
            if (best.empty() || d < best_distance) {
                best = c;
                best_distance = d;
            }
        }
        const auto got = nearest(word, names);
        INFO(word << " → " << got << ", full search " << best);
        CHECK((got.empty() || got == best || got.size() > word.size())); // a prefix match wins first
    }
}

TEST_CASE("a grid too long to hold computes each value as the held grid holds it") {
    using llmtco::load::Vary;
    for (const bool log : {false, true}) {
        const auto held = Vary::generated("p", {3, 1e6, 5000, log, "1000000"});
        REQUIRE(held.values.size() == 5000);
        auto computed = held;
        computed.values.clear();
        computed.numbers.clear();
        REQUIRE(computed.size() == 5000);
        for (std::size_t i = 0; i < held.size(); ++i) {
            INFO(i);
            REQUIRE(computed.text(i) == held.text(i));
            REQUIRE(computed.number(i) == held.number(i));
        }
        CHECK(held.text(4999) == "1000000");
    }
    const auto big = Vary::generated("p", {1, 1e7, 10'000'000, false, "10000000"});
    CHECK(big.values.empty()); // past kHeldGridValues: nothing held
    CHECK(big.text(0) == "1");
    CHECK(big.text(41) == "42"); // 1 + 41 × (1e7 − 1)/(1e7 − 1)
    CHECK(big.text(9'999'999) == "10000000");
}
