// The HTML report as a document: parsed as XHTML with pugixml, so every test checks that the
// output is well-formed, that it needs nothing outside itself, and that what a person looks for
// (rule verdicts, links, the offending arrow and its evidence) is where it should be.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "demo_report.h"
#include "report/html_report.h"

namespace concur::report {
namespace {

using monitor::Rule;
using monitor::Verdict;
using ::testing::HasSubstr;

struct Parsed {
  std::string html;
  pugi::xml_document doc;
};

/// Renders and parses; a parse failure fails the test with pugixml's reason and the offset.
std::unique_ptr<Parsed> parse(const RunReport& r) {
  auto p = std::make_unique<Parsed>();
  p->html = render_html_report(r);
  const pugi::xml_parse_result res = p->doc.load_string(p->html.c_str(), pugi::parse_default | pugi::parse_doctype);
  EXPECT_TRUE(res) << res.description() << " at offset " << res.offset << ": "
                   << p->html.substr(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, res.offset - 80)), 160);
  return p;
}

/// All text below a node, in document order.
std::string all_text(pugi::xml_node n) {
  if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) return n.value();
  std::string s;
  for (pugi::xml_node c : n.children()) s += all_text(c);
  return s;
}

pugi::xml_node section_of(const Parsed& p, const std::string& anchor) {
  return p.doc.select_node(("//section[@id='" + anchor + "']").c_str()).node();
}

TEST(HtmlReport, is_well_formed_xhtml_with_an_html_root_head_and_body) {
  const auto p = parse(test::demo_run_report());
  EXPECT_STREQ(p->doc.document_element().name(), "html");
  EXPECT_STREQ(p->doc.document_element().attribute("xmlns").value(), "http://www.w3.org/1999/xhtml");
  EXPECT_TRUE(p->doc.select_node("/html/head/meta[@charset='utf-8']"));
  EXPECT_TRUE(p->doc.select_node("/html/head/style"));
  EXPECT_TRUE(p->doc.select_node("/html/body/h1"));
  EXPECT_EQ(p->html.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(HtmlReport, needs_nothing_outside_itself_no_scripts_no_external_resources) {
  const auto p = parse(test::demo_run_report());
  for (const char* element : {"script", "link", "img", "iframe", "object", "embed"})
    EXPECT_TRUE(p->doc.select_nodes((std::string("//") + element).c_str()).empty()) << element;
  for (const pugi::xpath_node& a : p->doc.select_nodes("//@*")) {
    const std::string name = a.attribute().name(), value = a.attribute().value();
    EXPECT_NE(name, "src");
    EXPECT_NE(name.rfind("on", 0), 0u) << "event handler " << name;
    if (name != "xmlns") {
      EXPECT_EQ(value.find("://"), std::string::npos) << name << "=" << value;
    }
  }
  EXPECT_EQ(p->html.find("@import"), std::string::npos);
  EXPECT_EQ(p->html.find("url("), std::string::npos);
}

TEST(HtmlReport, rule_table_lists_r1_to_r9_with_verdicts_aggregated_from_the_test_cases) {
  const auto p = parse(test::demo_run_report());
  const auto rows = p->doc.select_nodes("//table[@class='rules']/tr[@id]");
  ASSERT_EQ(rows.size(), 9u);
  for (std::size_t i = 0; i < 9; ++i)
    EXPECT_EQ(std::string(rows[i].node().attribute("id").value()), "rule-R" + std::to_string(i + 1));
  const pugi::xml_node r3 = p->doc.select_node("//tr[@id='rule-R3']").node();
  EXPECT_EQ(all_text(r3.select_node("td/span[contains(@class,'verdict')]").node()), "fail");
  const auto counts = r3.select_nodes("td[@class='count']");
  ASSERT_EQ(counts.size(), 5u);  // fail error pass inconc none
  EXPECT_EQ(all_text(counts[0].node()), "1");
  EXPECT_EQ(all_text(counts[2].node()), "1");
  EXPECT_THAT(all_text(r3), HasSubstr("the MME shall continue to include AS security context parameters"));
  EXPECT_EQ(all_text(p->doc.select_node("//tr[@id='rule-R1']/td/span").node()), "none");
  EXPECT_THAT(all_text(p->doc.select_node("//table[@class='meta']").node()), HasSubstr("--violate R3"));
}

TEST(HtmlReport, rule_table_takes_the_monitor_summaries_when_the_run_has_them) {
  RunReport r = test::demo_run_report();
  monitor::RuleSummary s;
  s.rule = Rule::r3;
  s.verdict = Verdict::pass;
  s.count_by_verdict[static_cast<std::size_t>(Verdict::pass)] = 4;
  r.rule_summaries = {s};
  r.test_cases.clear();
  const auto p = parse(r);
  const pugi::xml_node r3 = p->doc.select_node("//tr[@id='rule-R3']").node();
  EXPECT_EQ(all_text(r3.select_node("td/span").node()), "pass");
  EXPECT_EQ(all_text(r3.select_nodes("td[@class='count']")[2].node()), "4");
  EXPECT_THAT(p->html, HasSubstr("Counts are UE contexts per verdict."));
}

TEST(HtmlReport, every_in_document_link_leads_to_an_element_with_that_id) {
  const auto p = parse(test::demo_run_report());
  std::size_t internal = 0;
  for (const pugi::xpath_node& a : p->doc.select_nodes("//a[@href]")) {
    const std::string href = a.node().attribute("href").value();
    if (href.empty() || href[0] != '#') continue;
    ++internal;
    EXPECT_TRUE(p->doc.select_node(("//*[@id='" + href.substr(1) + "']").c_str())) << href;
  }
  EXPECT_GE(internal, 6u);  // two from the case table, two from the R3 row, one per case to R3
}

TEST(HtmlReport, failing_case_highlights_the_offending_handover_request_with_its_evidence_beside_it) {
  const RunReport r = test::demo_run_report();
  const auto p = parse(r);
  const pugi::xml_node tc = section_of(*p, "tc-1");
  ASSERT_TRUE(tc);
  const auto offending = tc.select_nodes(".//svg//g[@class='msg offending']");
  ASSERT_EQ(offending.size(), 1u);
  EXPECT_EQ(std::string(offending[0].node().attribute("data-index").value()), std::to_string(test::offending_index()));
  EXPECT_THAT(all_text(offending[0].node()), HasSubstr("HANDOVER REQUEST"));
  EXPECT_FALSE(tc.select_nodes(".//svg//g[@class='msg related']").empty());

  const pugi::xml_node note = tc.select_node(".//svg//g[@class='evidence-note']").node();
  ASSERT_TRUE(note);
  const std::string note_text = all_text(note);
  EXPECT_THAT(note_text, HasSubstr("R3 fail:"));
  EXPECT_THAT(note_text, HasSubstr("expected:"));
  EXPECT_THAT(note_text, HasSubstr("seen:"));
  // The finding's text is beside the ladder in full, too.
  const monitor::Finding& f = r.test_cases[0].findings.front();
  ASSERT_EQ(f.verdict, Verdict::fail);
  const std::string findings = all_text(tc.select_node(".//div[@class='findings']").node());
  EXPECT_THAT(findings, HasSubstr(f.reason));
  EXPECT_THAT(findings, HasSubstr(f.expected));
  EXPECT_THAT(findings, HasSubstr(f.seen));
  EXPECT_THAT(findings, HasSubstr("structural check, without keys"));
}

TEST(HtmlReport, failing_cases_are_open_and_passing_cases_fold_to_their_summary_line) {
  const auto p = parse(test::demo_run_report());
  EXPECT_STREQ(section_of(*p, "tc-1").child("details").attribute("open").value(), "open");
  EXPECT_FALSE(section_of(*p, "tc-2").child("details").attribute("open"));
  EXPECT_TRUE(section_of(*p, "tc-2").select_nodes(".//g[@class='msg offending']").empty());
}

TEST(HtmlReport, hostile_text_from_the_sut_shows_as_the_same_text_never_as_markup) {
  const std::string evil = "<script>alert(\"1\")</script> & 'q' <eNB&1>";
  RunReport r = test::demo_run_report();
  r.metadata.sut_name = evil;
  TestCaseResult& tc = r.test_cases[0];
  tc.id = "TC<&>\"'";
  tc.title = evil;
  tc.purpose = evil + " (purpose)";  // not the title: a purpose that is the title is not repeated
  tc.error = evil;
  tc.pcap_file = "a b&\"<c>.pcap";
  tc.findings.front().reason = evil;
  tc.ladder.roles.insert(tc.ladder.roles.begin(), evil);
  tc.ladder.messages.front().from = evil;
  tc.ladder.messages.front().name = evil;
  tc.ladder.messages.front().detail = evil;
  const auto p = parse(r);
  EXPECT_TRUE(p->doc.select_nodes("//script").empty());
  EXPECT_EQ(all_text(p->doc.select_node("/html/head/title").node()), "concur report: " + evil);
  const pugi::xml_node s = section_of(*p, "tc-1");
  EXPECT_EQ(all_text(s.select_node(".//span[@class='case-id']").node()), tc.id);
  EXPECT_EQ(all_text(s.select_node(".//p[@class='purpose']").node()), evil + " (purpose)");
  EXPECT_EQ(all_text(s.select_node(".//pre[@class='error']").node()), evil);
  EXPECT_EQ(all_text(s.select_node(".//g[@class='role']/text").node()), evil);
  EXPECT_STREQ(
      s.select_node(".//table[@class='facts']//a[not(starts-with(@href,'#'))]").node().attribute("href").value(),
      "a%20b%26%22%3Cc%3E.pcap");
  std::size_t evil_texts = 0;
  for (const pugi::xpath_node& t : s.select_nodes(".//svg//text")) evil_texts += all_text(t.node()) == evil ? 1 : 0;
  EXPECT_GE(evil_texts, 3u);  // lifeline, message name, detail
}

RunReport large_case(std::size_t messages, std::optional<std::size_t> evidence_at) {
  RunReport r;
  TestCaseResult tc;
  tc.id = "TC_LARGE";
  tc.verdict = evidence_at ? Verdict::fail : Verdict::pass;
  tc.rules = {Rule::r1};
  tc.ladder.roles = {"UE", "eNB1", "MME", "HSS"};
  for (std::size_t i = 1; i <= messages; ++i) {
    const bool up = i % 2;
    tc.ladder.messages.push_back(LadderMessage{i, i, std::chrono::milliseconds(i), up ? "eNB1" : "MME",
                                               up ? "MME" : "eNB1", "MSG " + std::to_string(i), "", false});
  }
  if (evidence_at) tc.ladder.messages[*evidence_at - 1].evidence = true;
  r.test_cases.push_back(std::move(tc));
  return r;
}

TEST(HtmlReport, a_large_ladder_shows_an_excerpt_around_the_evidence_and_folds_the_full_ladder) {
  const auto p = parse(large_case(300, 150));
  const pugi::xml_node box = p->doc.select_node("//div[@class='ladder-box']").node();
  const pugi::xml_node excerpt = box.child("svg");
  ASSERT_TRUE(excerpt);
  EXPECT_EQ(excerpt.select_nodes(".//g[starts-with(@class,'msg')]").size(), 2 * kExcerptContext + 1);
  EXPECT_EQ(excerpt.select_nodes(".//g[@class='gap']").size(), 2u);
  EXPECT_THAT(all_text(excerpt), HasSubstr("145 messages not shown"));
  EXPECT_EQ(excerpt.select_nodes(".//g[@class='msg offending']").size(), 1u);
  const pugi::xml_node full = box.select_node("details[@class='full-ladder']").node();
  ASSERT_TRUE(full);
  EXPECT_FALSE(full.attribute("open"));
  EXPECT_EQ(full.select_nodes(".//svg//g[starts-with(@class,'msg')]").size(), 300u);
}

TEST(HtmlReport, a_large_ladder_without_evidence_is_only_folded) {
  const auto p = parse(large_case(kLargeLadder + 1, std::nullopt));
  const pugi::xml_node box = p->doc.select_node("//div[@class='ladder-box']").node();
  EXPECT_FALSE(box.child("svg"));
  EXPECT_TRUE(box.select_node("details[@class='full-ladder']/svg"));
}

TEST(HtmlReport, an_empty_run_still_gives_a_valid_document_with_nine_rules_of_verdict_none) {
  const auto p = parse(RunReport{});
  const auto rows = p->doc.select_nodes("//table[@class='rules']/tr[@id]");
  ASSERT_EQ(rows.size(), 9u);
  for (const pugi::xpath_node& row : rows) EXPECT_EQ(all_text(row.node().select_node("td/span").node()), "none");
  EXPECT_TRUE(p->doc.select_nodes("//section").empty());
}

TEST(HtmlReport, a_case_without_messages_says_so_instead_of_drawing_an_empty_ladder) {
  RunReport r;
  TestCaseResult tc;
  tc.id = "TC_ERR";
  tc.verdict = Verdict::error;
  tc.error = "SCTP association to 127.0.0.1:36412 refused";
  r.test_cases.push_back(tc);
  const auto p = parse(r);
  EXPECT_TRUE(p->doc.select_node("//p[@class='no-ladder']"));
  EXPECT_TRUE(p->doc.select_nodes("//svg").empty());
  EXPECT_EQ(all_text(p->doc.select_node("//pre[@class='error']").node()), tc.error);
}

TEST(HtmlReport, write_puts_the_document_at_the_path_and_leaves_no_temporary_file) {
  const auto dir = std::filesystem::temp_directory_path() / ("concur-html-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "report.html";
  const RunReport r = test::demo_run_report();
  write_html_report(r, path);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), render_html_report(r));
  EXPECT_FALSE(std::filesystem::exists(dir / "report.html.tmp"));
  std::filesystem::remove_all(dir);
}

TEST(HtmlReport, write_to_an_unwritable_place_throws_an_error_naming_the_path) {
  const std::filesystem::path path = "/nonexistent-concur-dir/report.html";
  try {
    write_html_report(RunReport{}, path);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent-concur-dir/report.html"));
  }
}

}  // namespace
}  // namespace concur::report
