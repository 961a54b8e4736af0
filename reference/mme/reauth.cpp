// Re-authentication in ECM-CONNECTED and the key change that follows it (TS 33.401 7.2.9.2):
// AKA, NAS SMC taking the new KASME into use, then UE CONTEXT MODIFICATION with a KeNB of the new
// KASME. The waiting TS 33.401 7.2.10 asks for lives here, with the guard timers that end it.
#include "mme.h"

namespace concur::reference {

std::string ReferenceMme::reauth(UeContext& ue, Clock::time_point now) {
  if (!ue.s1 || !ue.registered || !ue.keys.connected())
    return "error reauth: UE " + ue.imsi + " is not registered and in ECM-CONNECTED";
  if (ue.aka_ongoing() || ue.nas_smc_ongoing() || ue.reauth_queued)
    return "error reauth: UE " + ue.imsi + " already has AKA or an SMC in progress";
  if (ue.as_key_procedure_ongoing()) {
    /// TS 33.401 7.2.10 rule 2: no NAS SMC while an ICS or a UCM with a new KeNB is ongoing.
    ue.reauth_queued = now + config_.timers.rule_wait;
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": rule R2: re-authentication queued until the " +
        (ue.as_key_procedure == AsKeyProcedure::initial_context_setup ? "INITIAL CONTEXT SETUP" : "UE CONTEXT MODIFICATION") +
        " ends");
    return "ok reauth " + ue.imsi + " queued (rule R2)";
  }
  start_aka(ue, now);
  return "ok reauth " + ue.imsi + " started";
}

void ReferenceMme::request_ue_context_modification(UeContext& ue, Clock::time_point now) {
  const auto& pending = ue.keys.pending_new_kasme();
  if (!pending || !ue.s1) {
    ue.ucm_queued.reset();
    return;
  }
  if (ue.nas_smc_ongoing() || ue.handover || ue.relocation) {
    /// TS 33.401 7.2.10 rule 1: no UCM with a new KeNB while a NAS SMC is ongoing; and the source
    /// eNB of a handover in flight would refuse it (rule 5), so it waits for that too.
    if (!ue.ucm_queued) ue.ucm_queued = now + config_.timers.rule_wait;
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": UE CONTEXT MODIFICATION queued until the " +
        (ue.nas_smc_ongoing() ? "NAS SMC (rule R1)" : ue.relocation ? "S10/S3 relocation (rule R8 window)" : "handover") +
        " ends");
    return;
  }
  ue.ucm_queued.reset();
  // The KeNB of the new KASME (TS 33.401 A.3) with the uplink NAS COUNT of the SECURITY MODE
  // COMPLETE that took it into use for NAS. The chain moves only when the eNB confirms (rule 3).
  const security::Key256 kenb = security::derive_kenb(pending->kasme, ue.ucm_uplink_nas_count);
  s1ap::UeContextModificationRequest r;
  r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = ue.s1->enb_ue_s1ap_id;
  s1ap::Key256 key{};
  std::copy(kenb.data(), kenb.data() + key.size(), key.begin());
  r.security_key = key;
  ue.as_key_procedure = AsKeyProcedure::ue_context_modification;
  ue.as_key_guard = now + config_.timers.s1ap_guard;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": UE CONTEXT MODIFICATION with KeNB from the new KASME (eKSI " +
      std::to_string(pending->eksi) + ", uplink NAS COUNT " + std::to_string(ue.ucm_uplink_nas_count) + ", KeNB " +
      kenb.fingerprint() + ")");
  send(ue.s1->enb, r);
}

void ReferenceMme::ue_context_modification_answered(UeContext& ue, bool success, Clock::time_point now) {
  if (ue.as_key_procedure != AsKeyProcedure::ue_context_modification) return;
  if (success) {
    // Rule 3 window closes: the new KASME's chain starts (KeNB at NCC 0, NH_1 kept for NCC 1).
    ue.keys.ue_context_modification(ue.ucm_uplink_nas_count);
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": new KASME in use for AS, NH chain restarted");
    as_key_procedure_ended(ue, now);
  } else {
    // Refused (e.g. the eNB is in a handover, rule 5): AS stays on the old chain; try again once
    // whatever blocked it is over.
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": UE CONTEXT MODIFICATION failed; retried after the guard");
    as_key_procedure_ended(ue, now);
    ue.ucm_queued = now + config_.timers.rule_wait;
  }
  relocation_may_resume(ue, now);  // rule 7: a held S10 relocation goes now
}

void ReferenceMme::as_key_procedure_ended(UeContext& ue, Clock::time_point now) {
  ue.as_key_procedure = AsKeyProcedure::none;
  ue.as_key_guard.reset();
  if (ue.reauth_queued) {
    ue.reauth_queued.reset();
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": rule R2: queued re-authentication resumes");
    start_aka(ue, now);
  }
}

void ReferenceMme::expire_guards(UeContext& ue, Clock::time_point now) {
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  if (ue.t3460 && now >= *ue.t3460 && ue.s1) {
    // TS 24.301 5.4.2.7 c / 5.4.3.7 b: retransmit on the first four expiries, abort on the fifth.
    if (++ue.t3460_expiries < 5) {
      log(who + "T3460 expired, retransmitting");
      s1ap::DownlinkNasTransport dl;
      dl.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
      dl.enb_ue_s1ap_id = ue.s1->enb_ue_s1ap_id;
      dl.nas_pdu = ue.last_downlink_nas;
      ue.t3460 = now + config_.timers.t3460;
      send(ue.s1->enb, dl);
    } else {
      log(who + "T3460 expired the fifth time, procedure aborted");
      ue.t3460.reset();
      ue.pending_vector.reset();
      if (ue.smc_ksi) ue.nas.remove(*ue.smc_ksi);
      ue.smc_ksi.reset();
      if (ue.ucm_queued && ue.keys.pending_new_kasme()) request_ue_context_modification(ue, now);
      relocation_may_resume(ue, now);  // rule 6: the SMC ended (unsuccessfully)
      if (!ue.registered) release(ue, {s1ap::CauseGroup::nas, 3});
    }
  }
  if (ue.as_key_guard && now >= *ue.as_key_guard) {
    log(who + "no answer to the S1AP procedure carrying the KeNB within the guard time");
    const bool was_ics = ue.as_key_procedure == AsKeyProcedure::initial_context_setup;
    as_key_procedure_ended(ue, now);
    relocation_may_resume(ue, now);
    if (was_ics) release(ue, {s1ap::CauseGroup::nas, 3});
  }
  if (ue.reauth_queued && now >= *ue.reauth_queued) {
    log(who + "rule R2: queued re-authentication given up after the guard time");
    ue.reauth_queued.reset();
  }
  if (ue.ucm_queued && now >= *ue.ucm_queued) {
    if (!ue.nas_smc_ongoing() && !ue.handover && !ue.relocation) {
      request_ue_context_modification(ue, now);
    } else {
      log(who + "queued UE CONTEXT MODIFICATION given up after the guard time");
      ue.ucm_queued.reset();
    }
  }
  if (ue.handover && now >= ue.handover->guard && !ue.handover->target_enb_ue_s1ap_id) {
    log(who + "handover preparation timed out (TS1RELOCprep)");
    s1ap::HandoverPreparationFailure f;
    f.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
    f.enb_ue_s1ap_id = ue.handover->source.enb_ue_s1ap_id;
    f.cause = {s1ap::CauseGroup::radio_network, 9};  // tS1relocprep-expiry
    send(ue.handover->source.enb, f);
    handover_ended(ue, now);
  } else if (ue.handover && now >= ue.handover->guard) {
    ue.handover->guard = now + config_.timers.s1ap_guard;  // prepared: waits for NOTIFY or CANCEL
  }
}

}  // namespace concur::reference
