// One Diameter AVP (RFC 6733 4.1: code, flags V/M/P, 24-bit length, optional Vendor-ID, data padded
// to 4 octets). The data is kept as octets; a grouped AVP's members are decoded on demand with
// members(), so unknown AVPs pass through untouched and re-encoding is byte-identical except for
// padding octets (always written as zero).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codec/diameter/avp_codes.h"
#include "common/byte_reader.h"
#include "common/byte_writer.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::diameter {

inline constexpr std::uint8_t kAvpFlagVendor = 0x80;     // V: Vendor-ID field present
inline constexpr std::uint8_t kAvpFlagMandatory = 0x40;  // M
inline constexpr std::uint8_t kAvpFlagProtected = 0x20;  // P

struct Avp {
  std::uint32_t code = 0;
  std::uint8_t flags = 0;       ///< as on the wire; V decides whether vendor_id is written
  std::uint32_t vendor_id = 0;  ///< meaningful when flags has V
  Bytes data;                   ///< without padding
  /// Where `data` started in the decoded buffer (0 for built AVPs): makes errors inside grouped
  /// AVPs and values point at octets a person can find in a hex dump. Not compared.
  std::size_t data_offset = 0;

  bool vendor_specific() const noexcept { return (flags & kAvpFlagVendor) != 0; }
  bool is(const AvpDef& d) const noexcept { return code == d.code && (vendor_specific() ? vendor_id : 0) == d.vendor; }
  bool operator==(const Avp& o) const {
    return code == o.code && flags == o.flags && (vendor_specific() ? vendor_id == o.vendor_id : true) &&
           data == o.data;
  }
};

// Builders: flags (V, M) come from the definition.
Avp make_avp(const AvpDef& d, Bytes data);
Avp make_u32(const AvpDef& d, std::uint32_t v);
Avp make_u64(const AvpDef& d, std::uint64_t v);
Avp make_text(const AvpDef& d, std::string_view utf8);  ///< UTF8String / DiameterIdentity
Avp make_octets(const AvpDef& d, ByteView octets);
Avp make_grouped(const AvpDef& d, const std::vector<Avp>& members);
/// Address (RFC 6733 4.3.1): address family 1 (IPv4) or 2 (IPv6) and the address, from text.
/// Throws std::invalid_argument for text that is not a numeric address.
Avp make_address(const AvpDef& d, const std::string& ip);

/// Decodes consecutive AVPs until `r` is empty; throws DecodeFailure naming `path`/AVP code and the
/// absolute offset (used inside decode_guarded).
std::vector<Avp> read_avps(ByteReader& r, std::string_view path);
void write_avp(ByteWriter& w, const Avp& a);
void write_avps(ByteWriter& w, const std::vector<Avp>& avps);
Bytes encode_avps(const std::vector<Avp>& avps);

/// The members of a grouped AVP; throws DecodeFailure on malformed members.
std::vector<Avp> members(const Avp& grouped);

// Typed reads of a value; a wrong size throws DecodeFailure naming the AVP and its offset.
std::uint32_t as_u32(const Avp& a);
std::uint64_t as_u64(const Avp& a);
std::string as_text(const Avp& a);
/// Address AVP as numeric text ("127.0.0.1", "::1").
std::string as_address(const Avp& a);
/// The octets, checked to be exactly `n` long (RAND 16, AUTN 16, KASME 32, PLMN 3).
Bytes as_fixed(const Avp& a, std::size_t n, const char* name);

/// First AVP matching `d`, or nullptr.
const Avp* find(const std::vector<Avp>& avps, const AvpDef& d);
/// All AVPs matching `d`, in order.
std::vector<const Avp*> find_all(const std::vector<Avp>& avps, const AvpDef& d);
/// The AVP matching `d` or a DecodeFailure "missing mandatory AVP" at `offset_if_missing`.
const Avp& require(const std::vector<Avp>& avps, const AvpDef& d, std::size_t offset_if_missing);

}  // namespace concur::diameter
