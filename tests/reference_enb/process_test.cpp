// concur-reference-enb as a process: configuration and argument errors, S1 SETUP towards the
// MME played by the test, NAS both ways, robustness against malformed S1AP, SIGTERM, and a pcap
// of a whole session that tshark dissects without a malformed packet.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/s1ap/transparent_containers.h"
#include "harness.h"
#include "rrc_container.h"
#include "support/subprocess.h"
#include "support/tshark_judge.h"

namespace concur::reference::enb::testing {
namespace {

using namespace std::chrono_literals;

/// Runs the eNB with `args` and returns its exit status and output.
std::pair<std::optional<int>, std::string> run_enb(std::vector<std::string> args) {
  args.insert(args.begin(), CONCUR_REFERENCE_ENB);
  transport::testing::ChildProcess p(args);
  const auto status = p.wait_exit(10s);
  while (p.read_line(100ms)) {
  }
  return {status, p.transcript()};
}

std::string write_config(const std::string& xml) {
  char tmpl[] = "/tmp/concur-reference-enb-cfg-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  std::ofstream(dir + "/bad.xml") << xml;
  return dir + "/bad.xml";
}

TEST(ReferenceEnbProcess, config_with_a_pci_out_of_range_is_refused_naming_file_line_and_field) {
  const auto path = write_config(
      "<enb>\n  <s1 mme_address=\"127.0.0.1\" backend=\"userspace_udp\"/>\n  <plmn mcc=\"001\" mnc=\"01\"/>\n"
      "  <cell enb_id=\"1\" pci=\"504\"/>\n</enb>\n");
  const auto [status, output] = run_enb({"--config", path});
  ASSERT_TRUE(status.has_value()) << output;
  EXPECT_EQ(*status, 1);
  EXPECT_NE(output.find("bad.xml:4: cell@pci: 504 is above the maximum 503"), std::string::npos) << output;
}

TEST(ReferenceEnbProcess, violating_a_rule_other_than_r5_is_refused_with_exit_2_naming_r5) {
  const auto [status, output] = run_enb({"--config", "unused.xml", "--violate", "R3"});
  ASSERT_TRUE(status.has_value()) << output;
  EXPECT_EQ(*status, 2);
  EXPECT_NE(output.find("--violate R3: this process can violate only R5"), std::string::npos) << output;
}

TEST(ReferenceEnbProcess, enb_sets_up_s1_with_its_global_id_and_tracking_area) {
  TestMme mme;
  EnbProcess enb(mme);
  ASSERT_TRUE(enb.started()) << enb.transcript();
  ASSERT_TRUE(mme.accept()) << enb.transcript();
  const auto r = mme.expect<s1ap::S1SetupRequest>();
  ASSERT_TRUE(r) << enb.transcript();
  EXPECT_EQ(r->global_enb_id, (s1ap::GlobalEnbId{kPlmn, s1ap::EnbIdKind::macro, kEnbId}));
  ASSERT_EQ(r->supported_tas.size(), 1u);
  EXPECT_EQ(r->supported_tas[0].tac, 1);
  EXPECT_EQ(r->supported_tas[0].broadcast_plmns, std::vector<s1ap::Plmn>{kPlmn});
}

TEST(ReferenceEnbProcess, uplink_nas_goes_by_command_and_downlink_nas_is_reported) {
  TestMme mme;
  EnbProcess enb(mme);
  ASSERT_TRUE(s1_setup(mme, enb)) << enb.transcript();
  const Bytes attach = attach_request_nas();
  const auto reply = enb.control("ue-connect " + to_hex(view_of(attach)));
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply, "ok ue-connect ue=1");
  const auto initial = mme.expect<s1ap::InitialUeMessage>();
  ASSERT_TRUE(initial);
  EXPECT_EQ(initial->nas_pdu, attach);
  EXPECT_EQ(initial->tai, (s1ap::Tai{kPlmn, 1}));
  EXPECT_EQ(initial->eutran_cgi, (s1ap::Ecgi{kPlmn, kEnbId << 8 | 1}));

  // IDENTITY REQUEST (TS 24.301 8.2.18), plain: 07 55 01 = EMM, identity type IMSI.
  s1ap::DownlinkNasTransport dl;
  dl.mme_ue_s1ap_id = 77;
  dl.enb_ue_s1ap_id = initial->enb_ue_s1ap_id;
  dl.nas_pdu = {0x07, 0x55, 0x01};
  mme.send(dl);
  ASSERT_TRUE(enb.wait_for_line("enb downlink-nas ue=1 075501")) << enb.transcript();
  EXPECT_EQ(enb.control("downlink-nas 1").value_or(""), "ok downlink-nas ue=1 075501");
  EXPECT_EQ(enb.control("downlink-nas 1").value_or(""), "ok downlink-nas ue=1 none");

  // IDENTITY RESPONSE with IMSI 001010000000001 (TS 24.301 8.2.19, TS 24.008 10.5.1.4).
  const std::string identity_response = "0756080910100000000010";
  EXPECT_EQ(enb.control("uplink-nas 1 " + identity_response).value_or(""), "ok uplink-nas ue=1");
  const auto ul = mme.expect<s1ap::UplinkNasTransport>();
  ASSERT_TRUE(ul);
  EXPECT_EQ(ul->mme_ue_s1ap_id, 77u);
  EXPECT_EQ(to_hex(view_of(ul->nas_pdu)), identity_response);
}

TEST(ReferenceEnbProcess, malformed_s1ap_gets_an_error_indication_and_the_enb_keeps_serving) {
  TestMme mme;
  EnbProcess enb(mme);
  ASSERT_TRUE(s1_setup(mme, enb)) << enb.transcript();
  // An initiatingMessage header announcing 200 octets of value that never come.
  mme.send_raw({0x00, 0x11, 0x00, 0x80, 0xC8, 0x00, 0x00}, 0);
  const auto e = mme.expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e) << enb.transcript();
  ASSERT_TRUE(e->cause);
  EXPECT_EQ(*e->cause, (s1ap::Cause{s1ap::CauseGroup::protocol, 0}));  // transfer-syntax-error
  // A context setup for a UE the eNB does not have: ERROR INDICATION naming the unknown id.
  s1ap::UeContextModificationRequest stray;
  stray.mme_ue_s1ap_id = 5;
  stray.enb_ue_s1ap_id = 999;
  mme.send(stray);
  const auto e2 = mme.expect<s1ap::ErrorIndication>();
  ASSERT_TRUE(e2);
  EXPECT_EQ(e2->enb_ue_s1ap_id, 999u);
  EXPECT_EQ(e2->cause, (s1ap::Cause{s1ap::CauseGroup::radio_network, 14}));  // unknown-enb-ue-s1ap-id
  // Still serving: a UE connects and gets its context.
  EXPECT_TRUE(connected_ue(mme, enb, 1, key_of(0x11))) << enb.transcript();
}

TEST(ReferenceEnbProcess, sigterm_stops_the_enb_cleanly_with_exit_status_zero) {
  TestMme mme;
  EnbProcess enb(mme);
  ASSERT_TRUE(s1_setup(mme, enb)) << enb.transcript();
  const auto status = enb.terminate();
  ASSERT_TRUE(status.has_value()) << enb.transcript();
  EXPECT_EQ(*status, 0);
}

TEST(ReferenceEnbProcess, control_socket_refuses_unknown_commands_and_unknown_ues) {
  TestMme mme;
  EnbProcess enb(mme);
  ASSERT_TRUE(s1_setup(mme, enb)) << enb.transcript();
  EXPECT_EQ(enb.control("explode").value_or("").rfind("error unknown command", 0), 0u);
  EXPECT_EQ(enb.control("handover 9 2 1").value_or(""), "error: no UE 9");
  EXPECT_EQ(enb.control("ue-connect zz").value_or("").rfind("error ue-connect: NAS PDU", 0), 0u);
}

/// tshark fields of every packet of `pcap`: one line per packet.
std::vector<std::string> tshark_lines(const std::string& pcap, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"tshark", "-n", "-r", pcap, "-o", "sctp.reassembly:TRUE"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = concur::test::run_process(args, 120s);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

TEST(ReferenceEnbProcess, pcap_of_a_session_with_both_handover_roles_dissects_cleanly_in_tshark) {
  if (const auto why = concur::test::tshark_unusable()) GTEST_SKIP() << *why;
  TestMme mme;
  EnbProcess enb(mme);
  ASSERT_TRUE(s1_setup(mme, enb)) << enb.transcript();
  const auto ue = connected_ue(mme, enb, 1, key_of(0x11));
  ASSERT_TRUE(ue);
  // Source role: HANDOVER REQUIRED with the source-to-target container.
  ASSERT_EQ(enb.control("handover " + std::to_string(*ue) + " 2 1").value_or(""), "ok handover ue=1 required");
  ASSERT_TRUE(mme.expect<s1ap::HandoverRequired>());
  // Target role: HANDOVER REQUEST -> ACKNOWLEDGE with the target-to-source container.
  s1ap::HandoverRequest hr;
  hr.mme_ue_s1ap_id = 40;
  hr.cause = {s1ap::CauseGroup::radio_network, 16};
  hr.ue_ambr = {100000000, 50000000};
  s1ap::ERabToBeSetup bearer;
  bearer.e_rab_id = 5;
  bearer.transport_layer_address = {127, 0, 0, 2};
  bearer.gtp_teid = 0x2000;
  hr.e_rabs.push_back(bearer);
  // What a source eNB would have sent (this eNB's own builders; the MME relays it untouched).
  s1ap::SourceEnbToTargetEnbContainer source;
  source.rrc_container = rrc_handover_preparation_information();
  source.target_cell = {kPlmn, kEnbId << 8 | 1};
  source.ue_history.push_back({{kPlmn, 2u << 8 | 1}, 2, 30});
  auto container = s1ap::encode_container(source);
  ASSERT_TRUE(container.ok()) << container.error().to_string();
  hr.source_to_target_container = *container;
  hr.ue_security_capabilities = {0xC000, 0xC000};
  hr.security_context = {2, key_of(0x22)};
  mme.send(hr);
  const auto ack = mme.expect<s1ap::HandoverRequestAcknowledge>();
  ASSERT_TRUE(ack);
  // The MME relays the target's container to the source in HANDOVER COMMAND; there, with the
  // handover type beside it, tshark dissects the RRC handover command inside (in the ACKNOWLEDGE
  // alone it cannot know the container's type and leaves it as octets).
  s1ap::HandoverCommand command;
  command.mme_ue_s1ap_id = 1;
  command.enb_ue_s1ap_id = *ue;
  command.handover_type = s1ap::HandoverType::intralte;
  command.target_to_source_container = ack->target_to_source_container;
  mme.send(command);
  ASSERT_TRUE(mme.expect<s1ap::EnbStatusTransfer>()) << enb.transcript();
  ASSERT_TRUE(enb.wait_for_status("handover=prepared")) << enb.transcript();
  ASSERT_TRUE(enb.terminate().has_value());  // the pcap is complete once the process has ended
  // Kept outside the process's folder (removed with it) for a person to open when this fails.
  char tmpl[] = "/tmp/concur-enb-judge-XXXXXX";
  const std::string pcap = std::string(::mkdtemp(tmpl)) + "/enb.pcap";
  std::filesystem::copy_file(enb.pcap_path(), pcap);

  const auto malformed = tshark_lines(pcap, {"-Y", "_ws.malformed", "-T", "fields", "-e", "frame.number"});
  EXPECT_TRUE(malformed.empty()) << "malformed frames: " << malformed.size() << " in " << pcap;
  const auto messages = tshark_lines(pcap, {"-Y", "s1ap", "-T", "fields", "-e",
                                            "s1ap.procedureCode", "-e", "_ws.expert.severity", "-e",
                                            "lte-rrc.nextHopChainingCount"});
  std::size_t errors = 0;
  bool ncc_seen = false;
  for (const auto& l : messages) {
    if (l.find("8388608") != std::string::npos) ++errors;  // PI_ERROR
    const auto last_tab = l.rfind('\t');
    if (last_tab != std::string::npos && l.substr(last_tab + 1) == "2") ncc_seen = true;
  }
  EXPECT_GE(messages.size(), 5u) << "S1AP packets tshark saw in " << pcap;
  EXPECT_EQ(errors, 0u) << "expert errors in " << pcap;
  EXPECT_TRUE(ncc_seen) << "tshark did not find NCC 2 in the RRC handover command the target eNB built";
}

}  // namespace
}  // namespace concur::reference::enb::testing
