// What `concur run` puts into its HTML report for a case: the summary table's title column says
// in words what the case proves (its purpose), not the id a second time.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "cli/run_html.h"
#include "report/html_report.h"

namespace concur::cli {
namespace {

scenario::TestCase r3_case() {
  scenario::TestCase tc;
  tc.id = "R3-handover-after-smc-command";
  tc.rules = {"R3"};
  tc.clause = "TS 33.401 7.2.10 rule 3";
  tc.purpose = "A HANDOVER REQUIRED between the SMC and its COMPLETE continues the chain of the old KASME.";
  return tc;
}

report::RunReport report_of(const scenario::TestCase& tc) {
  JudgedCase c;
  c.ran.test_case = &tc;
  c.ran.result.id = tc.id;
  c.ran.result.verdict = scenario::Verdict::pass;
  profile::SutProfile profile;
  profile.name = "reference-mme";
  return html_run_report({c}, profile, "", std::chrono::system_clock::now(), std::chrono::milliseconds(10), std::nullopt);
}

TEST(RunHtml, a_cases_title_is_its_purpose_not_its_id_again) {
  const auto tc = r3_case();
  const auto r = report_of(tc);
  ASSERT_EQ(r.test_cases.size(), 1u);
  EXPECT_EQ(r.test_cases[0].id, tc.id);
  EXPECT_EQ(r.test_cases[0].title, tc.purpose);
}

TEST(RunHtml, the_summary_tables_title_column_shows_the_purpose_and_the_details_say_it_once) {
  const auto tc = r3_case();
  const std::string html = report::render_html_report(report_of(tc));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(html.c_str(), pugi::parse_default | pugi::parse_doctype));
  const auto row = doc.select_node("//table[@class='cases']/tr[td]").node();
  ASSERT_TRUE(row) << html;
  const auto id_cell = row.child("td");
  const auto title_cell = id_cell.next_sibling("td");
  EXPECT_STREQ(id_cell.child("a").text().get(), tc.id.c_str());
  EXPECT_EQ(std::string(title_cell.text().get()), tc.purpose);
  std::size_t said = 0;
  for (std::size_t at = html.find(tc.purpose); at != std::string::npos; at = html.find(tc.purpose, at + 1)) ++said;
  // Once in the summary table, once on the case's summary line; no third copy as a paragraph.
  EXPECT_EQ(said, 2u) << html;
}

}  // namespace
}  // namespace concur::cli
