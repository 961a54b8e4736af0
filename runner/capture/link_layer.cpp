#include "capture/link_layer.h"

namespace concur::capture {
namespace {

constexpr int kMaxVlanTags = 8;  // more than any real stack; bounds the loop on hostile input

std::optional<std::uint16_t> ip_by_version(ByteReader& r) {
  const std::uint8_t version = r.peek_u8("ip.version") >> 4;
  if (version == 4) return ethertype::ipv4;
  if (version == 6) return ethertype::ipv6;
  r.fail("ip.version", "raw IP frame has version " + std::to_string(version));
}

/// Follows VLAN tags: each is TCI (2 octets) then the next EtherType.
std::optional<std::uint16_t> after_tags(std::uint16_t type, ByteReader& r) {
  for (int tags = 0; type == ethertype::vlan || type == ethertype::qinq || type == ethertype::qinq_old; ++tags) {
    if (tags == kMaxVlanTags) r.fail("vlan.etype", "more than 8 VLAN tags");
    r.skip(2, "vlan.tci");
    type = r.u16("vlan.etype");
  }
  if (type == ethertype::ipv4 || type == ethertype::ipv6) return type;
  return std::nullopt;
}

/// BSD address families for IPv6 differ per OS (Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30).
std::optional<std::uint16_t> by_address_family(std::uint32_t family) {
  if (family == 2) return ethertype::ipv4;
  if (family == 10 || family == 24 || family == 28 || family == 30) return ethertype::ipv6;
  return std::nullopt;
}

}  // namespace

bool is_supported_linktype(std::uint32_t lt) {
  switch (lt) {
    case linktype::null_bsd: case linktype::ethernet: case linktype::raw_12: case linktype::raw_14:
    case linktype::raw: case linktype::loop: case linktype::linux_sll: case linktype::ipv4:
    case linktype::ipv6: case linktype::linux_sll2:
      return true;
    default:
      return false;
  }
}

std::optional<std::uint16_t> strip_link_layer(std::uint32_t lt, ByteReader& r) {
  switch (lt) {
    case linktype::ethernet: {
      r.skip(12, "eth.addresses");
      const std::uint16_t type = r.u16("eth.type");
      if (type <= 1500) return std::nullopt;  // IEEE 802.3 length field: LLC follows, not IP
      return after_tags(type, r);
    }
    case linktype::linux_sll: {
      // packet type (2), ARPHRD type (2), address length (2), address (8), protocol (2)
      r.skip(14, "sll.header");
      return after_tags(r.u16("sll.protocol"), r);
    }
    case linktype::linux_sll2: {
      // protocol (2), reserved (2), interface index (4), ARPHRD (2), packet type (1), address length (1), address (8)
      const std::uint16_t type = r.u16("sll2.protocol");
      r.skip(18, "sll2.header");
      return after_tags(type, r);
    }
    case linktype::raw_12:
    case linktype::raw_14:
    case linktype::raw:
      return ip_by_version(r);
    case linktype::ipv4:
      return ethertype::ipv4;
    case linktype::ipv6:
      return ethertype::ipv6;
    case linktype::null_bsd: {
      ByteView family = r.view(4, "null.family");
      // Host byte order of the capturing machine: the family is small, so a zero first half means big-endian.
      const std::uint32_t be = (std::uint32_t{family[0]} << 24) | (std::uint32_t{family[1]} << 16) | (family[2] << 8) | family[3];
      const std::uint32_t le = (std::uint32_t{family[3]} << 24) | (std::uint32_t{family[2]} << 16) | (family[1] << 8) | family[0];
      return by_address_family((family[0] == 0 && family[1] == 0) ? be : le);
    }
    case linktype::loop:
      return by_address_family(r.u32("loop.family"));
    default:
      r.fail("linktype", "unsupported link type " + std::to_string(lt));
  }
}

}  // namespace concur::capture
