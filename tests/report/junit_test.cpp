// JUnit XML of verdicts, checked against the structure of the common JUnit schema with pugixml:
// testsuites > testsuite(name, tests, failures, errors, skipped, time) > testcase(name, classname,
// time) with at most one of failure / error / skipped, and every count consistent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "report/junit.h"

namespace concur::report {
namespace {

using monitor::Verdict;

monitor::UeRuleVerdict ue(const std::string& label, monitor::Rule r, Verdict v, const std::string& reason) {
  monitor::UeRuleVerdict u;
  u.ue = label;
  u.verdict = v;
  monitor::Finding f;
  f.rule = r;
  f.verdict = v;
  f.reason = reason;
  f.expected = "expected <this> & that";
  f.seen = "seen \"it\"";
  f.events.push_back(monitor::EventRef{3, 40, std::chrono::milliseconds(1250), "#3 (frame 40) MME->eNB2 HANDOVER REQUEST"});
  u.findings.push_back(f);
  return u;
}

std::vector<monitor::RuleSummary> sample() {
  std::vector<monitor::RuleSummary> rules;
  for (monitor::Rule r : monitor::all_rules) {
    monitor::RuleSummary s;
    s.rule = r;
    rules.push_back(s);
  }
  auto add = [&](monitor::Rule r, monitor::UeRuleVerdict u) {
    auto& s = rules[static_cast<std::size_t>(r) - 1];
    ++s.count_by_verdict[static_cast<std::size_t>(u.verdict)];
    s.verdict = monitor::combine(s.verdict, u.verdict);
    s.per_ue.push_back(std::move(u));
  };
  add(monitor::Rule::r3, ue("UE1 (IMSI 001010000000001)", monitor::Rule::r3, Verdict::fail, "NH at NCC 2 derived from the new KASME"));
  add(monitor::Rule::r3, ue("UE2", monitor::Rule::r3, Verdict::pass, "old chain"));
  add(monitor::Rule::r1, ue("UE1", monitor::Rule::r1, Verdict::inconc, "no SMC overlapped"));
  add(monitor::Rule::r5, ue("UE1", monitor::Rule::r5, Verdict::none, "the SUT is an MME"));
  add(monitor::Rule::r9, ue("UE1", monitor::Rule::r9, Verdict::error, "trace out of order"));
  return rules;
}

TEST(Junit, the_document_follows_the_junit_structure_with_consistent_counts) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(junit_xml(sample(), JunitRun{"concur.replay", 1.5}).c_str()));
  const pugi::xml_node root = doc.document_element();
  ASSERT_STREQ(root.name(), "testsuites");
  EXPECT_STREQ(root.attribute("name").value(), "concur.replay");
  int tests = 0, failures = 0, errors = 0, skipped = 0, suites = 0;
  for (pugi::xml_node child : root.children()) {
    ASSERT_STREQ(child.name(), "testsuite") << "only testsuite elements under testsuites";
    ++suites;
    for (const char* a : {"name", "tests", "failures", "errors", "skipped", "time"}) {
      EXPECT_TRUE(child.attribute(a)) << child.attribute("name").value() << " lacks " << a;
    }
    int t = 0, f = 0, e = 0, s = 0;
    for (pugi::xml_node tc : child.children()) {
      if (std::string(tc.name()) == "properties") continue;
      ASSERT_STREQ(tc.name(), "testcase");
      for (const char* a : {"name", "classname", "time"}) EXPECT_TRUE(tc.attribute(a)) << a;
      ++t;
      const int outcomes = !!tc.child("failure") + !!tc.child("error") + !!tc.child("skipped");
      EXPECT_LE(outcomes, 1) << "a testcase has at most one outcome";
      f += !!tc.child("failure");
      e += !!tc.child("error");
      s += !!tc.child("skipped");
      if (tc.child("failure")) {
        EXPECT_TRUE(tc.child("failure").attribute("message"));
      }
      if (tc.child("skipped")) {
        EXPECT_TRUE(tc.child("skipped").attribute("message"));
      }
    }
    EXPECT_EQ(child.attribute("tests").as_int(), t);
    EXPECT_EQ(child.attribute("failures").as_int(), f);
    EXPECT_EQ(child.attribute("errors").as_int(), e);
    EXPECT_EQ(child.attribute("skipped").as_int(), s);
    tests += t;
    failures += f;
    errors += e;
    skipped += s;
  }
  EXPECT_EQ(suites, 9) << "one testsuite per rule";
  EXPECT_EQ(root.attribute("tests").as_int(), tests);
  EXPECT_EQ(root.attribute("failures").as_int(), failures);
  EXPECT_EQ(root.attribute("errors").as_int(), errors);
  EXPECT_EQ(root.attribute("skipped").as_int(), skipped);
  EXPECT_EQ(tests, 5);
  EXPECT_EQ(failures, 1);
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(skipped, 2);
  EXPECT_DOUBLE_EQ(root.attribute("time").as_double(), 1.5);
}

TEST(Junit, a_fail_carries_reason_and_evidence_and_inconc_none_are_skipped_with_their_reason) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(junit_xml(sample(), JunitRun{}).c_str()));
  const pugi::xml_node r3 = doc.document_element().find_child_by_attribute("testsuite", "name", "R3 TS 33.401 7.2.10");
  ASSERT_TRUE(r3);
  const pugi::xml_node failed = r3.find_child_by_attribute("testcase", "name", "UE1 (IMSI 001010000000001)");
  ASSERT_TRUE(failed.child("failure"));
  EXPECT_STREQ(failed.attribute("classname").value(), "concur.R3");
  EXPECT_THAT(failed.child("failure").attribute("message").value(), ::testing::HasSubstr("derived from the new KASME"));
  const std::string text = failed.child("failure").text().get();
  EXPECT_THAT(text, ::testing::HasSubstr("#3 (frame 40) MME->eNB2 HANDOVER REQUEST"));
  EXPECT_THAT(text, ::testing::HasSubstr("expected: expected <this> & that")) << "escaped and read back intact";
  EXPECT_FALSE(r3.find_child_by_attribute("testcase", "name", "UE2").first_child()) << "a pass has no child";
  const pugi::xml_node r1 = doc.document_element().find_child_by_attribute("testsuite", "name", "R1 TS 33.401 7.2.10");
  EXPECT_STREQ(r1.child("testcase").child("skipped").attribute("message").value(), "inconc: no SMC overlapped");
  const pugi::xml_node r5 = doc.document_element().find_child_by_attribute("testsuite", "name", "R5 TS 33.401 7.2.10");
  EXPECT_STREQ(r5.child("testcase").child("skipped").attribute("message").value(), "none: the SUT is an MME");
  const pugi::xml_node r9 = doc.document_element().find_child_by_attribute("testsuite", "name", "R9 TS 33.401 7.2.10");
  EXPECT_TRUE(r9.child("testcase").child("error"));
}

TEST(Junit, writing_to_an_unwritable_path_names_it) {
  try {
    write_junit("/nonexistent/dir/junit.xml", sample(), JunitRun{});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("/nonexistent/dir/junit.xml"));
  }
}

}  // namespace
}  // namespace concur::report
