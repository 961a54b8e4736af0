// SERVICE REQUEST from ECM-IDLE (TS 24.301 5.6.1, TS 23.401 5.3.4.1): the 4-octet message carries
// KSI, the 5 low bits of the uplink NAS COUNT and a short MAC (TS 24.301 9.9.3.28). If both check
// out with the current EPS NAS security context, INITIAL CONTEXT SETUP goes with a KeNB from the
// current KASME and the SERVICE REQUEST's uplink NAS COUNT (TS 33.401 7.2.8.1.1, A.3); otherwise
// (or when a configured trigger says so) the UE is re-authenticated first.
#include "mme.h"

namespace concur::reference {

namespace {
inline constexpr s1ap::Cause unspecified_nas{s1ap::CauseGroup::nas, 3};
}  // namespace

void ReferenceMme::service_request(UeContext& ue, ByteView pdu, Clock::time_point now) {
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  security::NasSecurityContext* ctx = ue.nas.current();
  if (!ue.registered || !ctx) {
    // TS 24.301 5.6.1.5 cause #9: the network cannot derive the UE's identity.
    log(who + "SERVICE REQUEST from a UE not registered here: SERVICE REJECT #9");
    nas::ServiceReject r;
    r.emm_cause = nas::emm_cause::ue_identity_cannot_be_derived;
    send_nas(ue, r, now);
    if (!ue.registered) ue.detaching = true;
    release(ue, unspecified_nas);
    return;
  }
  auto v = security::verify(*ctx, security::Direction::uplink, pdu);
  if (!v) {
    log(who + "malformed SERVICE REQUEST: " + v.error().to_string());
    nas::ServiceReject r;
    r.emm_cause = nas::emm_cause::semantically_incorrect_message;
    send_nas(ue, r, now);
    release(ue, unspecified_nas);
    return;
  }
  ++ue.ue_events;
  ue.idle_procedure = IdleProcedure::service_request;
  const std::uint8_t ksi = pdu[1] >> 5;  // octet 2: KSI (bits 8-6) | sequence number (bits 5-1)
  std::string trigger;
  if (ksi != ctx->ksi()) trigger = "KSI " + std::to_string(ksi) + " is not the current eKSI " + std::to_string(ctx->ksi());
  else if (!v->mac_valid) trigger = "short MAC check failed (COUNT " + std::to_string(v->count) + ")";
  else if (every_nth_event_reauth(ue))
    trigger = "every " + std::to_string(config_.reauth_triggers.every_nth_event) + "th event";
  if (!trigger.empty()) {
    log(who + "SERVICE REQUEST: re-authentication (" + trigger + ")");
    start_aka(ue, now);  // SECURITY MODE COMPLETE continues with INITIAL CONTEXT SETUP
    return;
  }
  log(who + "SERVICE REQUEST verified (eKSI " + std::to_string(ksi) + ", uplink NAS COUNT " +
      std::to_string(v->count) + ")");
  ue.idle_procedure = IdleProcedure::none;
  send_initial_context_setup(ue, v->count, std::nullopt, now);
}

}  // namespace concur::reference
