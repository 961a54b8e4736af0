// Byte containers and hex helpers shared by every layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concur {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

/// Lower-case hex without separators; at most `max_octets` octets, then "…" when cut.
std::string to_hex(ByteView bytes, std::size_t max_octets = SIZE_MAX);

/// Parses hex (upper or lower case; spaces, ':' and '-' between octets are ignored).
/// Throws std::invalid_argument naming the offending character position.
Bytes from_hex(std::string_view hex);

inline ByteView view_of(const Bytes& b) { return ByteView(b.data(), b.size()); }

}  // namespace concur
