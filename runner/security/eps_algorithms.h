// The EPS confidentiality and integrity algorithms behind one interface (TS 33.401 5.1.3,
// Annex B): EEA0/EIA0 (null), 128-EEA1/EIA1 (SNOW 3G), 128-EEA2/EIA2 (AES), 128-EEA3/EIA3 (ZUC).
// Inputs are the 33.401 ones: KEY, COUNT (32 bits), BEARER (5 bits), DIRECTION (1 bit) and a
// message of LENGTH bits.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "security/bit_string.h"
#include "security/secret_key.h"

namespace concur::security {

/// Identities as coded in NAS (24.301 9.9.3.23) and in the A.7 KDF input.
enum class CipheringAlgorithm : std::uint8_t { eea0 = 0, eea1 = 1, eea2 = 2, eea3 = 3 };
enum class IntegrityAlgorithm : std::uint8_t { eia0 = 0, eia1 = 1, eia2 = 2, eia3 = 3 };

/// DIRECTION: 0 for uplink, 1 for downlink (33.401 B.1.1 / B.2.1).
enum class Direction : std::uint8_t { uplink = 0, downlink = 1 };

std::string_view name(CipheringAlgorithm a);
std::string_view name(IntegrityAlgorithm a);
/// Values 4..7 exist in NAS (EEA4-7 / EIA4-7) but have no algorithm: nullopt.
std::optional<CipheringAlgorithm> ciphering_algorithm_from_id(std::uint8_t id);
std::optional<IntegrityAlgorithm> integrity_algorithm_from_id(std::uint8_t id);

using Mac32 = std::array<std::uint8_t, 4>;

/// The 32-bit MAC-I / NAS-MAC. EIA0 gives 32 zero bits (33.401 5.1.4.1: "MAC ... set to 0").
Mac32 integrity_mac(IntegrityAlgorithm alg, const Key128& key, std::uint32_t count, std::uint8_t bearer,
                    Direction direction, BitString message);

/// Ciphers or deciphers (the same operation) ceil(bits/8) octets; the unused trailing bits of the
/// last octet are zero. EEA0 returns the input.
Bytes cipher(CipheringAlgorithm alg, const Key128& key, std::uint32_t count, std::uint8_t bearer, Direction direction,
             BitString in);

/// The 128-EIA2 / 128-EEA2 primitives (33.401 B.2.3 / B.1.3), usable on their own.
Mac32 eia2(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction, BitString message);
Bytes eea2(const Key128& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction, BitString in);

}  // namespace concur::security
