#include "codec/s1ap/asn_support.h"

#include <cstring>
#include <new>

namespace concur::s1ap::detail {

void fail(std::string field, std::size_t offset, std::string reason) {
  throw_decode(std::move(field), offset, std::move(reason));
}

Bytes encode_as(asn_TYPE_descriptor_t& td, const void* value, std::string_view path) {
  // The aligned-PER walker reads descriptors directly; see resolve_inherited_descriptors().
  asn::resolve_inherited_descriptors();
  Result<Bytes> r = aper::encode(td, value);
  if (!r.ok()) {
    const DecodeError& e = r.error();
    fail(std::string(path) + (e.field.empty() ? "" : "." + e.field), e.offset, "cannot encode: " + e.reason);
  }
  return std::move(r).value();
}

void set_octets(OCTET_STRING_t& os, ByteView bytes) {
  // OCTET_STRING_fromBuf wants a non-null pointer even for an empty string.
  static const char empty = 0;
  const char* p = bytes.empty() ? &empty : reinterpret_cast<const char*>(bytes.data());
  if (OCTET_STRING_fromBuf(&os, p, static_cast<int>(bytes.size())) != 0) throw std::bad_alloc();
}

Bytes octets(const OCTET_STRING_t& os) {
  if (os.size <= 0 || os.buf == nullptr) return {};
  return Bytes(os.buf, os.buf + os.size);
}

OCTET_STRING_t* new_octets(ByteView bytes) {
  auto* os = new_zeroed<OCTET_STRING_t>();
  set_octets(*os, bytes);
  return os;
}

void set_u32_octets(OCTET_STRING_t& os, std::uint32_t v, std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[n - 1 - i] = static_cast<std::uint8_t>(v >> (8 * i));
  set_octets(os, b);
}

std::uint32_t u32_of_octets(const OCTET_STRING_t& os, std::string_view field) {
  if (os.size < 0 || os.size > 4) fail(std::string(field), 0, "expected at most 4 octets, got " + std::to_string(os.size));
  std::uint32_t v = 0;
  for (int i = 0; i < os.size; ++i) v = (v << 8) | os.buf[i];
  return v;
}

void set_bits(BIT_STRING_t& bs, std::uint64_t v, std::size_t nbits) {
  const std::size_t n = (nbits + 7) / 8;
  bs.buf = static_cast<uint8_t*>(std::calloc(n ? n : 1, 1));
  if (!bs.buf) throw std::bad_alloc();
  bs.size = static_cast<int>(n);
  bs.bits_unused = static_cast<int>(n * 8 - nbits);
  const std::uint64_t shifted = v << bs.bits_unused;  // left-aligned in the octets
  for (std::size_t i = 0; i < n; ++i) bs.buf[n - 1 - i] = static_cast<std::uint8_t>(shifted >> (8 * i));
}

std::uint64_t bits_value(const BIT_STRING_t& bs) {
  std::uint64_t v = 0;
  for (int i = 0; i < bs.size && i < 8; ++i) v = (v << 8) | bs.buf[i];
  return v >> bs.bits_unused;
}

void set_bit_octets(BIT_STRING_t& bs, ByteView bytes) {
  bs.buf = static_cast<uint8_t*>(std::calloc(bytes.empty() ? 1 : bytes.size(), 1));
  if (!bs.buf) throw std::bad_alloc();
  if (!bytes.empty()) std::memcpy(bs.buf, bytes.data(), bytes.size());
  bs.size = static_cast<int>(bytes.size());
  bs.bits_unused = 0;
}

Bytes bit_octets(const BIT_STRING_t& bs) {
  if (bs.size <= 0 || bs.buf == nullptr) return {};
  return Bytes(bs.buf, bs.buf + bs.size);
}

BIT_STRING_t* new_bit_octets(ByteView bytes) {
  auto* bs = new_zeroed<BIT_STRING_t>();
  set_bit_octets(*bs, bytes);
  return bs;
}

void set_integer(INTEGER_t& i, std::uint64_t v) {
  if (asn_ulong2INTEGER(&i, static_cast<unsigned long>(v)) != 0) throw std::bad_alloc();
}

std::uint64_t integer_value(const INTEGER_t& i, std::string_view field) {
  unsigned long v = 0;
  if (asn_INTEGER2ulong(&i, &v) != 0) fail(std::string(field), 0, "integer out of range");
  return v;
}

Plmn plmn_of(const OCTET_STRING_t& os, std::string_view field) {
  if (os.size != 3) fail(std::string(field), 0, "PLMN identity must be 3 octets, got " + std::to_string(os.size));
  return {os.buf[0], os.buf[1], os.buf[2]};
}

void set_plmn(OCTET_STRING_t& os, const Plmn& p) { set_octets(os, ByteView(p.data(), p.size())); }

}  // namespace concur::s1ap::detail
