// The judge over generated captures: NAS protected with 128-EEA2/EIA2 is deciphered with the
// subscriber's K/OPc (KASME derived from the AKA in the capture), the exact key checks of rule 3
// use those KASMEs, and without keys the unread NAS keeps NAS-dependent rules from passing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "capture_ladder.h"
#include "judge/judge.h"
#include "judge/key_material.h"

namespace concur::judge::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("concur_judge_" + std::to_string(::getpid()) + "_" + name)).string();
}

const monitor::RuleSummary& rule(const Judgement& j, monitor::Rule r) {
  return j.rules.at(static_cast<std::size_t>(r) - 1);
}

std::string all_reasons(const monitor::RuleSummary& s) {
  std::string out;
  for (const auto& u : s.per_ue) {
    for (const auto& f : u.findings) out += f.reason + "\n";
  }
  return out;
}

struct Keys {
  KeyMaterial material = parse_key_file(key_file_text(), "test keys");
};

TEST(JudgeDeciphering, an_attach_with_eea2_is_deciphered_with_the_subscribers_k_and_opc) {
  const std::string path = temp_path("attach.pcap");
  {
    CaptureLadder l(path);
    LadderUe ue;
    l.attach(ue, 0);
  }
  Keys k;
  JudgeOptions o;
  o.keys = &k.material;
  const Judgement j = judge_capture(path, o);
  EXPECT_EQ(j.decode_errors, 0u) << format_judgement(j);
  EXPECT_EQ(j.not_inspectable, 0u) << format_judgement(j);
  EXPECT_EQ(j.deciphered, 2u) << "SECURITY MODE COMPLETE and EMM INFORMATION";
  EXPECT_TRUE(j.problems.empty()) << format_judgement(j);
  bool saw_emm_information = false;
  for (const TraceEntry& t : j.trace) saw_emm_information |= t.name.find("EMM information") != std::string::npos ||
                                                             t.name.find("EMM INFORMATION") != std::string::npos;
  EXPECT_TRUE(saw_emm_information) << "the ciphered EMM INFORMATION reads as such once deciphered";
  EXPECT_EQ(rule(j, monitor::Rule::r1).verdict, monitor::Verdict::pass) << format_judgement(j);
  std::filesystem::remove(path);
}

TEST(JudgeDeciphering, a_kasme_given_per_imsi_and_eksi_deciphers_without_the_subscribers_k) {
  const std::string path = temp_path("attach_kasme.pcap");
  LadderUe ue;
  {
    CaptureLadder l(path);
    l.attach(ue, 0);
  }
  KeyMaterial km;
  km.kasmes.push_back(KasmeEntry{kImsi, 0, ue.kasme.at(0)});
  JudgeOptions o;
  o.keys = &km;
  const Judgement j = judge_capture(path, o);
  EXPECT_EQ(j.deciphered, 2u) << format_judgement(j);
  EXPECT_EQ(j.not_inspectable, 0u) << format_judgement(j);
  EXPECT_EQ(rule(j, monitor::Rule::r1).verdict, monitor::Verdict::pass) << format_judgement(j);
  std::filesystem::remove(path);
}

TEST(JudgeDeciphering, without_keys_ciphered_nas_is_not_inspectable_and_rule_1_says_inconc_not_pass) {
  const std::string path = temp_path("attach_nokeys.pcap");
  {
    CaptureLadder l(path);
    LadderUe ue;
    l.attach(ue, 0);
  }
  const Judgement j = judge_capture(path, JudgeOptions{});
  EXPECT_EQ(j.decode_errors, 0u);
  EXPECT_EQ(j.not_inspectable, 1u) << "the EMM INFORMATION; SMC COMPLETE is known by its header type 4";
  ASSERT_EQ(j.problems.size(), 1u);
  EXPECT_THAT(j.problems[0], HasSubstr("not inspectable: ciphered, and no key material was given"));
  EXPECT_THAT(j.problems[0], HasSubstr("frame "));
  const auto& r1 = rule(j, monitor::Rule::r1);
  EXPECT_EQ(r1.verdict, monitor::Verdict::inconc) << format_judgement(j);
  EXPECT_THAT(all_reasons(r1), HasSubstr("could not be deciphered (no keys)"));
  std::filesystem::remove(path);
}

TEST(JudgeDeciphering, wrong_keys_are_reported_as_a_mac_mismatch_not_as_a_decode_error) {
  const std::string path = temp_path("attach_wrongkeys.pcap");
  {
    CaptureLadder l(path);
    LadderUe ue;
    l.attach(ue, 0);
  }
  KeyMaterial wrong = parse_key_file(
      std::string("subscriber imsi=") + kImsi + " k=00112233445566778899aabbccddeeff opc=" + kOpc, "wrong");
  JudgeOptions o;
  o.keys = &wrong;
  const Judgement j = judge_capture(path, o);
  EXPECT_EQ(j.decode_errors, 0u) << format_judgement(j);
  EXPECT_GE(j.not_inspectable, 1u);
  EXPECT_THAT(format_judgement(j), HasSubstr("does not verify"));
  std::filesystem::remove(path);
}

TEST(JudgeDeciphering, a_security_mode_complete_whose_deciphered_content_does_not_decode_still_ends_the_smc) {
  // Header type 4 is the SECURITY MODE COMPLETE's alone (TS 24.301 9.3.1): when its deciphered
  // content does not decode, the judge must still see the SMC end, or the INITIAL CONTEXT SETUP
  // the MME rightly sends after it reads as a rule 1 violation ("ICS at #4", the SMCC missing).
  const std::string path = temp_path("attach_smcc_undecodable.pcap");
  {
    CaptureLadder l(path);
    LadderUe ue;
    nas::AttachRequest a;
    a.nas_ksi = {false, 7};
    a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi(ue.imsi);
    a.ue_network_capability.octets = {0xE0, 0xE0};
    a.esm_message_container = from_hex("0201d011");
    l.uplink(ue, s1ap::InitialUeMessage{{}, ue.enb_ue_s1ap_id, nas::encode(a), s1ap::Tai{kPlmn, 1},
                                     s1ap::Ecgi{kPlmn, 0x1000u * static_cast<std::uint32_t>(ue.enb)}, 3, std::nullopt});
    l.authenticate(ue, 0);
    l.security_mode_command(ue, 0);
    // SECURITY MODE COMPLETE with a truncated IMEISV IE (IEI 0x23, no length): valid MAC, right
    // keys, content that does not decode.
    const Bytes body = from_hex("075e23");
    const Bytes pdu = security::protect(*ue.pending, security::Direction::uplink,
                                        security::SecurityHeaderType::integrity_protected_ciphered_new_context,
                                        view_of(body));
    ue.ksi = ue.pending->ksi();
    ue.nas.emplace(*ue.pending);
    ue.pending.reset();
    l.uplink_nas(ue, pdu);
    l.initial_context_setup_request(ue);
    l.initial_context_setup_response(ue);
  }
  Keys k;
  JudgeOptions o;
  o.keys = &k.material;
  const Judgement j = judge_capture(path, o);
  EXPECT_EQ(j.decode_errors, 1u) << "the content is still reported as not decoding\n" << format_judgement(j);
  const auto& r1 = rule(j, monitor::Rule::r1);
  EXPECT_EQ(r1.count(monitor::Verdict::fail), 0u) << format_judgement(j);
  EXPECT_THAT(all_reasons(r1), Not(HasSubstr("was ongoing"))) << format_judgement(j);
  std::filesystem::remove(path);
}

/// Attach (eKSI 0), re-authentication in ECM-CONNECTED (ciphered AKA, eKSI 1), SMC completed, then
/// an S1 handover inside rule 3's window whose NH comes from `nh_kasme_ksi`.
std::string rule3_capture(const std::string& name, std::optional<std::uint8_t> nh_kasme_ksi) {
  const std::string path = temp_path(name);
  CaptureLadder l(path);
  LadderUe ue;
  l.attach(ue, 0);
  l.authenticate(ue, 1);
  l.security_mode_command(ue, 1);
  l.security_mode_complete(ue);
  l.s1_handover(ue, 2, l.next_nh(ue, nh_kasme_ksi));
  return path;
}

TEST(JudgeKeys, rule_3_passes_an_old_chain_nh_checked_with_kasmes_derived_from_the_capture) {
  const std::string path = rule3_capture("r3_ok.pcap", std::nullopt);
  Keys k;
  JudgeOptions o;
  o.keys = &k.material;
  const Judgement j = judge_capture(path, o);
  EXPECT_EQ(j.not_inspectable, 0u) << format_judgement(j);
  const auto& r3 = rule(j, monitor::Rule::r3);
  ASSERT_EQ(r3.verdict, monitor::Verdict::pass) << format_judgement(j);
  EXPECT_FALSE(r3.per_ue.at(0).findings.back().without_keys) << "checked with keys, not structurally";
  EXPECT_THAT(all_reasons(r3), HasSubstr("derived from the old KASME (eKSI 0)"));
  std::filesystem::remove(path);
}

TEST(JudgeKeys, rule_3_fails_an_nh_from_the_new_kasme_and_names_both_chains) {
  const std::string path = rule3_capture("r3_bad.pcap", 1);
  Keys k;
  JudgeOptions o;
  o.keys = &k.material;
  const Judgement j = judge_capture(path, o);
  const auto& r3 = rule(j, monitor::Rule::r3);
  ASSERT_EQ(r3.verdict, monitor::Verdict::fail) << format_judgement(j);
  EXPECT_THAT(all_reasons(r3), HasSubstr("derived from the new KASME (eKSI 1)"));
  std::filesystem::remove(path);
}

TEST(JudgeKeys, without_keys_the_ciphered_re_authentication_keeps_rule_3_from_passing) {
  const std::string path = rule3_capture("r3_nokeys.pcap", std::nullopt);
  const Judgement j = judge_capture(path, JudgeOptions{});
  EXPECT_GE(j.not_inspectable, 2u) << "AUTHENTICATION REQUEST and RESPONSE";
  EXPECT_NE(rule(j, monitor::Rule::r3).verdict, monitor::Verdict::pass) << format_judgement(j);
  std::filesystem::remove(path);
}

TEST(Judge, the_trace_names_nodes_and_links_messages_to_events_and_ue_contexts) {
  const std::string path = temp_path("trace.pcap");
  {
    CaptureLadder l(path);
    LadderUe ue;
    l.attach(ue, 0);
  }
  const Judgement j = judge_capture(path, JudgeOptions{});
  ASSERT_FALSE(j.trace.empty());
  EXPECT_EQ(j.trace.front().from, "eNB1");
  EXPECT_EQ(j.trace.front().to, "MME");
  std::size_t events = 0;
  for (const TraceEntry& t : j.trace) {
    if (t.event) {
      ++events;
      EXPECT_EQ(t.ue, 0u) << t.name;
    }
  }
  EXPECT_EQ(events, 7u) << "attach, AKA x2, SMC, COMPLETE, ICS request and response";
  std::filesystem::remove(path);
}

TEST(Judge, a_relocation_seen_before_any_s1ap_is_judged_once_s1ap_shows_which_address_is_the_mme) {
  const std::string path = temp_path("target.pcap");
  {
    CaptureLadder l(path);
    LadderUe ue;
    ue.kasme[0].fill(0xd0);
    ue.kasme[1].fill(0xe1);
    ue.nh.fill(0x42);
    ue.ncc = 2;
    const monitor::NhNcc old_pair{ue.ncc, ue.nh};
    l.forward_relocation_in(ue, 300, 1, 0, old_pair);
    l.handover_in(ue, 3, old_pair);
  }
  const Judgement j = judge_capture(path, JudgeOptions{});
  EXPECT_TRUE(j.problems.empty()) << format_judgement(j);
  EXPECT_EQ(rule(j, monitor::Rule::r9).verdict, monitor::Verdict::pass) << format_judgement(j);
  ASSERT_FALSE(j.trace.empty());
  EXPECT_EQ(j.trace.front().from, "MME-peer");
  EXPECT_EQ(j.trace.front().to, "MME");
  EXPECT_TRUE(j.trace.front().event.has_value());
  std::filesystem::remove(path);
}

TEST(Judge, a_relocation_in_a_capture_without_s1ap_is_a_problem_not_a_verdict) {
  const std::string path = temp_path("gtp_only.pcap");
  {
    CaptureLadder l(path);
    LadderUe ue;
    ue.kasme[0].fill(0xd0);
    ue.kasme[1].fill(0xe1);
    l.forward_relocation_in(ue, 300, 1, 0, monitor::NhNcc{2, ue.kasme[0]});
  }
  const Judgement j = judge_capture(path, JudgeOptions{});
  ASSERT_EQ(j.problems.size(), 1u);
  EXPECT_THAT(j.problems[0], HasSubstr("neither end is known as the MME under test"));
  std::filesystem::remove(path);
}

TEST(Judge, malformed_messages_are_problems_naming_frame_field_and_offset_and_nothing_crashes) {
  Judge judge(JudgeOptions{});
  capture::CapturedMessage m;
  m.frame_number = 42;
  m.protocol = capture::Protocol::s1ap;
  m.src = capture::TransportAddress::from_text("127.0.1.1", 50001);
  m.dst = capture::TransportAddress::from_text("127.0.0.1", 36412);
  m.bytes = {0x00, 0x0c, 0x40};
  judge.feed(m);
  m.frame_number = 43;
  m.protocol = capture::Protocol::gtpv2c;
  m.bytes = {0x48, 0x85, 0x00};
  judge.feed(m);
  const Judgement j = judge.finish();
  EXPECT_EQ(j.decode_errors, 2u);
  ASSERT_EQ(j.problems.size(), 2u);
  EXPECT_THAT(j.problems[0], HasSubstr("frame 42: S1AP"));
  EXPECT_THAT(j.problems[0], HasSubstr("at offset"));
  EXPECT_THAT(j.problems[1], HasSubstr("frame 43: GTPv2-C"));
}

TEST(Judge, a_missing_capture_is_an_input_error_naming_the_file) {
  const Judgement j = judge_capture("/nonexistent/concur.pcap", JudgeOptions{});
  ASSERT_TRUE(j.input_error.has_value());
  EXPECT_THAT(*j.input_error, HasSubstr("/nonexistent/concur.pcap"));
}

}  // namespace
}  // namespace concur::judge::test
