// The interleaving explorer: every ordering of two sequences' events that keeps each sequence's
// order, C(m+n, m) of them, each a test case with a unique id naming its ordering; an event's
// waits make its ordering inconc ("not reachable") when they time out, never fail; and a mistake
// in a specification is refused naming the file, the line and the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "scenario/explorer.h"
#include "scenario/test_case.h"

namespace concur::scenario {
namespace {

std::size_t binomial(std::size_t n, std::size_t k) {
  std::size_t r = 1;
  for (std::size_t i = 1; i <= k; ++i) r = r * (n - k + i) / i;
  return r;
}

/// A specification with events A1..Am and B1..Bn; event X's steps: <expect at="ue" message=X>
/// (a wait) and <release at="ue" message=SecurityModeComplete> (an action).
std::string spec_text(std::size_t m, std::size_t n) {
  std::string text =
      "<explore id=\"explore-t\" rules=\"R1 R3\" clause=\"TS 33.401 7.2.10\">\n"
      "  <purpose>p.</purpose>\n"
      "  <roles><enb name=\"source\"/><ue name=\"ue\" enb=\"source\"/></roles>\n"
      "  <before><hold at=\"ue\" message=\"SecurityModeComplete\"/></before>\n";
  for (const auto& [seq, count] : {std::pair{'A', m}, std::pair{'B', n}}) {
    text += std::string("  <sequence name=\"") + seq + "\">\n";
    for (std::size_t i = 1; i <= count; ++i)
      text += std::string("    <event name=\"") + seq + std::to_string(i) + "\"><expect at=\"ue\" message=\"SecurityModeCommand\"/>" +
              "<release at=\"*\" message=\"SecurityModeComplete\"/></event>\n";
    text += "  </sequence>\n";
  }
  text += "  <after><expect-none at=\"*\" message=\"UEContextModificationRequest\" for-ms=\"10\"/></after>\n</explore>\n";
  return text;
}

std::string error_of(const std::string& text) {
  try {
    parse_explore(text, "explore.xml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

/// The event names of a generated id, in order.
std::vector<std::string> events_of(const std::string& id, const std::string& prefix) {
  std::vector<std::string> out;
  std::string rest = id.substr(prefix.size());
  for (std::size_t at; (at = rest.find('.')) != std::string::npos; rest = rest.substr(at + 1)) out.push_back(rest.substr(0, at));
  out.push_back(rest);
  return out;
}

TEST(Explorer, the_number_of_orderings_is_m_plus_n_choose_m) {
  for (const auto& [m, n] : {std::pair<std::size_t, std::size_t>{2, 3}, {2, 1}, {1, 1}, {3, 3}, {4, 4}, {1, 0}, {5, 2}})
    EXPECT_EQ(interleavings(m, n).size(), binomial(m + n, m)) << m << " x " << n;
  EXPECT_EQ(interleavings(2, 3).size(), 10u);
}

TEST(Explorer, every_ordering_keeps_both_sequences_order_and_no_ordering_comes_twice) {
  const auto spec = parse_explore(spec_text(2, 3), "explore.xml");
  const auto cases = explore(spec);
  ASSERT_EQ(cases.size(), 10u);
  std::set<std::string> ids;
  std::set<std::vector<std::string>> orders;
  for (const auto& tc : cases) {
    ids.insert(tc.id);
    ASSERT_EQ(tc.id.rfind("explore-t-", 0), 0u) << tc.id;
    const auto events = events_of(tc.id, "explore-t-");
    orders.insert(events);
    ASSERT_EQ(events.size(), 5u) << tc.id;
    std::vector<std::string> a, b;
    for (const auto& e : events) (e[0] == 'A' ? a : b).push_back(e);
    EXPECT_EQ(a, (std::vector<std::string>{"A1", "A2"})) << tc.id;
    EXPECT_EQ(b, (std::vector<std::string>{"B1", "B2", "B3"})) << tc.id;
    // The steps follow the ordering: before, each event's two steps, after.
    ASSERT_EQ(tc.body.size(), 1u + 2u * 5u + 1u) << tc.id;
    EXPECT_EQ(tc.body.front().kind, StepKind::hold);
    EXPECT_EQ(tc.body.back().kind, StepKind::expect_none);
    for (std::size_t k = 0; k < events.size(); ++k)
      EXPECT_EQ(tc.body[1 + 2 * k].inconc_reason, "not reachable: " + events[k] + ": ") << tc.id;
  }
  EXPECT_EQ(ids.size(), cases.size());
  EXPECT_EQ(orders.size(), cases.size());
}

TEST(Explorer, a_generated_case_is_the_specification_with_the_ordering_in_its_id_and_purpose) {
  const auto cases = explore(parse_explore(spec_text(1, 2), "explore.xml"));
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0].id, "explore-t-A1.B1.B2");
  EXPECT_EQ(cases[1].id, "explore-t-B1.A1.B2");
  EXPECT_EQ(cases[2].id, "explore-t-B1.B2.A1");
  EXPECT_EQ(cases[1].purpose, "p. Ordering: B1, A1, B2.");
  EXPECT_EQ(cases[1].rules, (std::vector<std::string>{"R1", "R3"}));
  EXPECT_EQ(cases[1].source_file, "explore.xml");
  EXPECT_TRUE(cases[1].default_postamble);
}

TEST(Explorer, an_events_waits_make_an_unreachable_ordering_inconc_not_fail) {
  const auto tc = explore(parse_explore(spec_text(1, 1), "explore.xml")).front();
  std::size_t waits = 0;
  for (const auto& s : tc.body) {
    if (s.kind != StepKind::expect && s.kind != StepKind::release) continue;
    ++waits;
    EXPECT_TRUE(s.inconc_on_timeout) << "line " << s.line;
    EXPECT_EQ(s.inconc_reason.rfind("not reachable: ", 0), 0u) << s.inconc_reason;
    EXPECT_TRUE(s.rule.empty()) << "a generated step asserts no rule of its own";
    EXPECT_TRUE(s.leave_passed_over) << "a later event may wait for what this one passes over";
  }
  EXPECT_EQ(waits, 4u);
  // Steps before and after the events are the specification's, unchanged.
  EXPECT_FALSE(tc.body.back().inconc_on_timeout);
  EXPECT_EQ(tc.body.back().inconc_reason, "");
}

TEST(Explorer, mistakes_in_a_specification_name_the_file_line_and_field) {
  const std::string ok = spec_text(1, 1);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = ok;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  EXPECT_EQ(error_of(with("event name=\"A1\"", "event name=\"A-1\"")),
            "explore.xml:6: event@name: 'A-1' is not letters and digits (it names the ordering)");
  EXPECT_EQ(error_of(with("event name=\"B1\"", "event name=\"A1\"")), "explore.xml:9: event@name: 'A1' names two events");
  EXPECT_EQ(error_of(with("<sequence name=\"B\">", "<sequence name=\"B\" kind=\"x\">")), "explore.xml:8: sequence@kind: unknown attribute");
  EXPECT_EQ(error_of(with("message=\"SecurityModeCommand\"", "message=\"SecurityModeComand\"")),
            "explore.xml:6: expect@message: unknown message 'SecurityModeComand'");
  EXPECT_EQ(error_of(with("<after>", "<steps><trigger action=\"reauth\" ue=\"ue\"/></steps><after>")),
            "explore.xml:11: steps: an <explore> has <before>, two <sequence>s and <after>, not <steps>");
  EXPECT_EQ(error_of(with("  <sequence name=\"B\">", "  <sequence name=\"C\"><event name=\"C1\"><trigger action=\"reauth\" ue=\"ue\"/></event></sequence>\n  <sequence name=\"B\">")),
            "explore.xml:9: sequence: a third one: the explorer interleaves two sequences");
  EXPECT_EQ(error_of("<testcase id=\"x\" rules=\"R1\" clause=\"c\"><purpose>p</purpose><roles><enb name=\"e\"/></roles></testcase>"),
            "explore.xml:1: testcase: the root element must be <explore>");
}

TEST(Explorer, the_shipped_specifications_give_their_cases_to_load_test_cases) {
  const auto explored = load_explored_cases(std::string(CONCUR_TESTCASES_DIR) + "/explore");
  std::size_t s1ho = 0, x2 = 0, s10 = 0, s3 = 0;
  for (const auto& tc : explored) {
    s1ho += tc.id.rfind("explore-smc-x-s1ho-", 0) == 0;
    x2 += tc.id.rfind("explore-smc-x-x2ps-", 0) == 0;
    s10 += tc.id.rfind("explore-ucm-x-s10ho-", 0) == 0;
    s3 += tc.id.rfind("explore-smc-x-s3ho-", 0) == 0;
  }
  EXPECT_EQ(s1ho, 10u);  // C(2+3, 2): SMCC, UCMR x HOReq, HOAck, HONotify
  EXPECT_EQ(x2, 3u);     // C(2+1, 2): SMCC, UCMR x PSReq
  EXPECT_EQ(s10, 10u);   // C(2+3, 2): SMCC, UCMR x HOReq, FRRsp, FRCN
  EXPECT_EQ(s3, 4u);     // C(1+3, 1): SMCC x HOReq, FRRsp, FRCN
  EXPECT_EQ(explored.size(), s1ho + x2 + s10 + s3);
  const auto all = load_test_cases(std::string(CONCUR_TESTCASES_DIR));
  const auto named = std::find_if(all.begin(), all.end(), [](const TestCase& tc) {
    return tc.id == "explore-smc-x-s1ho-SMCC.HOReq.UCMR.HOAck.HONotify";
  });
  ASSERT_NE(named, all.end());
  EXPECT_TRUE(matches_filter(*named, "explore-*"));
  EXPECT_TRUE(matches_filter(*named, "R3"));
}

}  // namespace
}  // namespace concur::scenario
