// Body codecs of the ESM messages of a default-bearer attach, TS 24.301 §8.3. The ESM header
// (EBI, PTI, message type) is handled by message.cpp; these codecs see the octets after it.
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

// The PCO (0x27) and extended PCO (0x7B) rows are shared by every message here.
template <class M>
constexpr auto pco_row() {
  return typed<M, &M::protocol_configuration_options, dec_bytes, enc_bytes>(0x27, F::tlv,
                                                                             "protocol_configuration_options");
}
template <class M>
constexpr auto extended_pco_row() {
  return typed<M, &M::extended_protocol_configuration_options, dec_bytes, enc_bytes>(
      0x7B, F::tlv_e, "extended_protocol_configuration_options");
}

const auto pdn_connectivity_request_ies = std::array{
    typed<PdnConnectivityRequest, &PdnConnectivityRequest::esm_information_transfer_flag, dec_nibble, enc_nibble>(
        0xD0, F::tv1, "esm_information_transfer_flag"),
    typed<PdnConnectivityRequest, &PdnConnectivityRequest::access_point_name, dec_apn, enc_apn>(
        0x28, F::tlv, "access_point_name"),
    pco_row<PdnConnectivityRequest>(),
    raw<PdnConnectivityRequest>(0xC0, F::tv1, "device_properties"),
    raw<PdnConnectivityRequest>(0x33, F::tlv, "nbifom_container"),
    raw<PdnConnectivityRequest>(0x66, F::tlv, "header_compression_configuration"),
    extended_pco_row<PdnConnectivityRequest>(),
};

const auto pdn_connectivity_reject_ies = std::array{
    pco_row<PdnConnectivityReject>(),
    typed<PdnConnectivityReject, &PdnConnectivityReject::back_off_timer, dec_bytes, enc_bytes>(
        0x37, F::tlv, "back_off_timer_value"),
    raw<PdnConnectivityReject>(0x6B, F::tlv, "re_attempt_indicator"),
    raw<PdnConnectivityReject>(0x33, F::tlv, "nbifom_container"),
    raw<PdnConnectivityReject>(0x7B, F::tlv_e, "extended_protocol_configuration_options"),
};

using ADR = ActivateDefaultEpsBearerContextRequest;
const auto activate_default_request_ies = std::array{
    typed<ADR, &ADR::transaction_identifier, dec_bytes, enc_bytes>(0x5D, F::tlv, "transaction_identifier"),
    typed<ADR, &ADR::negotiated_qos, dec_bytes, enc_bytes>(0x30, F::tlv, "negotiated_qos"),
    typed<ADR, &ADR::negotiated_llc_sapi, dec_u8, enc_u8>(0x32, F::tv, "negotiated_llc_sapi", 2),
    typed<ADR, &ADR::radio_priority, dec_nibble, enc_nibble>(0x80, F::tv1, "radio_priority"),
    typed<ADR, &ADR::packet_flow_identifier, dec_bytes, enc_bytes>(0x34, F::tlv, "packet_flow_identifier"),
    typed<ADR, &ADR::apn_ambr, dec_bytes, enc_bytes>(0x5E, F::tlv, "apn_ambr"),
    typed<ADR, &ADR::esm_cause, dec_u8, enc_u8>(0x58, F::tv, "esm_cause", 2),
    pco_row<ADR>(),
    raw<ADR>(0xB0, F::tv1, "connectivity_type"),
    raw<ADR>(0xC0, F::tv1, "wlan_offload_indication"),
    raw<ADR>(0x33, F::tlv, "nbifom_container"),
    raw<ADR>(0x66, F::tlv, "header_compression_configuration"),
    raw<ADR>(0x90, F::tv1, "control_plane_only_indication"),
    extended_pco_row<ADR>(),
    raw<ADR>(0x6E, F::tlv, "serving_plmn_rate_control"),
    raw<ADR>(0x5F, F::tlv, "extended_apn_ambr"),
};

using ADA = ActivateDefaultEpsBearerContextAccept;
const auto activate_default_accept_ies = std::array{pco_row<ADA>(), extended_pco_row<ADA>()};

using ADJ = ActivateDefaultEpsBearerContextReject;
const auto activate_default_reject_ies = std::array{
    pco_row<ADJ>(), raw<ADJ>(0x7B, F::tlv_e, "extended_protocol_configuration_options")};

const auto esm_information_response_ies = std::array{
    typed<EsmInformationResponse, &EsmInformationResponse::access_point_name, dec_apn, enc_apn>(
        0x28, F::tlv, "access_point_name"),
    pco_row<EsmInformationResponse>(),
    extended_pco_row<EsmInformationResponse>(),
};

const auto pdn_disconnect_request_ies = std::array{
    pco_row<PdnDisconnectRequest>(),
    raw<PdnDisconnectRequest>(0x7B, F::tlv_e, "extended_protocol_configuration_options"),
};

template <class M>
constexpr std::array<OptionalIeSpec<M>, 0> no_optional_ies{};

}  // namespace

// ---- §8.3.20 PDN CONNECTIVITY REQUEST -------------------------------------------------------
void decode_body(ByteReader& r, PdnConnectivityRequest& m) {
  // Request type (§9.9.4.14) in bits 4–1, PDN type (§9.9.4.10) in bits 8–5.
  const std::uint8_t o = r.u8("PdnConnectivityRequest.request_type");
  m.request_type = o & 0x07;
  m.pdn_type = (o >> 4) & 0x07;
  decode_opt(r, pdn_connectivity_request_ies, m, "PdnConnectivityRequest");
}
void encode_body(const PdnConnectivityRequest& m, ByteWriter& w) {
  w.u8(static_cast<std::uint8_t>(((m.pdn_type & 0x07) << 4) | (m.request_type & 0x07)));
  encode_opt(w, pdn_connectivity_request_ies, m);
}

// ---- §8.3.19 PDN CONNECTIVITY REJECT --------------------------------------------------------
void decode_body(ByteReader& r, PdnConnectivityReject& m) {
  m.esm_cause = r.u8("PdnConnectivityReject.esm_cause");
  decode_opt(r, pdn_connectivity_reject_ies, m, "PdnConnectivityReject");
}
void encode_body(const PdnConnectivityReject& m, ByteWriter& w) {
  w.u8(m.esm_cause);
  encode_opt(w, pdn_connectivity_reject_ies, m);
}

// ---- §8.3.6 ACTIVATE DEFAULT EPS BEARER CONTEXT REQUEST -------------------------------------
void decode_body(ByteReader& r, ActivateDefaultEpsBearerContextRequest& m) {
  {
    ByteReader v = read_lv(r, "ActivateDefaultEpsBearerContextRequest.eps_qos", 1, 14);
    m.eps_qos = decode_eps_qos(v);
  }
  {
    ByteReader v = read_lv(r, "ActivateDefaultEpsBearerContextRequest.access_point_name", 1, 100);
    m.access_point_name = dec_apn(v);
  }
  {
    ByteReader v = read_lv(r, "ActivateDefaultEpsBearerContextRequest.pdn_address", 1, 13);
    m.pdn_address = in_field("ActivateDefaultEpsBearerContextRequest.pdn_address", [&] { return decode_pdn_address(v); });
  }
  decode_opt(r, activate_default_request_ies, m, "ActivateDefaultEpsBearerContextRequest");
}
void encode_body(const ActivateDefaultEpsBearerContextRequest& m, ByteWriter& w) {
  write_lv_of(w, [&](ByteWriter& v) { encode_eps_qos(m.eps_qos, v); });
  write_lv(w, view_of(m.access_point_name.encoded));
  write_lv_of(w, [&](ByteWriter& v) { encode_pdn_address(m.pdn_address, v); });
  encode_opt(w, activate_default_request_ies, m);
}

// ---- §8.3.4 / §8.3.5 ACTIVATE DEFAULT EPS BEARER CONTEXT ACCEPT / REJECT --------------------
void decode_body(ByteReader& r, ActivateDefaultEpsBearerContextAccept& m) {
  decode_opt(r, activate_default_accept_ies, m, "ActivateDefaultEpsBearerContextAccept");
}
void encode_body(const ActivateDefaultEpsBearerContextAccept& m, ByteWriter& w) {
  encode_opt(w, activate_default_accept_ies, m);
}
void decode_body(ByteReader& r, ActivateDefaultEpsBearerContextReject& m) {
  m.esm_cause = r.u8("ActivateDefaultEpsBearerContextReject.esm_cause");
  decode_opt(r, activate_default_reject_ies, m, "ActivateDefaultEpsBearerContextReject");
}
void encode_body(const ActivateDefaultEpsBearerContextReject& m, ByteWriter& w) {
  w.u8(m.esm_cause);
  encode_opt(w, activate_default_reject_ies, m);
}

// ---- §8.3.13 / §8.3.14 ESM INFORMATION REQUEST / RESPONSE -----------------------------------
void decode_body(ByteReader& r, EsmInformationRequest& m) {
  decode_opt(r, no_optional_ies<EsmInformationRequest>, m, "EsmInformationRequest");
}
void encode_body(const EsmInformationRequest& m, ByteWriter& w) {
  encode_opt(w, no_optional_ies<EsmInformationRequest>, m);
}
void decode_body(ByteReader& r, EsmInformationResponse& m) {
  decode_opt(r, esm_information_response_ies, m, "EsmInformationResponse");
}
void encode_body(const EsmInformationResponse& m, ByteWriter& w) { encode_opt(w, esm_information_response_ies, m); }

// ---- §8.3.15 ESM STATUS ---------------------------------------------------------------------
void decode_body(ByteReader& r, EsmStatus& m) {
  m.esm_cause = r.u8("EsmStatus.esm_cause");
  decode_opt(r, no_optional_ies<EsmStatus>, m, "EsmStatus");
}
void encode_body(const EsmStatus& m, ByteWriter& w) {
  w.u8(m.esm_cause);
  encode_opt(w, no_optional_ies<EsmStatus>, m);
}

// ---- §8.3.22 PDN DISCONNECT REQUEST ---------------------------------------------------------
void decode_body(ByteReader& r, PdnDisconnectRequest& m) {
  m.linked_eps_bearer_identity = r.u8("PdnDisconnectRequest.linked_eps_bearer_identity") & 0x0F;
  decode_opt(r, pdn_disconnect_request_ies, m, "PdnDisconnectRequest");
}
void encode_body(const PdnDisconnectRequest& m, ByteWriter& w) {
  w.u8(m.linked_eps_bearer_identity & 0x0F);
  encode_opt(w, pdn_disconnect_request_ies, m);
}

}  // namespace concur::nas::detail
