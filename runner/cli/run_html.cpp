#include "cli/run_html.h"

#include <algorithm>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace concur::cli {
namespace {

monitor::Verdict monitor_verdict(scenario::Verdict v) {
  switch (v) {
    case scenario::Verdict::pass: return monitor::Verdict::pass;
    case scenario::Verdict::fail: return monitor::Verdict::fail;
    case scenario::Verdict::inconc: return monitor::Verdict::inconc;
    case scenario::Verdict::none: return monitor::Verdict::none;
    case scenario::Verdict::error: return monitor::Verdict::error;
  }
  return monitor::Verdict::error;
}

std::string iso_utc(std::chrono::system_clock::time_point t) {
  const auto tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  std::ostringstream s;
  s << std::put_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return s.str();
}

report::MessageLadder ladder_of(const std::vector<judge::TraceEntry>& trace) {
  report::MessageLadder l;
  std::vector<std::string> enbs;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const auto& e = trace[i];
    report::LadderMessage m;
    // Findings name monitor events; messages that became none get indices past every event.
    m.index = e.event.value_or(1'000'000 + i);
    m.frame = e.frame;
    m.time = e.time;
    m.from = e.from;
    m.to = e.to;
    m.name = e.name;
    m.detail = e.summary;
    for (const auto* end : {&e.from, &e.to})
      if (*end != "MME" && std::find(enbs.begin(), enbs.end(), *end) == enbs.end()) enbs.push_back(*end);
    l.messages.push_back(std::move(m));
  }
  l.roles = enbs;
  l.roles.push_back("MME");
  return l;
}

}  // namespace

report::RunReport html_run_report(const std::vector<JudgedCase>& cases, const profile::SutProfile& profile,
                                  const std::string& profile_file, std::chrono::system_clock::time_point start,
                                  std::chrono::milliseconds duration, std::optional<std::string> violate) {
  report::RunReport r;
  r.metadata.sut_name = profile.name;
  r.metadata.profile_file = profile_file;
#ifdef CONCUR_VERSION
  r.metadata.concur_version = CONCUR_VERSION;
#endif
  r.metadata.start_time = iso_utc(start);
  r.metadata.duration = duration;
  r.metadata.violate = std::move(violate);
  for (const auto& c : cases) {
    const auto& tc = *c.ran.test_case;
    const auto& res = c.ran.result;
    report::TestCaseResult t;
    t.id = tc.id;
    // The id is the table's first column already: the title says in words what the case proves.
    t.title = tc.purpose;
    t.purpose = tc.purpose;
    t.clause = tc.clause;
    for (const auto& rule : tc.rules) t.rules.push_back(static_cast<monitor::Rule>(rule[1] - '0'));
    t.verdict = monitor_verdict(res.verdict);
    t.findings = c.judgement.findings;
    // The case's own expectation that failed is evidence too, next to the monitor's findings.
    if (res.verdict == scenario::Verdict::fail && !c.judgement.failed && !t.rules.empty()) {
      monitor::Finding f;
      f.rule = t.rules.front();
      if (!res.rule.empty() && res.rule.size() == 2) f.rule = static_cast<monitor::Rule>(res.rule[1] - '0');
      f.verdict = monitor::Verdict::fail;
      f.reason = "test case expectation: " + res.reason;
      t.findings.push_back(f);
    }
    if (res.verdict != scenario::Verdict::pass && res.verdict != scenario::Verdict::fail) t.error = res.reason;
    t.duration = res.duration;
    t.pcap_file = c.ran.pcap;
    t.ladder = ladder_of(c.judgement.trace);
    r.test_cases.push_back(std::move(t));
  }
  return r;
}

}  // namespace concur::cli
