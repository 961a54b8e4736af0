// The report as a person sees it: Debian's chromium renders it headless, and a probe script the
// test appends (the report itself has none) writes layout facts into the DOM that --dump-dom
// prints. Proves the failing case's ladder was laid out with the offending arrow highlighted and
// its evidence beside it, which parsing the markup alone cannot.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "demo_report.h"
#include "report/html_report.h"
#include "support/subprocess.h"

namespace concur::report {
namespace {

using ::testing::HasSubstr;

const char* const kChromium = "/usr/bin/chromium";

// Runs in the browser after the document is parsed; forces layout through getBoundingClientRect.
constexpr const char* kProbe = R"js(<script>
(function () {
  function box(el) {
    if (!el) return 'missing';
    var r = el.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map(function (v) { return Math.round(v); }).join(' ');
  }
  var s = document.getElementById('tc-1');
  var off = s ? s.querySelector('svg g.msg.offending') : null;
  var normal = s ? s.querySelector('svg g.msg:not(.offending):not(.related) line') : null;
  var note = s ? s.querySelector('svg g.evidence-note') : null;
  var texts = note ? note.querySelectorAll('text') : [];
  var laid = 0;
  for (var i = 0; i !== texts.length; ++i) if (texts[i].getComputedTextLength() > 0) ++laid;
  var out = [];
  out.push('offending ' + box(off));
  out.push('offending_line ' + box(off ? off.querySelector('line') : null));
  out.push('offending_head ' + box(off ? off.querySelector('polygon') : null));
  out.push('note ' + box(note));
  out.push('note_lines ' + texts.length + ' ' + laid);
  out.push('offending_stroke ' + (off ? getComputedStyle(off.querySelector('line')).stroke.replace(/ /g, '') : 'missing'));
  out.push('normal_stroke ' + (normal ? getComputedStyle(normal).stroke.replace(/ /g, '') : 'missing'));
  out.push('note_text ' + (note ? note.textContent.replace(/\s+/g, ' ') : 'missing'));
  var pre = document.createElement('pre');
  pre.id = 'concur-layout';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
</script>)js";

/// The probe's lines: key -> rest of the line.
std::map<std::string, std::string> layout_facts(const std::string& dom) {
  std::map<std::string, std::string> facts;
  const std::string open = "<pre id=\"concur-layout\">";
  const std::size_t start = dom.find(open);
  if (start == std::string::npos) return facts;
  const std::size_t end = dom.find("</pre>", start);
  std::istringstream in(dom.substr(start + open.size(), end - start - open.size()));
  for (std::string line; std::getline(in, line);) {
    const std::size_t sp = line.find(' ');
    if (sp != std::string::npos) facts[line.substr(0, sp)] = line.substr(sp + 1);
  }
  return facts;
}

struct Box {
  double left = 0, top = 0, width = 0, height = 0;
};
Box box_of(const std::string& s) {
  Box b;
  std::istringstream in(s);
  in >> b.left >> b.top >> b.width >> b.height;
  return b;
}

class ChromiumRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromium))
      GTEST_SKIP() << "Debian's chromium is not installed (" << kChromium << "); scripts/setup.sh installs it";
    char tmpl[] = "/tmp/concur-chromium-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  /// Renders `html` headless and returns the DOM after scripts ran.
  std::string dump_dom(const std::string& html) {
    const auto page = dir_ / "report.html";
    std::ofstream(page, std::ios::binary) << html;
    const ::concur::test::ProcessResult r = ::concur::test::run_process(
        {kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-extensions", "--disable-background-networking", "--window-size=1600,1200",
         "--user-data-dir=" + (dir_ / "profile").string(), "--dump-dom", "file://" + page.string()},
        std::chrono::seconds(120));
    EXPECT_FALSE(r.timed_out) << "chromium overran its time limit; stderr:\n" << r.err;
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  std::filesystem::path dir_;
};

TEST_F(ChromiumRender, failing_case_ladder_renders_the_highlighted_arrow_with_its_evidence_laid_out_beside_it) {
  std::string html = render_html_report(test::demo_run_report());
  const std::size_t body_end = html.rfind("</body>");
  ASSERT_NE(body_end, std::string::npos);
  html.insert(body_end, kProbe);

  const auto facts = layout_facts(dump_dom(html));
  ASSERT_FALSE(facts.empty()) << "the probe wrote nothing: the page did not load";

  const Box row = box_of(facts.at("offending"));
  const Box line = box_of(facts.at("offending_line"));
  const Box head = box_of(facts.at("offending_head"));
  const Box note = box_of(facts.at("note"));
  EXPECT_GT(row.width, 50) << facts.at("offending");
  EXPECT_GT(row.height, 5) << facts.at("offending");
  EXPECT_GT(line.width, 50) << "the offending arrow is not drawn: " << facts.at("offending_line");
  EXPECT_GT(head.width, 0) << facts.at("offending_head");
  EXPECT_GT(head.height, 0) << facts.at("offending_head");
  EXPECT_GT(note.width, 100) << facts.at("note");
  EXPECT_GT(note.height, 10) << facts.at("note");
  // Beside: right of the arrow's right end, starting at the height of the arrow.
  EXPECT_GE(note.left, line.left + line.width) << facts.at("note") << " vs " << facts.at("offending_line");
  EXPECT_LT(note.top, line.top + 20);
  EXPECT_GT(note.top + note.height, line.top);

  std::istringstream lines(facts.at("note_lines"));
  int total = 0, laid_out = 0;
  lines >> total >> laid_out;
  EXPECT_GE(total, 3);  // reason, expected, seen
  EXPECT_EQ(laid_out, total) << "some evidence lines have no rendered width";

  EXPECT_EQ(facts.at("offending_stroke"), "rgb(198,40,40)");
  EXPECT_NE(facts.at("normal_stroke"), facts.at("offending_stroke"));
  EXPECT_THAT(facts.at("note_text"), HasSubstr("R3 fail:"));
  EXPECT_THAT(facts.at("note_text"), HasSubstr("seen: HANDOVER REQUEST: NCC 1"));
}

}  // namespace
}  // namespace concur::report
