// A bounded, big-endian reader over a byte view. Every read names the field it reads so that
// a short or malformed input produces a DecodeError with the field and the absolute offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur {

class ByteReader {
 public:
  /// `base_offset` is where `data` starts in the outermost buffer, so that errors from nested
  /// readers still report offsets a user can find in a hex dump of the whole message.
  explicit ByteReader(ByteView data, std::size_t base_offset = 0) : data_(data), base_(base_offset) {}

  std::uint8_t u8(std::string_view field) { return need(1, field), data_[pos_++]; }
  std::uint16_t u16(std::string_view field);
  std::uint32_t u24(std::string_view field);
  std::uint32_t u32(std::string_view field);
  std::uint64_t u64(std::string_view field);
  /// Reads `n` octets as a view into the original buffer (no copy).
  ByteView view(std::size_t n, std::string_view field);
  Bytes bytes(std::size_t n, std::string_view field);
  /// A reader over the next `n` octets; this reader moves past them.
  ByteReader sub(std::size_t n, std::string_view field);
  /// The rest of the input as a view; this reader becomes empty.
  ByteView rest();
  void skip(std::size_t n, std::string_view field) { need(n, field), pos_ += n; }

  std::uint8_t peek_u8(std::string_view field) const { return need(1, field), data_[pos_]; }

  std::size_t remaining() const noexcept { return data_.size() - pos_; }
  bool empty() const noexcept { return pos_ == data_.size(); }
  /// Absolute offset of the next octet to be read.
  std::size_t offset() const noexcept { return base_ + pos_; }

  /// Fails at the current position.
  [[noreturn]] void fail(std::string_view field, std::string reason) const;

 private:
  void need(std::size_t n, std::string_view field) const;

  ByteView data_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

}  // namespace concur
