#include "support/chromium_probe.h"

#include <sstream>

#include "support/subprocess.h"

namespace concur::test {

const char* const kChromium = "/usr/bin/chromium";

namespace {

// Runs in the browser after the document is parsed; forces layout through getBoundingClientRect.
// SECTION is replaced by the section's id.
constexpr const char* kProbe = R"js(<script>
(function () {
  function box(el) {
    if (!el) return 'missing';
    var r = el.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map(function (v) { return Math.round(v); }).join(' ');
  }
  var s = document.getElementById('SECTION');
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

}  // namespace

std::string with_layout_probe(const std::string& html, const std::string& section_id) {
  const std::size_t body_end = html.rfind("</body>");
  if (body_end == std::string::npos) return "";
  std::string probe = kProbe;
  probe.replace(probe.find("SECTION"), 7, section_id);
  std::string out = html;
  out.insert(body_end, probe);
  return out;
}

DomDump dump_dom(const std::filesystem::path& page, const std::filesystem::path& work_dir, std::chrono::seconds limit) {
  const ProcessResult r = run_process(
      {kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
       "--disable-extensions", "--disable-background-networking", "--window-size=1600,1200",
       "--user-data-dir=" + (work_dir / "chromium-profile").string(), "--dump-dom", "file://" + page.string()},
      limit);
  DomDump d;
  d.dom = r.out;
  if (r.timed_out) d.error = "chromium overran its time limit; stderr:\n" + r.err;
  else if (r.exit_code != 0) d.error = "chromium exited " + std::to_string(r.exit_code) + "; stderr:\n" + r.err;
  return d;
}

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

Box box_of(const std::string& s) {
  Box b;
  std::istringstream in(s);
  in >> b.left >> b.top >> b.width >> b.height;
  return b;
}

}  // namespace concur::test
