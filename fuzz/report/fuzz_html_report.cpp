// Fuzzes the HTML report writer with arbitrary strings wherever a SUT, a profile or a capture
// supplies text (role and message names, details, reasons, ids, file names), arbitrary indices
// and ladder sizes around the large-ladder threshold. Whatever comes in, the output must parse
// as well-formed XML (so a browser can never be tricked into markup), and must hold no element
// the writer does not emit (script, link, img, ...).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <pugixml.hpp>
#include <string>

#include "report/html_report.h"

namespace {

using namespace concur::report;
using concur::monitor::Rule;
using concur::monitor::Verdict;

std::string text(FuzzedDataProvider& in) { return in.ConsumeRandomLengthString(64); }

Verdict verdict(FuzzedDataProvider& in) { return static_cast<Verdict>(in.ConsumeIntegralInRange<int>(0, 4)); }
Rule rule(FuzzedDataProvider& in) { return static_cast<Rule>(in.ConsumeIntegralInRange<int>(1, 9)); }

TestCaseResult test_case(FuzzedDataProvider& in) {
  TestCaseResult tc;
  tc.id = text(in);
  tc.title = text(in);
  tc.purpose = text(in);
  tc.clause = text(in);
  tc.error = text(in);
  tc.pcap_file = text(in);
  tc.verdict = verdict(in);
  tc.duration = std::chrono::milliseconds(in.ConsumeIntegral<std::int32_t>());
  for (int n = in.ConsumeIntegralInRange<int>(0, 3); n > 0; --n) tc.rules.push_back(rule(in));
  for (int n = in.ConsumeIntegralInRange<int>(0, 5); n > 0; --n) tc.ladder.roles.push_back(text(in));
  const std::size_t messages = in.ConsumeIntegralInRange<std::size_t>(0, kLargeLadder + 20);
  for (std::size_t i = 0; i < messages && in.remaining_bytes() > 0; ++i) {
    LadderMessage m;
    m.index = in.ConsumeIntegralInRange<std::size_t>(0, 200);
    if (in.ConsumeBool()) m.frame = in.ConsumeIntegral<std::uint64_t>();
    m.time = std::chrono::nanoseconds(in.ConsumeIntegral<std::int64_t>());
    m.from = text(in);
    m.to = in.ConsumeBool() ? m.from : text(in);
    m.name = text(in);
    m.detail = text(in);
    m.evidence = in.ConsumeBool();
    tc.ladder.messages.push_back(std::move(m));
  }
  for (int n = in.ConsumeIntegralInRange<int>(0, 3); n > 0; --n) {
    concur::monitor::Finding f;
    f.rule = rule(in);
    f.verdict = verdict(in);
    f.reason = text(in);
    f.expected = text(in);
    f.seen = text(in);
    f.without_keys = in.ConsumeBool();
    for (int k = in.ConsumeIntegralInRange<int>(0, 3); k > 0; --k) {
      concur::monitor::EventRef e;
      e.index = in.ConsumeIntegralInRange<std::size_t>(0, 200);
      e.what = text(in);
      f.events.push_back(std::move(e));
    }
    tc.findings.push_back(std::move(f));
  }
  return tc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  RunReport r;
  r.metadata.sut_name = text(in);
  r.metadata.profile_file = text(in);
  r.metadata.concur_version = text(in);
  r.metadata.start_time = text(in);
  if (in.ConsumeBool()) r.metadata.violate = text(in);
  for (int n = in.ConsumeIntegralInRange<int>(0, 3); n > 0; --n) r.test_cases.push_back(test_case(in));

  const std::string html = render_html_report(r);
  pugi::xml_document doc;
  if (!doc.load_string(html.c_str(), pugi::parse_default | pugi::parse_doctype)) std::abort();
  for (const char* element : {"//script", "//link", "//img", "//iframe", "//object", "//embed"})
    if (!doc.select_nodes(element).empty()) std::abort();
  return 0;
}
