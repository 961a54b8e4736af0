// PER-visible constraints as the walker needs them, read from asn1c's asn_per_constraints_t.
// A member's constraints (asn_TYPE_member_t::per_constraints) replace the type's own, as in
// asn1c's generated code. Bounds are recomputed from lower/upper_bound: 0.9.28's range_bits
// overflows for ranges of 2^63 and more.
#pragma once

#include <cstddef>
#include <cstdint>

#include <asn_application.h>

#include "codec/s1ap/aper/per_primitives.h"

namespace concur::s1ap::aper {

// The flags are an enum nested in a C struct: scoped to it in C++.
inline constexpr unsigned kApcConstrained = asn_per_constraint_s::APC_CONSTRAINED;
inline constexpr unsigned kApcSemiConstrained = asn_per_constraint_s::APC_SEMI_CONSTRAINED;
inline constexpr unsigned kApcExtensible = asn_per_constraint_s::APC_EXTENSIBLE;

inline asn_per_constraints_t* effective(const asn_TYPE_descriptor_t* td, asn_per_constraints_t* member) {
  return member ? member : td->per_constraints;
}

/// A value (INTEGER) constraint.
struct ValueBounds {
  bool extensible = false;
  bool has_lb = false;  ///< constrained or semi-constrained
  bool has_ub = false;  ///< constrained
  i128 lb = 0;
  i128 ub = 0;
  u128 range() const { return static_cast<u128>(ub - lb) + 1; }
};

inline ValueBounds value_bounds(asn_per_constraints_t* pc) {
  ValueBounds b;
  if (!pc) return b;
  const auto& c = pc->value;
  b.extensible = (c.flags & kApcExtensible) != 0;
  if (c.flags & kApcConstrained) {
    b.has_lb = b.has_ub = true;
    b.lb = c.lower_bound;
    b.ub = c.upper_bound;
  } else if (c.flags & kApcSemiConstrained) {
    b.has_lb = true;
    b.lb = c.lower_bound;
  }
  return b;
}

/// A size constraint (strings, SEQUENCE OF). ub == kNoUpperBound when there is none.
struct SizeBounds {
  bool extensible = false;
  std::size_t lb = 0;
  std::size_t ub = kNoUpperBound;
  bool fixed() const { return ub != kNoUpperBound && lb == ub; }
  bool contains(std::size_t n) const { return n >= lb && (ub == kNoUpperBound || n <= ub); }
};

inline SizeBounds size_bounds(asn_per_constraints_t* pc) {
  SizeBounds b;
  if (!pc) return b;
  const auto& c = pc->size;
  b.extensible = (c.flags & kApcExtensible) != 0;
  if (c.flags & (kApcConstrained | kApcSemiConstrained)) b.lb = c.lower_bound < 0 ? 0 : static_cast<std::size_t>(c.lower_bound);
  if ((c.flags & kApcConstrained) && c.upper_bound >= 0) b.ub = static_cast<std::size_t>(c.upper_bound);
  return b;
}

}  // namespace concur::s1ap::aper
