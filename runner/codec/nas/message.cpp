#include "codec/nas/message.h"

#include <type_traits>

#include "codec/nas/body_codec.h"
#include "common/byte_writer.h"

namespace concur::nas {

namespace {

template <class T>
concept EsmMessage = requires(const T& m) { m.header.procedure_transaction_identity; };

template <class T>
NasMessage body(ByteReader& r) {
  T m;
  detail::decode_body(r, m);
  return m;
}

template <class T>
T body_esm(ByteReader& r, EsmHeader h) {
  T m;
  m.header = h;
  detail::decode_body(r, m);
  return m;
}

NasMessage unknown(ByteView whole, std::uint8_t pd, std::uint8_t type) {
  return UnknownMessage{pd, type, Bytes(whole.begin(), whole.end())};
}

// §8.2.11: the downlink DETACH REQUEST has only optional IEs after the detach type (EMM cause
// IEI 0x53 first if any), the uplink one a mandatory LV EPS mobile identity whose length is at
// most 11, so the first octet after the detach type tells the two apart.
bool detach_request_is_downlink(const ByteReader& r, const DecodeOptions& o) {
  if (o.direction) return *o.direction == Direction::downlink;
  ByteReader probe = r;
  probe.skip(1, "DetachRequest.detach_type");
  return probe.empty() || probe.peek_u8("DetachRequest") > 11;
}

NasMessage decode_emm(ByteReader& r, ByteView whole, const DecodeOptions& o) {
  const std::uint8_t type = r.u8("message_type");
  using namespace emm_type;
  switch (type) {
    case attach_request: return body<AttachRequest>(r);
    case attach_accept: return body<AttachAccept>(r);
    case attach_complete: return body<AttachComplete>(r);
    case attach_reject: return body<AttachReject>(r);
    case authentication_request: return body<AuthenticationRequest>(r);
    case authentication_response: return body<AuthenticationResponse>(r);
    case authentication_reject: return body<AuthenticationReject>(r);
    case authentication_failure: return body<AuthenticationFailure>(r);
    case security_mode_command: return body<SecurityModeCommand>(r);
    case security_mode_complete: return body<SecurityModeComplete>(r);
    case security_mode_reject: return body<SecurityModeReject>(r);
    case identity_request: return body<IdentityRequest>(r);
    case identity_response: return body<IdentityResponse>(r);
    case tracking_area_update_request: return body<TrackingAreaUpdateRequest>(r);
    case tracking_area_update_accept: return body<TrackingAreaUpdateAccept>(r);
    case tracking_area_update_complete: return body<TrackingAreaUpdateComplete>(r);
    case tracking_area_update_reject: return body<TrackingAreaUpdateReject>(r);
    case extended_service_request: return body<ExtendedServiceRequest>(r);
    case service_reject: return body<ServiceReject>(r);
    case detach_request:
      return detach_request_is_downlink(r, o) ? body<DetachRequestDownlink>(r) : body<DetachRequestUplink>(r);
    case detach_accept: return body<DetachAccept>(r);
    case emm_status: return body<EmmStatus>(r);
    case emm_information: return body<EmmInformation>(r);
    case guti_reallocation_command: return body<GutiReallocationCommand>(r);
    case guti_reallocation_complete: return body<GutiReallocationComplete>(r);
    case downlink_nas_transport: return body<DownlinkNasTransport>(r);
    case uplink_nas_transport: return body<UplinkNasTransport>(r);
    default: r.rest(); return unknown(whole, 0x7, type);
  }
}

NasMessage decode_esm(ByteReader& r, ByteView whole, std::uint8_t octet1) {
  const EsmHeader h{static_cast<std::uint8_t>(octet1 >> 4), r.u8("procedure_transaction_identity")};
  const std::uint8_t type = r.u8("message_type");
  using namespace esm_type;
  switch (type) {
    case pdn_connectivity_request: return body_esm<PdnConnectivityRequest>(r, h);
    case pdn_connectivity_reject: return body_esm<PdnConnectivityReject>(r, h);
    case activate_default_eps_bearer_context_request: return body_esm<ActivateDefaultEpsBearerContextRequest>(r, h);
    case activate_default_eps_bearer_context_accept: return body_esm<ActivateDefaultEpsBearerContextAccept>(r, h);
    case activate_default_eps_bearer_context_reject: return body_esm<ActivateDefaultEpsBearerContextReject>(r, h);
    case esm_information_request: return body_esm<EsmInformationRequest>(r, h);
    case esm_information_response: return body_esm<EsmInformationResponse>(r, h);
    case esm_status: return body_esm<EsmStatus>(r, h);
    case pdn_disconnect_request: return body_esm<PdnDisconnectRequest>(r, h);
    default: r.rest(); return unknown(whole, 0x2, type);
  }
}

}  // namespace

namespace detail {

NasMessage decode_plain(ByteReader& r, const DecodeOptions& options) {
  const std::size_t start = r.offset();
  ByteReader whole_reader = r;
  const ByteView whole = whole_reader.rest();
  const std::uint8_t octet1 = r.u8("protocol_discriminator");
  switch (octet1 & 0x0F) {
    case 0x7:
      if ((octet1 >> 4) != 0) {
        throw_decode("security_header_type", start,
                     "a plain NAS message needs security header type 0, got " + std::to_string(octet1 >> 4));
      }
      return decode_emm(r, whole, options);
    case 0x2: return decode_esm(r, whole, octet1);
    default:
      throw_decode("protocol_discriminator", start,
                   "protocol discriminator " + std::to_string(octet1 & 0x0F) + " is neither EMM (7) nor ESM (2)");
  }
}

}  // namespace detail

Result<NasMessage> decode_message(ByteView plain, const DecodeOptions& options) {
  return decode_guarded([&] {
    ByteReader r(plain);
    return detail::decode_plain(r, options);
  });
}

Result<NasMessage> decode_container(ByteView container, std::size_t base_offset) {
  return decode_guarded([&] {
    ByteReader r(container, base_offset);
    return detail::decode_plain(r, DecodeOptions{});
  });
}

Bytes encode(const NasMessage& message) {
  return std::visit(
      [](const auto& m) -> Bytes {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, UnknownMessage>) {
          return m.bytes;
        } else {
          ByteWriter w;
          if constexpr (EsmMessage<T>) {
            w.u8(static_cast<std::uint8_t>((m.header.eps_bearer_identity << 4) | 0x2));
            w.u8(m.header.procedure_transaction_identity);
          } else {
            w.u8(0x07);  // security header type 0, PD EMM
          }
          w.u8(T::type);
          detail::encode_body(m, w);
          return w.take();
        }
      },
      message);
}

ProtocolDiscriminator protocol_discriminator(const NasMessage& message) {
  return std::visit(
      [](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, UnknownMessage>) {
          return static_cast<ProtocolDiscriminator>(m.protocol_discriminator);
        } else if constexpr (EsmMessage<T>) {
          return ProtocolDiscriminator::esm;
        } else {
          return ProtocolDiscriminator::emm;
        }
      },
      message);
}

std::uint8_t message_type(const NasMessage& message) {
  return std::visit(
      [](const auto& m) -> std::uint8_t {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, UnknownMessage>) {
          return m.message_type;
        } else {
          return T::type;
        }
      },
      message);
}

std::string_view message_name(const NasMessage& message) {
  return message_name(protocol_discriminator(message), message_type(message));
}

}  // namespace concur::nas
