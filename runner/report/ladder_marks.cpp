#include "report/ladder_marks.h"

namespace concur::report {

LadderMarks marks_of(const TestCaseResult& test_case) {
  LadderMarks marks;
  for (const monitor::Finding& f : test_case.findings) {
    if (f.verdict != monitor::Verdict::fail || f.events.empty()) continue;
    const std::size_t judged = f.events.back().index;
    marks.offending.insert(judged);
    for (std::size_t i = 0; i + 1 < f.events.size(); ++i) marks.related.insert(f.events[i].index);
    std::vector<std::string>& note = marks.notes[judged];
    note.push_back(monitor::rule_name(f.rule) + " fail: " + f.reason + (f.without_keys ? " [without keys]" : ""));
    if (!f.expected.empty()) note.push_back("expected: " + f.expected);
    if (!f.seen.empty()) note.push_back("seen: " + f.seen);
  }
  for (const LadderMessage& m : test_case.ladder.messages)
    if (m.evidence) marks.offending.insert(m.index);
  // A message both judged and context of another finding shows as offending.
  for (std::size_t i : marks.offending) marks.related.erase(i);
  return marks;
}

}  // namespace concur::report
