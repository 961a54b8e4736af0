#include "roles/ue.h"

#include <algorithm>

#include "codec/nas/pdu.h"
#include "security/kdf.h"

namespace concur::roles {

using security::SecurityHeaderType;

Ue::Ue(UsimConfig usim)
    : config_(std::move(usim)),
      usim_(config_.k, config_.opc),
      sn_(security::ServingNetworkId::from_digits(config_.mcc, config_.mnc)) {}

Bytes Ue::attach_request() const {
  nas::PdnConnectivityRequest pdn;
  pdn.header = {0, 1};
  nas::AttachRequest a;
  a.eps_attach_type = 1;  // EPS attach (TS 24.301 9.9.3.11)
  a.nas_ksi = {false, nas::NasKeySetIdentifier::no_key_available};
  a.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi(config_.imsi);
  a.ue_network_capability.octets = {config_.capability[0], config_.capability[1]};
  a.esm_message_container = nas::encode(nas::NasMessage(pdn));
  return nas::encode(nas::NasMessage(a));
}

Bytes Ue::attach_complete(const nas::AttachAccept& accept) {
  nas::AttachComplete complete;
  const auto request = nas::decode_container(view_of(accept.esm_message_container));
  if (request.ok()) {
    if (const auto* activate = std::get_if<nas::ActivateDefaultEpsBearerContextRequest>(&*request)) {
      nas::ActivateDefaultEpsBearerContextAccept a;
      a.header = activate->header;  // same EPS bearer identity and PTI (TS 24.301 6.4.1.3)
      complete.esm_message_container = nas::encode(nas::NasMessage(a));
    }
  }
  if (accept.guti && accept.guti->type == nas::EpsMobileIdentity::guti) guti_ = accept.guti->guti_value;
  return protect_uplink(complete);
}

std::optional<Bytes> Ue::service_request() {
  auto* ctx = nas_.current();
  if (!ctx) return std::nullopt;
  const std::uint32_t count = ctx->next_count(security::Direction::uplink);
  // Octet 1: header type 12 | EMM; octet 2: KSI (bits 8-6) | sequence number (bits 5-1);
  // octets 3-4: the 2 least significant octets of the MAC over octets 1-2 (TS 24.301 9.9.3.28).
  Bytes pdu{static_cast<std::uint8_t>((static_cast<std::uint8_t>(SecurityHeaderType::service_request) << 4) | 0x07),
            static_cast<std::uint8_t>((ctx->ksi() << 5) | (count & 0x1F)), 0, 0};
  const auto mac = security::nas_mac(ctx->eia(), ctx->k_nas_int(), count, security::Direction::uplink, ByteView(pdu).first(2));
  pdu[2] = mac[2];
  pdu[3] = mac[3];
  ctx->set_next_count(security::Direction::uplink, count + 1);
  service_request_kenb_ = security::derive_kenb(ctx->kasme(), count);
  service_request_uplink_count_ = count;
  return pdu;
}

Bytes Ue::detach_request() {
  nas::DetachRequestUplink d;
  d.detach_type = 0x08 | 1;  // switch off, EPS detach (TS 24.301 9.9.3.7)
  d.nas_ksi = {false, nas_.current_ksi().value_or(nas::NasKeySetIdentifier::no_key_available)};
  d.eps_mobile_identity = nas::EpsMobileIdentity::from_imsi(config_.imsi);
  // A context the network dropped (e.g. after a rejected SMC) would make the MAC fail; the MME
  // accepts a DETACH REQUEST without integrity (TS 24.301 4.4.4.3), so plain is the safe form.
  return nas::encode(nas::NasMessage(d));
}

Outcome<nas::NasMessage> Ue::read_downlink(ByteView pdu) {
  nas::DecodeOptions o;
  o.direction = nas::Direction::downlink;
  if (pdu.empty()) return RoleError{"empty downlink NAS PDU"};
  const auto header = static_cast<SecurityHeaderType>(pdu[0] >> 4);
  if (header == SecurityHeaderType::plain) {
    auto m = nas::decode_message(pdu, o);
    if (!m) return RoleError{"undecodable plain downlink NAS: " + m.error().to_string()};
    return std::move(*m);
  }
  if (header == SecurityHeaderType::integrity_protected_new_context) {
    auto outer = nas::decode(pdu, o);
    if (!outer || !outer->message || !std::holds_alternative<nas::SecurityModeCommand>(*outer->message))
      return RoleError{"security header type 3 on something that is not a SECURITY MODE COMMAND"};
    const auto& smc = std::get<nas::SecurityModeCommand>(*outer->message);
    if (!last_aka_ || last_aka_->first != smc.nas_ksi.ksi)
      return RoleError{"SECURITY MODE COMMAND for eKSI " + std::to_string(smc.nas_ksi.ksi) + " without a matching AKA"};
    security::NasSecurityContext ctx(smc.nas_ksi.ksi, last_aka_->second,
                                     static_cast<security::CipheringAlgorithm>(smc.selected_nas_security_algorithms.ciphering),
                                     static_cast<security::IntegrityAlgorithm>(smc.selected_nas_security_algorithms.integrity));
    // The same KASME under the same eKSI is a context the UE holds already: the SMC is one the
    // MME retransmitted (T3460, TS 24.301 5.4.3.7) or one that changes the algorithms. The NAS
    // COUNTs start at zero only with the first SMC after an AKA (TS 24.301 4.4.3.1); here they
    // go on, or the SMC COMPLETE would repeat an uplink COUNT under the same key.
    if (const security::NasSecurityContext* held = nas_.find(smc.nas_ksi.ksi); held && held->kasme() == ctx.kasme()) {
      ctx.set_next_count(security::Direction::uplink, held->next_count(security::Direction::uplink));
      ctx.set_next_count(security::Direction::downlink, held->next_count(security::Direction::downlink));
    }
    auto v = security::verify(ctx, security::Direction::downlink, pdu);
    if (!v || !v->mac_valid) return RoleError{"SECURITY MODE COMMAND MAC does not verify with the UE's own KASME"};
    nas_.store(ctx);
    return *outer->message;
  }
  security::NasSecurityContext* ctx = nas_.current();
  if (!ctx) return RoleError{"protected downlink NAS before any SECURITY MODE COMMAND"};
  auto v = security::verify(*ctx, security::Direction::downlink, pdu);
  if (!v) return RoleError{"malformed protected downlink NAS: " + v.error().to_string()};
  if (!v->mac_valid) return RoleError{"downlink NAS MAC does not verify with the UE's current context"};
  auto m = nas::decode_message(view_of(v->message), o);
  if (!m) return RoleError{"undecodable deciphered downlink NAS: " + m.error().to_string()};
  return std::move(*m);
}

Outcome<Bytes> Ue::answer_authentication(const nas::AuthenticationRequest& request) {
  security::Rand rand{};
  security::Autn autn{};
  std::copy(request.rand.begin(), request.rand.end(), rand.begin());
  std::copy(request.autn.begin(), request.autn.end(), autn.begin());
  const auto outcome = security::ue_authenticate(usim_, window_, rand, autn, sn_);
  if (const auto* ok = std::get_if<security::AkaSuccess>(&outcome)) {
    last_aka_ = std::make_pair(request.nas_ksi.ksi, ok->kasme);
    nas::AuthenticationResponse r;
    r.res.assign(ok->res.begin(), ok->res.end());
    return protect_uplink(r);
  }
  nas::AuthenticationFailure f;
  if (const auto* sync = std::get_if<security::AkaSynchFailure>(&outcome)) {
    f.emm_cause = 21;  // synch failure (TS 24.301 9.9.3.9)
    nas::Auts auts{};
    std::copy(sync->auts.begin(), sync->auts.end(), auts.begin());
    f.auts = auts;
  } else if (std::holds_alternative<security::AkaMacFailure>(outcome)) {
    f.emm_cause = 20;  // MAC failure
  } else {
    f.emm_cause = 26;  // non-EPS authentication unacceptable
  }
  return nas::encode(nas::NasMessage(f));
}

Outcome<Bytes> Ue::answer_security_mode_command(const nas::SecurityModeCommand& smc) {
  security::NasSecurityContext* ctx = nas_.find(smc.nas_ksi.ksi);
  if (!ctx) return RoleError{"SECURITY MODE COMMAND for eKSI " + std::to_string(smc.nas_ksi.ksi) + " the UE has no context for"};
  smc_complete_uplink_count_ = ctx->next_count(security::Direction::uplink);
  service_request_uplink_count_.reset();  // a context taken into use now gives the next KeNB
  const Bytes pdu = security::protect(*ctx, security::Direction::uplink, SecurityHeaderType::integrity_protected_ciphered_new_context,
                                      view_of(nas::encode(nas::NasMessage(nas::SecurityModeComplete{}))));
  nas_.take_into_use(smc.nas_ksi.ksi);
  const auto kasme = ctx->kasme();
  // A new KASME is a new key, whatever its eKSI: an MME may give it the eKSI of the one in use
  // (NextEPC 0.3.10 re-authenticates with eKSI 0 again, lab/INTEROP.md).
  const bool new_kasme = nas_kasme_ && (nas_kasme_->first != smc.nas_ksi.ksi || !(nas_kasme_->second == kasme));
  nas_kasme_ = std::make_pair(smc.nas_ksi.ksi, kasme);
  // Rule 4: an SMC for a new KASME in ECM-CONNECTED moves NAS, not AS.
  if (new_kasme && expected_.connected()) expected_.new_kasme_in_nas(smc.nas_ksi.ksi, kasme);
  return pdu;
}

Bytes Ue::reject_security_mode_command(const nas::SecurityModeCommand& smc, std::uint8_t emm_cause) {
  if (nas_.current_ksi() != smc.nas_ksi.ksi) nas_.remove(smc.nas_ksi.ksi);
  nas::SecurityModeReject r;
  r.emm_cause = emm_cause;
  return nas::encode(nas::NasMessage(r));
}

Bytes Ue::protect_uplink(const nas::NasMessage& m) {
  const Bytes plain = nas::encode(m);
  if (auto* ctx = nas_.current())
    return security::protect(*ctx, security::Direction::uplink, SecurityHeaderType::integrity_protected_ciphered, view_of(plain));
  return plain;
}

std::optional<Bytes> Ue::tracking_area_update_request_failing_integrity() {
  if (!nas_.current() || !guti_) return std::nullopt;
  nas::TrackingAreaUpdateRequest tau;
  tau.eps_update_type = 0;  // TA updating, no "active" flag (TS 24.301 9.9.3.14)
  tau.nas_ksi = {false, *nas_.current_ksi()};
  tau.old_guti = nas::EpsMobileIdentity::from_guti(*guti_);
  Bytes pdu = protect_uplink(nas::NasMessage(tau));
  // Octets 2-5 are the MAC (TS 24.301 9.1): one flipped bit makes the check fail whatever the
  // algorithm, and the COUNT was still consumed, as for any message the UE sent.
  pdu.at(2) ^= 0x01;
  return pdu;
}

void Ue::as_security_started() {
  if (nas_kasme_ && !expected_.connected())
    expected_.initial_context_setup(nas_kasme_->first, nas_kasme_->second,
                                    service_request_uplink_count_.value_or(smc_complete_uplink_count_));
  service_request_uplink_count_.reset();
}

void Ue::connection_released() { expected_.connection_released(); }

void Ue::new_kasme_taken_into_use() {
  if (expected_.pending_new_kasme()) expected_.ue_context_modification(smc_complete_uplink_count_);
}

security::NhAttribution Ue::attribute(std::uint8_t ncc, const security::Key256& nh) const {
  return expected_.attribute(ncc, nh);
}

security::Key256 Ue::kasme_for(const security::Rand& rand, std::uint64_t sqn) const {
  return security::generate_eps_auth_vector(usim_, rand, sqn, {0x80, 0x00}, sn_).kasme;
}

void Ue::arrive_by_relocation(std::uint8_t old_eksi, const security::Key256& old_kasme, std::uint8_t ncc, const security::Key256& nh,
                              std::uint8_t new_eksi, const security::Key256& new_kasme, security::CipheringAlgorithm eea,
                              security::IntegrityAlgorithm eia, std::uint32_t uplink_count, std::uint32_t downlink_count) {
  security::NasSecurityContext ctx(new_eksi, new_kasme, eea, eia);
  ctx.set_next_count(security::Direction::uplink, uplink_count + 1);
  ctx.set_next_count(security::Direction::downlink, downlink_count);
  nas_.store(ctx);
  nas_.take_into_use(new_eksi);
  nas_kasme_ = std::make_pair(new_eksi, new_kasme);
  // The target MME derives the new KeNB from the uplink COUNT it was handed (A.3).
  smc_complete_uplink_count_ = uplink_count;
  expected_.handed_over(old_eksi, old_kasme, ncc, nh);
  expected_.new_kasme_in_nas(new_eksi, new_kasme);
}

std::optional<security::KasmeRole> Ue::kasme_role(const security::Key256& kasme) const {
  for (const auto& k : expected_.known_kasmes())
    if (k.kasme == kasme) return k.role;
  // Before AS security started the network's view is empty: NAS's own KASME is the current one.
  if (nas_kasme_ && nas_kasme_->second == kasme) return security::KasmeRole::current_kasme;
  return std::nullopt;
}

std::optional<std::uint8_t> Ue::nas_eksi() const { return nas_.current_ksi(); }

}  // namespace concur::roles
