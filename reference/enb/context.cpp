// Context management: INITIAL CONTEXT SETUP, UE CONTEXT MODIFICATION (with rule 5's refusal
// during an own handover), the UCM-triggered reconfiguration, UE CONTEXT RELEASE.
#include <algorithm>

#include "causes.h"
#include "enb.h"

namespace concur::reference::enb {

namespace {
security::Key256 key_of(const s1ap::Key256& k) { return security::Key256(k); }
}  // namespace

void ReferenceEnb::initial_context_setup(const s1ap::InitialContextSetupRequest& m) {
  UeContext* ue = ue_for(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (!ue) return;
  // TS 33.401 7.2.4.4 / 7.2.8.1.1: the KeNB of the SecurityKey IE is the AS base key from now on.
  ue->kenb = key_of(m.security_key);
  ue->context_setup = true;
  s1ap::InitialContextSetupResponse r;
  r.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
  for (const auto& e : m.e_rabs) {
    const s1ap::ERabTunnel t{e.e_rab_id, s1u_address(), next_teid_++};
    r.e_rabs_setup.push_back(t);
    ue->e_rabs.push_back(t);
    if (e.nas_pdu && !e.nas_pdu->empty()) {
      log("downlink-nas ue=" + std::to_string(ue->enb_ue_s1ap_id) + " " + to_hex(view_of(*e.nas_pdu)));
      ue->downlink_nas.push_back(*e.nas_pdu);
    }
  }
  log("ue " + std::to_string(ue->enb_ue_s1ap_id) + ": initial context set up, KeNB " + ue->kenb->fingerprint());
  send(r);
}

void ReferenceEnb::ue_context_modification(const s1ap::UeContextModificationRequest& m, Clock::time_point now) {
  UeContext* ue = ue_for(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  if (!ue) return;
  const auto id = std::to_string(ue->enb_ue_s1ap_id);
  const auto fail = [&](s1ap::Cause c) {
    s1ap::UeContextModificationFailure f;
    f.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
    f.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
    f.cause = c;
    send(f);
  };
  if (ue->handover) {
    if (!config_.violate_r5) {
      // TS 33.401 7.2.10 rule 5: "The source eNB shall reject an S1 UE Context Modification Request
      // when the eNB has initiated, but not yet completed, an inter-eNB handover."
      log("rule 5: ue " + id + ": UE CONTEXT MODIFICATION rejected, its handover to eNB " +
          std::to_string(ue->handover->target_enb_id) + " is ongoing");
      fail(cause::s1_intra_system_handover_triggered);
      return;
    }
    log("violating R5: ue " + id + ": UE CONTEXT MODIFICATION accepted although its handover is ongoing");
  }
  if (!ue->context_setup) {
    log("ue " + id + ": UE CONTEXT MODIFICATION before a context was set up");
    fail(cause::interaction_with_other_procedure);
    return;
  }
  if (ue->reconfiguration) {
    log("ue " + id + ": UE CONTEXT MODIFICATION while the previous one's reconfiguration runs");
    fail(cause::interaction_with_other_procedure);
    return;
  }
  if (!m.security_key) {
    s1ap::UeContextModificationResponse r;
    r.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
    r.enb_ue_s1ap_id = m.enb_ue_s1ap_id;
    send(r);
    return;
  }
  // TS 33.401 7.2.9.2: the new KeNB is taken into use by an intra-cell handover, an RRC
  // Connection Reconfiguration; the UCM RESPONSE goes once it has completed.
  Reconfiguration rc{key_of(*m.security_key), std::nullopt};
  if (!config_.reconfiguration.held) rc.ends = now + config_.reconfiguration.duration;
  ue->reconfiguration = rc;
  log("ue " + id + ": UE CONTEXT MODIFICATION with new KeNB " + rc.new_kenb.fingerprint() + ": reconfiguration " +
      (rc.ends ? "for " + std::to_string(config_.reconfiguration.duration.count()) + " ms"
               : std::string("held until reconfiguration-complete")));
  if (rc.ends && *rc.ends <= now) end_reconfiguration(*ue, now);
}

std::string ReferenceEnb::reconfiguration_complete(UeContext& ue, Clock::time_point now) {
  if (!ue.reconfiguration) return "error reconfiguration-complete: no reconfiguration ongoing for UE " + std::to_string(ue.enb_ue_s1ap_id);
  end_reconfiguration(ue, now);
  return "ok reconfiguration-complete ue=" + std::to_string(ue.enb_ue_s1ap_id);
}

void ReferenceEnb::end_reconfiguration(UeContext& ue, Clock::time_point now) {
  ue.kenb = ue.reconfiguration->new_kenb;
  ue.reconfiguration.reset();
  s1ap::UeContextModificationResponse r;
  r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id.value_or(0);
  r.enb_ue_s1ap_id = ue.enb_ue_s1ap_id;
  send(r);
  log("ue " + std::to_string(ue.enb_ue_s1ap_id) + ": reconfiguration complete, KeNB " + ue.kenb->fingerprint() +
      " in use");
  if (ue.queued_handover) {
    // Rule 5: the handover that waited for the reconfiguration starts now.
    const QueuedHandover q = *ue.queued_handover;
    ue.queued_handover.reset();
    log("rule 5: ue " + std::to_string(ue.enb_ue_s1ap_id) + ": queued handover resumes after the reconfiguration");
    handover_required(ue, q.target_enb_id, q.target_tai, now);
  }
}

void ReferenceEnb::release_command(const s1ap::UeContextReleaseCommand& m) {
  // UE-S1AP-IDs may carry the MME id alone (TS 36.413 9.1.4.6).
  UeContext* ue = nullptr;
  if (m.enb_ue_s1ap_id) {
    ue = ue_for(m.mme_ue_s1ap_id, *m.enb_ue_s1ap_id);
  } else {
    const auto it = std::find_if(ues_.begin(), ues_.end(),
                                 [&](const auto& p) { return p.second.mme_ue_s1ap_id == m.mme_ue_s1ap_id; });
    if (it != ues_.end()) ue = &it->second;
    else error_indication(m.mme_ue_s1ap_id, std::nullopt, cause::unknown_mme_ue_s1ap_id);
  }
  if (!ue) return;
  s1ap::UeContextReleaseComplete c;
  c.mme_ue_s1ap_id = m.mme_ue_s1ap_id;
  c.enb_ue_s1ap_id = ue->enb_ue_s1ap_id;
  log("ue " + std::to_string(ue->enb_ue_s1ap_id) + ": context released" +
      (ue->handover ? " (its handover is complete)" : ""));
  send(c);
  const std::uint32_t id = ue->enb_ue_s1ap_id;  // a copy: the key must outlive the erase
  ues_.erase(id);
}

}  // namespace concur::reference::enb
