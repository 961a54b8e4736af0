// Escaping: every string in a report comes from outside (SUT, profile, capture) and must come
// out as the same text, never as markup, and never break the document's well-formedness.
#include <gtest/gtest.h>

#include "report/html_escape.h"

namespace concur::report {
namespace {

TEST(HtmlEscape, markup_characters_become_entities) {
  EXPECT_EQ(escape_text(R"(<script>alert("x") & 'y'</script>)"),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
}

TEST(HtmlEscape, an_existing_entity_is_escaped_again_so_it_shows_literally) {
  EXPECT_EQ(escape_text("&amp;"), "&amp;amp;");
}

TEST(HtmlEscape, well_formed_utf8_passes_unchanged) {
  EXPECT_EQ(escape_text("K\xC3\xA4se \xE2\x86\x92 \xF0\x9F\x93\xA1"), "K\xC3\xA4se \xE2\x86\x92 \xF0\x9F\x93\xA1");
}

TEST(HtmlEscape, control_characters_xml_forbids_become_the_replacement_character) {
  EXPECT_EQ(escape_text(std::string("a\0b\x01\x1F\x7F", 6)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(escape_text("tab\tnew\nline\r"), "tab\tnew\nline\r");
}

TEST(HtmlEscape, malformed_utf8_becomes_the_replacement_character_byte_by_byte) {
  EXPECT_EQ(escape_text("x\xC3"), "x\xEF\xBF\xBD");                                // truncated sequence
  EXPECT_EQ(escape_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(escape_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(escape_text("\xFF"), "\xEF\xBF\xBD");
}

TEST(HtmlEscape, url_paths_percent_encode_everything_but_unreserved_characters_and_slashes) {
  EXPECT_EQ(escape_url_path("pcap/TC_R3-1.v2~a.pcap"), "pcap/TC_R3-1.v2~a.pcap");
  EXPECT_EQ(escape_url_path("R3 #1&\"x\".pcap"), "R3%20%231%26%22x%22.pcap");
  EXPECT_EQ(escape_url_path("javascript:alert(1)"), "javascript%3Aalert%281%29");
}

}  // namespace
}  // namespace concur::report
