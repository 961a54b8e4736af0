// TRACKING AREA UPDATE from ECM-IDLE (TS 24.301 5.5.3.2, TS 23.401 5.3.3): the UE is found by
// its GUTI, the TAU REQUEST checked with its current EPS NAS security context, a re-authentication
// run when the configured triggers say so (TS 33.401 7.2.9.2 leaves that policy to the operator),
// then TAU ACCEPT with a new GUTI, TAU COMPLETE, and the S1 connection released.
#include "codec/nas/pdu.h"
#include "mme.h"

namespace concur::reference {

namespace {
// TS 36.413 9.2.1.3 NAS cause normal-release; TS 24.301 9.9.3.13 EPS update result "TA updated".
inline constexpr s1ap::Cause normal_release{s1ap::CauseGroup::nas, 0};
inline constexpr std::uint8_t kTaUpdated = 0;
}  // namespace

nas::TaiList ReferenceMme::served_tai_list() const {
  nas::PartialTaiList tais;
  for (std::size_t i = 0; i < config_.served_tacs.size() && i < 16; ++i)
    tais.tais.push_back({{config_.mcc, config_.mnc}, config_.served_tacs[i]});
  nas::TaiList list;
  list.lists.push_back(tais);
  return list;
}

UeContext* ReferenceMme::registered_idle_context_for(const s1ap::InitialUeMessage& m) {
  // The S-TMSI IE names the UE for a SERVICE REQUEST (TS 36.413 9.1.7.1); a TAU REQUEST names it
  // by the old GUTI inside the (integrity-protected, not ciphered) NAS message.
  std::optional<std::uint32_t> m_tmsi;
  if (m.s_tmsi && m.s_tmsi->mmec == config_.mme_code) {
    m_tmsi = m.s_tmsi->m_tmsi;
  } else if (!m.nas_pdu.empty() && (m.nas_pdu[0] >> 4) <= 1) {
    nas::DecodeOptions o;
    o.direction = nas::Direction::uplink;
    const auto pdu = nas::decode(view_of(m.nas_pdu), o);
    if (pdu && pdu->message) {
      if (const auto* tau = std::get_if<nas::TrackingAreaUpdateRequest>(&*pdu->message)) {
        const auto& g = tau->old_guti;
        if (g.type == nas::EpsMobileIdentity::guti && g.guti_value.mme_group_id == config_.mme_group_id &&
            g.guti_value.mme_code == config_.mme_code)
          m_tmsi = g.guti_value.m_tmsi;
      }
    }
  }
  if (!m_tmsi) return nullptr;
  for (auto& [id, ue] : ues_)
    if (ue->registered && !ue->s1 && ue->m_tmsi == m_tmsi) return ue.get();
  return nullptr;
}

bool ReferenceMme::every_nth_event_reauth(UeContext& ue) const {
  const unsigned n = config_.reauth_triggers.every_nth_event;
  return n != 0 && ue.ue_events % n == 0;
}

void ReferenceMme::tracking_area_update_request(UeContext& ue, const nas::TrackingAreaUpdateRequest& m,
                                                bool integrity_checked, Clock::time_point now) {
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  const auto reject = [&](const std::string& why) {
    // TS 24.301 5.5.3.2.5 cause #9: the UE deletes its GUTI and KSI and attaches afresh.
    log(who + "TRACKING AREA UPDATE REJECT #9: " + why);
    nas::TrackingAreaUpdateReject r;
    r.emm_cause = nas::emm_cause::ue_identity_cannot_be_derived;
    send_nas(ue, r, now);
    if (!ue.registered) ue.detaching = true;
    release(ue, normal_release);
  };
  if (!ue.registered || ue.imsi.empty()) return reject("the GUTI names no UE registered here");
  ++ue.ue_events;
  ue.idle_procedure = IdleProcedure::tracking_area_update;
  if (m.ue_network_capability) ue.ue_network_capability = *m.ue_network_capability;

  // A valid KSI names the current context and the message verified with it (TS 24.301 5.5.3.2.3).
  const auto current = ue.nas.current_ksi();
  const bool valid_ksi = integrity_checked && current && !m.nas_ksi.mapped && m.nas_ksi.ksi == *current;
  const auto& triggers = config_.reauth_triggers;
  std::string trigger;
  if (!valid_ksi && !triggers.tau_without_valid_ksi) return reject("no valid KSI and re-authentication is off for it");
  if (!valid_ksi) trigger = "TAU without a valid KSI";
  else if (triggers.every_tau) trigger = "every TAU";
  else if (every_nth_event_reauth(ue)) trigger = "every " + std::to_string(triggers.every_nth_event) + "th event";
  if (!trigger.empty()) {
    log(who + "TAU: re-authentication (" + trigger + ")");
    start_aka(ue, now);  // SECURITY MODE COMPLETE continues with tracking_area_update_accept
    return;
  }
  tracking_area_update_accept(ue, now);
}

void ReferenceMme::tracking_area_update_accept(UeContext& ue, Clock::time_point now) {
  // A new GUTI with every accepted TAU (TS 24.301 5.5.3.2.4): the UE answers TAU COMPLETE.
  ue.m_tmsi = 0xC0000000u | ((ue.ue_events & 0xFFu) << 16) | (ue.mme_ue_s1ap_id & 0xFFFFu);
  nas::TrackingAreaUpdateAccept a;
  a.eps_update_result = kTaUpdated;
  a.t3412 = nas::GprsTimer{2, 9};  // 54 minutes, as at attach
  a.guti = nas::EpsMobileIdentity::from_guti(guti_of(ue));
  a.tai_list = served_tai_list();
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": TRACKING AREA UPDATE ACCEPT (eKSI " +
      std::to_string(ue.nas.current_ksi().value_or(7)) + ", new GUTI " + nas::to_string(guti_of(ue)) + ")");
  send_nas(ue, a, now);
}

void ReferenceMme::tracking_area_update_complete(UeContext& ue) {
  if (ue.idle_procedure != IdleProcedure::tracking_area_update) return;
  ue.idle_procedure = IdleProcedure::none;
  // No "active" flag honoured: the S1 connection set up for the TAU goes (TS 23.401 5.3.3.1 step 21).
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": TRACKING AREA UPDATE complete, S1 connection released");
  release(ue, normal_release);
}

}  // namespace concur::reference
