#include "common/bytes.h"

#include <stdexcept>

namespace concur {

std::string to_hex(ByteView bytes, std::size_t max_octets) {
  static constexpr char digits[] = "0123456789abcdef";
  const std::size_t n = bytes.size() < max_octets ? bytes.size() : max_octets;
  std::string out;
  out.reserve(n * 2 + 3);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 0x0f]);
  }
  if (n < bytes.size()) out += "…";
  return out;
}

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Bytes from_hex(std::string_view hex) {
  Bytes out;
  int high = -1;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    const char c = hex[i];
    if (c == ' ' || c == ':' || c == '-' || c == '\n' || c == '\t') {
      if (high >= 0) throw std::invalid_argument("hex: odd digit before separator at position " + std::to_string(i));
      continue;
    }
    const int v = nibble(c);
    if (v < 0) throw std::invalid_argument("hex: not a hex digit at position " + std::to_string(i));
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>((high << 4) | v));
      high = -1;
    }
  }
  if (high >= 0) throw std::invalid_argument("hex: odd number of digits");
  return out;
}

}  // namespace concur
