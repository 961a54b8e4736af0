#include "demo_report.h"

#include <algorithm>

#include "monitor/monitor.h"
#include "report/ladder_from_events.h"
#include "report/monitor_findings.h"

namespace concur::report::test {
namespace {

using namespace concur::monitor;

struct Leg {
  std::string enb;
  std::uint32_t mme_id;
  std::uint32_t enb_id;
};

class Builder {
 public:
  void add(const std::string& from, const std::string& to, UeIds ids, EventBody body) {
    Event e;
    e.index = events.size() + 1;
    e.frame = e.index + 3;  // a capture starts with the S1 Setup frames
    e.time = std::chrono::milliseconds(12 * e.index);
    e.from = from;
    e.to = to;
    e.ids = std::move(ids);
    e.body = std::move(body);
    events.push_back(std::move(e));
  }
  static UeIds ids(const Leg& l, bool with_imsi = false) {
    UeIds u;
    u.s1 = S1UeIds{l.enb, l.mme_id, l.enb_id};
    if (with_imsi) u.imsi = "001010000000001";
    return u;
  }
  void up(const Leg& l, EventBody b, bool imsi = false) { add(l.enb, "MME", ids(l, imsi), std::move(b)); }
  void down(const Leg& l, EventBody b) { add("MME", l.enb, ids(l), std::move(b)); }
  void handover(const Leg& src, const Leg& dst, std::uint8_t ncc, std::uint8_t nh_fill) {
    up(src, HandoverRequired{HandoverType::intra_lte, std::nullopt, HandoverTargetCore::same_mme});
    UeIds target;
    target.s1 = S1UeIds{dst.enb, dst.mme_id, std::nullopt};
    Key256 nh{};
    nh.fill(nh_fill);
    add("MME", dst.enb, target, HandoverRequest{HandoverType::intra_lte, NhNcc{ncc, nh}});
    up(dst, HandoverRequestAcknowledge{});
    down(src, HandoverCommand{});
    up(dst, HandoverNotify{});
    down(src, UeContextReleaseCommand{});
    up(src, UeContextReleaseComplete{});
  }
  std::vector<Event> events;
};

/// Attach of a UE that takes no further part: traffic a real test case has beside its subject.
void background_attach(Builder& b, std::uint32_t n) {
  const Leg leg{"eNB1", 1000 + n, 2000 + n};
  UeIds first = Builder::ids(leg);
  first.imsi = "00101000000" + std::to_string(1000 + n);
  b.add("eNB1", "MME", first, NasInitialRequest{NasRequestKind::attach, std::nullopt});
  b.down(leg, AuthenticationRequest{0});
  b.up(leg, AuthenticationResponse{});
  b.down(leg, SecurityModeCommand{0, NasAlgorithms{2, 2}});
  b.up(leg, SecurityModeComplete{});
  Key256 kenb{};
  kenb.fill(static_cast<std::uint8_t>(0x50 + n));
  b.down(leg, InitialContextSetupRequest{kenb});
  b.up(leg, InitialContextSetupResponse{});
}

std::vector<Event> r3_trace(std::uint8_t last_ncc, std::uint32_t background_ues = 0) {
  const Leg enb1{"eNB1", 7, 70}, enb2{"eNB2", 8, 80}, enb3{"eNB3", 9, 90};
  Builder b;
  Key256 kenb{};
  kenb.fill(0x10);
  b.up(enb1, NasInitialRequest{NasRequestKind::attach, std::nullopt}, true);
  b.down(enb1, AuthenticationRequest{0});
  b.up(enb1, AuthenticationResponse{});
  b.down(enb1, SecurityModeCommand{0, NasAlgorithms{2, 2}});
  b.up(enb1, SecurityModeComplete{});
  b.down(enb1, InitialContextSetupRequest{kenb});
  b.up(enb1, InitialContextSetupResponse{});
  for (std::uint32_t n = 0; n < background_ues / 2; ++n) background_attach(b, n);
  b.handover(enb1, enb2, 2, 0x22);
  // Re-authentication in ECM-CONNECTED: a new KASME (eKSI 1), no UE Context Modification yet.
  b.down(enb2, AuthenticationRequest{1});
  b.up(enb2, AuthenticationResponse{});
  b.down(enb2, SecurityModeCommand{1, NasAlgorithms{2, 2}});
  b.up(enb2, SecurityModeComplete{});
  b.handover(enb2, enb3, last_ncc, 0x31);
  for (std::uint32_t n = background_ues / 2; n < background_ues; ++n) background_attach(b, n);
  return b.events;
}

}  // namespace

std::vector<Event> r3_violation_trace() { return r3_trace(1); }
std::vector<Event> r3_conformant_trace() { return r3_trace(3); }
// 7 attach messages, 7 of the first handover, 4 of the re-authentication, then HANDOVER
// REQUIRED and the HANDOVER REQUEST.
std::size_t offending_index() { return 20; }

TestCaseResult judged_test_case(const std::vector<Event>& events, std::vector<Rule> rules) {
  Monitor m{MonitorConfig{}};
  for (const Event& e : events) m.feed(e);
  TestCaseResult tc;
  tc.rules = std::move(rules);
  take_monitor_results(tc, m.summary());
  tc.ladder = ladder_of(events, {"eNB1", "eNB2", "eNB3", "MME"});
  return tc;
}

TestCaseResult demo_large_test_case(std::uint32_t background_ues) {
  TestCaseResult tc = judged_test_case(r3_trace(1, background_ues), {Rule::r3});
  // The background UEs never meet rule 3's situation: their inconc findings say nothing here.
  std::erase_if(tc.findings, [](const Finding& f) { return f.verdict == Verdict::inconc; });
  tc.id = "TC_R3_HO_AFTER_SMC_COMPLETE_LOADED";
  tc.title = "S1 handover after a completed SMC for a new KASME, among " + std::to_string(background_ues) +
             " other UEs attaching";
  tc.purpose = "Verify rule 3 while other UEs load the MME.";
  tc.clause = "TS 33.401 7.2.10 rule 3";
  tc.duration = std::chrono::milliseconds(4100);
  tc.pcap_file = "TC_R3_HO_AFTER_SMC_COMPLETE_LOADED.pcap";
  return tc;
}

RunReport demo_run_report() {
  RunReport r;
  r.metadata.sut_name = "reference MME (fault: R3)";
  r.metadata.profile_file = "";
  r.metadata.concur_version = "0.1.0-demo";
  r.metadata.start_time = "2026-11-28T03:00:00Z";
  r.metadata.duration = std::chrono::milliseconds(2400);
  r.metadata.violate = "R3";

  TestCaseResult fail = judged_test_case(r3_violation_trace(), {Rule::r3});
  fail.id = "TC_R3_HO_AFTER_SMC_COMPLETE";
  fail.title = "S1 handover after a completed SMC for a new KASME";
  fail.purpose =
      "Verify that a HANDOVER REQUEST sent after a NAS SMC for a new KASME, before any UE Context "
      "Modification, carries {NCC, NH} from the old KASME's chain.";
  fail.clause = "TS 33.401 7.2.10 rule 3";
  fail.duration = std::chrono::milliseconds(1300);
  fail.pcap_file = "TC_R3_HO_AFTER_SMC_COMPLETE.pcap";

  TestCaseResult pass = judged_test_case(r3_conformant_trace(), {Rule::r3});
  pass.id = "TC_R3_HO_OLD_CHAIN_STEPS";
  pass.title = "S1 handover stepping the old NH chain";
  pass.purpose = "Verify that the NCC steps on along the old chain after an SMC for a new KASME.";
  pass.clause = "TS 33.401 7.2.10 rule 3";
  pass.duration = std::chrono::milliseconds(1100);
  pass.pcap_file = "TC_R3_HO_OLD_CHAIN_STEPS.pcap";

  r.test_cases = {std::move(fail), std::move(pass)};
  return r;
}

}  // namespace concur::report::test
