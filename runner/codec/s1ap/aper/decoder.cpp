// Aligned PER decoder: builds an asn1c 0.9.28 structure by its type descriptor.
// Clause numbers: ITU-T X.691 (07/2002), ALIGNED variant.
//
// Ownership: every allocation is stored in its parent (a member slot, a list array or the
// caller's root pointer) before anything is decoded into it, so that on failure the root's
// free_struct releases the partial result.
#include <asn_application.h>
#include <BOOLEAN.h>
#include <NULL.h>
#include <NativeInteger.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "codec/s1ap/aper/alphabet.h"
#include "codec/s1ap/aper/aper.h"
#include "codec/s1ap/aper/bit_reader.h"
#include "codec/s1ap/aper/constraints.h"
#include "codec/s1ap/aper/field_path.h"
#include "codec/s1ap/aper/integer_value.h"
#include "codec/s1ap/aper/walker.h"

namespace concur::s1ap::aper {

namespace {

struct SizedRule {
  std::size_t unit_bits;  ///< bits per item for the "fixed size <= 16 bits" rule; 0 for lists
  bool align_content;
};

std::size_t struct_size(const asn_TYPE_descriptor_t* td, concur_aper_kind kind) {
  switch (kind) {
    case CONCUR_APER_SEQUENCE: return static_cast<std::size_t>(static_cast<const asn_SEQUENCE_specifics_t*>(td->specifics)->struct_size);
    case CONCUR_APER_CHOICE: return static_cast<std::size_t>(static_cast<const asn_CHOICE_specifics_t*>(td->specifics)->struct_size);
    case CONCUR_APER_SEQUENCE_OF:
    case CONCUR_APER_SET_OF: return static_cast<std::size_t>(static_cast<const asn_SET_OF_specifics_t*>(td->specifics)->struct_size);
    case CONCUR_APER_NATIVE_INTEGER:
    case CONCUR_APER_NATIVE_ENUMERATED: return sizeof(long);
    case CONCUR_APER_INTEGER: return sizeof(INTEGER_t);
    case CONCUR_APER_BOOLEAN: return sizeof(BOOLEAN_t);
    case CONCUR_APER_NULL: return sizeof(NULL_t);
    case CONCUR_APER_BIT_STRING: return sizeof(BIT_STRING_t);
    default: {
      const auto* specs = static_cast<const asn_OCTET_STRING_specifics_t*>(td->specifics);
      return specs && specs->struct_size > 0 ? static_cast<std::size_t>(specs->struct_size) : sizeof(OCTET_STRING_t);
    }
  }
}

class Decoder {
 public:
  Decoder(BitReader& r, std::size_t node_budget) : r_(&r), budget_(node_budget) {}

  /// Decodes into `*sptr`, allocating it first when null.
  void value(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* member_pc, void** sptr) {
    if (++depth_ > kMaxDepth) r_->fail(name_of(td), "nesting deeper than " + std::to_string(kMaxDepth));
    const concur_aper_kind kind = kind_of(td);
    if (kind == CONCUR_APER_UNSUPPORTED) r_->fail(name_of(td), "type is not supported by the aligned PER codec");
    if (!*sptr) {
      charge(1, td);
      *sptr = std::calloc(1, struct_size(td, kind));
      if (!*sptr) r_->fail(name_of(td), "out of memory");
    }
    void* st = *sptr;
    asn_per_constraints_t* pc = effective(td, member_pc);
    switch (kind) {
      case CONCUR_APER_SEQUENCE: sequence(td, st); break;
      case CONCUR_APER_CHOICE: choice(td, pc, st); break;
      case CONCUR_APER_SEQUENCE_OF:
      case CONCUR_APER_SET_OF: list(td, pc, st); break;
      case CONCUR_APER_NATIVE_INTEGER:
      case CONCUR_APER_INTEGER: integer(td, pc, st, kind); break;
      case CONCUR_APER_NATIVE_ENUMERATED: enumerated(td, pc, st); break;
      case CONCUR_APER_BOOLEAN: *static_cast<BOOLEAN_t*>(st) = r_->bit("BOOLEAN") ? 1 : 0; break;  // 11
      case CONCUR_APER_NULL: break;                                                                  // 17
      case CONCUR_APER_BIT_STRING: bit_string(pc, st); break;
      case CONCUR_APER_OCTET_STRING: octet_string(size_bounds(pc), st); break;
      case CONCUR_APER_OPEN_TYPE:
      case CONCUR_APER_UTF8_STRING: octet_string(SizeBounds{}, st); break;
      case CONCUR_APER_PRINTABLE_STRING:
      case CONCUR_APER_VISIBLE_STRING:
      case CONCUR_APER_IA5_STRING:
      case CONCUR_APER_NUMERIC_STRING: characters(kind, pc, st); break;
      case CONCUR_APER_UNSUPPORTED: break;
    }
    --depth_;
  }

  /// After the outermost value: only padding to the octet boundary may remain (X.691 10.1.3).
  static void expect_end(BitReader& r, std::size_t start_bit, std::string_view what) {
    const bool consumed_nothing = r.bit_position() == start_bit;
    r.align();
    const std::size_t left = r.bits_left() / 8;
    if (consumed_nothing && left == 1) return;  // an empty encoding is one zero octet
    if (left != 0) r.fail(what, std::to_string(left) + " octets left after the complete encoding");
  }

 private:
  void charge(std::size_t nodes, const asn_TYPE_descriptor_t* td) {
    if (nodes > budget_) r_->fail(name_of(td), "more values than an input of this size can carry");
    budget_ -= nodes;
  }

  // 12: INTEGER.
  void integer(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, void* st, concur_aper_kind kind) {
    const ValueBounds b = value_bounds(pc);
    i128 v = 0;
    if (b.extensible && r_->bit("INTEGER extension bit")) {
      v = get_unconstrained(*r_, "INTEGER outside the root");
    } else if (b.has_ub) {
      v = b.lb + static_cast<i128>(get_constrained_whole(*r_, b.range(), "constrained INTEGER"));
    } else if (b.has_lb) {
      v = b.lb + static_cast<i128>(get_semi_constrained(*r_, "semi-constrained INTEGER"));
    } else {
      v = get_unconstrained(*r_, "unconstrained INTEGER");
    }
    if (!write_integer(td, st, kind, v)) r_->fail(name_of(td), "value does not fit the C field");
  }

  // 13: ENUMERATED.
  void enumerated(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, void* st) {
    const auto* specs = static_cast<const asn_INTEGER_specifics_t*>(td->specifics);
    if (!specs || !specs->value2enum) r_->fail(name_of(td), "ENUMERATED has no value map");
    const int root = specs->extension ? specs->extension - 1 : specs->map_count;
    const bool extensible = specs->extension != 0 || (pc && (pc->value.flags & kApcExtensible));
    std::uint64_t index = 0;
    if (extensible && r_->bit("ENUMERATED extension bit")) {
      index = static_cast<std::uint64_t>(root) + get_normally_small(*r_, "ENUMERATED extension index");
      if (index >= static_cast<std::uint64_t>(specs->map_count))
        r_->fail(name_of(td), "extension enumerator " + std::to_string(index - static_cast<std::uint64_t>(root)) + " is unknown to this version");
    } else {
      index = get_constrained_whole(*r_, static_cast<u128>(root), "ENUMERATED index");
    }
    *static_cast<long*>(st) = specs->value2enum[index].nat_value;
  }

  template <class Take>
  void sized(const SizeBounds& b, const SizedRule& rule, std::string_view what, Take&& take) {
    bool in_root = true;
    if (b.extensible) in_root = !r_->bit("size extension bit");
    if (in_root && b.fixed() && b.ub < k64K) {
      if (rule.unit_bits != 0 && b.ub * rule.unit_bits > 16) r_->align();
      take(b.ub);
      return;
    }
    const std::size_t lb = in_root ? b.lb : 0;
    const std::size_t ub = in_root ? b.ub : kNoUpperBound;
    std::size_t total = 0;
    for (;;) {
      const LengthPart part = get_length(*r_, lb, ub, what);
      if (part.count != 0) {
        if (rule.align_content) r_->align();
        take(part.count);
      }
      total += part.count;
      if (!part.fragment) break;
    }
    if (in_root && !b.contains(total))
      r_->fail(what, "size " + std::to_string(total) + " outside SIZE(" + std::to_string(b.lb) + ".." +
                         (b.ub == kNoUpperBound ? std::string("MAX") : std::to_string(b.ub)) + ")");
  }

  void need_bits(std::size_t items, std::size_t bits_each, std::string_view what) {
    if (bits_each != 0 && items > r_->bits_left() / bits_each)
      r_->fail(what, std::to_string(items) + " items of " + std::to_string(bits_each) + " bits exceed the " +
                         std::to_string(r_->bits_left()) + " bits left");
  }

  void bit_string(asn_per_constraints_t* pc, void* sptr) {  // 15
    auto* st = static_cast<BIT_STRING_t*>(sptr);
    std::size_t total = st->size == 0 ? 0 : 8 * static_cast<std::size_t>(st->size) - (st->bits_unused & 7);
    sized(size_bounds(pc), SizedRule{1, true}, "BIT STRING length", [&](std::size_t count) {
      need_bits(count, 1, "BIT STRING");
      const std::size_t octets = (total + count + 7) / 8;
      auto* buf = static_cast<std::uint8_t*>(std::realloc(st->buf, octets + 1));
      if (!buf) r_->fail("BIT STRING", "out of memory");
      st->buf = buf;
      for (std::size_t i = static_cast<std::size_t>(st->size); i <= octets; ++i) buf[i] = 0;
      if (total % 8 == 0) {
        r_->bit_field(buf + total / 8, count, "BIT STRING");
      } else {
        for (std::size_t i = total; i < total + count; ++i)
          if (r_->bit("BIT STRING")) buf[i / 8] = static_cast<std::uint8_t>(buf[i / 8] | (0x80U >> (i % 8)));
      }
      total += count;
      st->size = static_cast<int>(octets);
      st->bits_unused = static_cast<int>((8 - total % 8) % 8);
    });
  }

  void octet_string(const SizeBounds& b, void* sptr) {  // 16
    auto* st = static_cast<OCTET_STRING_t*>(sptr);
    sized(b, SizedRule{8, true}, "OCTET STRING length", [&](std::size_t count) {
      need_bits(count, 8, "OCTET STRING");
      const std::size_t size = static_cast<std::size_t>(st->size);
      auto* buf = static_cast<std::uint8_t*>(std::realloc(st->buf, size + count + 1));
      if (!buf) r_->fail("OCTET STRING", "out of memory");
      st->buf = buf;
      r_->octets(buf + size, count, "OCTET STRING");
      st->size = static_cast<int>(size + count);
      buf[st->size] = 0;
    });
  }

  void characters(concur_aper_kind kind, asn_per_constraints_t* pc, void* sptr) {  // 26
    auto* st = static_cast<OCTET_STRING_t*>(sptr);
    const Alphabet alphabet(kind, pc);
    const SizeBounds b = size_bounds(pc);
    const bool align = !(b.ub != kNoUpperBound && b.ub * alphabet.width() <= 16);
    sized(b, SizedRule{alphabet.width(), align}, "character string length", [&](std::size_t count) {
      need_bits(count, alphabet.width(), "character string");
      const std::size_t size = static_cast<std::size_t>(st->size);
      auto* buf = static_cast<std::uint8_t*>(std::realloc(st->buf, size + count + 1));
      if (!buf) r_->fail("character string", "out of memory");
      st->buf = buf;
      for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t code = r_->bits(alphabet.width(), "character");
        const long c = alphabet.decode(code);
        if (c < 0) r_->fail("character", "code " + std::to_string(code) + " is not in the permitted alphabet");
        buf[size + i] = static_cast<std::uint8_t>(c);
        st->size = static_cast<int>(size + i + 1);
        buf[st->size] = 0;
      }
    });
  }

  // 19, 21: SEQUENCE OF / SET OF.
  void list(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, void* sptr) {
    auto* l = static_cast<asn_anonymous_set_*>(sptr);
    const asn_TYPE_member_t& elm = td->elements[0];
    const concur_aper_kind elm_kind = kind_of(elm.type);
    sized(size_bounds(pc), SizedRule{0, false}, "list length", [&](std::size_t count) {
      charge(count, td);
      for (std::size_t i = 0; i < count; ++i) {
        void* e = std::calloc(1, struct_size(elm.type, elm_kind));
        if (!e) r_->fail(name_of(td), "out of memory");
        append(l, e);
        PathScope at(const_cast<FieldPath&>(r_->path()), static_cast<std::size_t>(l->count - 1));
        value(elm.type, elm.per_constraints, &l->array[l->count - 1]);
      }
    });
  }

  void append(asn_anonymous_set_* l, void* e) {
    if (l->count == l->size) {
      const int grown = l->size ? 2 * l->size : 4;
      auto* array = static_cast<void**>(std::realloc(l->array, static_cast<std::size_t>(grown) * sizeof(void*)));
      if (!array) {
        std::free(e);
        r_->fail("list", "out of memory");
      }
      l->array = array;
      l->size = grown;
    }
    l->array[l->count++] = e;
  }

  static void** slot_of(const asn_TYPE_member_t& m, void* st, void*& inline_ptr) {
    char* base = static_cast<char*>(st) + m.memb_offset;
    if (m.flags & ATF_POINTER) return reinterpret_cast<void**>(base);
    inline_ptr = base;
    return &inline_ptr;
  }

  // 18: SEQUENCE.
  void sequence(const asn_TYPE_descriptor_t* td, void* st) {
    const auto* specs = static_cast<const asn_SEQUENCE_specifics_t*>(td->specifics);
    const bool has_additions = specs->ext_before >= 0 && r_->bit("SEQUENCE extension bit");  // 18.1
    constexpr int kMaxOptional = 256;
    if (specs->roms_count > kMaxOptional) r_->fail(name_of(td), "more than 256 optional members");
    bool present[kMaxOptional];
    for (int k = 0; k < specs->roms_count; ++k) present[k] = r_->bit("presence bitmap");  // 18.2
    FieldPath& path = const_cast<FieldPath&>(r_->path());
    for (int i = 0; i < td->elements_count; ++i) {
      if (in_extension_group(specs, i)) continue;
      const asn_TYPE_member_t& m = td->elements[i];
      PathScope at(path, m.name);
      void* inline_ptr = nullptr;
      void** slot = slot_of(m, st, inline_ptr);
      int k = 0;
      while (k < specs->roms_count && specs->oms[k] != i) ++k;
      if (k < specs->roms_count && !present[k]) {
        if (m.default_value && m.default_value(1, slot) != 0) r_->fail(m.name, "cannot set the DEFAULT value");
        continue;
      }
      value(m.type, m.per_constraints, slot);
    }
    if (!has_additions) return;
    const std::size_t n = get_normally_small_length(*r_, "extension bitmap length");  // 18.8
    need_bits(n, 1, "extension bitmap");
    std::vector<bool> bitmap(n);
    for (std::size_t j = 0; j < n; ++j) bitmap[j] = r_->bit("extension bitmap");  // 18.7
    std::size_t j = 0;
    for (int i = 0; i < td->elements_count; ++i) {
      if (!in_extension_group(specs, i)) continue;
      const asn_TYPE_member_t& m = td->elements[i];
      PathScope at(path, m.name);
      void* inline_ptr = nullptr;
      void** slot = slot_of(m, st, inline_ptr);
      if (j < n && bitmap[j]) {
        open_type(m.type, m.per_constraints, slot);
      } else if (m.default_value && (m.flags & ATF_POINTER) && !*slot) {
        if (m.default_value(1, slot) != 0) r_->fail(m.name, "cannot set the DEFAULT value");
      }
      ++j;
    }
    for (; j < n; ++j)  // additions of a later version: skip their open types
      if (bitmap[j]) skip_open_type("unknown extension addition");
  }

  // 22: CHOICE.
  void choice(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, void* st) {
    const auto* specs = static_cast<const asn_CHOICE_specifics_t*>(td->specifics);
    const ChoiceShape shape = choice_shape(td, pc);
    const bool extension = shape.extensible && r_->bit("CHOICE extension bit");  // 22.5
    std::uint64_t enc = 0;
    if (!extension) {
      enc = get_constrained_whole(*r_, static_cast<u128>(shape.root_count), "CHOICE index");  // 22.6
    } else {
      enc = static_cast<std::uint64_t>(shape.root_count) + get_normally_small(*r_, "CHOICE extension index");  // 22.8
      if (enc >= static_cast<std::uint64_t>(td->elements_count))
        r_->fail(name_of(td), "extension alternative " + std::to_string(enc - static_cast<std::uint64_t>(shape.root_count)) + " is unknown to this version");
    }
    const int idx = specs->canonical_order ? specs->canonical_order[enc] : static_cast<int>(enc);
    set_choice_present(specs, st, idx);
    const asn_TYPE_member_t& m = td->elements[idx];
    PathScope at(const_cast<FieldPath&>(r_->path()), m.name);
    void* inline_ptr = nullptr;
    void** slot = slot_of(m, st, inline_ptr);
    if (extension) {
      open_type(m.type, m.per_constraints, slot);
    } else {
      value(m.type, m.per_constraints, slot);
    }
  }

  /// Reads an open type's octets (10.2); a view of the input unless fragmented.
  ByteView open_octets(std::vector<std::uint8_t>& gathered, std::size_t& base, std::string_view what) {
    LengthPart part = get_length(*r_, 0, kNoUpperBound, what);
    base = r_->octet_offset();
    if (!part.fragment) {
      need_bits(part.count, 8, what);
      return r_->view(part.count, what);
    }
    for (;;) {
      need_bits(part.count, 8, what);
      const ByteView v = r_->view(part.count, what);
      gathered.insert(gathered.end(), v.begin(), v.end());
      if (!part.fragment) break;
      part = get_length(*r_, 0, kNoUpperBound, what);
    }
    return ByteView(gathered.data(), gathered.size());
  }

  void open_type(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc, void** slot) {
    std::vector<std::uint8_t> gathered;
    std::size_t base = 0;
    const ByteView content = open_octets(gathered, base, "open type length");
    if (content.empty()) r_->fail("open type", "empty: a complete encoding has at least one octet");
    BitReader inner(content, r_->path(), base);
    BitReader* outer = r_;
    r_ = &inner;
    const std::size_t start = inner.bit_position();
    value(td, pc, slot);
    expect_end(inner, start, "open type");
    r_ = outer;
  }

  void skip_open_type(std::string_view what) {
    std::vector<std::uint8_t> gathered;
    std::size_t base = 0;
    (void)open_octets(gathered, base, what);
  }

  BitReader* r_;
  std::size_t budget_;
  int depth_ = 0;
};

}  // namespace

Result<void*> decode(const asn_TYPE_descriptor_t& td_in, ByteView in) {
  auto* td = const_cast<asn_TYPE_descriptor_t*>(&td_in);
  FieldPath path;
  path.push(name_of(td));
  void* top = nullptr;
  try {
    BitReader r(in, path);
    if (in.empty()) r.fail(name_of(td), "empty input: a complete encoding has at least one octet");
    // Every allocated node is paid for by input: a generous linear bound against inputs that
    // declare huge lists of zero-width items.
    Decoder d(r, 8 * in.size() + 1024);
    d.value(td, nullptr, &top);
    Decoder::expect_end(r, 0, name_of(td));
    return top;
  } catch (const DecodeFailure& e) {
    if (top) td->free_struct(td, top, 0);
    return e.error();
  }
}

}  // namespace concur::s1ap::aper
