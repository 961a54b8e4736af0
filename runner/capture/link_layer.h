// Link-layer headers down to the network layer: Ethernet II (with 802.1Q / 802.1ad / QinQ
// tags), Linux cooked capture v1 and v2, raw IP, BSD null / loopback.
// Link-type numbers: tcpdump.org/linktypes.html.
#pragma once

#include <cstdint>
#include <optional>

#include "common/byte_reader.h"

namespace concur::capture {

namespace linktype {
constexpr std::uint32_t null_bsd = 0;      ///< 4-octet address family in the capturing host's byte order
constexpr std::uint32_t ethernet = 1;
constexpr std::uint32_t raw_12 = 12;       ///< DLT_RAW on most BSDs, written as-is by some tools
constexpr std::uint32_t raw_14 = 14;       ///< DLT_RAW on OpenBSD
constexpr std::uint32_t raw = 101;         ///< LINKTYPE_RAW
constexpr std::uint32_t loop = 108;        ///< OpenBSD loopback: address family in network byte order
constexpr std::uint32_t linux_sll = 113;
constexpr std::uint32_t ipv4 = 228;
constexpr std::uint32_t ipv6 = 229;
constexpr std::uint32_t linux_sll2 = 276;
}  // namespace linktype

namespace ethertype {
constexpr std::uint16_t ipv4 = 0x0800;
constexpr std::uint16_t ipv6 = 0x86DD;
constexpr std::uint16_t vlan = 0x8100;      ///< IEEE 802.1Q C-tag
constexpr std::uint16_t qinq = 0x88A8;      ///< IEEE 802.1ad S-tag
constexpr std::uint16_t qinq_old = 0x9100;  ///< pre-standard QinQ
}  // namespace ethertype

bool is_supported_linktype(std::uint32_t linktype);

/// Reads the link-layer header (and any VLAN tags) of a frame. Returns the EtherType of the
/// network layer (ipv4 / ipv6) and leaves `r` at its first octet, or nullopt for frames that do
/// not carry IP (ARP, LLC, ...). Throws DecodeFailure on a short or malformed header.
std::optional<std::uint16_t> strip_link_layer(std::uint32_t linktype, ByteReader& r);

}  // namespace concur::capture
