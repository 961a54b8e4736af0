// Big-endian byte writer for encoders, with back-patching of length fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "common/bytes.h"

namespace concur {

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { u8(static_cast<std::uint8_t>(v >> 8)), u8(static_cast<std::uint8_t>(v)); }
  void u24(std::uint32_t v) { u8(static_cast<std::uint8_t>(v >> 16)), u16(static_cast<std::uint16_t>(v)); }
  void u32(std::uint32_t v) { u16(static_cast<std::uint16_t>(v >> 16)), u16(static_cast<std::uint16_t>(v)); }
  void u64(std::uint64_t v) { u32(static_cast<std::uint32_t>(v >> 32)), u32(static_cast<std::uint32_t>(v)); }
  void bytes(ByteView b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void zeros(std::size_t n) { out_.insert(out_.end(), n, 0); }

  /// Overwrites two octets at `at` (a length field written before its content was known).
  void patch_u16(std::size_t at, std::uint16_t v) {
    out_.at(at) = static_cast<std::uint8_t>(v >> 8);
    out_.at(at + 1) = static_cast<std::uint8_t>(v);
  }
  void patch_u8(std::size_t at, std::uint8_t v) { out_.at(at) = v; }

  std::size_t size() const noexcept { return out_.size(); }
  const Bytes& data() const noexcept { return out_; }
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

}  // namespace concur
