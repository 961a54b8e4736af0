#include "codec/gtpv2/plmn.h"

#include <stdexcept>

namespace concur::gtpv2 {

namespace {
std::uint8_t digit(char c) {
  if (c < '0' || c > '9') throw std::invalid_argument(std::string("PLMN: not a digit: ") + c);
  return static_cast<std::uint8_t>(c - '0');
}
char to_char(std::uint8_t nibble) { return nibble <= 9 ? static_cast<char>('0' + nibble) : '?'; }
}  // namespace

PlmnId PlmnId::from_digits(std::string_view mcc, std::string_view mnc) {
  if (mcc.size() != 3 || (mnc.size() != 2 && mnc.size() != 3)) {
    throw std::invalid_argument("PLMN: MCC needs 3 digits and MNC 2 or 3");
  }
  PlmnId p;
  p.octets[0] = static_cast<std::uint8_t>((digit(mcc[1]) << 4) | digit(mcc[0]));
  if (mnc.size() == 2) {
    p.octets[1] = static_cast<std::uint8_t>(0xF0 | digit(mcc[2]));
    p.octets[2] = static_cast<std::uint8_t>((digit(mnc[1]) << 4) | digit(mnc[0]));
  } else {
    p.octets[1] = static_cast<std::uint8_t>((digit(mnc[0]) << 4) | digit(mcc[2]));
    p.octets[2] = static_cast<std::uint8_t>((digit(mnc[2]) << 4) | digit(mnc[1]));
  }
  return p;
}

std::string PlmnId::mcc() const {
  return {to_char(octets[0] & 0x0f), to_char(octets[0] >> 4), to_char(octets[1] & 0x0f)};
}

std::string PlmnId::mnc() const {
  const std::uint8_t mnc1_or_filler = octets[1] >> 4;
  if (mnc1_or_filler == 0x0f) return {to_char(octets[2] & 0x0f), to_char(octets[2] >> 4)};
  return {to_char(mnc1_or_filler), to_char(octets[2] & 0x0f), to_char(octets[2] >> 4)};
}

}  // namespace concur::gtpv2
