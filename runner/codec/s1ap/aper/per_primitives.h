// The building blocks of X.691 clause 10 in the ALIGNED variant: constrained, normally small,
// semi-constrained and unconstrained whole numbers, and length determinants with
// fragmentation. Clause numbers are those of ITU-T X.691 (07/2002).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/s1ap/aper/bit_reader.h"
#include "codec/s1ap/aper/bit_writer.h"

namespace concur::s1ap::aper {

__extension__ typedef unsigned __int128 u128;  // ranges up to 2^64 and their arithmetic
__extension__ typedef __int128 i128;

/// Upper bound of a length that has none (SIZE(lb..MAX) or no size constraint).
inline constexpr std::size_t kNoUpperBound = static_cast<std::size_t>(-1);
/// 16K: the fragment unit of X.691 10.9.3.8.
inline constexpr std::size_t k16K = 16384;
/// 64K: lengths with an upper bound below this are constrained whole numbers (10.9.3.3).
inline constexpr std::size_t k64K = 65536;

/// Bits needed to write every value 0..range-1 (range >= 1).
unsigned bits_for_range(u128 range);
/// Octets needed for the non-negative binary integer `v` (at least one, 10.3).
unsigned octets_for(std::uint64_t v);

/// 10.5.7 (aligned): `offset` = value - lb, `range` = ub - lb + 1 (>= 1, <= 2^64).
void put_constrained_whole(BitWriter& w, std::uint64_t offset, u128 range);
std::uint64_t get_constrained_whole(BitReader& r, u128 range, std::string_view what);

/// 10.6: normally small non-negative whole number (CHOICE and ENUMERATED extension indices).
void put_normally_small(BitWriter& w, std::uint64_t n);
std::uint64_t get_normally_small(BitReader& r, std::string_view what);

/// 10.9.3.4: normally small length (the SEQUENCE extension-bitmap size), n >= 1.
void put_normally_small_length(BitWriter& w, std::size_t n);
std::size_t get_normally_small_length(BitReader& r, std::string_view what);

/// 10.7: semi-constrained whole number (value - lb), octets with a length determinant.
void put_semi_constrained(BitWriter& w, std::uint64_t offset);
std::uint64_t get_semi_constrained(BitReader& r, std::string_view what);

/// 10.8: unconstrained whole number, two's complement octets with a length determinant.
void put_unconstrained(BitWriter& w, std::int64_t v);
std::int64_t get_unconstrained(BitReader& r, std::string_view what);

struct LengthPart {
  std::size_t count;  ///< items that follow this determinant
  bool fragment;      ///< another determinant follows them (10.9.3.8)
};

/// 10.9: writes the length determinant for `n` items with bounds lb..ub. It covers all of them,
/// or a 16K..64K fragment (10.9.3.8) after which the caller writes those items and another
/// determinant for the rest (a final zero-length one if nothing is left).
LengthPart put_length(BitWriter& w, std::size_t n, std::size_t lb, std::size_t ub);
LengthPart get_length(BitReader& r, std::size_t lb, std::size_t ub, std::string_view what);

}  // namespace concur::s1ap::aper
