// Shared helpers of the aligned-PER encoder and decoder walkers over asn1c 0.9.28 structures.
#pragma once

#include <asn_application.h>
#include <cstddef>
#include <cstring>

#include <BIT_STRING.h>
#include <INTEGER.h>
#include <OCTET_STRING.h>
#include <asn_SET_OF.h>
#include <constr_CHOICE.h>
#include <constr_SEQUENCE.h>
#include <constr_SET_OF.h>
#include <asn_application.h>

#include "codec/s1ap/aper/constraints.h"
#include "codec/s1ap/aper/descriptor_kind.h"

namespace concur::s1ap::aper {

inline concur_aper_kind kind_of(const asn_TYPE_descriptor_t* td) {
  return concur_aper_descriptor_kind(const_cast<asn_TYPE_descriptor_t*>(td));
}

inline const char* name_of(const asn_TYPE_descriptor_t* td) { return td->name && *td->name ? td->name : "?"; }

/// Index of a CHOICE's selected alternative (0-based) or -1 for none.
inline int choice_present(const asn_CHOICE_specifics_t* specs, const void* st) {
  const char* p = static_cast<const char*>(st) + specs->pres_offset;
  switch (specs->pres_size) {
    case sizeof(int): { int v; std::memcpy(&v, p, sizeof v); return v - 1; }
    case sizeof(short): { short v; std::memcpy(&v, p, sizeof v); return v - 1; }
    case sizeof(char): return static_cast<int>(static_cast<signed char>(*p)) - 1;
    case sizeof(long long): { long long v; std::memcpy(&v, p, sizeof v); return static_cast<int>(v) - 1; }
    default: return -1;
  }
}

inline void set_choice_present(const asn_CHOICE_specifics_t* specs, void* st, int index) {
  char* p = static_cast<char*>(st) + specs->pres_offset;
  const int v = index + 1;
  switch (specs->pres_size) {
    case sizeof(int): std::memcpy(p, &v, sizeof v); break;
    case sizeof(short): { short s = static_cast<short>(v); std::memcpy(p, &s, sizeof s); break; }
    case sizeof(char): *p = static_cast<char>(v); break;
    case sizeof(long long): { long long l = v; std::memcpy(p, &l, sizeof l); break; }
    default: break;
  }
}

/// Number of root alternatives of a CHOICE and whether it is extensible (X.691 22).
struct ChoiceShape {
  int root_count;
  bool extensible;
};
inline ChoiceShape choice_shape(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* pc) {
  const auto* specs = static_cast<const asn_CHOICE_specifics_t*>(td->specifics);
  ChoiceShape s{td->elements_count, false};
  if (specs->ext_start >= 0) {
    s.root_count = specs->ext_start < td->elements_count ? specs->ext_start : td->elements_count;
    s.extensible = true;
  }
  if (pc && (pc->value.flags & kApcExtensible)) s.extensible = true;
  return s;
}

/// The member's storage: `*slot` is the value pointer (null for an absent OPTIONAL member).
inline void* const* member_slot(const asn_TYPE_member_t& m, const void* st, void*& inline_ptr) {
  char* base = const_cast<char*>(static_cast<const char*>(st)) + m.memb_offset;
  if (m.flags & ATF_POINTER) return reinterpret_cast<void* const*>(base);
  inline_ptr = base;
  return &inline_ptr;
}

inline bool in_extension_group(const asn_SEQUENCE_specifics_t* specs, int i) {
  return i > specs->ext_after && i < specs->ext_before;
}

/// Whether member `i` has a bit in the root presence bitmap (X.691 18.2).
inline bool in_root_bitmap(const asn_SEQUENCE_specifics_t* specs, int i) {
  for (int k = 0; k < specs->roms_count; ++k)
    if (specs->oms[k] == i) return true;
  return false;
}

}  // namespace concur::s1ap::aper
