#include "cli/run_judging.h"

#include <algorithm>
#include <sstream>

#include "judge/judge.h"
#include "judge/key_material.h"
#include "security/milenage.h"

namespace concur::cli {
namespace {

capture::TransportAddress address_of(const transport::SocketAddress& a) {
  try {
    return capture::TransportAddress::from_text(a.ip, a.port);
  } catch (const std::exception&) {
    return {};
  }
}

/// A tap record as the capture reader would have produced it from the wire.
capture::CapturedMessage captured(const transport::TapRecord& r, std::uint64_t frame) {
  capture::CapturedMessage m;
  m.frame_number = frame;
  m.timestamp_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(r.time.time_since_epoch()).count();
  const bool sent = r.direction == transport::Direction::sent;
  m.src = address_of(sent ? r.local : r.remote);
  m.dst = address_of(sent ? r.remote : r.local);
  m.bytes = r.bytes;
  switch (r.transport) {
    case transport::TransportKind::sctp:
      m.transport = capture::Transport::sctp;
      if (r.sctp) {
        m.sctp.stream_id = r.sctp->stream;
        m.sctp.ppid = r.sctp->ppid;
        m.sctp.first_tsn = r.sctp->tsn.value_or(0);
      }
      m.protocol = m.sctp.ppid == 18 ? capture::Protocol::s1ap : capture::Protocol::unclassified;
      break;
    case transport::TransportKind::udp:
      m.transport = capture::Transport::udp;
      m.protocol = capture::Protocol::gtpv2c;
      break;
    case transport::TransportKind::tcp:
      m.transport = capture::Transport::tcp;
      m.protocol = capture::Protocol::diameter;
      break;
  }
  return m;
}

}  // namespace

CaseJudgement judge_case(const scenario::TestCase& tc, const scenario::CaseResult& result, const profile::SutProfile& profile,
                         const transport::SocketAddress& sut_s1) {
  judge::KeyMaterial keys;
  for (const auto& s : profile.subscribers) {
    judge::SubscriberKeys k;
    k.imsi = s.imsi;
    std::copy(s.k.data(), s.k.data() + 16, k.k.begin());
    const security::Key128 opc = s.opc ? *s.opc : security::Milenage::opc_from_op(s.k, *s.op);
    std::copy(opc.data(), opc.data() + 16, k.opc.begin());
    keys.subscribers.push_back(k);
  }
  judge::JudgeOptions o;
  // An eNB profile: the SUT is the eNB at sut_s1 and the runner played its MME (rule 5).
  const bool enb = profile.kind == profile::SutKind::enb;
  o.sut.role = enb ? monitor::SutRole::enb : monitor::SutRole::mme;
  o.sut.node = enb ? "eNB" : "MME";
  o.sut.s10 = profile.has_pics("s10");
  o.sut.inter_rat = profile.has_pics("s3");
  for (auto tac : profile.tacs) o.sut.served_tais.push_back({profile.mcc + profile.mnc, tac});
  o.nodes.push_back({address_of(sut_s1).address, sut_s1.port, o.sut.node});
  o.keys = &keys;
  judge::Judge j(o);
  std::uint64_t frame = 0;
  for (const auto& r : result.messages) j.feed(captured(r, ++frame));
  const judge::Judgement verdicts = j.finish();

  CaseJudgement out;
  std::ostringstream text;
  for (const auto& summary : verdicts.rules) {
    const std::string rule = monitor::rule_name(summary.rule);
    if (std::find(tc.rules.begin(), tc.rules.end(), rule) == tc.rules.end()) continue;
    text << "rule monitor: " << rule << " " << monitor::to_string(summary.verdict);
    for (const auto& ue : summary.per_ue)
      for (const auto& f : ue.findings)
        out.findings.push_back(f);
    for (const auto& ue : summary.per_ue)
      for (const auto& f : ue.findings)
        if (f.verdict == monitor::Verdict::fail || f.verdict == monitor::Verdict::inconc) {
          text << "; " << monitor::to_string(f.verdict) << ": " << f.reason;
          if (f.verdict == monitor::Verdict::fail && !out.failed) {
            out.failed = true;
            out.failed_rule = rule;
            out.reason = "rule monitor: " + rule + " fail: " + f.reason + (f.seen.empty() ? "" : " (seen: " + f.seen + ")");
          }
        }
    text << "\n";
  }
  if (verdicts.decode_errors > 0) text << "rule monitor: " << verdicts.decode_errors << " message(s) did not decode\n";
  out.text = text.str();
  out.trace = verdicts.trace;
  return out;
}

void apply_judgement(scenario::CaseResult& result, const CaseJudgement& j) {
  std::istringstream lines(j.text);
  for (std::string line; std::getline(lines, line);)
    result.timeline.push_back({std::chrono::system_clock::now(), "monitor", scenario::TimelineEntry::Kind::note, line});
  if (!j.failed) return;
  if (result.verdict == scenario::Verdict::fail) {
    result.reason += "; " + j.reason;
  } else if (result.verdict != scenario::Verdict::error) {
    result.verdict = scenario::Verdict::fail;
    result.reason = j.reason;
    result.rule = j.failed_rule;
  }
}

}  // namespace concur::cli
