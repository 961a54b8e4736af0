// Body codecs of the EMM messages, TS 24.301 §8.2. The tables list the optional IEs of each
// message (IEI, format, TV length) from its §8.2.x table; TLV IEs the codec does not type need no
// row (they are skipped by length), TV IEs do (their length is not on the wire).
#include <array>

#include "codec/nas/body_codec.h"

namespace concur::nas::detail {

namespace {

using F = Format;

template <class M, std::size_t N>
void decode_opt(ByteReader& r, const std::array<OptionalIeSpec<M>, N>& t, M& m, std::string_view name) {
  decode_optional<M>(r, std::span<const OptionalIeSpec<M>>(t), m, m.other, name);
}
template <class M, std::size_t N>
void encode_opt(ByteWriter& w, const std::array<OptionalIeSpec<M>, N>& t, const M& m) {
  encode_optional<M>(w, std::span<const OptionalIeSpec<M>>(t), m, m.other);
}

template <class M>
constexpr std::array<OptionalIeSpec<M>, 0> no_optional_ies{};

Auts dec_auts(ByteReader& r) {
  // TS 24.008 §10.5.3.2.2: the AUTS is exactly 14 octets.
  if (r.remaining() != 14) r.fail("auts", "AUTS needs 14 octets, got " + std::to_string(r.remaining()));
  Auts a{};
  ByteView v = r.view(14, "auts");
  std::copy(v.begin(), v.end(), a.begin());
  return a;
}
void enc_auts(const Auts& a, ByteWriter& w) { w.bytes(ByteView(a.data(), a.size())); }

EpsMobileIdentity read_eps_identity(ByteReader& r, const std::string& field) {
  ByteReader v = read_lv(r, field, 1, 11);
  return in_field(field, [&] { return decode_eps_mobile_identity(v); });
}

MobileIdentity read_mobile_identity(ByteReader& r, const std::string& field) {
  ByteReader v = read_lv(r, field, 1, 9);
  return in_field(field, [&] { return decode_mobile_identity(v); });
}

Bytes read_bytes(ByteReader v) {
  ByteView b = v.rest();
  return Bytes(b.begin(), b.end());
}

// ---- optional IE tables --------------------------------------------------------------------

const auto attach_request_ies = std::array{
    typed<AttachRequest, &AttachRequest::old_p_tmsi_signature, dec_bytes, enc_bytes>(0x19, F::tv, "old_p_tmsi_signature", 4),
    typed<AttachRequest, &AttachRequest::additional_guti, decode_eps_mobile_identity, encode_eps_mobile_identity>(
        0x50, F::tlv, "additional_guti"),
    typed<AttachRequest, &AttachRequest::last_visited_registered_tai, decode_tai, encode_tai>(
        0x52, F::tv, "last_visited_registered_tai", 6),
    typed<AttachRequest, &AttachRequest::drx_parameter, dec_drx, enc_drx>(0x5C, F::tv, "drx_parameter", 3),
    typed<AttachRequest, &AttachRequest::ms_network_capability, dec_bytes, enc_bytes>(0x31, F::tlv, "ms_network_capability"),
    raw<AttachRequest>(0x13, F::tv, "old_location_area_identification", 6),
    raw<AttachRequest>(0x90, F::tv1, "tmsi_status"),
    raw<AttachRequest>(0x11, F::tlv, "mobile_station_classmark_2"),
    raw<AttachRequest>(0x20, F::tlv, "mobile_station_classmark_3"),
    raw<AttachRequest>(0x40, F::tlv, "supported_codecs"),
    raw<AttachRequest>(0xF0, F::tv1, "additional_update_type"),
    raw<AttachRequest>(0x5D, F::tlv, "voice_domain_preference"),
    raw<AttachRequest>(0xD0, F::tv1, "device_properties"),
    raw<AttachRequest>(0xE0, F::tv1, "old_guti_type"),
    raw<AttachRequest>(0xC0, F::tv1, "ms_network_feature_support"),
    raw<AttachRequest>(0x10, F::tlv, "tmsi_based_nri_container"),
    raw<AttachRequest>(0x6A, F::tlv, "t3324_value"),
    raw<AttachRequest>(0x5E, F::tlv, "t3412_extended_value"),
    raw<AttachRequest>(0x6E, F::tlv, "extended_drx_parameters"),
    typed<AttachRequest, &AttachRequest::ue_additional_security_capability, dec_bytes, enc_bytes>(
        0x6F, F::tlv, "ue_additional_security_capability"),
    raw<AttachRequest>(0x6D, F::tlv, "ue_status"),
    raw<AttachRequest>(0x17, F::tv, "additional_information_requested", 2),
};

const auto attach_accept_ies = std::array{
    typed<AttachAccept, &AttachAccept::guti, decode_eps_mobile_identity, encode_eps_mobile_identity>(0x50, F::tlv, "guti"),
    raw<AttachAccept>(0x13, F::tv, "location_area_identification", 6),
    typed<AttachAccept, &AttachAccept::ms_identity, decode_mobile_identity, encode_mobile_identity>(0x23, F::tlv, "ms_identity"),
    typed<AttachAccept, &AttachAccept::emm_cause, dec_u8, enc_u8>(0x53, F::tv, "emm_cause", 2),
    typed<AttachAccept, &AttachAccept::t3402, decode_gprs_timer, encode_gprs_timer>(0x17, F::tv, "t3402", 2),
    typed<AttachAccept, &AttachAccept::t3423, decode_gprs_timer, encode_gprs_timer>(0x59, F::tv, "t3423", 2),
    raw<AttachAccept>(0x4A, F::tlv, "equivalent_plmns"),
    raw<AttachAccept>(0x34, F::tlv, "emergency_number_list"),
    raw<AttachAccept>(0x64, F::tlv, "eps_network_feature_support"),
    raw<AttachAccept>(0xF0, F::tv1, "additional_update_result"),
    raw<AttachAccept>(0x5E, F::tlv, "t3412_extended_value"),
    raw<AttachAccept>(0x6A, F::tlv, "t3324_value"),
    raw<AttachAccept>(0x6E, F::tlv, "extended_drx_parameters"),
    raw<AttachAccept>(0x65, F::tlv, "dcn_id"),
    raw<AttachAccept>(0xE0, F::tv1, "sms_services_status"),
    raw<AttachAccept>(0xD0, F::tv1, "non_3gpp_nw_provided_policies"),
    raw<AttachAccept>(0x6B, F::tlv, "t3448_value"),
    raw<AttachAccept>(0xC0, F::tv1, "network_policy"),
    raw<AttachAccept>(0x6C, F::tlv, "t3447_value"),
    raw<AttachAccept>(0x7A, F::tlv_e, "extended_emergency_number_list"),
    raw<AttachAccept>(0x7C, F::tlv_e, "ciphering_key_data"),
};

const auto attach_reject_ies = std::array{
    typed<AttachReject, &AttachReject::esm_message_container, dec_bytes, enc_bytes>(0x78, F::tlv_e, "esm_message_container"),
    raw<AttachReject>(0x5F, F::tlv, "t3346_value"),
    raw<AttachReject>(0x16, F::tlv, "t3402_value"),
    raw<AttachReject>(0xA0, F::tv1, "extended_emm_cause"),
};

const auto authentication_failure_ies = std::array{
    typed<AuthenticationFailure, &AuthenticationFailure::auts, dec_auts, enc_auts>(
        0x30, F::tlv, "authentication_failure_parameter"),
};

const auto security_mode_command_ies = std::array{
    typed<SecurityModeCommand, &SecurityModeCommand::imeisv_request, dec_nibble, enc_nibble>(0xC0, F::tv1, "imeisv_request"),
    typed<SecurityModeCommand, &SecurityModeCommand::replayed_nonce_ue, dec_u32, enc_u32>(0x55, F::tv, "replayed_nonce_ue", 5),
    typed<SecurityModeCommand, &SecurityModeCommand::nonce_mme, dec_u32, enc_u32>(0x56, F::tv, "nonce_mme", 5),
    typed<SecurityModeCommand, &SecurityModeCommand::hash_mme, dec_bytes, enc_bytes>(0x4F, F::tlv, "hash_mme"),
    typed<SecurityModeCommand, &SecurityModeCommand::replayed_ue_additional_security_capability, dec_bytes, enc_bytes>(
        0x6F, F::tlv, "replayed_ue_additional_security_capability"),
    raw<SecurityModeCommand>(0x37, F::tlv, "ue_radio_capability_id_request"),
};

const auto security_mode_complete_ies = std::array{
    typed<SecurityModeComplete, &SecurityModeComplete::imeisv, decode_mobile_identity, encode_mobile_identity>(
        0x23, F::tlv, "imeisv"),
    typed<SecurityModeComplete, &SecurityModeComplete::replayed_nas_message_container, dec_bytes, enc_bytes>(
        0x79, F::tlv_e, "replayed_nas_message_container"),
    raw<SecurityModeComplete>(0x66, F::tlv, "ue_radio_capability_id"),
};

const auto tau_request_ies = std::array{
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::non_current_native_nas_ksi, dec_ksi, enc_ksi>(
        0xB0, F::tv1, "non_current_native_nas_ksi"),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::gprs_ciphering_key_sequence_number, dec_nibble,
          enc_nibble>(0x80, F::tv1, "gprs_ciphering_key_sequence_number"),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::old_p_tmsi_signature, dec_bytes, enc_bytes>(
        0x19, F::tv, "old_p_tmsi_signature", 4),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::additional_guti, decode_eps_mobile_identity,
          encode_eps_mobile_identity>(0x50, F::tlv, "additional_guti"),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::nonce_ue, dec_u32, enc_u32>(0x55, F::tv, "nonce_ue", 5),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::ue_network_capability, decode_ue_network_capability,
          encode_ue_network_capability>(0x58, F::tlv, "ue_network_capability"),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::last_visited_registered_tai, decode_tai, encode_tai>(
        0x52, F::tv, "last_visited_registered_tai", 6),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::drx_parameter, dec_drx, enc_drx>(
        0x5C, F::tv, "drx_parameter", 3),
    raw<TrackingAreaUpdateRequest>(0xA0, F::tv1, "ue_radio_capability_information_update_needed"),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::eps_bearer_context_status, dec_bytes, enc_bytes>(
        0x57, F::tlv, "eps_bearer_context_status"),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::ms_network_capability, dec_bytes, enc_bytes>(
        0x31, F::tlv, "ms_network_capability"),
    raw<TrackingAreaUpdateRequest>(0x13, F::tv, "old_location_area_identification", 6),
    raw<TrackingAreaUpdateRequest>(0x90, F::tv1, "tmsi_status"),
    raw<TrackingAreaUpdateRequest>(0x11, F::tlv, "mobile_station_classmark_2"),
    raw<TrackingAreaUpdateRequest>(0x20, F::tlv, "mobile_station_classmark_3"),
    raw<TrackingAreaUpdateRequest>(0x40, F::tlv, "supported_codecs"),
    raw<TrackingAreaUpdateRequest>(0xF0, F::tv1, "additional_update_type"),
    raw<TrackingAreaUpdateRequest>(0x5D, F::tlv, "voice_domain_preference"),
    raw<TrackingAreaUpdateRequest>(0xE0, F::tv1, "old_guti_type"),
    raw<TrackingAreaUpdateRequest>(0xD0, F::tv1, "device_properties"),
    raw<TrackingAreaUpdateRequest>(0xC0, F::tv1, "ms_network_feature_support"),
    raw<TrackingAreaUpdateRequest>(0x10, F::tlv, "tmsi_based_nri_container"),
    typed<TrackingAreaUpdateRequest, &TrackingAreaUpdateRequest::ue_additional_security_capability, dec_bytes,
          enc_bytes>(0x6F, F::tlv, "ue_additional_security_capability"),
    raw<TrackingAreaUpdateRequest>(0x17, F::tv, "additional_information_requested", 2),
};

const auto tau_accept_ies = std::array{
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::t3412, decode_gprs_timer, encode_gprs_timer>(
        0x5A, F::tv, "t3412", 2),
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::guti, decode_eps_mobile_identity,
          encode_eps_mobile_identity>(0x50, F::tlv, "guti"),
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::tai_list, decode_tai_list, encode_tai_list>(
        0x54, F::tlv, "tai_list"),
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::eps_bearer_context_status, dec_bytes, enc_bytes>(
        0x57, F::tlv, "eps_bearer_context_status"),
    raw<TrackingAreaUpdateAccept>(0x13, F::tv, "location_area_identification", 6),
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::ms_identity, decode_mobile_identity,
          encode_mobile_identity>(0x23, F::tlv, "ms_identity"),
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::emm_cause, dec_u8, enc_u8>(0x53, F::tv, "emm_cause", 2),
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::t3402, decode_gprs_timer, encode_gprs_timer>(
        0x17, F::tv, "t3402", 2),
    typed<TrackingAreaUpdateAccept, &TrackingAreaUpdateAccept::t3423, decode_gprs_timer, encode_gprs_timer>(
        0x59, F::tv, "t3423", 2),
    raw<TrackingAreaUpdateAccept>(0x4A, F::tlv, "equivalent_plmns"),
    raw<TrackingAreaUpdateAccept>(0x34, F::tlv, "emergency_number_list"),
    raw<TrackingAreaUpdateAccept>(0x64, F::tlv, "eps_network_feature_support"),
    raw<TrackingAreaUpdateAccept>(0xF0, F::tv1, "additional_update_result"),
    raw<TrackingAreaUpdateAccept>(0x5E, F::tlv, "t3412_extended_value"),
    raw<TrackingAreaUpdateAccept>(0x6A, F::tlv, "t3324_value"),
    raw<TrackingAreaUpdateAccept>(0x6E, F::tlv, "extended_drx_parameters"),
    raw<TrackingAreaUpdateAccept>(0x68, F::tlv, "header_compression_configuration_status"),
    raw<TrackingAreaUpdateAccept>(0x65, F::tlv, "dcn_id"),
    raw<TrackingAreaUpdateAccept>(0xE0, F::tv1, "sms_services_status"),
    raw<TrackingAreaUpdateAccept>(0xD0, F::tv1, "non_3gpp_nw_policies"),
    raw<TrackingAreaUpdateAccept>(0x6B, F::tlv, "t3448_value"),
    raw<TrackingAreaUpdateAccept>(0xC0, F::tv1, "network_policy"),
    raw<TrackingAreaUpdateAccept>(0x6C, F::tlv, "t3447_value"),
    raw<TrackingAreaUpdateAccept>(0x7A, F::tlv_e, "extended_emergency_number_list"),
    raw<TrackingAreaUpdateAccept>(0x7C, F::tlv_e, "ciphering_key_data"),
};

const auto reject_with_timers_ies = std::array{
    raw<TrackingAreaUpdateReject>(0x5F, F::tlv, "t3346_value"),
    raw<TrackingAreaUpdateReject>(0xA0, F::tv1, "extended_emm_cause"),
};

const auto extended_service_request_ies = std::array{
    typed<ExtendedServiceRequest, &ExtendedServiceRequest::csfb_response, dec_nibble, enc_nibble>(
        0xB0, F::tv1, "csfb_response"),
    typed<ExtendedServiceRequest, &ExtendedServiceRequest::eps_bearer_context_status, dec_bytes, enc_bytes>(
        0x57, F::tlv, "eps_bearer_context_status"),
    raw<ExtendedServiceRequest>(0xD0, F::tv1, "device_properties"),
    raw<ExtendedServiceRequest>(0x29, F::tlv, "ue_request_type"),
    raw<ExtendedServiceRequest>(0x28, F::tlv, "paging_restriction"),
};

const auto service_reject_ies = std::array{
    typed<ServiceReject, &ServiceReject::t3442, decode_gprs_timer, encode_gprs_timer>(0x5B, F::tv, "t3442", 2),
    raw<ServiceReject>(0x5F, F::tlv, "t3346_value"),
    raw<ServiceReject>(0x6B, F::tlv, "t3448_value"),
};

const auto detach_request_downlink_ies = std::array{
    typed<DetachRequestDownlink, &DetachRequestDownlink::emm_cause, dec_u8, enc_u8>(0x53, F::tv, "emm_cause", 2),
};

const auto emm_information_ies = std::array{
    typed<EmmInformation, &EmmInformation::full_network_name, dec_bytes, enc_bytes>(0x43, F::tlv, "full_network_name"),
    typed<EmmInformation, &EmmInformation::short_network_name, dec_bytes, enc_bytes>(0x45, F::tlv, "short_network_name"),
    typed<EmmInformation, &EmmInformation::local_time_zone, dec_u8, enc_u8>(0x46, F::tv, "local_time_zone", 2),
    typed<EmmInformation, &EmmInformation::universal_time_and_local_time_zone, dec_bytes, enc_bytes>(
        0x47, F::tv, "universal_time_and_local_time_zone", 8),
    typed<EmmInformation, &EmmInformation::network_daylight_saving_time, dec_bytes, enc_bytes>(
        0x49, F::tlv, "network_daylight_saving_time"),
};

const auto guti_reallocation_command_ies = std::array{
    typed<GutiReallocationCommand, &GutiReallocationCommand::tai_list, decode_tai_list, encode_tai_list>(
        0x54, F::tlv, "tai_list"),
    raw<GutiReallocationCommand>(0x65, F::tlv, "dcn_id"),
    raw<GutiReallocationCommand>(0x66, F::tlv, "ue_radio_capability_id"),
    raw<GutiReallocationCommand>(0x69, F::tlv, "ue_radio_capability_id_deletion_indication"),
};

}  // namespace

// ---- §8.2.4 ATTACH REQUEST ------------------------------------------------------------------
void decode_body(ByteReader& r, AttachRequest& m) {
  const std::uint8_t o = r.u8("AttachRequest.eps_attach_type");
  m.eps_attach_type = o & 0x0F;  // first listed half octet sits in bits 4–1 (§9.9.1 / 24.007 §11.2.3.1.5)
  m.nas_ksi = NasKeySetIdentifier::from_nibble(o >> 4);
  m.eps_mobile_identity = read_eps_identity(r, "AttachRequest.eps_mobile_identity");
  {
    ByteReader v = read_lv(r, "AttachRequest.ue_network_capability", 2, 13);
    m.ue_network_capability = decode_ue_network_capability(v);
  }
  m.esm_message_container = read_bytes(read_lv_e(r, "AttachRequest.esm_message_container", 0, 65535));
  decode_opt(r, attach_request_ies, m, "AttachRequest");
}

void encode_body(const AttachRequest& m, ByteWriter& w) {
  w.u8(static_cast<std::uint8_t>((m.nas_ksi.nibble() << 4) | (m.eps_attach_type & 0x0F)));
  write_lv_of(w, [&](ByteWriter& v) { encode_eps_mobile_identity(m.eps_mobile_identity, v); });
  write_lv_of(w, [&](ByteWriter& v) { encode_ue_network_capability(m.ue_network_capability, v); });
  write_lv_e(w, view_of(m.esm_message_container));
  encode_opt(w, attach_request_ies, m);
}

// ---- §8.2.1 ATTACH ACCEPT -------------------------------------------------------------------
void decode_body(ByteReader& r, AttachAccept& m) {
  m.eps_attach_result = r.u8("AttachAccept.eps_attach_result") & 0x0F;
  m.t3412 = decode_gprs_timer(r);
  {
    ByteReader v = read_lv(r, "AttachAccept.tai_list", 6, 96);
    m.tai_list = in_field("AttachAccept.tai_list", [&] { return decode_tai_list(v); });
  }
  m.esm_message_container = read_bytes(read_lv_e(r, "AttachAccept.esm_message_container", 0, 65535));
  decode_opt(r, attach_accept_ies, m, "AttachAccept");
}

void encode_body(const AttachAccept& m, ByteWriter& w) {
  w.u8(m.eps_attach_result & 0x0F);
  encode_gprs_timer(m.t3412, w);
  write_lv_of(w, [&](ByteWriter& v) { encode_tai_list(m.tai_list, v); });
  write_lv_e(w, view_of(m.esm_message_container));
  encode_opt(w, attach_accept_ies, m);
}

// ---- §8.2.2 ATTACH COMPLETE -----------------------------------------------------------------
void decode_body(ByteReader& r, AttachComplete& m) {
  m.esm_message_container = read_bytes(read_lv_e(r, "AttachComplete.esm_message_container", 0, 65535));
  decode_opt(r, no_optional_ies<AttachComplete>, m, "AttachComplete");
}
void encode_body(const AttachComplete& m, ByteWriter& w) {
  write_lv_e(w, view_of(m.esm_message_container));
  encode_opt(w, no_optional_ies<AttachComplete>, m);
}

// ---- §8.2.3 ATTACH REJECT -------------------------------------------------------------------
void decode_body(ByteReader& r, AttachReject& m) {
  m.emm_cause = r.u8("AttachReject.emm_cause");
  decode_opt(r, attach_reject_ies, m, "AttachReject");
}
void encode_body(const AttachReject& m, ByteWriter& w) {
  w.u8(m.emm_cause);
  encode_opt(w, attach_reject_ies, m);
}

// ---- §8.2.7 AUTHENTICATION REQUEST ----------------------------------------------------------
void decode_body(ByteReader& r, AuthenticationRequest& m) {
  m.nas_ksi = NasKeySetIdentifier::from_nibble(r.u8("AuthenticationRequest.nas_ksi") & 0x0F);
  ByteView rand = r.view(16, "AuthenticationRequest.rand");
  std::copy(rand.begin(), rand.end(), m.rand.begin());
  ByteReader autn = read_lv(r, "AuthenticationRequest.autn", 16, 16);
  ByteView a = autn.rest();
  std::copy(a.begin(), a.end(), m.autn.begin());
  decode_opt(r, no_optional_ies<AuthenticationRequest>, m, "AuthenticationRequest");
}
void encode_body(const AuthenticationRequest& m, ByteWriter& w) {
  w.u8(m.nas_ksi.nibble());
  w.bytes(ByteView(m.rand.data(), m.rand.size()));
  write_lv(w, ByteView(m.autn.data(), m.autn.size()));
  encode_opt(w, no_optional_ies<AuthenticationRequest>, m);
}

// ---- §8.2.8 AUTHENTICATION RESPONSE ---------------------------------------------------------
void decode_body(ByteReader& r, AuthenticationResponse& m) {
  m.res = read_bytes(read_lv(r, "AuthenticationResponse.res", 4, 16));
  decode_opt(r, no_optional_ies<AuthenticationResponse>, m, "AuthenticationResponse");
}
void encode_body(const AuthenticationResponse& m, ByteWriter& w) {
  write_lv(w, view_of(m.res));
  encode_opt(w, no_optional_ies<AuthenticationResponse>, m);
}

// ---- §8.2.6 AUTHENTICATION REJECT -----------------------------------------------------------
void decode_body(ByteReader& r, AuthenticationReject& m) {
  decode_opt(r, no_optional_ies<AuthenticationReject>, m, "AuthenticationReject");
}
void encode_body(const AuthenticationReject& m, ByteWriter& w) {
  encode_opt(w, no_optional_ies<AuthenticationReject>, m);
}

// ---- §8.2.5 AUTHENTICATION FAILURE ----------------------------------------------------------
void decode_body(ByteReader& r, AuthenticationFailure& m) {
  m.emm_cause = r.u8("AuthenticationFailure.emm_cause");
  decode_opt(r, authentication_failure_ies, m, "AuthenticationFailure");
}
void encode_body(const AuthenticationFailure& m, ByteWriter& w) {
  w.u8(m.emm_cause);
  encode_opt(w, authentication_failure_ies, m);
}

// ---- §8.2.20 SECURITY MODE COMMAND ----------------------------------------------------------
void decode_body(ByteReader& r, SecurityModeCommand& m) {
  m.selected_nas_security_algorithms = decode_nas_security_algorithms(r);
  // NAS key set identifier in bits 4–1, spare half octet in bits 8–5 (Table 8.2.20.1).
  m.nas_ksi = NasKeySetIdentifier::from_nibble(r.u8("SecurityModeCommand.nas_ksi") & 0x0F);
  {
    ByteReader v = read_lv(r, "SecurityModeCommand.replayed_ue_security_capabilities", 2, 13);
    m.replayed_ue_security_capabilities = in_field("SecurityModeCommand.replayed_ue_security_capabilities",
                                                   [&] { return decode_ue_security_capability(v); });
  }
  decode_opt(r, security_mode_command_ies, m, "SecurityModeCommand");
}
void encode_body(const SecurityModeCommand& m, ByteWriter& w) {
  encode_nas_security_algorithms(m.selected_nas_security_algorithms, w);
  w.u8(m.nas_ksi.nibble());
  write_lv_of(w, [&](ByteWriter& v) { encode_ue_security_capability(m.replayed_ue_security_capabilities, v); });
  encode_opt(w, security_mode_command_ies, m);
}

// ---- §8.2.21 SECURITY MODE COMPLETE ---------------------------------------------------------
void decode_body(ByteReader& r, SecurityModeComplete& m) {
  decode_opt(r, security_mode_complete_ies, m, "SecurityModeComplete");
}
void encode_body(const SecurityModeComplete& m, ByteWriter& w) { encode_opt(w, security_mode_complete_ies, m); }

// ---- §8.2.22 SECURITY MODE REJECT -----------------------------------------------------------
void decode_body(ByteReader& r, SecurityModeReject& m) {
  m.emm_cause = r.u8("SecurityModeReject.emm_cause");
  decode_opt(r, no_optional_ies<SecurityModeReject>, m, "SecurityModeReject");
}
void encode_body(const SecurityModeReject& m, ByteWriter& w) {
  w.u8(m.emm_cause);
  encode_opt(w, no_optional_ies<SecurityModeReject>, m);
}

// ---- §8.2.18 / §8.2.19 IDENTITY REQUEST / RESPONSE ------------------------------------------
void decode_body(ByteReader& r, IdentityRequest& m) {
  m.identity_type = r.u8("IdentityRequest.identity_type") & 0x07;
  decode_opt(r, no_optional_ies<IdentityRequest>, m, "IdentityRequest");
}
void encode_body(const IdentityRequest& m, ByteWriter& w) {
  w.u8(m.identity_type & 0x07);
  encode_opt(w, no_optional_ies<IdentityRequest>, m);
}
void decode_body(ByteReader& r, IdentityResponse& m) {
  m.mobile_identity = read_mobile_identity(r, "IdentityResponse.mobile_identity");
  decode_opt(r, no_optional_ies<IdentityResponse>, m, "IdentityResponse");
}
void encode_body(const IdentityResponse& m, ByteWriter& w) {
  write_lv_of(w, [&](ByteWriter& v) { encode_mobile_identity(m.mobile_identity, v); });
  encode_opt(w, no_optional_ies<IdentityResponse>, m);
}

// ---- §8.2.29 TRACKING AREA UPDATE REQUEST ---------------------------------------------------
void decode_body(ByteReader& r, TrackingAreaUpdateRequest& m) {
  const std::uint8_t o = r.u8("TrackingAreaUpdateRequest.eps_update_type");
  m.eps_update_type = o & 0x0F;
  m.nas_ksi = NasKeySetIdentifier::from_nibble(o >> 4);
  m.old_guti = read_eps_identity(r, "TrackingAreaUpdateRequest.old_guti");
  decode_opt(r, tau_request_ies, m, "TrackingAreaUpdateRequest");
}
void encode_body(const TrackingAreaUpdateRequest& m, ByteWriter& w) {
  w.u8(static_cast<std::uint8_t>((m.nas_ksi.nibble() << 4) | (m.eps_update_type & 0x0F)));
  write_lv_of(w, [&](ByteWriter& v) { encode_eps_mobile_identity(m.old_guti, v); });
  encode_opt(w, tau_request_ies, m);
}

// ---- §8.2.26 / 8.2.27 / 8.2.28 TRACKING AREA UPDATE ACCEPT / COMPLETE / REJECT ---------------
void decode_body(ByteReader& r, TrackingAreaUpdateAccept& m) {
  m.eps_update_result = r.u8("TrackingAreaUpdateAccept.eps_update_result") & 0x0F;
  decode_opt(r, tau_accept_ies, m, "TrackingAreaUpdateAccept");
}
void encode_body(const TrackingAreaUpdateAccept& m, ByteWriter& w) {
  w.u8(m.eps_update_result & 0x0F);
  encode_opt(w, tau_accept_ies, m);
}
void decode_body(ByteReader& r, TrackingAreaUpdateComplete& m) {
  decode_opt(r, no_optional_ies<TrackingAreaUpdateComplete>, m, "TrackingAreaUpdateComplete");
}
void encode_body(const TrackingAreaUpdateComplete& m, ByteWriter& w) {
  encode_opt(w, no_optional_ies<TrackingAreaUpdateComplete>, m);
}
void decode_body(ByteReader& r, TrackingAreaUpdateReject& m) {
  m.emm_cause = r.u8("TrackingAreaUpdateReject.emm_cause");
  decode_opt(r, reject_with_timers_ies, m, "TrackingAreaUpdateReject");
}
void encode_body(const TrackingAreaUpdateReject& m, ByteWriter& w) {
  w.u8(m.emm_cause);
  encode_opt(w, reject_with_timers_ies, m);
}

// ---- §8.2.15 EXTENDED SERVICE REQUEST / §8.2.24 SERVICE REJECT -------------------------------
void decode_body(ByteReader& r, ExtendedServiceRequest& m) {
  const std::uint8_t o = r.u8("ExtendedServiceRequest.service_type");
  m.service_type = o & 0x0F;
  m.nas_ksi = NasKeySetIdentifier::from_nibble(o >> 4);
  m.m_tmsi = read_mobile_identity(r, "ExtendedServiceRequest.m_tmsi");
  decode_opt(r, extended_service_request_ies, m, "ExtendedServiceRequest");
}
void encode_body(const ExtendedServiceRequest& m, ByteWriter& w) {
  w.u8(static_cast<std::uint8_t>((m.nas_ksi.nibble() << 4) | (m.service_type & 0x0F)));
  write_lv_of(w, [&](ByteWriter& v) { encode_mobile_identity(m.m_tmsi, v); });
  encode_opt(w, extended_service_request_ies, m);
}
void decode_body(ByteReader& r, ServiceReject& m) {
  m.emm_cause = r.u8("ServiceReject.emm_cause");
  decode_opt(r, service_reject_ies, m, "ServiceReject");
}
void encode_body(const ServiceReject& m, ByteWriter& w) {
  w.u8(m.emm_cause);
  encode_opt(w, service_reject_ies, m);
}

// ---- §8.2.11 DETACH REQUEST / §8.2.10 DETACH ACCEPT -----------------------------------------
void decode_body(ByteReader& r, DetachRequestUplink& m) {
  const std::uint8_t o = r.u8("DetachRequest.detach_type");
  m.detach_type = o & 0x0F;
  m.nas_ksi = NasKeySetIdentifier::from_nibble(o >> 4);
  m.eps_mobile_identity = read_eps_identity(r, "DetachRequest.eps_mobile_identity");
  decode_opt(r, no_optional_ies<DetachRequestUplink>, m, "DetachRequest");
}
void encode_body(const DetachRequestUplink& m, ByteWriter& w) {
  w.u8(static_cast<std::uint8_t>((m.nas_ksi.nibble() << 4) | (m.detach_type & 0x0F)));
  write_lv_of(w, [&](ByteWriter& v) { encode_eps_mobile_identity(m.eps_mobile_identity, v); });
  encode_opt(w, no_optional_ies<DetachRequestUplink>, m);
}
void decode_body(ByteReader& r, DetachRequestDownlink& m) {
  m.detach_type = r.u8("DetachRequest.detach_type") & 0x0F;
  decode_opt(r, detach_request_downlink_ies, m, "DetachRequest");
}
void encode_body(const DetachRequestDownlink& m, ByteWriter& w) {
  w.u8(m.detach_type & 0x0F);
  encode_opt(w, detach_request_downlink_ies, m);
}
void decode_body(ByteReader& r, DetachAccept& m) { decode_opt(r, no_optional_ies<DetachAccept>, m, "DetachAccept"); }
void encode_body(const DetachAccept& m, ByteWriter& w) { encode_opt(w, no_optional_ies<DetachAccept>, m); }

// ---- §8.2.14 EMM STATUS / §8.2.13 EMM INFORMATION -------------------------------------------
void decode_body(ByteReader& r, EmmStatus& m) {
  m.emm_cause = r.u8("EmmStatus.emm_cause");
  decode_opt(r, no_optional_ies<EmmStatus>, m, "EmmStatus");
}
void encode_body(const EmmStatus& m, ByteWriter& w) {
  w.u8(m.emm_cause);
  encode_opt(w, no_optional_ies<EmmStatus>, m);
}
void decode_body(ByteReader& r, EmmInformation& m) { decode_opt(r, emm_information_ies, m, "EmmInformation"); }
void encode_body(const EmmInformation& m, ByteWriter& w) { encode_opt(w, emm_information_ies, m); }

// ---- §8.2.16 / §8.2.17 GUTI REALLOCATION COMMAND / COMPLETE ----------------------------------
void decode_body(ByteReader& r, GutiReallocationCommand& m) {
  m.guti = read_eps_identity(r, "GutiReallocationCommand.guti");
  decode_opt(r, guti_reallocation_command_ies, m, "GutiReallocationCommand");
}
void encode_body(const GutiReallocationCommand& m, ByteWriter& w) {
  write_lv_of(w, [&](ByteWriter& v) { encode_eps_mobile_identity(m.guti, v); });
  encode_opt(w, guti_reallocation_command_ies, m);
}
void decode_body(ByteReader& r, GutiReallocationComplete& m) {
  decode_opt(r, no_optional_ies<GutiReallocationComplete>, m, "GutiReallocationComplete");
}
void encode_body(const GutiReallocationComplete& m, ByteWriter& w) {
  encode_opt(w, no_optional_ies<GutiReallocationComplete>, m);
}

// ---- §8.2.12 / §8.2.30 DOWNLINK / UPLINK NAS TRANSPORT --------------------------------------
void decode_body(ByteReader& r, DownlinkNasTransport& m) {
  m.nas_message_container = read_bytes(read_lv(r, "DownlinkNasTransport.nas_message_container", 2, 251));
  decode_opt(r, no_optional_ies<DownlinkNasTransport>, m, "DownlinkNasTransport");
}
void encode_body(const DownlinkNasTransport& m, ByteWriter& w) {
  write_lv(w, view_of(m.nas_message_container));
  encode_opt(w, no_optional_ies<DownlinkNasTransport>, m);
}
void decode_body(ByteReader& r, UplinkNasTransport& m) {
  m.nas_message_container = read_bytes(read_lv(r, "UplinkNasTransport.nas_message_container", 2, 251));
  decode_opt(r, no_optional_ies<UplinkNasTransport>, m, "UplinkNasTransport");
}
void encode_body(const UplinkNasTransport& m, ByteWriter& w) {
  write_lv(w, view_of(m.nas_message_container));
  encode_opt(w, no_optional_ies<UplinkNasTransport>, m);
}

}  // namespace concur::nas::detail
