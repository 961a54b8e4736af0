// NAS over S1 for one UE: ATTACH (TS 24.301 5.5.1, TS 23.401 5.3.2.1), identification, EPS AKA
// (TS 33.401 6.1), NAS SECURITY MODE (TS 33.401 7.2.4.4), INITIAL CONTEXT SETUP with the KeNB
// (TS 33.401 7.2.8.1.1), DETACH and the S1 release.
#include <algorithm>

#include "codec/nas/pdu.h"
#include "mme.h"
#include "violations.h"

namespace concur::reference {

namespace {

using security::SecurityHeaderType;

s1ap::Key256 to_s1ap(const security::Key256& k) {
  s1ap::Key256 out{};
  std::copy(k.data(), k.data() + out.size(), out.begin());
  return out;
}

/// TS 24.301 4.4.4.3: the only EMM messages the MME processes without integrity protection.
bool accepted_without_integrity(const nas::NasMessage& m) {
  return std::holds_alternative<nas::AttachRequest>(m) || std::holds_alternative<nas::IdentityResponse>(m) ||
         std::holds_alternative<nas::AuthenticationResponse>(m) ||
         std::holds_alternative<nas::AuthenticationFailure>(m) || std::holds_alternative<nas::SecurityModeReject>(m) ||
         std::holds_alternative<nas::DetachRequestUplink>(m) || std::holds_alternative<nas::TrackingAreaUpdateRequest>(m);
}

/// S1AP UE Security Capabilities (TS 36.413 9.2.1.40: bit 15 = 128-EEA1/EIA1) from the NAS
/// bitmaps (TS 24.301 9.9.3.34: bit 8 = EEA0/EIA0, bit 7 = 128-EEA1/EIA1, ...).
s1ap::UeSecurityCapabilities s1ap_capabilities(const nas::UeNetworkCapability& c) {
  return {static_cast<std::uint16_t>((c.eea() & 0x70) << 9), static_cast<std::uint16_t>((c.eia() & 0x70) << 9)};
}

}  // namespace

void ReferenceMme::initial_ue_message(std::size_t enb, const s1ap::InitialUeMessage& m, Clock::time_point now) {
  if (UeContext* known = registered_idle_context_for(m)) {
    // A registered UE back from ECM-IDLE (TAU, SERVICE REQUEST): its NAS contexts are here (tau.cpp).
    known->s1 = S1Leg{enb, m.enb_ue_s1ap_id};
    known->tai = m.tai;
    known->ecgi = m.eutran_cgi;
    uplink_nas(*known, view_of(m.nas_pdu), now);
    return;
  }
  auto ue = std::make_unique<UeContext>();
  ue->mme_ue_s1ap_id = next_mme_ue_s1ap_id_++;
  ue->s1 = S1Leg{enb, m.enb_ue_s1ap_id};
  ue->tai = m.tai;
  ue->ecgi = m.eutran_cgi;
  UeContext& ref = *ue;
  ues_.emplace(ue->mme_ue_s1ap_id, std::move(ue));
  uplink_nas(ref, view_of(m.nas_pdu), now);
}

void ReferenceMme::uplink_nas(UeContext& ue, ByteView pdu, Clock::time_point now) {
  const std::string who = "ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ";
  if (pdu.empty() || (pdu[0] & 0x0F) != security::kProtocolDiscriminatorEmm) {
    log(who + "NAS PDU that is not EMM ignored");
    return;
  }
  const auto header = static_cast<SecurityHeaderType>(pdu[0] >> 4);
  nas::DecodeOptions options;
  options.direction = nas::Direction::uplink;
  std::optional<nas::NasMessage> message;
  bool integrity_checked = false;
  std::uint32_t uplink_count = 0;
  if (header == SecurityHeaderType::plain) {
    auto r = nas::decode_message(pdu, options);
    if (!r) {
      log(who + "undecodable NAS: " + r.error().to_string());
      return;
    }
    message = std::move(*r);
  } else if (static_cast<std::uint8_t>(header) >= 12) {
    service_request(ue, pdu, now);  // service_request.cpp
    return;
  } else {
    security::NasSecurityContext* ctx = ue.nas.for_header_type(header, ue.smc_ksi);
    if (!ctx) {
      // An ATTACH REQUEST protected with a context this MME does not hold (TS 24.301 5.5.1.2.3):
      // read it as unverified; the UE is authenticated afresh anyway.
      if (header == SecurityHeaderType::integrity_protected) {
        auto r = nas::decode(pdu, options);
        if (r && r->message) message = std::move(*r->message);
      }
      if (!message) {
        log(who + "protected NAS without a security context, discarded");
        return;
      }
    } else {
      auto v = security::verify(*ctx, security::Direction::uplink, pdu);
      if (!v) {
        log(who + "malformed protected NAS: " + v.error().to_string());
        return;
      }
      auto r = nas::decode_message(view_of(v->message), options);
      if (!v->mac_valid && !(r && accepted_without_integrity(*r))) {
        log(who + "NAS MAC check failed (COUNT " + std::to_string(v->count) + "), message discarded (TS 24.301 4.4.4.3)");
        return;
      }
      if (!r) {
        log(who + "undecodable NAS inside protection: " + r.error().to_string());
        return;
      }
      if (!v->mac_valid) log(who + "NAS MAC check failed; the message is one processed without integrity (4.4.4.3)");
      integrity_checked = v->mac_valid;
      uplink_count = v->count;
      message = std::move(*r);
    }
  }
  if (!integrity_checked && ue.nas.current() && !accepted_without_integrity(*message)) {
    log(who + std::string(nas::message_name(*message)) + " without integrity protection discarded (TS 24.301 4.4.4.3)");
    return;
  }
  log(who + "NAS " + std::string(nas::message_name(*message)) + " received" +
      (integrity_checked ? " (uplink NAS COUNT " + std::to_string(uplink_count) + ")" : ""));
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, nas::AttachRequest>) {
          attach_request(ue, m, now);
        } else if constexpr (std::is_same_v<T, nas::IdentityResponse>) {
          identity_response(ue, m, now);
        } else if constexpr (std::is_same_v<T, nas::AuthenticationResponse>) {
          authentication_response(ue, m, now);
        } else if constexpr (std::is_same_v<T, nas::AuthenticationFailure>) {
          authentication_failure(ue, m, now);
        } else if constexpr (std::is_same_v<T, nas::SecurityModeComplete>) {
          if (!integrity_checked || header != SecurityHeaderType::integrity_protected_ciphered_new_context ||
              !ue.smc_ksi) {
            log(who + "SECURITY MODE COMPLETE outside an SMC or not protected with the new context, ignored");
            return;
          }
          security_mode_complete(ue, uplink_count, now);
        } else if constexpr (std::is_same_v<T, nas::SecurityModeReject>) {
          security_mode_reject(ue, m);
        } else if constexpr (std::is_same_v<T, nas::AttachComplete>) {
          attach_complete(ue);
        } else if constexpr (std::is_same_v<T, nas::DetachRequestUplink>) {
          detach_request(ue, m);
        } else if constexpr (std::is_same_v<T, nas::TrackingAreaUpdateRequest>) {
          tracking_area_update_request(ue, m, integrity_checked, now);
        } else if constexpr (std::is_same_v<T, nas::TrackingAreaUpdateComplete>) {
          tracking_area_update_complete(ue);
        } else {
          log(who + "NAS message not handled by the reference MME, ignored");
        }
      },
      *message);
}

void ReferenceMme::attach_request(UeContext& ue, const nas::AttachRequest& m, Clock::time_point now) {
  ue.ue_network_capability = m.ue_network_capability;
  if (auto esm = nas::decode_container(view_of(m.esm_message_container)); esm) {
    if (const auto* pdn = std::get_if<nas::PdnConnectivityRequest>(&*esm))
      ue.esm_pti = pdn->header.procedure_transaction_identity;
  }
  if (m.eps_mobile_identity.type == nas::EpsMobileIdentity::imsi) {
    ue.imsi = m.eps_mobile_identity.digits;
  } else if (m.eps_mobile_identity.type == nas::EpsMobileIdentity::guti) {
    const nas::Guti& g = m.eps_mobile_identity.guti_value;
    for (auto& [id, other] : ues_) {
      if (other.get() != &ue && other->m_tmsi == g.m_tmsi && g.mme_group_id == config_.mme_group_id &&
          g.mme_code == config_.mme_code)
        ue.imsi = other->imsi;
    }
  }
  if (ue.imsi.empty()) {
    // TS 24.301 5.5.1.2.2 / 5.4.4: a GUTI this MME did not allocate -> ask for the IMSI.
    nas::IdentityRequest r;
    r.identity_type = 1;
    send_nas(ue, r, now);
    return;
  }
  nas::IdentityResponse known;
  known.mobile_identity.type = nas::MobileIdentity::imsi;
  known.mobile_identity.digits = ue.imsi;
  identity_response(ue, known, now);
}

void ReferenceMme::identity_response(UeContext& ue, const nas::IdentityResponse& m, Clock::time_point now) {
  if (m.mobile_identity.type != nas::MobileIdentity::imsi) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": IDENTITY RESPONSE without an IMSI, ignored");
    return;
  }
  ue.imsi = m.mobile_identity.digits;
  if (!hss_.knows(ue.imsi)) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": IMSI " + ue.imsi + " unknown to the HSS, attach rejected");
    nas::AttachReject r;
    r.emm_cause = 8;  // TS 24.301 9.9.3.9 #8 EPS services and non-EPS services not allowed
    send_nas(ue, r, now);
    ue.detaching = true;
    release(ue, {s1ap::CauseGroup::nas, 3});
    return;
  }
  // A new attach replaces whatever this MME still held for the same subscriber.
  for (auto it = ues_.begin(); it != ues_.end();) {
    if (it->second.get() != &ue && it->second->imsi == ue.imsi && !it->second->s1) it = ues_.erase(it);
    else ++it;
  }
  start_aka(ue, now);
}

void ReferenceMme::start_aka(UeContext& ue, Clock::time_point now) {
  ue.pending_vector = hss_.next_vector(ue.imsi);
  ue.pending_eksi = ue.next_eksi;
  ue.next_eksi = static_cast<std::uint8_t>((ue.next_eksi + 1) % 7);  // eKSI 0..6, 7 = no key
  nas::AuthenticationRequest r;
  r.nas_ksi = {false, ue.pending_eksi};
  r.rand = ue.pending_vector->rand;
  r.autn = ue.pending_vector->autn;
  send_nas(ue, r, now, true);
}

void ReferenceMme::authentication_response(UeContext& ue, const nas::AuthenticationResponse& m, Clock::time_point now) {
  if (!ue.pending_vector) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": AUTHENTICATION RESPONSE without a request, ignored");
    return;
  }
  ue.t3460.reset();
  const auto& xres = ue.pending_vector->xres;
  if (m.res.size() != xres.size() || !std::equal(xres.begin(), xres.end(), m.res.begin())) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": RES does not match XRES, AUTHENTICATION REJECT");
    ue.pending_vector.reset();
    send_nas(ue, nas::AuthenticationReject{}, now);
    ue.detaching = true;
    release(ue, {s1ap::CauseGroup::nas, 1});  // authentication-failure
    return;
  }
  // Pick the most preferred algorithms the UE supports (TS 33.401 7.2.4.4).
  const auto& caps = ue.ue_network_capability;
  std::optional<security::IntegrityAlgorithm> eia;
  for (auto a : config_.integrity_preference)
    if (!eia && (caps.eia() & (0x80u >> static_cast<unsigned>(a)))) eia = a;
  std::optional<security::CipheringAlgorithm> eea;
  for (auto a : config_.ciphering_preference)
    if (!eea && (caps.eea() & (0x80u >> static_cast<unsigned>(a)))) eea = a;
  if (!eia || !eea) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": no configured NAS algorithm is supported by the UE");
    ue.pending_vector.reset();
    nas::AttachReject r;
    r.emm_cause = nas::emm_cause::ue_security_capabilities_mismatch;
    send_nas(ue, r, now);
    ue.detaching = true;
    release(ue, {s1ap::CauseGroup::nas, 3});
    return;
  }
  ue.nas.store(security::NasSecurityContext(ue.pending_eksi, ue.pending_vector->kasme, *eea, *eia));
  ue.pending_vector.reset();
  start_smc(ue, now);
}

void ReferenceMme::authentication_failure(UeContext& ue, const nas::AuthenticationFailure& m, Clock::time_point now) {
  if (!ue.pending_vector) return;
  ue.t3460.reset();
  if (m.emm_cause == nas::emm_cause::synch_failure && m.auts &&
      hss_.resynchronise(ue.imsi, ue.pending_vector->rand, *m.auts)) {
    // TS 33.102 6.3.5: the HSS continues from SQN_MS; a fresh vector follows.
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": synch failure, HSS re-synchronised to SQN " +
        std::to_string(hss_.sqn(ue.imsi)));
    start_aka(ue, now);
    return;
  }
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": authentication failure cause #" + std::to_string(m.emm_cause));
  ue.pending_vector.reset();
  send_nas(ue, nas::AuthenticationReject{}, now);
  ue.detaching = true;
  release(ue, {s1ap::CauseGroup::nas, 1});
}

void ReferenceMme::start_smc(UeContext& ue, Clock::time_point now) {
  security::NasSecurityContext* ctx = ue.nas.find(ue.pending_eksi);
  nas::SecurityModeCommand smc;
  smc.selected_nas_security_algorithms.ciphering = static_cast<std::uint8_t>(ctx->eea());
  smc.selected_nas_security_algorithms.integrity = static_cast<std::uint8_t>(ctx->eia());
  smc.nas_ksi = {false, ctx->ksi()};
  const auto& cap = ue.ue_network_capability.octets;
  smc.replayed_ue_security_capabilities.eea = ue.ue_network_capability.eea();
  smc.replayed_ue_security_capabilities.eia = ue.ue_network_capability.eia();
  if (cap.size() >= 4) {  // UEA / UIA octets are replayed when the UE sent them (TS 24.301 9.9.3.36)
    smc.replayed_ue_security_capabilities.uea = cap[2];
    smc.replayed_ue_security_capabilities.uia = static_cast<std::uint8_t>(cap[3] & 0x7F);
  }
  // TS 33.401 7.2.4.4: integrity protected with the new context, not ciphered.
  const Bytes pdu = security::protect(*ctx, security::Direction::downlink, SecurityHeaderType::integrity_protected_new_context,
                                      view_of(nas::encode(nas::NasMessage(smc))));
  ue.smc_ksi = ctx->ksi();
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": NAS SMC for eKSI " + std::to_string(ctx->ksi()) + " started");
  s1ap::DownlinkNasTransport dl;
  dl.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  dl.enb_ue_s1ap_id = ue.s1->enb_ue_s1ap_id;
  dl.nas_pdu = pdu;
  ue.last_downlink_nas = pdu;
  ue.t3460 = now + config_.timers.t3460;
  ue.t3460_expiries = 0;
  send(ue.s1->enb, dl);
  smc_sent_while_connected(ue, now);  // rule 1 decision point (reauth.cpp)
}

void ReferenceMme::security_mode_complete(UeContext& ue, std::uint32_t uplink_count, Clock::time_point now) {
  const std::uint8_t ksi = *ue.smc_ksi;
  ue.smc_ksi.reset();
  ue.t3460.reset();
  ue.nas.take_into_use(ksi);
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": NAS SMC for eKSI " + std::to_string(ksi) + " complete");
  if (ue.idle_procedure == IdleProcedure::tracking_area_update) {
    tracking_area_update_accept(ue, now);
  } else if (ue.idle_procedure == IdleProcedure::service_request) {
    // TS 33.401 7.2.8.1.1: after an SMC the KeNB takes the SECURITY MODE COMPLETE's uplink COUNT.
    ue.idle_procedure = IdleProcedure::none;
    if (ue.as_key_procedure != AsKeyProcedure::initial_context_setup)  // R1 variant: sent already
      send_initial_context_setup(ue, uplink_count, std::nullopt, now);
  } else if (ue.keys.connected()) {
    // Re-keying in ECM-CONNECTED (TS 33.401 7.2.9.2): NAS uses the new KASME from now on; AS keeps
    // the old chain until a UCM takes a KeNB of the new KASME into use (7.2.10 rule 3).
    ue.keys.new_kasme_in_nas(ksi, ue.nas.current()->kasme());
    ue.ucm_uplink_nas_count = uplink_count;
    ue.ucm_owed = true;
    request_ue_context_modification(ue, now);
    smc_completed_while_connected(ue);  // rule 3 decision point (reauth.cpp)
  } else {
    initial_context_setup(ue, uplink_count, now);
  }
  relocation_may_resume(ue, now);  // rule 6: a held S10/S3 relocation goes now (rule 8 window)
}

void ReferenceMme::security_mode_reject(UeContext& ue, const nas::SecurityModeReject& m) {
  if (!ue.smc_ksi) return;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": SECURITY MODE REJECT cause #" + std::to_string(m.emm_cause) +
      "; the new context is dropped");
  ue.nas.remove(*ue.smc_ksi);
  ue.smc_ksi.reset();
  ue.t3460.reset();
  relocation_may_resume(ue, Clock::now());  // rule 6: the SMC ended (rejected)
  if (!ue.registered) {
    ue.detaching = true;
    release(ue, {s1ap::CauseGroup::nas, 3});
  }
}

nas::Guti ReferenceMme::guti_of(const UeContext& ue) const {
  return nas::Guti{{config_.mcc, config_.mnc}, config_.mme_group_id, config_.mme_code, ue.m_tmsi.value_or(0)};
}

void ReferenceMme::initial_context_setup(UeContext& ue, std::uint32_t uplink_count, Clock::time_point now) {
  if (ue.nas_smc_ongoing()) {  // rule 1 cannot be met here: the caller just completed the SMC
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": rule R1 forbids INITIAL CONTEXT SETUP during an SMC");
    return;
  }
  if (config_.s11 && !(ue.s11 && ue.s11->sgw_teid)) {
    // TS 23.401 5.3.2.1 steps 12-16: the default bearer's session at the SGW first; the ICS
    // follows its CREATE SESSION RESPONSE (s11_client.cpp) with the SGW's S1-U F-TEID.
    create_session(ue, uplink_count);
    return;
  }
  security::NasSecurityContext& ctx = *ue.nas.current();
  ue.m_tmsi = 0xC0000000u | ue.mme_ue_s1ap_id;
  std::array<std::uint8_t, 4> pdn_address{10, 45, static_cast<std::uint8_t>(ue.mme_ue_s1ap_id >> 8),
                                          static_cast<std::uint8_t>(ue.mme_ue_s1ap_id)};  // local bearer state
  if (ue.s11) pdn_address = ue.s11->ue_ipv4;

  nas::ActivateDefaultEpsBearerContextRequest bearer;
  bearer.header = {5, ue.esm_pti};
  bearer.eps_qos.qci = 9;
  bearer.access_point_name = nas::AccessPointName::from_string("internet");
  bearer.pdn_address = {1, 0, Bytes(pdn_address.begin(), pdn_address.end())};
  nas::AttachAccept accept;
  accept.eps_attach_result = 1;
  accept.t3412 = {2, 9};  // 54 minutes (TS 24.008 10.5.7.3 unit 010 = decihours)
  accept.tai_list = served_tai_list();
  accept.esm_message_container = nas::encode(nas::NasMessage(bearer));
  accept.guti = nas::EpsMobileIdentity::from_guti(guti_of(ue));
  const Bytes accept_pdu = security::protect(ctx, security::Direction::downlink, SecurityHeaderType::integrity_protected_ciphered,
                                             view_of(nas::encode(nas::NasMessage(accept))));

  s1ap::ERabToBeSetup e_rab;
  e_rab.e_rab_id = 5;
  e_rab.qos.qci = 9;
  if (ue.s11) {  // the SGW's S1-U F-TEID from CREATE SESSION RESPONSE
    e_rab.transport_layer_address.assign(ue.s11->sgw_s1u_address.begin(), ue.s11->sgw_s1u_address.end());
    e_rab.gtp_teid = ue.s11->sgw_s1u_teid;
  } else {  // no SGW configured: placeholders the eNB never sends user data to
    e_rab.transport_layer_address = {127, 0, 0, 1};
    e_rab.gtp_teid = 0x1000u + ue.mme_ue_s1ap_id;
  }
  ue.e_rabs = {e_rab};
  send_initial_context_setup(ue, uplink_count, accept_pdu, now);
}

void ReferenceMme::send_initial_context_setup(UeContext& ue, std::uint32_t uplink_count, std::optional<Bytes> nas_pdu,
                                              Clock::time_point now, const security::NasSecurityContext* nas) {
  if (ue.nas_smc_ongoing() && !breaks(config_, "R1")) {  // TS 33.401 7.2.10 rule 1
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": rule R1 forbids INITIAL CONTEXT SETUP during an SMC");
    return;
  }
  const security::NasSecurityContext& ctx = nas ? *nas : *ue.nas.current();
  // TS 33.401 7.2.8.1.1: KeNB = KDF(KASME, uplink NAS COUNT); the MME keeps NH_1 at NCC 1.
  const security::Key256& kenb = ue.keys.initial_context_setup(ctx.ksi(), ctx.kasme(), uplink_count);
  s1ap::InitialContextSetupRequest ics;
  ics.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  ics.enb_ue_s1ap_id = ue.s1->enb_ue_s1ap_id;
  ics.ue_ambr = {100'000'000, 50'000'000};
  ics.e_rabs = ue.e_rabs;
  if (nas_pdu && !ics.e_rabs.empty()) ics.e_rabs[0].nas_pdu = std::move(*nas_pdu);
  ics.ue_security_capabilities = s1ap_capabilities(ue.ue_network_capability);
  ics.security_key = to_s1ap(kenb);
  ue.as_key_procedure = AsKeyProcedure::initial_context_setup;
  ue.as_key_guard = now + config_.timers.s1ap_guard;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": INITIAL CONTEXT SETUP with KeNB from eKSI " +
      std::to_string(ctx.ksi()) + " and uplink NAS COUNT " + std::to_string(uplink_count) + " (KeNB " +
      kenb.fingerprint() + ")");
  send(ue.s1->enb, ics);
}

void ReferenceMme::initial_context_setup_response(UeContext& ue, bool success, Clock::time_point now,
                                                  const std::vector<s1ap::ERabTunnel>& e_rabs_setup) {
  if (ue.as_key_procedure != AsKeyProcedure::initial_context_setup) {
    // TS 36.413 10.4: an answer to a procedure that is not running.
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": INITIAL CONTEXT SETUP answer without a request: ERROR INDICATION");
    error_indication(ue.s1->enb, ue.mme_ue_s1ap_id, ue.s1->enb_ue_s1ap_id, {s1ap::CauseGroup::protocol, 3});  // message-not-compatible-with-receiver-state
    return;
  }
  as_key_procedure_ended(ue, now);
  if (!success) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": INITIAL CONTEXT SETUP failed");
    release(ue, {s1ap::CauseGroup::nas, 3});
    return;
  }
  // TS 23.401 5.3.2.1 step 23 / 5.3.4.1 step 8: the SGW learns the eNB's end of the S1-U tunnel.
  if (ue.s11 && ue.s11->sgw_teid) modify_bearer(ue, e_rabs_setup, S11Session::Waiting::modify_after_setup);
}

void ReferenceMme::attach_complete(UeContext& ue) {
  ue.registered = true;
  log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": IMSI " + ue.imsi + " EMM-REGISTERED");
}

void ReferenceMme::detach_request(UeContext& ue, const nas::DetachRequestUplink& m) {
  const bool switch_off = (m.detach_type & 0x08) != 0;  // TS 24.301 9.9.3.7
  if (!switch_off) send_nas(ue, nas::DetachAccept{}, Clock::now());
  ue.registered = false;
  ue.detaching = true;
  delete_session(ue);  // TS 23.401 5.3.8.2.1 step 3
  release(ue, {s1ap::CauseGroup::nas, 2});  // detach
}

void ReferenceMme::send_nas(UeContext& ue, const nas::NasMessage& m, Clock::time_point now, bool guarded) {
  if (!ue.s1) return;
  const Bytes plain = nas::encode(m);
  s1ap::DownlinkNasTransport dl;
  dl.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  dl.enb_ue_s1ap_id = ue.s1->enb_ue_s1ap_id;
  if (auto* ctx = ue.nas.current())
    dl.nas_pdu = security::protect(*ctx, security::Direction::downlink, SecurityHeaderType::integrity_protected_ciphered,
                                   view_of(plain));
  else
    dl.nas_pdu = plain;
  if (guarded) {
    ue.last_downlink_nas = dl.nas_pdu;
    ue.t3460 = now + config_.timers.t3460;
    ue.t3460_expiries = 0;
  }
  send(ue.s1->enb, dl);
}

void ReferenceMme::release(UeContext& ue, s1ap::Cause cause) {
  if (!ue.s1) return;
  s1ap::UeContextReleaseCommand c;
  c.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  c.enb_ue_s1ap_id = ue.s1->enb_ue_s1ap_id;
  c.cause = cause;
  send(ue.s1->enb, c);
}

void ReferenceMme::release_complete(std::size_t enb, const s1ap::UeContextReleaseComplete& m) {
  const auto it = ues_.find(m.mme_ue_s1ap_id);
  if (it == ues_.end()) return;
  UeContext& ue = *it->second;
  if (!ue.s1 || ue.s1->enb != enb || ue.s1->enb_ue_s1ap_id != m.enb_ue_s1ap_id) {
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": eNB " + std::to_string(enb) + " released its old leg");
    return;
  }
  ue.s1.reset();
  ue.as_security_ended();
  ue.as_key_procedure = AsKeyProcedure::none;
  ue.as_key_guard.reset();
  ue.handover.reset();
  ue.t3460.reset();
  ue.reauth_queued.reset();
  ue.ucm_queued.reset();
  ue.ucm_owed = false;
  ue.pending_vector.reset();
  ue.smc_ksi.reset();
  ue.idle_procedure = IdleProcedure::none;
  if (ue.detaching || !ue.registered) {
    if (!ue.relocated_away) delete_session(ue);  // the UE's PDN connection goes with it
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": context removed");
    ues_.erase(it);
  } else {
    release_access_bearers(ue);  // TS 23.401 5.3.5 step 5: the SGW stops sending to the eNB
    log("ue " + std::to_string(ue.mme_ue_s1ap_id) + ": ECM-IDLE");
  }
}

}  // namespace concur::reference
