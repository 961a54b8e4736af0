// S1 handover (TS 36.413 8.4) as source eNB (HANDOVER REQUIRED on command, COMMAND / PREPARATION
// FAILURE, CANCEL, the TS1RELOC guards) with rule 5's queueing behind a UCM-triggered
// reconfiguration, and as target eNB (HANDOVER REQUEST -> ACKNOWLEDGE, NOTIFY on command).
#include "causes.h"
#include "codec/s1ap/transparent_containers.h"
#include "enb.h"
#include "rrc_container.h"
#include "security/kdf.h"

namespace concur::reference::enb {

namespace {
std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }
}  // namespace

std::string ReferenceEnb::handover(UeContext& ue, std::uint32_t target_enb_id, std::uint16_t tac, Clock::time_point now) {
  const auto id = std::to_string(ue.enb_ue_s1ap_id);
  if (!ue.context_setup || !ue.mme_ue_s1ap_id) return "error handover: UE " + id + " has no context set up";
  if (ue.handover || ue.queued_handover) return "error handover: UE " + id + " already has a handover ongoing or queued";
  if (target_enb_id == config_.enb_id) return "error handover: the target is this eNB";
  const s1ap::Tai tai{plmn_, tac};
  if (ue.reconfiguration) {
    if (!config_.violate_r5) {
      // TS 33.401 7.2.10 rule 5: "When a RRCConnectionReconfiguration procedure triggered by a UE
      // Context Modification is ongoing the source eNB shall wait for the completion of this
      // procedure before initiating any further handover procedure."
      ue.queued_handover = QueuedHandover{target_enb_id, tai, now + config_.timers.handover_queue};
      log("rule 5: ue " + id + ": handover queued until the UCM-triggered reconfiguration ends (guard " +
          ms(config_.timers.handover_queue) + ")");
      return "ok handover ue=" + id + " queued: reconfiguration ongoing";
    }
    log("violating R5: ue " + id + ": handover started during the UCM-triggered reconfiguration");
  }
  handover_required(ue, target_enb_id, tai, now);
  return "ok handover ue=" + id + " required";
}

void ReferenceEnb::handover_required(UeContext& ue, std::uint32_t target_enb_id, const s1ap::Tai& tai,
                                     Clock::time_point now) {
  s1ap::SourceEnbToTargetEnbContainer c;
  c.rrc_container = rrc_handover_preparation_information();
  c.target_cell = {plmn_, target_enb_id << 8 | 1};
  c.ue_history.push_back({own_cell(), 2, 0});
  auto container = s1ap::encode_container(c);
  if (!container) {
    log("ue " + std::to_string(ue.enb_ue_s1ap_id) + ": cannot encode the source-to-target container: " +
        container.error().to_string());
    return;
  }
  s1ap::HandoverRequired r;
  r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id.value_or(0);
  r.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  r.handover_type = s1ap::HandoverType::intralte;
  r.cause = cause::handover_desirable_for_radio_reason;
  r.target_id = s1ap::TargetEnb{{plmn_, s1ap::EnbIdKind::macro, target_enb_id}, tai};
  r.source_to_target_container = std::move(*container);
  send(r);
  ue.handover = OwnHandover{OwnHandover::Stage::preparing, target_enb_id, tai, now + config_.timers.ts1relocprep};
  log("ue " + std::to_string(ue.enb_ue_s1ap_id) + ": HANDOVER REQUIRED to eNB " + std::to_string(target_enb_id) +
      " TAC " + std::to_string(tai.tac));
}

void ReferenceEnb::handover_command(const s1ap::HandoverCommand& m, Clock::time_point now) {
  UeContext* ue = ue_for(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (!ue) return;
  if (!ue->handover || ue->handover->stage != OwnHandover::Stage::preparing) {
    log("ue " + std::to_string(ue->enb_ue_s1ap_id) + ": HANDOVER COMMAND without a handover in preparation");
    error_indication(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id, cause::message_not_compatible);
    return;
  }
  // The UE is told to move (RRC, not modelled); the handover stays ongoing until the MME releases
  // the context here (TS 36.413 8.4.1.2) or it is cancelled.
  ue->handover->stage = OwnHandover::Stage::prepared;
  ue->handover->guard = now + config_.timers.ts1relocoverall;
  log("ue " + std::to_string(ue->enb_ue_s1ap_id) + ": HANDOVER COMMAND, handover executing");
  // TS 36.413 8.4.6: the PDCP state of each bearer goes to the target through the MME. No user
  // plane here, so every COUNT is still at its start.
  if (!ue->e_rabs.empty()) {
    s1ap::EnbStatusTransfer t;
    t.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
    t.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
    for (const auto& e : ue->e_rabs) t.bearers.push_back({e.e_rab_id, 0, 0, 0, 0, std::nullopt});
    send(t);
  }
}

void ReferenceEnb::handover_preparation_failure(const s1ap::HandoverPreparationFailure& m) {
  UeContext* ue = ue_for(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (!ue) return;
  log("ue " + std::to_string(ue->enb_ue_s1ap_id) + ": HANDOVER PREPARATION FAILURE (cause group " +
      std::to_string(static_cast<int>(m.cause.group)) + " value " + std::to_string(m.cause.value) +
      "), the UE stays");
  ue->handover.reset();
}

std::string ReferenceEnb::handover_cancel(UeContext& ue, s1ap::Cause c) {
  const auto id = std::to_string(ue.enb_ue_s1ap_id);
  if (ue.queued_handover && !ue.handover) {
    ue.queued_handover.reset();
    log("ue " + id + ": queued handover dropped");
    return "ok handover-cancel ue=" + id + " queued handover dropped";
  }
  if (!ue.handover || ue.handover->stage == OwnHandover::Stage::cancelling)
    return "error handover-cancel: UE " + id + " has no handover to cancel";
  s1ap::HandoverCancel h;
  h.mme_ue_s1ap_id = ue.mme_ue_s1ap_id.value_or(0);
  h.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  h.cause = c;
  send(h);
  ue.handover->stage = OwnHandover::Stage::cancelling;
  ue.handover->guard.reset();
  log("ue " + id + ": HANDOVER CANCEL");
  return "ok handover-cancel ue=" + id;
}

void ReferenceEnb::handover_cancel_acknowledge(const s1ap::HandoverCancelAcknowledge& m) {
  UeContext* ue = ue_for(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (!ue) return;
  ue->handover.reset();
  log("ue " + std::to_string(ue->enb_ue_s1ap_id) + ": handover cancelled, the UE stays");
}

void ReferenceEnb::handover_request(const s1ap::HandoverRequest& m) {
  // Target side: TS 33.401 7.2.8.4.3, the target eNB takes KeNB* = KDF(NH, PCI, EARFCN-DL) from
  // the fresh {NCC, NH} and tells the UE the NCC in the handover command.
  UeContext ue;
  ue.enb_ue_s1ap_id = next_enb_ue_s1ap_id_++ & 0xFFFFFF;
  ue.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
  ue.incoming_handover = true;
  ue.ncc = m.security_context.next_hop_chaining_count;
  const security::Key256 nh(m.security_context.next_hop);
  ue.kenb = security::derive_kenb_star(nh, config_.pci, config_.earfcn_dl);

  s1ap::TargetEnbToSourceEnbContainer c;
  c.rrc_container = rrc_handover_command(0, *ue.ncc, false);
  auto container = s1ap::encode_container(c);
  if (!container) {
    log("HANDOVER REQUEST: cannot encode the target-to-source container: " + container.error().to_string());
    s1ap::HandoverFailure f;
    f.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
    f.cause = cause::interaction_with_other_procedure;
    send(f);
    return;
  }
  s1ap::HandoverRequestAcknowledge a;
  a.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
  a.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  for (const auto& e : m.e_rabs) {
    s1ap::ERabAdmitted admitted;
    admitted.e_rab_id = e.e_rab_id;
    admitted.transport_layer_address = s1u_address();
    admitted.gtp_teid = next_teid_++;
    a.e_rabs_admitted.push_back(admitted);
    ue.e_rabs.push_back({e.e_rab_id, admitted.transport_layer_address, admitted.gtp_teid});
  }
  a.target_to_source_container = std::move(*container);
  log("ue " + std::to_string(ue.enb_ue_s1ap_id) + ": HANDOVER REQUEST from MME UE " + std::to_string(m.mme_ue_s1ap_id) +
      " ncc=" + std::to_string(*ue.ncc) + " nh=" + nh.fingerprint() + ", KeNB* " + ue.kenb->fingerprint());
  send(a);
  ues_.emplace(ue.enb_ue_s1ap_id, std::move(ue));
}

std::string ReferenceEnb::handover_notify(UeContext& ue) {
  const auto id = std::to_string(ue.enb_ue_s1ap_id);
  if (!ue.incoming_handover) return "error handover-notify: UE " + id + " is not arriving by handover";
  s1ap::HandoverNotify n;
  n.mme_ue_s1ap_id = ue.mme_ue_s1ap_id.value_or(0);
  n.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  n.eutran_cgi = own_cell();
  n.tai = own_tai();
  send(n);
  ue.incoming_handover = false;
  ue.context_setup = true;
  log("ue " + id + ": arrived, HANDOVER NOTIFY");
  return "ok handover-notify ue=" + id;
}

void ReferenceEnb::expire_guards(UeContext& ue, Clock::time_point now) {
  const auto id = std::to_string(ue.enb_ue_s1ap_id);
  if (ue.reconfiguration && ue.reconfiguration->ends && *ue.reconfiguration->ends <= now) end_reconfiguration(ue, now);
  if (ue.queued_handover && ue.queued_handover->give_up <= now) {
    log("rule 5: ue " + id + ": queued handover abandoned, the reconfiguration did not end within " +
        ms(config_.timers.handover_queue));
    ue.queued_handover.reset();
  }
  if (ue.handover && ue.handover->guard && *ue.handover->guard <= now) {
    ue.handover->guard.reset();
    if (ue.handover->stage == OwnHandover::Stage::preparing) {
      // TS 36.413 8.4.1.2: TS1RELOCprep expiry cancels the preparation.
      log("ue " + id + ": TS1RELOCprep expired");
      handover_cancel(ue, cause::ts1relocprep_expiry);
    } else if (ue.handover->stage == OwnHandover::Stage::prepared) {
      // TS1RELOCoverall expiry: ask the MME to release the UE context.
      log("ue " + id + ": TS1RELOCoverall expired, asking for release");
      s1ap::UeContextReleaseRequest r;
      r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id.value_or(0);
      r.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
      r.cause = cause::ts1relocoverall_expiry;
      send(r);
    }
  }
}

}  // namespace concur::reference::enb
