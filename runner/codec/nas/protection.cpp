#include "codec/nas/protection.h"

#include <stdexcept>

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::nas {

namespace {

std::uint32_t mac_as_u32(const std::array<std::uint8_t, 4>& m) {
  return (std::uint32_t{m[0]} << 24) | (std::uint32_t{m[1]} << 16) | (std::uint32_t{m[2]} << 8) | m[3];
}

}  // namespace

Bytes protect(const NasMessage& plain, SecurityHeaderType header_type, std::uint32_t count, Direction direction,
              NasSecurityHook& hook) {
  const auto sht = static_cast<std::uint8_t>(header_type);
  if (sht < 1 || sht > 4) throw std::invalid_argument("protect() builds security header types 1 to 4");
  // COUNT is 24 significant bits (§4.4.3.1): the top octet of the 32-bit input is zero.
  count &= 0x00FFFFFF;
  const Bytes message = encode(plain);
  ByteWriter tail;  // SQN || NAS message, the MAC input (octets 6..n)
  tail.u8(static_cast<std::uint8_t>(count & 0xFF));
  if (is_ciphered(header_type)) {
    const Bytes ciphered = hook.cipher(count, direction, view_of(message));
    if (ciphered.size() != message.size()) throw std::logic_error("NasSecurityHook::cipher changed the length");
    tail.bytes(ciphered);
  } else {
    tail.bytes(message);
  }
  const auto mac = hook.mac(count, direction, view_of(tail.data()));
  ByteWriter w;
  w.u8(static_cast<std::uint8_t>((sht << 4) | 0x7));
  w.bytes(ByteView(mac.data(), mac.size()));
  w.bytes(view_of(tail.data()));
  return w.take();
}

std::uint32_t estimate_count(std::uint32_t expected_count, std::uint8_t sequence_number) {
  expected_count &= 0x00FFFFFF;
  std::uint32_t overflow = expected_count & 0x00FFFF00;
  if (sequence_number < (expected_count & 0xFF)) overflow = (overflow + 0x100) & 0x00FFFF00;
  return overflow | sequence_number;
}

std::uint32_t estimate_service_request_count(std::uint32_t expected_count, std::uint8_t short_sequence_number) {
  expected_count &= 0x00FFFFFF;
  short_sequence_number &= 0x1F;
  std::uint32_t high = expected_count & 0x00FFFFE0;
  if (short_sequence_number < (expected_count & 0x1F)) high = (high + 0x20) & 0x00FFFFE0;
  return high | short_sequence_number;
}

Result<Unprotected> unprotect(ByteView bytes, Direction direction, std::uint32_t expected_count, NasSecurityHook& hook,
                              const DecodeOptions& options) {
  return decode_guarded([&]() -> Unprotected {
    // The outer layer first, without touching the (possibly ciphered) NAS message.
    DecodeOptions outer_only = options;
    outer_only.assume_null_ciphering = false;
    auto outer = decode(bytes, outer_only);
    if (!outer) throw DecodeFailure(outer.error());
    Unprotected u;
    u.pdu = std::move(outer.value());
    const auto sht = static_cast<std::uint8_t>(u.pdu.security_header_type);
    if (sht == 0) {
      u.count = expected_count;
      return u;
    }
    if (sht < 1 || sht > 4) {
      throw_decode("security_header_type", 0, "unprotect() handles security header types 1 to 4, got " + std::to_string(sht));
    }
    u.count = estimate_count(expected_count, u.pdu.sequence_number);
    u.expected_mac = hook.mac(u.count, direction, bytes.subspan(5));
    u.mac_valid = mac_as_u32(u.expected_mac) == u.pdu.mac;
    if (is_ciphered(u.pdu.security_header_type)) {
      const Bytes plain = hook.cipher(u.count, direction, view_of(u.pdu.nas_message));
      ByteReader r(view_of(plain), 6);
      u.pdu.message = detail::decode_plain(r, options);
    }
    return u;
  });
}

Bytes protect_service_request(std::uint8_t ksi, std::uint32_t count, NasSecurityHook& hook) {
  count &= 0x00FFFFFF;
  ByteWriter w;
  w.u8(0xC7);  // security header type 1100, PD EMM
  w.u8(static_cast<std::uint8_t>(((ksi & 0x07) << 5) | (count & 0x1F)));
  const auto mac = hook.mac(count, Direction::uplink, view_of(w.data()));
  w.u8(mac[2]);  // short MAC: the 2 least significant octets of the MAC (§9.9.3.28)
  w.u8(mac[3]);
  return w.take();
}

Result<bool> verify_service_request(ByteView bytes, std::uint32_t expected_count, NasSecurityHook& hook) {
  return decode_guarded([&] {
    auto pdu = decode(bytes);
    if (!pdu) throw DecodeFailure(pdu.error());
    if (!pdu->service_request) throw_decode("security_header_type", 0, "not a SERVICE REQUEST");
    const auto& sr = *pdu->service_request;
    const std::uint32_t count = estimate_service_request_count(expected_count, sr.sequence_number);
    const auto mac = hook.mac(count, Direction::uplink, bytes.first(2));
    return sr.short_mac == static_cast<std::uint16_t>((mac[2] << 8) | mac[3]);
  });
}

}  // namespace concur::nas
