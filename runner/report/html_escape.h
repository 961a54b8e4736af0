// Text into HTML/XHTML/SVG: every string a report shows comes from a SUT, a profile or a capture,
// so it may hold <, &, quotes, control bytes or broken UTF-8. One function makes it safe both as
// element content and as a quoted attribute value, and keeps the document well-formed XML.
#pragma once

#include <string>
#include <string_view>

namespace concur::report {

/// & < > " ' become entities; control characters XML 1.0 forbids and malformed UTF-8 sequences
/// become U+FFFD (the replacement character), so a person sees that something was there.
std::string escape_text(std::string_view text);

}  // namespace concur::report

namespace concur::report {

/// A relative file path for an href: bytes outside A-Z a-z 0-9 - . _ ~ / are percent-encoded, so
/// a capture named "R3 #1.pcap" still links to itself. Escape the result with escape_text too.
std::string escape_url_path(std::string_view path);

}  // namespace concur::report
