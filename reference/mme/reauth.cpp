// Re-authentication in ECM-CONNECTED and the key change that follows it (TS 33.401 7.2.9.2):
// AKA, NAS SMC taking the new KASME into use, then UE CONTEXT MODIFICATION with a KeNB of the new
// KASME. The waiting TS 33.401 7.2.10 asks for lives here, with the guard timers that end it.
#include "mme.h"
#include "violations.h"

namespace concur::reference {

std::string ReferenceMme::reauth(UeContext& ue, Clock::time_point now) {
  if (!ue.s1 || !ue.registered || !ue.keys.connected())
    return "error reauth: UE " + ue.imsi + " is not registered and in ECM-CONNECTED";
  if (ue.aka_ongoing() || ue.nas_smc_ongoing() || ue.reauth_queued)
    return "error reauth: UE " + ue.imsi + " already has AKA or an SMC in progress";
  if (ue.as_key_procedure_ongoing() && breaks(config_, "R2")) {
    // Faulty variant R2: AKA and then the SMC go out with the ICS / UCM still unanswered.
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": faulty variant R2: re-authentication started while an " +
        "S1AP procedure carrying a KeNB is outstanding");
  } else if (ue.as_key_procedure_ongoing()) {
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
  if (!ue.ucm_owed || !ue.s1 || !pending) {
    ue.ucm_queued.reset();
    return;
  }
  if (ue.as_key_procedure == AsKeyProcedure::ue_context_modification) return;  // R1 variant: already sent
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
  // The R3 variant's early restarted chain starts from this same KeNB.
  send_ue_context_modification(ue, pending->eksi, pending->kasme, ue.ucm_uplink_nas_count, now);
}

void ReferenceMme::ue_context_modification_may_resume(UeContext& ue, Clock::time_point now) {
  // Whatever held the UCM back (SMC, handover, relocation) has ended, successfully or not, and
  // possibly after the queue's guard: the new KASME still has to reach AS, so it goes now.
  if (ue.ucm_owed && !ue.as_key_procedure_ongoing() && !ue.nas_smc_ongoing() && !ue.handover && !ue.relocation)
    request_ue_context_modification(ue, now);
}

void ReferenceMme::send_ue_context_modification(UeContext& ue, std::uint8_t eksi, const security::Key256& kasme,
                                                std::uint32_t uplink_count, Clock::time_point now) {
  const security::Key256 kenb = security::derive_kenb(kasme, uplink_count);
  s1ap::UeContextModificationRequest r;
  r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  r.enb_ue_s1ap_id = ue.s1->enb_ue_s1ap_id;
  s1ap::Key256 key{};
  std::copy(kenb.data(), kenb.data() + key.size(), key.begin());
  r.security_key = key;
  ue.as_key_procedure = AsKeyProcedure::ue_context_modification;
  ue.as_key_guard = now + config_.timers.s1ap_guard;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": UE CONTEXT MODIFICATION with KeNB from the new KASME (eKSI " +
      std::to_string(eksi) + ", uplink NAS COUNT " + std::to_string(uplink_count) + ", KeNB " + kenb.fingerprint() +
      ")");
  send(ue.s1->enb, r);
}

void ReferenceMme::smc_sent_while_connected(UeContext& ue, Clock::time_point now) {
  /// TS 33.401 7.2.10 rule 1: the UCM / ICS with the new KeNB waits for SECURITY MODE COMPLETE
  /// (security_mode_complete). Only the faulty variant acts here.
  if (!breaks(config_, "R1") || !ue.smc_ksi || !ue.s1) return;
  const security::NasSecurityContext* ctx = ue.nas.find(*ue.smc_ksi);
  if (!ctx) return;
  // Faulty variant R1: the MME predicts the COUNT of the SECURITY MODE COMPLETE (the first uplink
  // message of the new context) and sends the new KeNB with the SMC still outstanding: in a UCM
  // when AS security is up, in the ICS of a SERVICE REQUEST that needed re-authentication.
  const std::uint32_t count = ctx->next_count(security::Direction::uplink);
  if (ue.keys.connected()) {
    ue.ucm_uplink_nas_count = count;
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": faulty variant R1: UE CONTEXT MODIFICATION while the NAS " +
        "SMC is outstanding");
    send_ue_context_modification(ue, ctx->ksi(), ctx->kasme(), count, now);
  } else if (ue.idle_procedure == IdleProcedure::service_request) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": faulty variant R1: INITIAL CONTEXT SETUP while the NAS SMC " +
        "is outstanding");
    send_initial_context_setup(ue, count, std::nullopt, now, ctx);
  }
}

void ReferenceMme::smc_completed_while_connected(UeContext& ue) {
  /// TS 33.401 7.2.10 rule 3: the AS chain stays the old KASME's until the eNB answers the UCM
  /// (ue_context_modification_answered). Only the faulty variant acts here.
  if (!breaks(config_, "R3") || !ue.keys.pending_new_kasme()) return;
  // Faulty variant R3: KeNB and NH of the new KASME at once, NCC reset, before the UCM completed.
  // Only S1 mobility uses this chain (UeContext::s1_keys); `keys` keeps the old chain beside it,
  // so the S10 MM Context still carries the old KASME with its {NH, NCC} (rule 8) and the R3
  // variant breaks rule 3 alone.
  ue.r3_restarted_keys = std::make_unique<security::NetworkKeyState>(ue.keys);
  ue.r3_restarted_keys->ue_context_modification(ue.ucm_uplink_nas_count);
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": faulty variant R3: AS chain for S1 handovers restarted from the " +
      "new KASME on SECURITY MODE COMPLETE");
}

void ReferenceMme::ue_context_modification_answered(UeContext& ue, bool success, Clock::time_point now) {
  if (ue.as_key_procedure != AsKeyProcedure::ue_context_modification) {
    // TS 36.413 10.4: an answer to a procedure that is not running.
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": UE CONTEXT MODIFICATION answer without a request: ERROR " +
        "INDICATION");
    error_indication(ue.s1->enb, ue.mme_ue_s1ap_id, ue.s1->enb_ue_s1ap_id, {s1ap::CauseGroup::protocol, 3});  // message-not-compatible-with-receiver-state
    return;
  }
  if (success) ue.ucm_owed = false;
  if (success && !ue.keys.pending_new_kasme()) {
    // Only the faulty variant R1 gets here: answered before SECURITY MODE COMPLETE; the UCM goes
    // again once the SMC completes.
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": UE CONTEXT MODIFICATION answered, no new KASME waiting for it");
    as_key_procedure_ended(ue, now);
  } else if (success && ue.r3_restarted_keys) {
    // Faulty variant R3: its early chain (the same KeNB, possibly stepped by S1 handovers since)
    // becomes the only one; the old chain kept for S10 is no longer needed.
    ue.keys = std::move(*ue.r3_restarted_keys);
    ue.r3_restarted_keys.reset();
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": new KASME in use for AS, the R3 variant's early chain kept");
    as_key_procedure_ended(ue, now);
  } else if (success) {
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
      ue_context_modification_may_resume(ue, now);
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
      // Still owed (ucm_owed): it goes when the SMC / handover / relocation ends, which have
      // guards of their own (ue_context_modification_may_resume).
      log(who + "queued UE CONTEXT MODIFICATION: guard time over, sent once the " +
          (ue.nas_smc_ongoing() ? "NAS SMC" : ue.relocation ? "relocation" : "handover") + " ends");
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
