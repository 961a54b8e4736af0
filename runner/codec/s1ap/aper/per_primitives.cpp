#include "codec/s1ap/aper/per_primitives.h"

#include <string>

namespace concur::s1ap::aper {

unsigned bits_for_range(u128 range) {
  unsigned bits = 0;
  while ((static_cast<u128>(1) << bits) < range) ++bits;
  return bits;
}

unsigned octets_for(std::uint64_t v) {
  unsigned n = 1;
  while (n < 8 && (v >> (8 * n)) != 0) ++n;
  return n;
}

namespace {

void put_octets_of(BitWriter& w, std::uint64_t v, unsigned n) {
  for (unsigned i = n; i > 0; --i) w.bits((v >> (8 * (i - 1))) & 0xFF, 8);
}

std::uint64_t get_octets_of(BitReader& r, unsigned n, std::string_view what) {
  std::uint64_t v = 0;
  for (unsigned i = 0; i < n; ++i) v = (v << 8) | r.bits(8, what);
  return v;
}

}  // namespace

void put_constrained_whole(BitWriter& w, std::uint64_t offset, u128 range) {
  if (range <= 1) return;  // 10.5.4: a single value takes no bits
  if (range <= 255) {      // 10.5.7.1: minimal bit-field, not aligned
    w.bits(offset, bits_for_range(range));
  } else if (range == 256) {  // 10.5.7.2: one octet, aligned
    w.align();
    w.bits(offset, 8);
  } else if (range <= k64K) {  // 10.5.7.3: two octets, aligned
    w.align();
    w.bits(offset, 16);
  } else {  // 10.5.7.4: length in octets (1..max) as a bit-field, then aligned octets
    const unsigned max_octets = octets_for(static_cast<std::uint64_t>(range - 1));
    const unsigned n = octets_for(offset);
    w.bits(n - 1, bits_for_range(max_octets));
    w.align();
    put_octets_of(w, offset, n);
  }
}

std::uint64_t get_constrained_whole(BitReader& r, u128 range, std::string_view what) {
  std::uint64_t v = 0;
  if (range <= 1) return 0;
  if (range <= 255) {
    v = r.bits(bits_for_range(range), what);
  } else if (range == 256) {
    r.align();
    v = r.bits(8, what);
  } else if (range <= k64K) {
    r.align();
    v = r.bits(16, what);
  } else {
    const unsigned max_octets = octets_for(static_cast<std::uint64_t>(range - 1));
    const auto n = static_cast<unsigned>(r.bits(bits_for_range(max_octets), what)) + 1;
    if (n > max_octets) r.fail(what, "length of " + std::to_string(n) + " octets exceeds the range's " + std::to_string(max_octets));
    r.align();
    v = get_octets_of(r, n, what);
  }
  if (static_cast<u128>(v) >= range) r.fail(what, "value offset " + std::to_string(v) + " outside the constrained range");
  return v;
}

void put_normally_small(BitWriter& w, std::uint64_t n) {
  if (n <= 63) {
    w.bit(false);
    w.bits(n, 6);
  } else {
    w.bit(true);
    put_semi_constrained(w, n);
  }
}

std::uint64_t get_normally_small(BitReader& r, std::string_view what) {
  if (!r.bit(what)) return r.bits(6, what);
  return get_semi_constrained(r, what);
}

void put_normally_small_length(BitWriter& w, std::size_t n) {
  if (n >= 1 && n <= 64) {
    w.bit(false);
    w.bits(n - 1, 6);
  } else {
    w.bit(true);
    put_length(w, n, 0, kNoUpperBound);
  }
}

std::size_t get_normally_small_length(BitReader& r, std::string_view what) {
  if (!r.bit(what)) return static_cast<std::size_t>(r.bits(6, what)) + 1;
  const LengthPart p = get_length(r, 0, kNoUpperBound, what);
  if (p.fragment) r.fail(what, "fragmented extension bitmap length");
  return p.count;
}

void put_semi_constrained(BitWriter& w, std::uint64_t offset) {
  const unsigned n = octets_for(offset);
  put_length(w, n, 0, kNoUpperBound);
  put_octets_of(w, offset, n);
}

std::uint64_t get_semi_constrained(BitReader& r, std::string_view what) {
  const LengthPart p = get_length(r, 0, kNoUpperBound, what);
  if (p.fragment || p.count == 0 || p.count > 8)
    r.fail(what, "whole number of " + std::to_string(p.count) + " octets is not supported (1..8)");
  return get_octets_of(r, static_cast<unsigned>(p.count), what);
}

void put_unconstrained(BitWriter& w, std::int64_t v) {
  unsigned n = 1;  // 10.4: minimal two's complement octets
  while (n < 8) {
    const std::int64_t lo = -(static_cast<std::int64_t>(1) << (8 * n - 1));
    const std::int64_t hi = (static_cast<std::int64_t>(1) << (8 * n - 1)) - 1;
    if (v >= lo && v <= hi) break;
    ++n;
  }
  put_length(w, n, 0, kNoUpperBound);
  put_octets_of(w, static_cast<std::uint64_t>(v), n);
}

std::int64_t get_unconstrained(BitReader& r, std::string_view what) {
  const LengthPart p = get_length(r, 0, kNoUpperBound, what);
  if (p.fragment || p.count == 0 || p.count > 8)
    r.fail(what, "integer of " + std::to_string(p.count) + " octets is not supported (1..8)");
  const auto n = static_cast<unsigned>(p.count);
  std::uint64_t u = get_octets_of(r, n, what);
  if (n < 8 && (u >> (8 * n - 1)) != 0) u |= ~static_cast<std::uint64_t>(0) << (8 * n);  // sign-extend
  return static_cast<std::int64_t>(u);
}

LengthPart put_length(BitWriter& w, std::size_t n, std::size_t lb, std::size_t ub) {
  if (ub != kNoUpperBound && ub < k64K) {  // 10.9.3.3: constrained whole number lb..ub
    put_constrained_whole(w, n - lb, static_cast<u128>(ub - lb) + 1);
    return {n, false};
  }
  w.align();  // 10.9.3.5..8: octet-aligned in the ALIGNED variant
  if (n < 128) {  // 10.9.3.6
    w.bits(n, 8);
    return {n, false};
  }
  if (n < k16K) {  // 10.9.3.7
    w.bits(0x8000U | n, 16);
    return {n, false};
  }
  const std::size_t m = n / k16K < 4 ? n / k16K : 4;  // 10.9.3.8: 16K, 32K, 48K or 64K
  w.bits(0xC0U | m, 8);
  return {m * k16K, true};
}

LengthPart get_length(BitReader& r, std::size_t lb, std::size_t ub, std::string_view what) {
  if (ub != kNoUpperBound && ub < k64K) {
    const std::uint64_t v = get_constrained_whole(r, static_cast<u128>(ub - lb) + 1, what);
    return {static_cast<std::size_t>(v) + lb, false};
  }
  r.align();
  const auto first = static_cast<unsigned>(r.bits(8, what));
  if ((first & 0x80U) == 0) return {first, false};
  if ((first & 0x40U) == 0) return {((first & 0x3FU) << 8) | static_cast<unsigned>(r.bits(8, what)), false};
  const unsigned m = first & 0x3FU;
  if (m < 1 || m > 4) r.fail(what, "fragment multiplier " + std::to_string(m) + " outside 1..4");
  return {m * k16K, true};
}

}  // namespace concur::s1ap::aper
