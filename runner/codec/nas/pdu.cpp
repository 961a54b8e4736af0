#include "codec/nas/pdu.h"

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::nas {

namespace {

NasPdu decode_pdu(ByteReader& r, const DecodeOptions& options) {
  NasPdu pdu;
  const std::uint8_t octet1 = r.peek_u8("protocol_discriminator");
  const std::uint8_t pd = octet1 & 0x0F;
  const std::uint8_t sht = octet1 >> 4;
  // ESM messages never carry a security header of their own (§9.3.1: the high nibble is the EBI).
  if (pd == 0x2 || (pd == 0x7 && sht == 0)) {
    pdu.message = detail::decode_plain(r, options);
    return pdu;
  }
  if (pd != 0x7) {
    r.fail("protocol_discriminator", "protocol discriminator " + std::to_string(pd) + " is neither EMM (7) nor ESM (2)");
  }
  pdu.security_header_type = static_cast<SecurityHeaderType>(sht);
  if (sht >= 12) {
    // §8.2.25 / Table 9.3.1: 1100 is the SERVICE REQUEST header; 1101–1111 are read as 1100.
    if (r.remaining() != 4) {
      r.fail("ServiceRequest", "SERVICE REQUEST is 4 octets, got " + std::to_string(r.remaining()));
    }
    r.skip(1, "security_header_type");
    const std::uint8_t ksi_sqn = r.u8("ServiceRequest.ksi_and_sequence_number");
    ServiceRequest sr;
    sr.ksi = ksi_sqn >> 5;
    sr.sequence_number = ksi_sqn & 0x1F;
    sr.short_mac = r.u16("ServiceRequest.short_mac");
    pdu.service_request = sr;
    return pdu;
  }
  if (sht > 5) {
    r.fail("security_header_type", "security header type " + std::to_string(sht) + " is reserved");
  }
  r.skip(1, "security_header_type");
  pdu.mac = r.u32("message_authentication_code");
  pdu.sequence_number = r.u8("sequence_number");
  if (r.empty()) r.fail("nas_message", "a security-protected message needs a NAS message after the sequence number");
  const std::size_t inner_at = r.offset();
  const ByteView inner = r.rest();
  pdu.nas_message.assign(inner.begin(), inner.end());
  const auto type = pdu.security_header_type;
  if (!is_ciphered(type)) {
    ByteReader ir(inner, inner_at);
    pdu.message = detail::decode_plain(ir, options);
  } else if (options.assume_null_ciphering && type != SecurityHeaderType::integrity_protected_partially_ciphered) {
    // A guess (EEA0): octets that do not decode stay "ciphered" rather than failing the PDU.
    ByteReader ir(inner, inner_at);
    try {
      pdu.message = detail::decode_plain(ir, options);
    } catch (const DecodeFailure&) {
      pdu.message.reset();
    }
  }
  return pdu;
}

}  // namespace

Result<NasPdu> decode(ByteView bytes, const DecodeOptions& options) {
  return decode_guarded([&] {
    ByteReader r(bytes);
    return decode_pdu(r, options);
  });
}

Bytes encode(const NasPdu& pdu) {
  const auto sht = static_cast<std::uint8_t>(pdu.security_header_type);
  if (sht == 0) {
    if (!pdu.message) throw std::invalid_argument("plain NAS PDU without a message");
    return encode(*pdu.message);
  }
  ByteWriter w;
  if (sht >= 12) {
    if (!pdu.service_request) throw std::invalid_argument("SERVICE REQUEST header without its fields");
    const auto& sr = *pdu.service_request;
    w.u8(static_cast<std::uint8_t>((sht << 4) | 0x7));
    w.u8(static_cast<std::uint8_t>(((sr.ksi & 0x07) << 5) | (sr.sequence_number & 0x1F)));
    w.u16(sr.short_mac);
    return w.take();
  }
  w.u8(static_cast<std::uint8_t>((sht << 4) | 0x7));
  w.u32(pdu.mac);
  w.u8(pdu.sequence_number);
  if (!pdu.nas_message.empty()) {
    w.bytes(pdu.nas_message);
  } else if (pdu.message) {
    w.bytes(encode(*pdu.message));
  } else {
    throw std::invalid_argument("protected NAS PDU without a NAS message");
  }
  return w.take();
}

NasPdu plain_pdu(NasMessage message) {
  NasPdu pdu;
  pdu.message = std::move(message);
  return pdu;
}

}  // namespace concur::nas
