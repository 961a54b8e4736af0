// Internal: per-message body codecs (the octets after the message type) and the LV/LV-E helpers
// they share. The public entry points are in message.h.
#pragma once

#include <cstdint>
#include <string>

#include "codec/nas/emm.h"
#include "codec/nas/esm.h"
#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::nas::detail {

/// An LV IE (1-octet length) whose length must lie in [min, max]; returns a reader over the value.
inline ByteReader read_lv(ByteReader& r, const std::string& field, std::size_t min, std::size_t max) {
  const std::size_t at = r.offset();
  const std::size_t len = r.u8(field + ".length");
  if (len < min || len > max) {
    throw_decode(field + ".length", at,
                 "length " + std::to_string(len) + " outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return r.sub(len, field);
}

/// An LV-E IE (2-octet length).
inline ByteReader read_lv_e(ByteReader& r, const std::string& field, std::size_t min, std::size_t max) {
  const std::size_t at = r.offset();
  const std::size_t len = r.u16(field + ".length");
  if (len < min || len > max) {
    throw_decode(field + ".length", at,
                 "length " + std::to_string(len) + " outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return r.sub(len, field);
}

/// A value decoder must consume its whole LV value; leftover octets mean an overlong IE.
inline void expect_consumed(const ByteReader& v, const std::string& field) {
  if (!v.empty()) throw_decode(field, v.offset(), std::to_string(v.remaining()) + " octet(s) too long");
}

/// Runs `dec` on the value reader and prefixes errors with `field` (offsets stay absolute).
template <class F>
auto in_field(const std::string& field, F&& dec) {
  try {
    return dec();
  } catch (const DecodeFailure& e) {
    if (e.error().field.rfind(field, 0) == 0) throw;
    throw_decode(field + "." + e.error().field, e.error().offset, e.error().reason);
  }
}

inline void write_lv(ByteWriter& w, ByteView value) {
  if (value.size() > 255) throw std::invalid_argument("LV value longer than 255 octets");
  w.u8(static_cast<std::uint8_t>(value.size()));
  w.bytes(value);
}

inline void write_lv_e(ByteWriter& w, ByteView value) {
  if (value.size() > 65535) throw std::invalid_argument("LV-E value longer than 65535 octets");
  w.u16(static_cast<std::uint16_t>(value.size()));
  w.bytes(value);
}

/// Encodes with `enc` into a scratch writer and writes the result as LV.
template <class F>
void write_lv_of(ByteWriter& w, F&& enc) {
  ByteWriter v;
  enc(v);
  write_lv(w, view_of(v.data()));
}

#define CONCUR_NAS_BODY(T)                      \
  void decode_body(ByteReader& r, T& m);        \
  void encode_body(const T& m, ByteWriter& w);

CONCUR_NAS_BODY(AttachRequest)
CONCUR_NAS_BODY(AttachAccept)
CONCUR_NAS_BODY(AttachComplete)
CONCUR_NAS_BODY(AttachReject)
CONCUR_NAS_BODY(AuthenticationRequest)
CONCUR_NAS_BODY(AuthenticationResponse)
CONCUR_NAS_BODY(AuthenticationReject)
CONCUR_NAS_BODY(AuthenticationFailure)
CONCUR_NAS_BODY(SecurityModeCommand)
CONCUR_NAS_BODY(SecurityModeComplete)
CONCUR_NAS_BODY(SecurityModeReject)
CONCUR_NAS_BODY(IdentityRequest)
CONCUR_NAS_BODY(IdentityResponse)
CONCUR_NAS_BODY(TrackingAreaUpdateRequest)
CONCUR_NAS_BODY(TrackingAreaUpdateAccept)
CONCUR_NAS_BODY(TrackingAreaUpdateComplete)
CONCUR_NAS_BODY(TrackingAreaUpdateReject)
CONCUR_NAS_BODY(ExtendedServiceRequest)
CONCUR_NAS_BODY(ServiceReject)
CONCUR_NAS_BODY(DetachRequestUplink)
CONCUR_NAS_BODY(DetachRequestDownlink)
CONCUR_NAS_BODY(DetachAccept)
CONCUR_NAS_BODY(EmmStatus)
CONCUR_NAS_BODY(EmmInformation)
CONCUR_NAS_BODY(GutiReallocationCommand)
CONCUR_NAS_BODY(GutiReallocationComplete)
CONCUR_NAS_BODY(DownlinkNasTransport)
CONCUR_NAS_BODY(UplinkNasTransport)
CONCUR_NAS_BODY(PdnConnectivityRequest)
CONCUR_NAS_BODY(PdnConnectivityReject)
CONCUR_NAS_BODY(ActivateDefaultEpsBearerContextRequest)
CONCUR_NAS_BODY(ActivateDefaultEpsBearerContextAccept)
CONCUR_NAS_BODY(ActivateDefaultEpsBearerContextReject)
CONCUR_NAS_BODY(EsmInformationRequest)
CONCUR_NAS_BODY(EsmInformationResponse)
CONCUR_NAS_BODY(EsmStatus)
CONCUR_NAS_BODY(PdnDisconnectRequest)

#undef CONCUR_NAS_BODY

}  // namespace concur::nas::detail
