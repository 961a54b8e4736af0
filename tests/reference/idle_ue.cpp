#include "idle_ue.h"

#include "security/nas_security.h"

namespace concur::reference::testing {

Bytes tau_request(TestUe& ue, const nas::Guti& guti, bool protect) {
  nas::TrackingAreaUpdateRequest r;
  r.eps_update_type = 0;  // TA updating, no "active" flag (TS 24.301 9.9.3.14)
  r.old_guti = nas::EpsMobileIdentity::from_guti(guti);
  auto* ctx = ue.nas.current();
  r.nas_ksi = {false, protect && ctx ? ctx->ksi() : nas::NasKeySetIdentifier::no_key_available};
  const Bytes plain = nas::encode(nas::NasMessage(r));
  if (!protect || !ctx) return plain;
  return security::protect(*ctx, security::Direction::uplink, security::SecurityHeaderType::integrity_protected,
                           view_of(plain));
}

Bytes service_request(TestUe& ue, std::optional<std::uint8_t> ksi, std::uint32_t* count_used) {
  auto* ctx = ue.nas.current();
  if (!ctx) {
    ADD_FAILURE() << "SERVICE REQUEST needs a current NAS security context";
    return {};
  }
  const std::uint32_t count = ctx->next_count(security::Direction::uplink);
  Bytes pdu{0xC7, static_cast<std::uint8_t>((ksi.value_or(ctx->ksi()) & 0x7) << 5 | (count & 0x1F))};
  const auto mac = security::nas_mac(ctx->eia(), ctx->k_nas_int(), count, security::Direction::uplink, view_of(pdu));
  pdu.push_back(mac[2]);  // short MAC: the 2 least significant octets of the NAS-MAC
  pdu.push_back(mac[3]);
  ctx->set_next_count(security::Direction::uplink, count + 1);
  if (count_used) *count_used = count;
  return pdu;
}

s1ap::InitialUeMessage initial_ue_message(const TestEnb& enb, std::uint32_t enb_ue_s1ap_id, const Bytes& nas_pdu,
                                          std::optional<s1ap::STmsi> s_tmsi) {
  s1ap::InitialUeMessage m;
  m.enb_ue_s1ap_id = enb_ue_s1ap_id;
  m.nas_pdu = nas_pdu;
  m.tai = enb.tai;
  m.eutran_cgi = enb.ecgi;
  m.rrc_establishment_cause = s_tmsi ? 4 : 3;  // mo-Data for a SERVICE REQUEST, mo-Signalling for a TAU
  m.s_tmsi = s_tmsi;
  return m;
}

}  // namespace concur::reference::testing
