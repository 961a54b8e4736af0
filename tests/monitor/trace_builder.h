// Synthetic event traces for the monitor tests: the messages of a ladder diagram, one call each,
// with indices, frame numbers and times filled in order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <optional>
#include <string>
#include <vector>

#include "monitor/event.h"
#include "monitor/monitor.h"
#include "monitor/report.h"

namespace concur::monitor::test {

/// One UE-associated logical S1 connection as the tests address it.
struct Leg {
  std::string enb = "eNB1";
  std::uint32_t mme_ue_s1ap_id = 1;
  std::uint32_t enb_ue_s1ap_id = 1;
  std::optional<std::string> imsi;
};

inline Key256 key_of(std::uint8_t fill) {
  Key256 k{};
  k.fill(fill);
  return k;
}

/// An S10 FORWARD RELOCATION REQUEST with an EPS security context (TS 29.274 8.38).
inline ForwardRelocationRequest s10_relocation(Ksi ksi, const Key256& kasme, std::optional<NhNcc> nh,
                                               std::optional<OldEpsSecurityContext> old = std::nullopt) {
  EpsMmContext mm;
  mm.ksi_asme = ksi;
  mm.kasme = kasme;
  mm.nas_algorithms = NasAlgorithms{2, 2};
  mm.nas_downlink_count = 3;
  mm.nas_uplink_count = 2;
  mm.nh_ncc = nh;
  mm.old_context = old;
  return ForwardRelocationRequest{GtpInterface::s10, mm, std::nullopt};
}

class Trace {
 public:
  /// Index of the added event.
  std::size_t add(std::string from, std::string to, UeIds ids, EventBody body) {
    Event e;
    e.index = next_++;
    e.frame = e.index + 100;  // frames of a capture start elsewhere; keep them distinct from indices
    e.time = std::chrono::milliseconds(10 * e.index);
    e.from = std::move(from);
    e.to = std::move(to);
    e.ids = std::move(ids);
    e.body = std::move(body);
    events_.push_back(std::move(e));
    return events_.back().index;
  }
  static UeIds ids_of(const Leg& l) {
    UeIds ids;
    ids.s1 = S1UeIds{l.enb, l.mme_ue_s1ap_id, l.enb_ue_s1ap_id};
    ids.imsi = l.imsi;
    return ids;
  }
  /// MME -> eNB on the leg.
  std::size_t down(const Leg& l, EventBody b) { return add(mme, l.enb, ids_of(l), std::move(b)); }
  /// eNB -> MME on the leg.
  std::size_t up(const Leg& l, EventBody b) { return add(l.enb, mme, ids_of(l), std::move(b)); }
  /// HANDOVER REQUEST to a target eNB: only the MME's id is known on the new leg.
  std::size_t handover_request(const std::string& target_enb, std::uint32_t mme_id, NhNcc sc) {
    UeIds ids;
    ids.s1 = S1UeIds{target_enb, mme_id, std::nullopt};
    return add(mme, target_enb, ids, HandoverRequest{HandoverType::intra_lte, sc});
  }
  /// GTPv2-C message between the MME under test and its peer.
  std::size_t gtp(bool outgoing, std::uint32_t teid, std::uint32_t seq, std::optional<std::uint32_t> sender_teid,
                  EventBody b, std::optional<std::string> imsi = std::nullopt, std::string peer = "MME-peer") {
    UeIds ids;
    ids.gtp = GtpIds{teid, seq, sender_teid};
    ids.imsi = std::move(imsi);
    return outgoing ? add(mme, std::move(peer), ids, std::move(b)) : add(std::move(peer), mme, ids, std::move(b));
  }

  // ---- ladders used by many tests ----
  /// Attach with authentication (eKSI `ksi`), SMC, Initial Context Setup with `kenb`.
  void attach(const Leg& l, Ksi ksi, const Key256& kenb) {
    up(l, NasInitialRequest{NasRequestKind::attach, std::nullopt});
    down(l, AuthenticationRequest{ksi});
    up(l, AuthenticationResponse{});
    down(l, SecurityModeCommand{ksi, NasAlgorithms{2, 2}});
    up(l, SecurityModeComplete{});
    down(l, InitialContextSetupRequest{kenb});
    up(l, InitialContextSetupResponse{});
  }
  /// Re-authentication in ECM-CONNECTED: AUTHENTICATION REQUEST and SMC for eKSI `ksi`.
  /// Returns the index of the SECURITY MODE COMMAND.
  std::size_t reauthenticate(const Leg& l, Ksi ksi) {
    down(l, AuthenticationRequest{ksi});
    up(l, AuthenticationResponse{});
    return down(l, SecurityModeCommand{ksi, NasAlgorithms{2, 2}});
  }

  /// Intra-MME S1 handover from `src` to `dst` up to the release of the source leg.
  /// Returns the index of the HANDOVER REQUEST.
  std::size_t s1_handover(const Leg& src, const Leg& dst, NhNcc sc) {
    up(src, HandoverRequired{HandoverType::intra_lte, std::nullopt, HandoverTargetCore::same_mme});
    const std::size_t request = handover_request(dst.enb, dst.mme_ue_s1ap_id, sc);
    up(dst, HandoverRequestAcknowledge{});
    down(src, HandoverCommand{});
    up(dst, HandoverNotify{});
    down(src, UeContextReleaseCommand{});
    up(src, UeContextReleaseComplete{});
    return request;
  }
  /// X2 handover seen on S1: PATH SWITCH REQUEST from the target eNB naming the source
  /// MME-UE-S1AP-ID, and the acknowledge. Returns the index of the acknowledge.
  std::size_t path_switch(const Leg& src, const Leg& dst, NhNcc sc) {
    UeIds ids;
    ids.s1 = S1UeIds{dst.enb, std::nullopt, dst.enb_ue_s1ap_id};
    add(dst.enb, mme, ids, PathSwitchRequest{src.mme_ue_s1ap_id});
    return down(dst, PathSwitchRequestAcknowledge{sc});
  }

  /// Source MME: HANDOVER REQUIRED whose target another MME serves. Returns its index.
  std::size_t handover_required_to_other_mme(const Leg& l, HandoverType type = HandoverType::intra_lte) {
    return up(l, HandoverRequired{type, std::nullopt, HandoverTargetCore::other_mme});
  }
  /// Source MME: FORWARD RELOCATION REQUEST to the peer (S10) or SGSN (S3); the sender F-TEID
  /// is 0x1000 + seq. Returns its index.
  std::size_t relocation_out(ForwardRelocationRequest frr, std::uint32_t seq, std::optional<std::string> imsi) {
    const std::string peer = frr.interface == GtpInterface::s10 ? "MME-peer" : "SGSN";
    return gtp(true, 0, seq, 0x1000 + seq, std::move(frr), std::move(imsi), peer);
  }
  /// Source MME: the rest of an inter-MME handover after the relocation request `seq`.
  void finish_relocation_out(const Leg& l, std::uint32_t seq) {
    gtp(false, 0x1000 + seq, seq, 0x2000 + seq, ForwardRelocationResponse{16});
    down(l, HandoverCommand{});
    gtp(false, 0x1000 + seq, seq + 1, std::nullopt, ForwardRelocationCompleteNotification{});
    gtp(true, 0x2000 + seq, seq + 1, std::nullopt, ForwardRelocationCompleteAcknowledge{});
    down(l, UeContextReleaseCommand{});
    up(l, UeContextReleaseComplete{});
  }
  /// Target MME: FORWARD RELOCATION REQUEST from the peer. Returns its index.
  std::size_t relocation_in(ForwardRelocationRequest frr, std::uint32_t seq, std::string imsi) {
    return gtp(false, 0, seq, 0x3000 + seq, std::move(frr), std::move(imsi));
  }
  /// Target MME: HANDOVER REQUEST on the new leg, acknowledge, relocation response, notify and
  /// the complete notification. Returns the HANDOVER REQUEST index.
  std::size_t accept_relocation_in(const Leg& target, std::uint32_t seq, NhNcc sc) {
    const std::size_t request = handover_request(target.enb, target.mme_ue_s1ap_id, sc);
    up(target, HandoverRequestAcknowledge{});
    gtp(true, 0x3000 + seq, seq, 0x4000 + seq, ForwardRelocationResponse{16});
    up(target, HandoverNotify{});
    gtp(true, 0x3000 + seq, seq + 1, std::nullopt, ForwardRelocationCompleteNotification{});
    gtp(false, 0x4000 + seq, seq + 1, std::nullopt, ForwardRelocationCompleteAcknowledge{});
    return request;
  }

  const std::vector<Event>& events() const { return events_; }
  std::size_t last() const { return next_ - 1; }

  std::string mme = "MME";

 private:
  std::vector<Event> events_;
  std::size_t next_ = 1;
};

/// Runs a trace through a monitor and keeps the summary.
struct Judged {
  std::vector<RuleSummary> summary;
  std::vector<UeState> ues;
  std::string report;
  std::map<std::size_t, std::size_t> ue_of_event;  ///< event index -> UE context index

  const RuleSummary& rule(Rule r) const { return summary[static_cast<std::size_t>(r) - 1]; }
  Verdict verdict(Rule r) const { return rule(r).verdict; }
  /// The verdict of rule r for the UE context with this index.
  const UeRuleVerdict& of(Rule r, std::size_t ue) const { return rule(r).per_ue.at(ue); }
  /// First finding with verdict v for rule r (over all UEs); throws when none.
  const Finding& first(Rule r, Verdict v) const {
    for (const UeRuleVerdict& u : rule(r).per_ue)
      for (const Finding& f : u.findings)
        if (f.verdict == v) return f;
    throw std::runtime_error("no finding with that verdict");
  }
};

inline Judged judge(const Trace& t, MonitorConfig config = {}) {
  Monitor m(std::move(config));
  for (const Event& e : t.events()) m.feed(e);
  Judged j;
  j.summary = m.summary();
  j.ues = m.ue_contexts();
  j.report = format_report(j.summary);
  for (const Event& e : t.events()) {
    if (auto u = m.ue_of_event(e.index)) j.ue_of_event[e.index] = *u;
  }
  return j;
}

inline std::vector<std::size_t> indices(const Finding& f) {
  std::vector<std::size_t> out;
  for (const EventRef& e : f.events) out.push_back(e.index);
  return out;
}

}  // namespace concur::monitor::test
