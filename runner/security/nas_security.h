// NAS message protection on raw octets (TS 24.301 4.4.3-4.4.5, 9.1-9.2; TS 33.401 8):
//   octet 1      security header type (bits 8-5) | protocol discriminator 7 (bits 4-1)
//   octets 2-5   MAC over octet 6 onward (sequence number || [ciphered] NAS message)
//   octet 6      sequence number = NAS COUNT mod 256
//   octets 7..n  the plain NAS message, ciphered for header types 2 and 4
// COUNT = 0^8 || overflow(16) || SQN(8); BEARER = 0; DIRECTION 0 uplink / 1 downlink.
// The NAS codec calls nas_mac/nas_cipher through its own hook, or protect/verify for whole PDUs;
// nothing here needs a NAS decoder.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/decode_error.h"
#include "security/eps_algorithms.h"
#include "security/kdf.h"

namespace concur::security {

inline constexpr std::uint8_t kNasBearer = 0;
inline constexpr std::uint8_t kProtocolDiscriminatorEmm = 0x7;

/// TS 24.301 Table 9.3.1.
enum class SecurityHeaderType : std::uint8_t {
  plain = 0,
  integrity_protected = 1,
  integrity_protected_ciphered = 2,
  integrity_protected_new_context = 3,          ///< only SECURITY MODE COMMAND
  integrity_protected_ciphered_new_context = 4, ///< only SECURITY MODE COMPLETE
  integrity_protected_partially_ciphered = 5,   ///< only CONTROL PLANE SERVICE REQUEST
  service_request = 12,                          ///< 13-15 are read as 12
};

bool is_ciphered(SecurityHeaderType t);
std::string_view name(SecurityHeaderType t);

/// The 32-bit NAS-MAC over `sqn_and_message` (octet 6 onward of the protected PDU).
Mac32 nas_mac(IntegrityAlgorithm alg, const Key128& k_nas_int, std::uint32_t count, Direction direction,
              ByteView sqn_and_message);
/// Ciphers or deciphers a plain NAS message (octet 7 onward).
Bytes nas_cipher(CipheringAlgorithm alg, const Key128& k_nas_enc, std::uint32_t count, Direction direction,
                 ByteView message);

/// NAS COUNT helpers (24.301 4.4.3.1): 24 significant bits, wrapping from 0xFFFFFF to 0.
inline constexpr std::uint32_t kNasCountMask = 0x00FFFFFF;
inline std::uint32_t nas_count(std::uint16_t overflow, std::uint8_t sqn) { return (std::uint32_t{overflow} << 8) | sqn; }
/// The COUNT of a received message from its 8-bit SQN, given the COUNT the receiver expects
/// next: the overflow is the expected one, plus one if the SQN is below the expected SQN.
std::uint32_t estimate_nas_count(std::uint32_t next_expected, std::uint8_t received_sqn);
/// The same for the 5-bit sequence number of the SERVICE REQUEST (24.301 9.9.3.19).
std::uint32_t estimate_nas_count_5bit(std::uint32_t next_expected, std::uint8_t received_sqn5);

/// One EPS NAS security context: eKSI, KASME, selected algorithms, the derived NAS keys and the
/// two NAS COUNTs (each the COUNT of the next message in that direction, sent or expected).
class NasSecurityContext {
 public:
  /// `ksi` 0..6; `mapped` is the TSC bit (24.301 9.9.3.21): false for a native context.
  NasSecurityContext(std::uint8_t ksi, const Key256& kasme, CipheringAlgorithm eea, IntegrityAlgorithm eia,
                     bool mapped = false);

  std::uint8_t ksi() const noexcept { return ksi_; }
  bool mapped() const noexcept { return mapped_; }
  const Key256& kasme() const noexcept { return kasme_; }
  CipheringAlgorithm eea() const noexcept { return eea_; }
  IntegrityAlgorithm eia() const noexcept { return eia_; }
  const Key128& k_nas_enc() const noexcept { return k_nas_enc_; }
  const Key128& k_nas_int() const noexcept { return k_nas_int_; }

  std::uint32_t next_count(Direction d) const noexcept { return count_[static_cast<int>(d)]; }
  void set_next_count(Direction d, std::uint32_t c) noexcept { count_[static_cast<int>(d)] = c & kNasCountMask; }
  /// The uplink NAS COUNT of the last message received or sent uplink (KeNB input, A.3).
  std::uint32_t last_uplink_count() const noexcept { return (count_[0] - 1) & kNasCountMask; }

 private:
  std::uint8_t ksi_;
  bool mapped_;
  Key256 kasme_;
  CipheringAlgorithm eea_;
  IntegrityAlgorithm eia_;
  Key128 k_nas_enc_;
  Key128 k_nas_int_;
  std::uint32_t count_[2] = {0, 0};
};

/// Protects a plain NAS message for sending in `direction` with header type 1-4, using and then
/// advancing the context's COUNT for that direction.
Bytes protect(NasSecurityContext& ctx, Direction direction, SecurityHeaderType type, ByteView plain_message);

struct VerifiedNas {
  SecurityHeaderType header_type = SecurityHeaderType::plain;
  std::uint32_t count = 0;       ///< the estimated NAS COUNT the MAC was checked with
  bool mac_valid = false;        ///< always true under EIA0, whose MAC is not checked
  Mac32 received_mac{};          ///< for SERVICE REQUEST: the short MAC in the last 2 octets
  Mac32 expected_mac{};
  Bytes message;                 ///< the plain NAS message (deciphered when needed); empty for SERVICE REQUEST
};

/// Parses and checks a security-protected NAS PDU received in `direction`, estimating COUNT from
/// `next_expected`. Malformed input (short, wrong protocol discriminator, plain, reserved or
/// unsupported header type) is a DecodeError naming the field and its offset. A MAC mismatch is
/// not an error: it is reported in VerifiedNas::mac_valid.
Result<VerifiedNas> verify_at(const NasSecurityContext& ctx, Direction direction, ByteView pdu,
                              std::uint32_t next_expected);
/// verify_at with the context's expected COUNT; on a valid MAC the expected COUNT moves past it.
Result<VerifiedNas> verify(NasSecurityContext& ctx, Direction direction, ByteView pdu);

/// The native EPS NAS security contexts of one UE, keyed by eKSI: at most one is current; the
/// others are non-current (e.g. the new context between AKA and SMC, or the old one after it).
class NasContextStore {
 public:
  /// Stores a context as non-current (replacing one with the same eKSI).
  void store(NasSecurityContext ctx);
  /// SECURITY MODE COMMAND accepted: the context with `ksi` becomes current. False if unknown.
  bool take_into_use(std::uint8_t ksi);
  void remove(std::uint8_t ksi);

  NasSecurityContext* current();
  NasSecurityContext* find(std::uint8_t ksi);
  /// The context a received PDU of header type `t` is protected with: for types 3 and 4 (SMC and
  /// SMC COMPLETE, 24.301 4.4.2/9.3.1) the new context named by the eKSI of the SMC, or, without
  /// one, the only non-current context; for the other types the current context. nullptr if none.
  NasSecurityContext* for_header_type(SecurityHeaderType t, std::optional<std::uint8_t> smc_ksi = std::nullopt);
  std::optional<std::uint8_t> current_ksi() const noexcept { return current_; }
  std::size_t size() const noexcept { return contexts_.size(); }

 private:
  std::map<std::uint8_t, NasSecurityContext> contexts_;
  std::optional<std::uint8_t> current_;
};

}  // namespace concur::security
