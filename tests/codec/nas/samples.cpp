#include "samples.h"

#include <cstdio>

#include "codec/nas/protection.h"

namespace concur::nas::test {

namespace {

std::string hex_u8(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%02x", v);
  return b;
}

/// EEA0/EIA-stand-in: ciphering is the identity (as with EEA0, so a dissector can read the
/// inner message), the MAC a fixed pattern of COUNT and direction (dissectors do not verify it).
class NullCipherHook : public NasSecurityHook {
 public:
  std::array<std::uint8_t, 4> mac(std::uint32_t count, Direction d, ByteView) override {
    return {0xA5, static_cast<std::uint8_t>(d), static_cast<std::uint8_t>(count >> 8), static_cast<std::uint8_t>(count)};
  }
  Bytes cipher(std::uint32_t, Direction, ByteView m) override { return Bytes(m.begin(), m.end()); }
};

/// A keystream that makes octet 1 of the NAS message anything but a valid PD, so the message is
/// unreadable without the key — the "kept as ciphered bytes" case.
class ScramblingHook : public NullCipherHook {
 public:
  Bytes cipher(std::uint32_t count, Direction, ByteView m) override {
    Bytes out(m.begin(), m.end());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] ^= static_cast<std::uint8_t>(0xC3 + 17 * i + count);
    return out;
  }
};

Guti guti() { return Guti{Plmn{"001", "01"}, 0x8001, 0x01, 0xC0000001}; }

TaiList tai_list() {
  TaiList l;
  l.lists.push_back({0, {Tai{{"001", "01"}, 1}, Tai{{"001", "01"}, 7}}});
  l.lists.push_back({1, {Tai{{"208", "93"}, 0x10}, Tai{{"208", "93"}, 0x11}}});
  l.lists.push_back({2, {Tai{{"310", "410"}, 0x20}}});
  return l;
}

PdnConnectivityRequest pdn_connectivity_request() {
  PdnConnectivityRequest m;
  m.header = {0, 1};
  m.request_type = 1;
  m.pdn_type = 1;
  m.esm_information_transfer_flag = 1;
  m.protocol_configuration_options = from_hex("8080211001000010810600000000830600000000000d00000a00");
  return m;
}

ActivateDefaultEpsBearerContextRequest activate_default_request() {
  ActivateDefaultEpsBearerContextRequest m;
  m.header = {5, 1};
  m.eps_qos.qci = 9;
  m.access_point_name = AccessPointName::from_string("internet");
  m.pdn_address = PdnAddress{1, 0, from_hex("0a2d0002")};
  m.apn_ambr = from_hex("fefe");
  m.protocol_configuration_options = from_hex("80000d0408080808");
  return m;
}

ActivateDefaultEpsBearerContextAccept activate_default_accept() {
  ActivateDefaultEpsBearerContextAccept m;
  m.header = {5, 1};
  return m;
}

SecurityModeCommand smc() {
  SecurityModeCommand m;
  m.selected_nas_security_algorithms = {2, 2};
  m.nas_ksi = {false, 3};
  m.replayed_ue_security_capabilities.eea = 0xF0;
  m.replayed_ue_security_capabilities.eia = 0x70;
  m.replayed_ue_security_capabilities.uea = 0xC0;
  m.replayed_ue_security_capabilities.uia = 0x40;
  m.imeisv_request = 1;
  m.replayed_nonce_ue = 0x11223344;
  m.nonce_mme = 0x55667788;
  return m;
}

Sample plain_sample(std::string name, const NasMessage& m, Direction d) {
  Sample s;
  s.name = std::move(name);
  s.wire = encode(m);
  s.direction = d;
  const auto pd = protocol_discriminator(m);
  if (pd == ProtocolDiscriminator::emm) {
    s.security_header_types.push_back("0");
    s.emm_types.push_back(hex_u8(message_type(m)));
  } else {
    s.esm_types.push_back(hex_u8(message_type(m)));
  }
  return s;
}

}  // namespace

std::vector<Sample> all_samples() {
  std::vector<Sample> out;
  const auto UL = Direction::uplink;
  const auto DL = Direction::downlink;
  NullCipherHook null_hook;
  auto add = [&](std::string name, NasMessage m, Direction d, std::optional<unsigned> ksi = std::nullopt,
                 std::vector<std::string> extra_esm = {}) {
    Sample s = plain_sample(std::move(name), m, d);
    if (protocol_discriminator(m) == ProtocolDiscriminator::esm) {
      // On S1 a stand-alone ESM message always travels in a security-protected EMM envelope
      // (TS 24.301 §4.4.4, §9.3.1: octet 1 of an ESM message holds the EBI, not a header type).
      s.name += "/integrity protected";
      s.wire = protect(m, SecurityHeaderType::integrity_protected, 0x0007, d, null_hook);
      s.security_header_types = {"1"};
    }
    s.ksi = ksi;
    for (auto& e : extra_esm) s.esm_types.push_back(e);
    out.push_back(std::move(s));
  };

  {
    AttachRequest m;
    m.eps_attach_type = 1;
    m.nas_ksi = {false, 7};
    m.eps_mobile_identity = EpsMobileIdentity::from_imsi("001010123456789");
    m.ue_network_capability.octets = {0xE0, 0xE0, 0xC0, 0x40};
    m.esm_message_container = encode(pdn_connectivity_request());
    m.last_visited_registered_tai = Tai{{"001", "01"}, 1};
    m.drx_parameter = DrxParameter{0x00, 0x00};
    m.ms_network_capability = from_hex("e5e034");
    add("AttachRequest", m, UL, 7, {"0xd0"});
  }
  {
    AttachAccept m;
    m.eps_attach_result = 1;
    m.t3412 = {1, 9};
    m.tai_list = tai_list();
    m.esm_message_container = encode(activate_default_request());
    m.guti = EpsMobileIdentity::from_guti(guti());
    m.t3402 = GprsTimer{1, 12};
    add("AttachAccept", m, DL, std::nullopt, {"0xc1"});
  }
  {
    AttachComplete m;
    m.esm_message_container = encode(activate_default_accept());
    add("AttachComplete", m, UL, std::nullopt, {"0xc2"});
  }
  {
    AttachReject m;
    m.emm_cause = 7;
    add("AttachReject", m, DL);
  }
  {
    AuthenticationRequest m;
    m.nas_ksi = {false, 1};
    for (int i = 0; i < 16; ++i) m.rand[i] = static_cast<std::uint8_t>(0x23 + i);
    for (int i = 0; i < 16; ++i) m.autn[i] = static_cast<std::uint8_t>(0x55 + i);
    add("AuthenticationRequest", m, DL, 1);
  }
  {
    AuthenticationResponse m;
    m.res = from_hex("a54211d5e3ba50bf");
    add("AuthenticationResponse", m, UL);
  }
  add("AuthenticationReject", AuthenticationReject{}, DL);
  {
    AuthenticationFailure m;
    m.emm_cause = emm_cause::synch_failure;
    m.auts = Auts{};
    for (int i = 0; i < 14; ++i) (*m.auts)[i] = static_cast<std::uint8_t>(0x40 + i);
    add("AuthenticationFailure", m, UL);
  }
  {
    Sample s = plain_sample("SecurityModeCommand", smc(), DL);
    s.ksi = 3;
    s.ciphering = 2;
    s.integrity = 2;
    out.push_back(s);
  }
  {
    SecurityModeComplete m;
    MobileIdentity imeisv;
    imeisv.type = MobileIdentity::imeisv;
    imeisv.digits = "8633050400277001";
    m.imeisv = imeisv;
    add("SecurityModeComplete", m, UL);
  }
  {
    SecurityModeReject m;
    m.emm_cause = emm_cause::ue_security_capabilities_mismatch;
    add("SecurityModeReject", m, UL);
  }
  {
    IdentityRequest m;
    m.identity_type = 1;
    add("IdentityRequest", m, DL);
  }
  {
    IdentityResponse m;
    m.mobile_identity.type = MobileIdentity::imsi;
    m.mobile_identity.digits = "001020000000064";
    add("IdentityResponse", m, UL);
  }
  {
    TrackingAreaUpdateRequest m;
    m.eps_update_type = 0;
    m.nas_ksi = {false, 4};
    m.old_guti = EpsMobileIdentity::from_guti(guti());
    m.non_current_native_nas_ksi = NasKeySetIdentifier{false, 2};
    m.nonce_ue = 0x11223344;
    m.ue_network_capability = UeNetworkCapability{{0xE0, 0xE0}};
    m.last_visited_registered_tai = Tai{{"001", "01"}, 5};
    m.eps_bearer_context_status = from_hex("2000");
    add("TrackingAreaUpdateRequest", m, UL, 4);
  }
  {
    TrackingAreaUpdateAccept m;
    m.eps_update_result = 0;
    m.t3412 = GprsTimer{1, 30};
    m.guti = EpsMobileIdentity::from_guti(guti());
    m.tai_list = tai_list();
    m.eps_bearer_context_status = from_hex("2000");
    add("TrackingAreaUpdateAccept", m, DL);
  }
  add("TrackingAreaUpdateComplete", TrackingAreaUpdateComplete{}, UL);
  {
    TrackingAreaUpdateReject m;
    m.emm_cause = 9;
    add("TrackingAreaUpdateReject", m, DL);
  }
  {
    ExtendedServiceRequest m;
    m.service_type = 0;
    m.nas_ksi = {false, 1};
    m.m_tmsi.type = MobileIdentity::tmsi;
    m.m_tmsi.tmsi_value = 0xC0000001;
    m.eps_bearer_context_status = from_hex("2000");
    add("ExtendedServiceRequest", m, UL, 1);
  }
  {
    ServiceReject m;
    m.emm_cause = 10;
    m.t3442 = GprsTimer{0, 5};
    add("ServiceReject", m, DL);
  }
  {
    DetachRequestUplink m;
    m.detach_type = 0x9;
    m.nas_ksi = {false, 1};
    m.eps_mobile_identity = EpsMobileIdentity::from_guti(guti());
    add("DetachRequestUplink", m, UL, 1);
  }
  {
    DetachRequestDownlink m;
    m.detach_type = 2;
    m.emm_cause = 17;
    add("DetachRequestDownlink", m, DL);
  }
  add("DetachAccept", DetachAccept{}, UL);
  {
    EmmStatus m;
    m.emm_cause = 97;
    add("EmmStatus", m, UL);
  }
  {
    EmmInformation m;
    m.full_network_name = from_hex("80c3f2f0");  // GSM default alphabet, "Cor" style text
    m.local_time_zone = 0x40;
    m.universal_time_and_local_time_zone = from_hex("22110121341540");
    add("EmmInformation", m, DL);
  }
  {
    GutiReallocationCommand m;
    m.guti = EpsMobileIdentity::from_guti(guti());
    m.tai_list = tai_list();
    add("GutiReallocationCommand", m, DL);
  }
  add("GutiReallocationComplete", GutiReallocationComplete{}, UL);
  {
    DownlinkNasTransport m;
    m.nas_message_container = from_hex("0904");  // SMS CP-ACK (TS 24.011 §7.2)
    add("DownlinkNasTransport", m, DL);
  }
  {
    UplinkNasTransport m;
    m.nas_message_container = from_hex("0904");
    add("UplinkNasTransport", m, UL);
  }
  add("PdnConnectivityRequest", pdn_connectivity_request(), UL);
  {
    PdnConnectivityReject m;
    m.header = {0, 1};
    m.esm_cause = 27;
    add("PdnConnectivityReject", m, DL);
  }
  add("ActivateDefaultEpsBearerContextRequest", activate_default_request(), DL);
  add("ActivateDefaultEpsBearerContextAccept", activate_default_accept(), UL);
  {
    ActivateDefaultEpsBearerContextReject m;
    m.header = {5, 1};
    m.esm_cause = 31;
    add("ActivateDefaultEpsBearerContextReject", m, UL);
  }
  {
    EsmInformationRequest m;
    m.header = {0, 1};
    add("EsmInformationRequest", m, DL);
  }
  {
    EsmInformationResponse m;
    m.header = {0, 1};
    m.access_point_name = AccessPointName::from_string("internet");
    add("EsmInformationResponse", m, UL);
  }
  {
    EsmStatus m;
    m.header = {5, 1};
    m.esm_cause = 43;
    add("EsmStatus", m, UL);
  }
  {
    PdnDisconnectRequest m;
    m.header = {0, 2};
    m.linked_eps_bearer_identity = 5;
    add("PdnDisconnectRequest", m, UL);
  }

  // Protected forms: each header type with the message it is meant for (TS 24.301 Table 9.3.1).
  auto add_protected = [&](std::string name, const NasMessage& m, SecurityHeaderType t, std::uint32_t count,
                           Direction d, NasSecurityHook& hook, bool readable) {
    Sample s = plain_sample(name, m, d);
    s.name = std::move(name);
    s.wire = protect(m, t, count, d, hook);
    s.security_header_types.insert(s.security_header_types.begin(), std::to_string(static_cast<unsigned>(t)));
    if (!readable) {
      s.security_header_types.resize(1);
      s.emm_types.clear();
      s.esm_types.clear();
    }
    if (const auto* c = std::get_if<SecurityModeCommand>(&m)) {
      s.ksi = c->nas_ksi.ksi;
      s.ciphering = c->selected_nas_security_algorithms.ciphering;
      s.integrity = c->selected_nas_security_algorithms.integrity;
    }
    out.push_back(std::move(s));
  };
  add_protected("SecurityModeCommand/integrity protected with new context", smc(),
                SecurityHeaderType::integrity_protected_new_context, 0, DL, null_hook, true);
  add_protected("SecurityModeComplete/integrity protected and ciphered with new context", SecurityModeComplete{},
                SecurityHeaderType::integrity_protected_ciphered_new_context, 0, UL, null_hook, true);
  {
    IdentityRequest m;
    m.identity_type = 1;
    add_protected("IdentityRequest/integrity protected", m, SecurityHeaderType::integrity_protected, 0x0102, DL,
                  null_hook, true);
  }
  {
    EsmInformationRequest m;
    m.header = {0, 1};
    add_protected("EsmInformationRequest/integrity protected and ciphered (EEA0)", m,
                  SecurityHeaderType::integrity_protected_ciphered, 1, DL, null_hook, true);
  }
  {
    ScramblingHook scramble;
    TrackingAreaUpdateComplete m;
    add_protected("TrackingAreaUpdateComplete/integrity protected and ciphered (unreadable)", m,
                  SecurityHeaderType::integrity_protected_ciphered, 5, UL, scramble, false);
  }
  {
    Sample s;
    s.name = "ServiceRequest";
    s.wire = protect_service_request(2, 0x25, null_hook);
    s.direction = UL;
    s.security_header_types = {"12"};
    s.ksi = 2;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace concur::nas::test
