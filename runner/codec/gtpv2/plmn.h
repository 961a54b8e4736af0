// PLMN identity as carried in GTPv2-C (TS 29.274 8.18 Serving Network, 8.50 PLMN ID): three octets,
// MCC2|MCC1, MNC1|MCC3 (3-digit MNC) or F|MCC3 (2-digit MNC), MNC3|MNC2 or MNC2|MNC1.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace concur::gtpv2 {

struct PlmnId {
  std::array<std::uint8_t, 3> octets{};

  /// Digits as written by people: mcc "001", mnc "01" or "001". Throws std::invalid_argument.
  static PlmnId from_digits(std::string_view mcc, std::string_view mnc);
  std::string mcc() const;
  std::string mnc() const;
  bool operator==(const PlmnId&) const = default;
};

}  // namespace concur::gtpv2
