// Bounded bit-level input for aligned PER. Every read is checked against the end of the input
// and fails with a DecodeFailure naming the field path, the octet offset and the bit position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::s1ap::aper {

class FieldPath;

class BitReader {
 public:
  /// `base_offset`: octet offset of `data` in the outermost buffer (open types are decoded from
  /// a nested reader, and errors still point into the whole message).
  BitReader(ByteView data, const FieldPath& path, std::size_t base_offset = 0)
      : data_(data), path_(&path), base_(base_offset) {}

  std::uint64_t bits(unsigned width, std::string_view what);
  bool bit(std::string_view what) { return bits(1, what) != 0; }
  void align();
  /// Copies `n` octets from the current bit position into `dst`.
  void octets(std::uint8_t* dst, std::size_t n, std::string_view what);
  /// A view of `n` octets; the reader must be octet-aligned.
  ByteView view(std::size_t n, std::string_view what);
  /// Copies `nbits` bits into `dst` (MSB first, last octet zero-padded).
  void bit_field(std::uint8_t* dst, std::size_t nbits, std::string_view what);

  std::size_t bits_left() const noexcept { return 8 * data_.size() - pos_; }
  std::size_t bit_position() const noexcept { return 8 * base_ + pos_; }
  std::size_t octet_offset() const noexcept { return base_ + pos_ / 8; }
  std::size_t base_offset() const noexcept { return base_; }
  const FieldPath& path() const noexcept { return *path_; }

  /// Fails at the current position: "<what> at bit N: <reason>".
  [[noreturn]] void fail(std::string_view what, const std::string& reason) const;

 private:
  void need(std::size_t nbits, std::string_view what) const;

  ByteView data_;
  const FieldPath* path_;
  std::size_t base_;
  std::size_t pos_ = 0;  // bits consumed from data_
};

}  // namespace concur::s1ap::aper
