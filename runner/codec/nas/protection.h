// NAS message protection plumbing (TS 24.301 §4.4.3, §9.1; TS 33.401 §8). The codec frames and
// sequences; the cryptography comes from above through NasSecurityHook (runner/security/
// implements it with EIA/EEA), so the codec never depends on the security layer.
//   - COUNT = overflow(16) << 8 | SQN(8), as a 32-bit input with the top 8 bits zero (§4.4.3.1)
//   - BEARER = 0 for NAS; DIRECTION 0 uplink, 1 downlink
//   - cipher first (octets 7..n), then MAC over SQN || NAS message (octets 6..n)
#pragma once

#include <array>
#include <cstdint>

#include "codec/nas/constants.h"
#include "codec/nas/message.h"
#include "codec/nas/pdu.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::nas {

class NasSecurityHook {
 public:
  virtual ~NasSecurityHook() = default;
  /// The 32-bit NAS-MAC of the selected EIA over `message` (BEARER 0). EIA0 returns zeros.
  virtual std::array<std::uint8_t, 4> mac(std::uint32_t count, Direction direction, ByteView message) = 0;
  /// The selected EEA applied to `message` (BEARER 0). Stream ciphers: the same call deciphers.
  virtual Bytes cipher(std::uint32_t count, Direction direction, ByteView message) = 0;
};

/// Builds a security-protected PDU of header type 1–4 around `plain` with NAS COUNT `count`.
/// Throws std::invalid_argument for header types 0, 5 or 12–15 (use protect_service_request).
Bytes protect(const NasMessage& plain, SecurityHeaderType header_type, std::uint32_t count, Direction direction,
              NasSecurityHook& hook);

/// The COUNT a receiver assumes for a received 8-bit sequence number, given the COUNT it expects
/// next: same overflow if the SQN did not wrap, overflow + 1 if it did (§4.4.3.1).
std::uint32_t estimate_count(std::uint32_t expected_count, std::uint8_t sequence_number);

struct Unprotected {
  NasPdu pdu;               ///< with `message` filled from the deciphered octets
  std::uint32_t count = 0;  ///< the COUNT used for MAC and deciphering
  bool mac_valid = false;
  std::array<std::uint8_t, 4> expected_mac{};
};

/// Verifies and deciphers a PDU of header type 1–4 (plain PDUs come back with mac_valid = false
/// and count = expected_count). A MAC mismatch is reported in `mac_valid`, not as an error: the
/// monitor decides what a failed check means. Deciphered octets that do not decode are an error.
Result<Unprotected> unprotect(ByteView bytes, Direction direction, std::uint32_t expected_count, NasSecurityHook& hook,
                              const DecodeOptions& options = {});

/// §8.2.25 SERVICE REQUEST with KSI and the 5-bit sequence number of `count`; short MAC = the
/// 2 least significant octets of the MAC over octets 1–2 (§9.9.3.28).
Bytes protect_service_request(std::uint8_t ksi, std::uint32_t count, NasSecurityHook& hook);

/// The COUNT for a 5-bit SERVICE REQUEST sequence number (same rule as estimate_count, 5 bits).
std::uint32_t estimate_service_request_count(std::uint32_t expected_count, std::uint8_t short_sequence_number);

/// Decodes a 4-octet SERVICE REQUEST and tells whether its short MAC matches the hook's MAC over
/// its octets 1–2 with the estimated uplink COUNT.
Result<bool> verify_service_request(ByteView bytes, std::uint32_t expected_count, NasSecurityHook& hook);

}  // namespace concur::nas
