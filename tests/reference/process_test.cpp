// concur-reference-mme as a process: configuration errors, S1 SETUP, robustness against
// malformed S1AP, clean shutdown on SIGTERM. The MME runs as a child process on loopback,
// userspace SCTP with UDP encapsulation (RFC 6951): works between two processes without kernel SCTP.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "emulators.h"
#include "mme_process.h"

namespace concur::reference::testing {
namespace {

using namespace std::chrono_literals;

/// Runs the MME with `xml` as its config and returns its exit status and output.
std::pair<std::optional<int>, std::string> run_with_config(const std::string& xml) {
  char tmpl[] = "/tmp/concur-reference-cfg-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string path = dir + "/bad.xml";
  std::ofstream(path) << xml;
  transport::testing::ChildProcess p({CONCUR_REFERENCE_MME, "--config", path});
  const auto status = p.wait_exit(10s);
  while (p.read_line(100ms)) {
  }
  std::remove(path.c_str());
  ::rmdir(dir.c_str());
  return {status, p.transcript()};
}

TEST(ReferenceMmeProcess, config_with_a_bad_key_is_refused_naming_file_line_and_field) {
  const auto [status, output] = run_with_config(
      "<mme>\n  <s1 address=\"127.0.0.1\" port=\"0\" backend=\"userspace_udp\"/>\n  <plmn mcc=\"001\" mnc=\"01\"/>\n"
      "  <tai tac=\"1\"/>\n  <subscriber imsi=\"001010000000001\" k=\"1234\" opc=\"cd63cb71954a9f4e48a5994e37a02baf\"/>\n"
      "</mme>\n");
  ASSERT_TRUE(status.has_value()) << output;
  EXPECT_NE(*status, 0);
  EXPECT_NE(output.find("bad.xml:5: subscriber@k: must be 16 octets in hex"), std::string::npos) << output;
}

TEST(ReferenceMmeProcess, config_with_an_unknown_sctp_backend_is_refused_naming_the_choices) {
  const auto [status, output] = run_with_config(
      "<mme>\n  <s1 address=\"127.0.0.1\" backend=\"tcp\"/>\n  <plmn mcc=\"001\" mnc=\"01\"/>\n  <tai tac=\"1\"/>\n</mme>\n");
  ASSERT_TRUE(status.has_value()) << output;
  EXPECT_NE(*status, 0);
  EXPECT_NE(output.find("bad.xml:2: s1@backend: 'tcp' is not one of"), std::string::npos) << output;
}

TEST(ReferenceMmeProcess, mme_answers_s1_setup_with_its_served_gummei) {
  MmeProcess mme;
  ASSERT_TRUE(mme.started()) << mme.transcript();
  TestEnb enb(mme, 1, 1);
  ASSERT_TRUE(enb.up());
  enb.send(enb.s1_setup_request(), 0);
  const auto r = enb.expect<s1ap::S1SetupResponse>();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->served_gummeis.size(), 1u);
  EXPECT_EQ(r->served_gummeis[0].served_plmns, std::vector<s1ap::Plmn>{kPlmn});
  EXPECT_EQ(r->served_gummeis[0].mme_group_ids, std::vector<std::uint16_t>{32769});
  EXPECT_EQ(r->served_gummeis[0].mme_codes, std::vector<std::uint8_t>{1});
}

TEST(ReferenceMmeProcess, s1_setup_from_an_enb_of_another_plmn_fails_with_unknown_plmn) {
  MmeProcess mme;
  ASSERT_TRUE(mme.started()) << mme.transcript();
  TestEnb enb(mme, 1, 1);
  ASSERT_TRUE(enb.up());
  enb.send(enb.s1_setup_request({0x02, 0xf8, 0x39}), 0);  // MCC 208 MNC 93
  const auto f = enb.expect<s1ap::S1SetupFailure>();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->cause, (s1ap::Cause{s1ap::CauseGroup::misc, 5}));  // TS 36.413 9.2.1.3 unknown-PLMN
}

TEST(ReferenceMmeProcess, malformed_s1ap_gets_an_error_indication_and_the_mme_keeps_serving) {
  MmeProcess mme;
  ASSERT_TRUE(mme.started()) << mme.transcript();
  TestEnb enb(mme, 1, 1);
  ASSERT_TRUE(enb.up());
  ASSERT_TRUE(enb.setup());
  // An initiatingMessage header announcing 200 octets of value that never come.
  enb.send_raw({0x00, 0x11, 0x00, 0x80, 0xC8, 0x00, 0x00}, 0);
  const auto e = enb.expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e);
  ASSERT_TRUE(e->cause);
  EXPECT_EQ(e->cause->group, s1ap::CauseGroup::protocol);
  // Still serving: a second eNB sets up, and the first one's association is alive for an attach.
  TestEnb other(mme, 2, 2);
  ASSERT_TRUE(other.up());
  EXPECT_TRUE(other.setup());
  TestUe ue;
  EXPECT_TRUE(attach(enb, ue, 7).has_value()) << mme.transcript();
}

TEST(ReferenceMmeProcess, sigterm_stops_the_mme_cleanly_with_exit_status_zero) {
  MmeProcess mme;
  ASSERT_TRUE(mme.started()) << mme.transcript();
  TestEnb enb(mme, 1, 1);
  ASSERT_TRUE(enb.setup());
  const auto status = mme.terminate();
  ASSERT_TRUE(status.has_value()) << mme.transcript();
  EXPECT_EQ(*status, 0);
  EXPECT_TRUE(mme.child().wait_for_line("stopped", 2s) || mme.transcript().find("stopped") != std::string::npos)
      << mme.transcript();
}

TEST(ReferenceMmeProcess, control_socket_reports_status_and_refuses_unknown_commands) {
  MmeProcess mme;
  ASSERT_TRUE(mme.started()) << mme.transcript();
  const auto status = mme.control("status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->rfind("status enbs=0 ues=0", 0), 0u) << *status;
  const auto bad = mme.control("explode");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->rfind("error unknown command", 0), 0u) << *bad;
  const auto unknown = mme.control("reauth 999999999999999");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->rfind("error reauth", 0), 0u) << *unknown;
}

}  // namespace
}  // namespace concur::reference::testing
