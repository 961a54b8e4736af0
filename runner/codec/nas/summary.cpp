#include "codec/nas/summary.h"

#include <cstdio>
#include <type_traits>

namespace concur::nas {

namespace {

void take_identity(NasSummary& s, const EpsMobileIdentity& id) {
  if (id.type == EpsMobileIdentity::imsi) s.imsi = id.digits;
  if (id.type == EpsMobileIdentity::guti) s.guti = id.guti_value;
}

void take_identity(NasSummary& s, const MobileIdentity& id) {
  if (id.type == MobileIdentity::imsi) s.imsi = id.digits;
}

// Fills the rule-relevant fields of one message; a field a message lacks is simply absent.
void take_fields(NasSummary& s, const NasMessage& message) {
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (requires { m.nas_ksi; }) s.eksi = m.nas_ksi;
        if constexpr (requires { m.emm_cause; }) {
          if constexpr (std::is_same_v<std::decay_t<decltype(m.emm_cause)>, std::uint8_t>) {
            s.emm_cause = m.emm_cause;
          } else {
            if (m.emm_cause) s.emm_cause = *m.emm_cause;
          }
        }
        if constexpr (requires { m.esm_cause; }) {
          if constexpr (std::is_same_v<std::decay_t<decltype(m.esm_cause)>, std::uint8_t>) {
            s.esm_cause = m.esm_cause;
          } else {
            if (m.esm_cause) s.esm_cause = *m.esm_cause;
          }
        }
        if constexpr (std::is_same_v<T, SecurityModeCommand>) {
          s.selected_algorithms = m.selected_nas_security_algorithms;
          s.replayed_ue_security_capabilities = m.replayed_ue_security_capabilities;
        }
        if constexpr (requires { m.eps_mobile_identity; }) take_identity(s, m.eps_mobile_identity);
        if constexpr (requires { m.old_guti; }) take_identity(s, m.old_guti);
        if constexpr (requires { m.mobile_identity; }) take_identity(s, m.mobile_identity);
        if constexpr (std::is_same_v<T, GutiReallocationCommand>) take_identity(s, m.guti);
        if constexpr (std::is_same_v<T, AttachAccept> || std::is_same_v<T, TrackingAreaUpdateAccept>) {
          if (m.guti) take_identity(s, *m.guti);
        }
      },
      message);
}

}  // namespace

NasSummary summarise(const NasPdu& pdu) {
  NasSummary s;
  s.security_header_type = pdu.security_header_type;
  s.inspectable = pdu.inspectable();
  if (has_mac_and_sqn(pdu.security_header_type)) {
    s.mac = pdu.mac;
    s.sequence_number = pdu.sequence_number;
  }
  if (pdu.service_request) {
    s.name = "Service request";
    s.sequence_number = pdu.service_request->sequence_number;
    s.short_mac = pdu.service_request->short_mac;
    s.eksi = NasKeySetIdentifier{false, pdu.service_request->ksi};
    return s;
  }
  if (!pdu.message) {
    s.name = "Ciphered NAS message";
    return s;
  }
  s.name = std::string(message_name(*pdu.message));
  s.protocol_discriminator = protocol_discriminator(*pdu.message);
  s.message_type = message_type(*pdu.message);
  take_fields(s, *pdu.message);
  return s;
}

std::string NasSummary::to_string() const {
  std::string out = name;
  char buf[96];
  out += " [hdr " + std::to_string(static_cast<unsigned>(security_header_type));
  if (sequence_number) out += " sqn " + std::to_string(*sequence_number);
  if (mac) {
    std::snprintf(buf, sizeof buf, " mac 0x%08x", static_cast<unsigned>(*mac));
    out += buf;
  }
  if (short_mac) {
    std::snprintf(buf, sizeof buf, " short-mac 0x%04x", static_cast<unsigned>(*short_mac));
    out += buf;
  }
  out += "]";
  if (eksi) out += std::string(" eKSI ") + (eksi->mapped ? "mapped " : "") + std::to_string(eksi->ksi);
  if (selected_algorithms) {
    out += " EEA" + std::to_string(selected_algorithms->ciphering) + "/EIA" +
           std::to_string(selected_algorithms->integrity);
  }
  if (imsi) out += " IMSI " + *imsi;
  if (guti) out += " GUTI " + nas::to_string(*guti);
  if (emm_cause) out += " EMM cause #" + std::to_string(*emm_cause);
  if (esm_cause) out += " ESM cause #" + std::to_string(*esm_cause);
  if (!inspectable) out += " (not inspectable until deciphered)";
  return out;
}

}  // namespace concur::nas
