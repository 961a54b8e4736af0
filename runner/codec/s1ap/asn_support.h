// Codec-internal glue between asn1c 0.9.28 structures and the domain types. Never include this
// from a public header: it pulls in generated types.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <BIT_STRING.h>
#include <INTEGER.h>
#include <OCTET_STRING.h>
#include <asn_SEQUENCE_OF.h>
#include <constr_TYPE.h>

#include "codec/s1ap/aper/aper.h"
#include "codec/s1ap/types.h"
#include "common/bytes.h"
#include "common/decode_error.h"
#include "s1ap_tables.h"

namespace concur::s1ap::detail {

/// A heap structure of type `td` that frees itself (decode results and encode inputs).
template <class T>
class Owned {
 public:
  explicit Owned(asn_TYPE_descriptor_t& td) : td_(&td), p_(static_cast<T*>(std::calloc(1, sizeof(T)))) {
    if (!p_) throw std::bad_alloc();
  }
  Owned(asn_TYPE_descriptor_t& td, void* p) : td_(&td), p_(static_cast<T*>(p)) {}
  Owned(Owned&& o) noexcept : td_(o.td_), p_(std::exchange(o.p_, nullptr)) {}
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  Owned& operator=(Owned&&) = delete;
  ~Owned() {
    if (p_) td_->free_struct(td_, p_, 0);
  }
  T* get() const { return p_; }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }
  asn_TYPE_descriptor_t& td() const { return *td_; }

 private:
  asn_TYPE_descriptor_t* td_;
  T* p_;
};

/// Throws DecodeFailure (the codec's internal error path; public functions return Result).
[[noreturn]] void fail(std::string field, std::size_t offset, std::string reason);

/// Decodes `in` as `td`; errors get `path` prepended and `base` added to their offset.
template <class T>
Owned<T> decode_as(asn_TYPE_descriptor_t& td, ByteView in, std::size_t base, std::string_view path) {
  asn::resolve_inherited_descriptors();
  Result<void*> r = aper::decode(td, in);
  if (!r.ok()) {
    DecodeError e = r.error();
    fail(std::string(path) + (e.field.empty() ? "" : "." + e.field), base + e.offset, e.reason);
  }
  return Owned<T>(td, r.value());
}

/// Encodes `value` as `td`; errors get `path` prepended.
Bytes encode_as(asn_TYPE_descriptor_t& td, const void* value, std::string_view path);

// OCTET STRING / BIT STRING / INTEGER helpers -------------------------------------------------
void set_octets(OCTET_STRING_t& os, ByteView bytes);
Bytes octets(const OCTET_STRING_t& os);
/// Allocates a new OCTET STRING holding `bytes` (for OPTIONAL members).
OCTET_STRING_t* new_octets(ByteView bytes);
void set_u32_octets(OCTET_STRING_t& os, std::uint32_t v, std::size_t n);  ///< big-endian, n octets
std::uint32_t u32_of_octets(const OCTET_STRING_t& os, std::string_view field);

/// BIT STRING of `nbits` bits holding the `nbits` least significant bits of `v`.
void set_bits(BIT_STRING_t& bs, std::uint64_t v, std::size_t nbits);
std::uint64_t bits_value(const BIT_STRING_t& bs);
/// BIT STRING made of whole octets.
void set_bit_octets(BIT_STRING_t& bs, ByteView bytes);
Bytes bit_octets(const BIT_STRING_t& bs);
BIT_STRING_t* new_bit_octets(ByteView bytes);

void set_integer(INTEGER_t& i, std::uint64_t v);
std::uint64_t integer_value(const INTEGER_t& i, std::string_view field);

Plmn plmn_of(const OCTET_STRING_t& os, std::string_view field);
void set_plmn(OCTET_STRING_t& os, const Plmn& p);

/// Appends a calloc'ed element to an asn1c SEQUENCE OF.
template <class Elem, class List>
Elem& add_element(List& list) {
  auto* e = static_cast<Elem*>(std::calloc(1, sizeof(Elem)));
  if (!e) throw std::bad_alloc();
  if (ASN_SEQUENCE_ADD(&list, e) != 0) {
    std::free(e);
    throw std::bad_alloc();
  }
  return *e;
}

template <class T>
T* new_zeroed() {
  auto* p = static_cast<T*>(std::calloc(1, sizeof(T)));
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace concur::s1ap::detail
