// The JUnit XML that `concur run` and `concur replay` write, validated by xmllint against the
// common JUnit schema (junit.xsd beside this file, written from the format's documentation): a
// passing run, a run with a failing case (the reference MME violating rule 3), a run whose cases
// are `none` (skipped), and replays of a conformant and a faulty capture. CI servers read these
// files; one they cannot parse loses every verdict in it.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "support/subprocess.h"
#include "support/text_file.h"

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

const char* const kXmllint = "/usr/bin/xmllint";
const fs::path kSchema = fs::path(CONCUR_SOURCE_DIR) / "tests" / "report" / "junit.xsd";

class JunitSchema : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kXmllint)) << kXmllint << " is missing: scripts/setup.sh installs libxml2-utils";
    char tmpl[] = "/tmp/concur-junit-schema-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  /// `concur ARGS`; returns the exit status, the output in `output`.
  int concur(std::vector<std::string> args, std::string& output) {
    args.insert(args.begin(), CONCUR_BINARY);
    const auto r = concur::test::run_process(args, 300s);
    output = r.out + r.err;
    EXPECT_FALSE(r.timed_out) << output;
    return r.exit_code;
  }

  /// xmllint's verdict on `file` against junit.xsd: "" when it validates, else what it said.
  static std::string schema_errors(const fs::path& file) {
    const auto r = concur::test::run_process({kXmllint, "--noout", "--schema", kSchema.string(), file.string()}, 60s);
    if (r.exit_code == 0 && r.err.find(" validates") != std::string::npos) return "";
    return "xmllint exit " + std::to_string(r.exit_code) + ":\n" + r.err;
  }

  /// The counts on <testsuites> and on every <testsuite> agree with the <testcase>s they hold.
  static void expect_consistent_counts(const fs::path& file) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file(file.c_str())) << file;
    const auto root = doc.child("testsuites");
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    for (const auto suite : root.children("testsuite")) {
      std::size_t t = 0, f = 0, e = 0, s = 0;
      for (const auto tc : suite.children("testcase")) {
        ++t;
        f += !!tc.child("failure");
        e += !!tc.child("error");
        s += !!tc.child("skipped");
      }
      EXPECT_EQ(suite.attribute("tests").as_ullong(), t) << suite.attribute("name").value();
      EXPECT_EQ(suite.attribute("failures").as_ullong(), f) << suite.attribute("name").value();
      EXPECT_EQ(suite.attribute("errors").as_ullong(), e) << suite.attribute("name").value();
      EXPECT_EQ(suite.attribute("skipped").as_ullong(), s) << suite.attribute("name").value();
      tests += t, failures += f, errors += e, skipped += s;
    }
    EXPECT_EQ(root.attribute("tests").as_ullong(), tests);
    EXPECT_EQ(root.attribute("failures").as_ullong(), failures);
    EXPECT_EQ(root.attribute("errors").as_ullong(), errors);
    EXPECT_EQ(root.attribute("skipped").as_ullong(), skipped);
  }

  fs::path dir_;
};

TEST_F(JunitSchema, the_schema_itself_rejects_what_ci_servers_cannot_read) {
  // Proves the validation can fail: a testcase without classname, a time with an exponent, a
  // testcase with two outcomes.
  const std::pair<const char*, const char*> bad[] = {
      {"no-classname", R"(<testsuites><testsuite name="R3" tests="1"><testcase name="a"/></testsuite></testsuites>)"},
      {"exponent-time", R"(<testsuites><testsuite name="R3" tests="1" time="1e-05"><testcase name="a" classname="c"/></testsuite></testsuites>)"},
      {"two-outcomes",
       R"(<testsuites><testsuite name="R3" tests="1"><testcase name="a" classname="c"><failure/><skipped/></testcase></testsuite></testsuites>)"},
  };
  for (const auto& [name, xml] : bad) {
    const fs::path file = dir_ / (std::string(name) + ".xml");
    std::ofstream(file) << xml;
    EXPECT_NE(schema_errors(file), "") << name << " validated";
  }
  const fs::path good = dir_ / "good.xml";
  std::ofstream(good) << R"(<testsuites name="x" tests="1" time="0.5" timestamp="2026-11-28T06:00:00Z"><testsuite name="R3" tests="1" failures="1" time="0.5">)"
                      << R"(<testcase name="a" classname="c" time="0.5"><failure message="m" type="R3">evidence</failure>)"
                      << R"(<system-out>log</system-out></testcase></testsuite></testsuites>)";
  EXPECT_EQ(schema_errors(good), "");
}

TEST_F(JunitSchema, concur_run_against_the_conformant_reference_writes_valid_junit) {
  std::string output;
  ASSERT_EQ(concur({"run", "--reference", "--filter", "R3-handover-after-smc-command", "--out", (dir_ / "pass").string()}, output), 0)
      << output;
  const fs::path junit = dir_ / "pass" / "junit.xml";
  EXPECT_EQ(schema_errors(junit), "") << concur::test::read_text_file(junit);
  expect_consistent_counts(junit);
  EXPECT_EQ(concur::test::read_text_file(junit).find("<failure"), std::string::npos);
}

TEST_F(JunitSchema, concur_run_with_a_failing_case_writes_valid_junit_with_the_failure) {
  std::string output;
  ASSERT_EQ(concur({"run", "--reference", "--violate", "R3", "--filter", "R3-*", "--out", (dir_ / "fail").string()}, output), 1)
      << output;
  const fs::path junit = dir_ / "fail" / "junit.xml";
  const std::string xml = concur::test::read_text_file(junit);
  EXPECT_EQ(schema_errors(junit), "") << xml;
  expect_consistent_counts(junit);
  EXPECT_NE(xml.find("<failure message=\"fail: "), std::string::npos) << xml;
}

TEST_F(JunitSchema, concur_run_whose_cases_do_not_apply_writes_valid_junit_with_them_skipped) {
  // A SUT without X2: every path-switch case is `none`, never connected to anything.
  const fs::path profile = dir_ / "no-x2.xml";
  std::ofstream(profile) << R"(<sut-profile name="no-x2">
  <sut><s1 address="127.0.0.1" port="36412" backend="userspace_udp" udp-port="9899"/></sut>
  <runner address="127.0.0.1"/>
  <ran mcc="001" mnc="01" tacs="1,2" first-enb-id="1"/>
  <subscriber imsi="001010000000001" k="465b5ce8b199b49faa5f0a2ee238a6bc" opc="cd63cb71954a9f4e48a5994e37a02baf" amf="8000" sqn="0"/>
  <algorithms integrity="eia2" ciphering="eea2"/>
  <capabilities s1-handover="true" x2="false" s10="false" s3="false" key-change-on-the-fly="true"/>
  <reauth-trigger kind="none"/>
  <timers guard-ms="1000" quiet-ms="500"/>
</sut-profile>
)";
  std::string output;
  ASSERT_EQ(concur({"run", "--profile", profile.string(), "--filter", "R3-path-switch-*", "--out", (dir_ / "none").string()}, output), 0)
      << output;
  const fs::path junit = dir_ / "none" / "junit.xml";
  const std::string xml = concur::test::read_text_file(junit);
  EXPECT_EQ(schema_errors(junit), "") << xml;
  expect_consistent_counts(junit);
  EXPECT_NE(xml.find("<skipped message=\"none: the SUT profile does not declare PICS &apos;x2&apos;\""), std::string::npos) << xml;
}

TEST_F(JunitSchema, concur_replay_of_a_conformant_and_a_faulty_capture_writes_valid_junit) {
  const fs::path captures = fs::path(CONCUR_SOURCE_DIR) / "captures" / "reference";
  for (const auto& [capture, exit_code] : {std::pair{"conformant-R3-handover-after-smc-complete", 0},
                                           std::pair{"violate-R3-handover-after-smc-complete", 1}}) {
    const fs::path junit = dir_ / (std::string(capture) + ".xml");
    std::string output;
    EXPECT_EQ(concur({"replay", (captures / (std::string(capture) + ".pcap")).string(), "--keys",
                      (captures / "subscribers.keys").string(), "--junit", junit.string()},
                     output),
              exit_code)
        << output;
    const std::string xml = concur::test::read_text_file(junit);
    EXPECT_EQ(schema_errors(junit), "") << capture << "\n" << xml;
    expect_consistent_counts(junit);
    EXPECT_EQ(xml.find("<failure") != std::string::npos, exit_code == 1) << xml;
  }
}

}  // namespace
