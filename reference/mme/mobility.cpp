// Connected-mode mobility between eNBs of this MME: S1 handover (TS 36.413 8.4, TS 23.401
// 5.5.1.2.2) and X2 path switch (TS 36.413 8.4.4). Each takes the next {NCC, NH} of the chain AS
// uses (TS 33.401 7.2.8.4.2 / 7.2.8.4.3) from security::NetworkKeyState, which keeps the OLD
// KASME's chain after an SMC for a new KASME until a UCM took the new KeNB into use (7.2.10 rule 3);
// the R3 variant's early restarted chain instead (UeContext::s1_keys, reauth.cpp).
#include "mme.h"

namespace concur::reference {

namespace cause {
// TS 36.413 9.2.1.3 radio network causes.
inline constexpr s1ap::Cause successful_handover{s1ap::CauseGroup::radio_network, 2};
inline constexpr s1ap::Cause handover_cancelled{s1ap::CauseGroup::radio_network, 4};
inline constexpr s1ap::Cause ho_failure_in_target{s1ap::CauseGroup::radio_network, 6};
inline constexpr s1ap::Cause ho_target_not_allowed{s1ap::CauseGroup::radio_network, 7};
inline constexpr s1ap::Cause unknown_target_id{s1ap::CauseGroup::radio_network, 11};
inline constexpr s1ap::Cause unknown_mme_ue_s1ap_id{s1ap::CauseGroup::radio_network, 13};
}  // namespace cause

namespace {
/// Which chain the {NCC, NH} of an S1 handover / path switch came from, for the decision log.
std::string chain_name(const UeContext& ue) {
  if (ue.r3_restarted_keys) return "NEW KASME chain restarted early (faulty variant R3: UCM not yet done)";
  if (ue.keys.pending_new_kasme()) return "OLD KASME chain (rule 3: UCM not yet done)";
  return "current KASME chain";
}
}  // namespace

std::optional<std::size_t> ReferenceMme::enb_by_id(const s1ap::GlobalEnbId& id) const {
  for (const auto& [index, enb] : enbs_)
    if (enb.setup_done && enb.id == id) return index;
  return std::nullopt;
}

void ReferenceMme::handover_required(UeContext& ue, const s1ap::HandoverRequired& m, Clock::time_point now) {
  const auto fail = [&](s1ap::Cause c, const std::string& why) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": handover preparation failed: " + why);
    s1ap::HandoverPreparationFailure f;
    f.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
    f.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
    f.cause = c;
    send(ue.s1->enb, f);
  };
  if (relocation_required(ue, m, now)) return;  // S10 / S3 (s10_source.cpp)
  const auto* target = std::get_if<s1ap::TargetEnb>(&m.target_id);
  if (m.handover_type != s1ap::HandoverType::intralte || !target)
    return fail(cause::ho_target_not_allowed, "only intra-LTE handover is supported (S10/S3 come later)");
  if (!served(target->selected_tai))
    return fail(cause::ho_target_not_allowed, "target TAI outside this MME's pool (inter-MME needs S10)");
  const auto target_enb = enb_by_id(target->global_enb_id);
  if (!target_enb) return fail(cause::unknown_target_id, "target eNB has no S1 association with this MME");
  if (!ue.keys.connected()) return fail(cause::ho_failure_in_target, "no AS security context yet");
  if (ue.handover) return fail(cause::ho_failure_in_target, "a handover is already in preparation");

  const security::NhNcc next = ue.s1_keys().next_hop();
  s1ap::HandoverRequest r;
  r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  r.handover_type = m.handover_type;
  r.cause = m.cause;
  r.ue_ambr = {100'000'000, 50'000'000};
  r.e_rabs = ue.e_rabs;
  r.source_to_target_container = m.source_to_target_container;
  r.ue_security_capabilities = {static_cast<std::uint16_t>((ue.ue_network_capability.eea() & 0x70) << 9),
                                static_cast<std::uint16_t>((ue.ue_network_capability.eia() & 0x70) << 9)};
  r.security_context.next_hop_chaining_count = next.ncc;
  std::copy(next.nh.data(), next.nh.data() + 32, r.security_context.next_hop.begin());
  ue.handover = S1Handover{*ue.s1, *target_enb, std::nullopt, m.handover_type, now + config_.timers.s1ap_guard, {}};
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": HANDOVER REQUEST with NCC " + std::to_string(next.ncc) +
      " from the " + chain_name(ue));
  send(*target_enb, r);
}

void ReferenceMme::handover_request_acknowledge(std::size_t enb, const s1ap::HandoverRequestAcknowledge& m) {
  if (incoming_handover_acknowledged(enb, m)) return;  // inbound S10 (s10_target.cpp)
  const auto it = ues_.find(m.mme_ue_s1ap_id);
  if (it == ues_.end() || !it->second->handover || it->second->handover->target_enb != enb) {
    error_indication(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id, cause::unknown_mme_ue_s1ap_id);
    return;
  }
  UeContext& ue = *it->second;
  ue.handover->target_enb_ue_s1ap_id = m.enb_ue_s1ap_id;
  for (const auto& e : m.e_rabs_admitted)
    ue.handover->target_tunnels.push_back({e.e_rab_id, e.transport_layer_address, e.gtp_teid});
  s1ap::HandoverCommand c;
  c.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  c.enb_ue_s1ap_id = ue.handover->source.enb_ue_s1ap_id;
  c.handover_type = ue.handover->type;
  c.target_to_source_container = m.target_to_source_container;
  send(ue.handover->source.enb, c);
}

void ReferenceMme::handover_failure(std::size_t enb, const s1ap::HandoverFailure& m, Clock::time_point now) {
  if (incoming_handover_failed(enb, m)) return;  // inbound S10 (s10_target.cpp)
  const auto it = ues_.find(m.mme_ue_s1ap_id);
  if (it == ues_.end() || !it->second->handover || it->second->handover->target_enb != enb) return;
  UeContext& ue = *it->second;
  s1ap::HandoverPreparationFailure f;
  f.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  f.enb_ue_s1ap_id = ue.handover->source.enb_ue_s1ap_id;
  f.cause = m.cause;
  send(ue.handover->source.enb, f);
  handover_ended(ue, now);
}

void ReferenceMme::enb_status_transfer(UeContext& ue, const s1ap::EnbStatusTransfer& m) {
  if (!ue.handover || !ue.handover->target_enb_ue_s1ap_id) return;
  s1ap::MmeStatusTransfer t;  // relayed unchanged to the target (TS 36.413 8.4.7)
  t.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  t.enb_ue_s1ap_id = *ue.handover->target_enb_ue_s1ap_id;
  t.bearers = m.bearers;
  send(ue.handover->target_enb, t);
}

void ReferenceMme::handover_notify(std::size_t enb, const s1ap::HandoverNotify& m, Clock::time_point now) {
  if (incoming_handover_notified(enb, m, now)) return;  // inbound S10 (s10_target.cpp)
  const auto it = ues_.find(m.mme_ue_s1ap_id);
  if (it == ues_.end() || !it->second->handover || it->second->handover->target_enb != enb ||
      it->second->handover->target_enb_ue_s1ap_id != m.enb_ue_s1ap_id) {
    error_indication(enb, m.mme_ue_s1ap_id, m.enb_ue_s1ap_id, cause::unknown_mme_ue_s1ap_id);
    return;
  }
  UeContext& ue = *it->second;
  const S1Leg source = ue.handover->source;
  ue.s1 = S1Leg{enb, m.enb_ue_s1ap_id};
  ue.ecgi = m.eutran_cgi;
  ue.tai = m.tai;
  s1ap::UeContextReleaseCommand c;  // the source eNB's leg (TS 23.401 5.5.1.2.2 step 21)
  c.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  c.enb_ue_s1ap_id = source.enb_ue_s1ap_id;
  c.cause = cause::successful_handover;
  send(source.enb, c);
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": handover to eNB " + std::to_string(enb) + " complete");
  // TS 23.401 5.5.1.2.2 step 12 (S1 handover without SGW relocation): downlink to the target eNB.
  if (ue.s11 && ue.s11->sgw_teid)
    modify_bearer(ue, ue.handover->target_tunnels, S11Session::Waiting::modify_after_handover);
  handover_ended(ue, now);
}

void ReferenceMme::handover_cancel(UeContext& ue, const s1ap::HandoverCancel& m, Clock::time_point now) {
  s1ap::HandoverCancelAcknowledge a;
  a.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  a.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
  if (ue.handover && ue.handover->target_enb_ue_s1ap_id) {
    s1ap::UeContextReleaseCommand c;  // resources reserved in the target go (TS 36.413 8.4.5)
    c.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
    c.enb_ue_s1ap_id = *ue.handover->target_enb_ue_s1ap_id;
    c.cause = cause::handover_cancelled;
    send(ue.handover->target_enb, c);
  }
  send(ue.s1->enb, a);
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": handover cancelled");
  handover_ended(ue, now);
  if (ue.relocation) relocation_cancelled(ue, now);  // S10/S3 (s10_source.cpp)
}

void ReferenceMme::handover_ended(UeContext& ue, Clock::time_point now) {
  ue.handover.reset();
  // A UCM waiting for the handover to end (the source eNB would refuse it, rule 5) goes now.
  ue_context_modification_may_resume(ue, now);
}

void ReferenceMme::path_switch_request(std::size_t enb, const s1ap::PathSwitchRequest& m) {
  const auto it = ues_.find(m.source_mme_ue_s1ap_id);
  if (it == ues_.end() || !it->second->s1 || !it->second->keys.connected()) {
    s1ap::PathSwitchRequestFailure f;
    f.mme_ue_s1ap_id = m.source_mme_ue_s1ap_id;
    f.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
    f.cause = cause::unknown_mme_ue_s1ap_id;
    send(enb, f);
    return;
  }
  UeContext& ue = *it->second;
  const security::NhNcc next = ue.s1_keys().next_hop();
  s1ap::PathSwitchRequestAcknowledge a;
  a.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  a.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
  for (const auto& e : ue.e_rabs) a.e_rabs_to_switch_ul.push_back({e.e_rab_id, e.transport_layer_address, e.gtp_teid});
  a.security_context.next_hop_chaining_count = next.ncc;
  std::copy(next.nh.data(), next.nh.data() + 32, a.security_context.next_hop.begin());
  ue.s1 = S1Leg{enb, m.enb_ue_s1ap_id};
  ue.ecgi = m.eutran_cgi;
  ue.tai = m.tai;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": PATH SWITCH REQUEST ACKNOWLEDGE with NCC " +
      std::to_string(next.ncc) + " from the " + chain_name(ue));
  if (ue.s11 && ue.s11->sgw_teid) {
    // TS 23.401 5.5.1.1.2 steps 4-7: MODIFY BEARER with the target eNB's F-TEID first; the
    // ACKNOWLEDGE (already carrying its {NCC, NH}) goes when the SGW accepted (s11_client.cpp).
    ue.s11->held_path_switch_ack = a;
    ue.s11->path_switch_enb = enb;
    modify_bearer(ue, m.e_rabs_to_switch_dl, S11Session::Waiting::modify_for_path_switch);
    return;
  }
  send(enb, a);
}

}  // namespace concur::reference
