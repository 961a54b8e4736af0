// Rendering an HTML report the way a person sees it: Debian's chromium, headless, and a probe
// script appended to the page (reports carry no script of their own) that writes layout facts of
// one test case's section into the DOM, which --dump-dom prints. Shared by the render tests of a
// hand-made report and of the report `concur run` writes.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

namespace concur::test {

/// Where the tests expect Debian's chromium.
extern const char* const kChromium;

/// `html` with the probe inserted before </body>; it measures the section with id `section_id`
/// (e.g. "tc-1"). Empty when `html` has no </body>.
std::string with_layout_probe(const std::string& html, const std::string& section_id);

struct DomDump {
  std::string dom;         ///< the DOM after scripts ran
  std::string error;       ///< why chromium failed ("" when it exited 0 in time)
};

/// Loads `page` in headless chromium (profile under `work_dir`) and returns the DOM.
DomDump dump_dom(const std::filesystem::path& page, const std::filesystem::path& work_dir,
                 std::chrono::seconds limit = std::chrono::seconds(120));

/// The probe's lines: key -> rest of the line. Keys: offending, offending_line, offending_head,
/// note (boxes "left top width height", or "missing"), note_lines ("total laid-out"),
/// offending_stroke, normal_stroke (CSS colours), note_text.
std::map<std::string, std::string> layout_facts(const std::string& dom);

struct Box {
  double left = 0, top = 0, width = 0, height = 0;
};
Box box_of(const std::string& s);

}  // namespace concur::test
