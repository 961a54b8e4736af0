// Aligned PER encoder: walks an asn1c 0.9.28 structure by its type descriptor.
// Clause numbers: ITU-T X.691 (07/2002), ALIGNED variant.
#include <asn_application.h>
#include <BOOLEAN.h>
#include <NativeInteger.h>

#include <string>

#include "codec/s1ap/aper/alphabet.h"
#include "codec/s1ap/aper/aper.h"
#include "codec/s1ap/aper/bit_writer.h"
#include "codec/s1ap/aper/constraints.h"
#include "codec/s1ap/aper/field_path.h"
#include "codec/s1ap/aper/integer_value.h"
#include "codec/s1ap/aper/walker.h"

namespace concur::s1ap::aper {

namespace {

std::string to_string(i128 v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  u128 u = neg ? -static_cast<u128>(v) : static_cast<u128>(v);
  std::string s;
  while (u) s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10))), u /= 10;
  return neg ? "-" + s : s;
}

std::string size_text(const SizeBounds& b) {
  return "SIZE(" + std::to_string(b.lb) + ".." + (b.ub == kNoUpperBound ? std::string("MAX") : std::to_string(b.ub)) +
         (b.extensible ? ",...)" : ")");
}

/// How a sized value (string or list) places its content (X.691 15, 16, 19, 26).
struct SizedRule {
  std::size_t unit_bits;  ///< bits per item for the "fixed size <= 16 bits" rule; 0 for lists
  bool align_content;     ///< content after a length determinant is octet-aligned
};

class Encoder {
 public:
  explicit Encoder(BitWriter& w) : w_(&w) {}

  void value(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* member_pc, const void* sptr) {
    if (!sptr) fail("no value for mandatory " + std::string(name_of(td)));
    if (++depth_ > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth));
    asn_per_constraints_t* pc = effective(td, member_pc);
    switch (const concur_aper_kind kind = kind_of(td)) {
      case CONCUR_APER_SEQUENCE: sequence(td, sptr); break;
      case CONCUR_APER_CHOICE: choice(td, pc, sptr); break;
      case CONCUR_APER_SEQUENCE_OF:
      case CONCUR_APER_SET_OF: list(td, pc, sptr); break;
      case CONCUR_APER_NATIVE_INTEGER:
      case CONCUR_APER_INTEGER: integer(td, pc, sptr, kind); break;
      case CONCUR_APER_NATIVE_ENUMERATED: enumerated(td, pc, sptr); break;
      case CONCUR_APER_BOOLEAN: w_->bit(*static_cast<const BOOLEAN_t*>(sptr) != 0); break;  // 11
      case CONCUR_APER_NULL: break;                                                        // 17
      case CONCUR_APER_BIT_STRING: bit_string(pc, sptr); break;
      case CONCUR_APER_OCTET_STRING: octet_string(size_bounds(pc), sptr); break;
      case CONCUR_APER_OPEN_TYPE:
      case CONCUR_APER_UTF8_STRING: octet_string(SizeBounds{}, sptr); break;  // 10.2, 27: no PER-visible size
      case CONCUR_APER_PRINTABLE_STRING:
      case CONCUR_APER_VISIBLE_STRING:
      case CONCUR_APER_IA5_STRING:
      case CONCUR_APER_NUMERIC_STRING: characters(kind, pc, sptr); break;
      case CONCUR_APER_UNSUPPORTED: fail("type " + std::string(name_of(td)) + " is not supported by the aligned PER codec");
    }
    --depth_;
  }

  FieldPath path;

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    throw DecodeFailure(DecodeError{path.str(), w_->bit_size() / 8, reason});
  }

  // 12: INTEGER.
  void integer(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, const void* sptr, concur_aper_kind kind) {
    i128 v = 0;
    if (!read_integer(td, sptr, kind, v)) fail("INTEGER value does not fit in 64 bits");
    const ValueBounds b = value_bounds(pc);
    const bool in_root = (!b.has_lb || v >= b.lb) && (!b.has_ub || v <= b.ub);
    if (b.extensible) {  // 12.1: extension bit; a value outside the root is unconstrained
      w_->bit(!in_root);
      if (!in_root) return unconstrained(v);
    } else if (!in_root) {
      fail("value " + to_string(v) + " outside " + (b.has_ub ? "(" + to_string(b.lb) + ".." + to_string(b.ub) + ")" : "(" + to_string(b.lb) + "..MAX)"));
    }
    if (b.has_ub) return put_constrained_whole(*w_, static_cast<std::uint64_t>(v - b.lb), b.range());  // 12.2.2
    if (b.has_lb) return put_semi_constrained(*w_, static_cast<std::uint64_t>(v - b.lb));            // 12.2.3
    unconstrained(v);                                                                                // 12.2.4
  }

  void unconstrained(i128 v) {
    if (v < INT64_MIN || v > INT64_MAX) fail("unconstrained value " + to_string(v) + " does not fit in 8 octets");
    put_unconstrained(*w_, static_cast<std::int64_t>(v));
  }

  // 13: ENUMERATED, by enumeration index (position in value order) within the root or the additions.
  void enumerated(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, const void* sptr) {
    const auto* specs = static_cast<const asn_INTEGER_specifics_t*>(td->specifics);
    if (!specs || !specs->value2enum) fail("ENUMERATED " + std::string(name_of(td)) + " has no value map");
    const long v = *static_cast<const long*>(sptr);
    int index = -1;
    for (int i = 0; i < specs->map_count; ++i)
      if (specs->value2enum[i].nat_value == v) index = i;
    if (index < 0) fail("value " + std::to_string(v) + " is not an enumerator of " + name_of(td));
    const int root = specs->extension ? specs->extension - 1 : specs->map_count;
    const bool extensible = specs->extension != 0 || (pc && (pc->value.flags & kApcExtensible));
    if (index < root) {
      if (extensible) w_->bit(false);
      put_constrained_whole(*w_, static_cast<std::uint64_t>(index), static_cast<u128>(root));  // 13.2
    } else {
      w_->bit(true);
      put_normally_small(*w_, static_cast<std::uint64_t>(index - root));  // 13.3
    }
  }

  // A value of n items under a size constraint: extension bit, fixed-size forms, or a length
  // determinant (fragmented beyond 16K) followed by the items.
  template <class Emit>
  void sized(std::size_t n, const SizeBounds& b, const SizedRule& rule, Emit&& emit) {
    const bool in_root = b.contains(n);
    if (b.extensible) {
      w_->bit(!in_root);
    } else if (!in_root) {
      fail("size " + std::to_string(n) + " outside " + size_text(b));
    }
    if (in_root && b.fixed() && b.ub < k64K) {
      if (rule.unit_bits != 0 && n * rule.unit_bits > 16) w_->align();  // 15.9, 16.7, 26.5.7
      emit(0, n);  // 15.8, 16.6, 19.5, 26.5.6: no length determinant
      return;
    }
    const std::size_t lb = in_root ? b.lb : 0;
    const std::size_t ub = in_root ? b.ub : kNoUpperBound;
    std::size_t done = 0;
    for (;;) {
      const LengthPart part = put_length(*w_, n - done, lb, ub);
      if (part.count != 0) {
        if (rule.align_content) w_->align();
        emit(done, part.count);
      }
      done += part.count;
      if (!part.fragment) break;
    }
  }

  void bit_string(asn_per_constraints_t* pc, const void* sptr) {  // 15
    const auto* st = static_cast<const BIT_STRING_t*>(sptr);
    if (st->size < 0 || (st->size > 0 && !st->buf)) fail("BIT STRING with an invalid buffer");
    const std::size_t nbits = st->size == 0 ? 0 : 8 * static_cast<std::size_t>(st->size) - (st->bits_unused & 7);
    sized(nbits, size_bounds(pc), SizedRule{1, true}, [&](std::size_t from, std::size_t count) {
      if (from % 8 == 0) {
        w_->bit_field(st->buf + from / 8, count);
      } else {  // only after a 16K-bit fragment, which is whole octets: unreachable, kept exact
        for (std::size_t i = from; i < from + count; ++i) w_->bit((st->buf[i / 8] >> (7 - i % 8)) & 1);
      }
    });
  }

  void octet_string(const SizeBounds& b, const void* sptr) {  // 16
    const auto* st = static_cast<const OCTET_STRING_t*>(sptr);
    if (st->size < 0 || (st->size > 0 && !st->buf)) fail("OCTET STRING with an invalid buffer");
    sized(static_cast<std::size_t>(st->size), b, SizedRule{8, true},
          [&](std::size_t from, std::size_t count) { w_->octets(st->buf + from, count); });
  }

  void characters(concur_aper_kind kind, asn_per_constraints_t* pc, const void* sptr) {  // 26
    const auto* st = static_cast<const OCTET_STRING_t*>(sptr);
    if (st->size < 0 || (st->size > 0 && !st->buf)) fail("character string with an invalid buffer");
    const Alphabet alphabet(kind, pc);
    const SizeBounds b = size_bounds(pc);
    // 26.5.7/26.5.8: characters after a length are octet-aligned unless ub * B <= 16 bits.
    const bool align = !(b.ub != kNoUpperBound && b.ub * alphabet.width() <= 16);
    sized(static_cast<std::size_t>(st->size), b, SizedRule{alphabet.width(), align}, [&](std::size_t from, std::size_t count) {
      for (std::size_t i = from; i < from + count; ++i) {
        const long code = alphabet.encode(st->buf[i]);
        if (code < 0) fail("character 0x" + to_hex(ByteView(st->buf + i, 1)) + " at index " + std::to_string(i) + " is not in the permitted alphabet");
        w_->bits(static_cast<std::uint64_t>(code), alphabet.width());
      }
    });
  }

  // 19, 21: SEQUENCE OF / SET OF (in the order given: BASIC-PER does not sort SET OF).
  void list(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, const void* sptr) {
    const auto* l = static_cast<const asn_anonymous_set_*>(sptr);
    const asn_TYPE_member_t& elm = td->elements[0];
    if (l->count < 0 || (l->count > 0 && !l->array)) fail("list with an invalid array");
    sized(static_cast<std::size_t>(l->count), size_bounds(pc), SizedRule{0, false}, [&](std::size_t from, std::size_t count) {
      for (std::size_t i = from; i < from + count; ++i) {
        PathScope at(path, i);
        value(elm.type, elm.per_constraints, l->array[i]);
      }
    });
  }

  // 18: SEQUENCE.
  void sequence(const asn_TYPE_descriptor_t* td, const void* sptr) {
    const auto* specs = static_cast<const asn_SEQUENCE_specifics_t*>(td->specifics);
    const bool extensible = specs->ext_before >= 0;
    std::size_t additions = 0;
    bool any_addition = false;
    for (int i = 0; i < td->elements_count; ++i) {
      if (!in_extension_group(specs, i)) continue;
      ++additions;
      any_addition |= present(td->elements[i], sptr);
    }
    if (extensible) w_->bit(any_addition);  // 18.1
    for (int k = 0; k < specs->roms_count; ++k) w_->bit(present(td->elements[specs->oms[k]], sptr));  // 18.2
    for (int i = 0; i < td->elements_count; ++i) {
      if (in_extension_group(specs, i)) continue;
      const asn_TYPE_member_t& m = td->elements[i];
      PathScope at(path, m.name);
      void* inline_ptr = nullptr;
      void* const* slot = member_slot(m, sptr, inline_ptr);
      if (!*slot) {
        if (m.optional || m.default_value) continue;
        fail("mandatory member is absent");
      }
      if (!present(m, sptr)) continue;  // a DEFAULT member equal to its default is not encoded
      value(m.type, m.per_constraints, *slot);
    }
    if (!any_addition) return;
    put_normally_small_length(*w_, additions);  // 18.8
    for (int i = 0; i < td->elements_count; ++i)
      if (in_extension_group(specs, i)) w_->bit(present(td->elements[i], sptr));  // 18.7
    for (int i = 0; i < td->elements_count; ++i) {
      if (!in_extension_group(specs, i) || !present(td->elements[i], sptr)) continue;
      const asn_TYPE_member_t& m = td->elements[i];
      PathScope at(path, m.name);
      void* inline_ptr = nullptr;
      open_type(m.type, m.per_constraints, *member_slot(m, sptr, inline_ptr));  // 18.9
    }
  }

  static bool present(const asn_TYPE_member_t& m, const void* sptr) {
    void* inline_ptr = nullptr;
    void* const* slot = member_slot(m, sptr, inline_ptr);
    if (!*slot) return false;
    if (m.default_value && m.default_value(0, const_cast<void**>(slot)) == 1) return false;
    return true;
  }

  // 22: CHOICE.
  void choice(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, const void* sptr) {
    const auto* specs = static_cast<const asn_CHOICE_specifics_t*>(td->specifics);
    const int idx = choice_present(specs, sptr);
    if (idx < 0 || idx >= td->elements_count) fail("CHOICE " + std::string(name_of(td)) + " has no alternative selected");
    int enc = idx;
    if (specs->canonical_order) {  // canonical_order maps an encoded index to an element
      for (int j = 0; j < td->elements_count; ++j)
        if (specs->canonical_order[j] == idx) enc = j;
    }
    const ChoiceShape shape = choice_shape(td, pc);
    const asn_TYPE_member_t& m = td->elements[idx];
    PathScope at(path, m.name);
    void* inline_ptr = nullptr;
    void* const* slot = member_slot(m, sptr, inline_ptr);
    if (!*slot) fail("selected alternative has no value");
    if (enc < shape.root_count) {
      if (shape.extensible) w_->bit(false);  // 22.5
      put_constrained_whole(*w_, static_cast<std::uint64_t>(enc), static_cast<u128>(shape.root_count));  // 22.6
      value(m.type, m.per_constraints, *slot);
    } else {
      if (!shape.extensible) fail("alternative outside the root of a non-extensible CHOICE");
      w_->bit(true);
      put_normally_small(*w_, static_cast<std::uint64_t>(enc - shape.root_count));  // 22.8
      open_type(m.type, m.per_constraints, *slot);
    }
  }

  // 10.2: an open type is the complete encoding of the value as a length-prefixed octet string.
  void open_type(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, const void* sptr) {
    BitWriter inner;
    BitWriter* outer = w_;
    w_ = &inner;
    value(td, pc, sptr);
    w_ = outer;
    const Bytes enc = std::move(inner).finish();
    sized(enc.size(), SizeBounds{}, SizedRule{8, true},
          [&](std::size_t from, std::size_t count) { w_->octets(enc.data() + from, count); });
  }

  BitWriter* w_;
  int depth_ = 0;
};

}  // namespace

Result<Bytes> encode(const asn_TYPE_descriptor_t& td, const void* value) {
  return decode_guarded([&]() -> Bytes {
    BitWriter w;
    Encoder e(w);
    PathScope root(e.path, name_of(&td));
    e.value(&td, nullptr, value);
    return std::move(w).finish();
  });
}

}  // namespace concur::s1ap::aper
