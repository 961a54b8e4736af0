#include "common/byte_reader.h"

namespace concur {

void ByteReader::need(std::size_t n, std::string_view field) const {
  if (remaining() < n) {
    throw_decode(std::string(field), offset(),
                 "needs " + std::to_string(n) + " octet(s), only " + std::to_string(remaining()) + " left");
  }
}

void ByteReader::fail(std::string_view field, std::string reason) const {
  throw_decode(std::string(field), offset(), std::move(reason));
}

std::uint16_t ByteReader::u16(std::string_view field) {
  need(2, field);
  const std::uint16_t v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
  pos_ += 2;
  return v;
}

std::uint32_t ByteReader::u24(std::string_view field) {
  need(3, field);
  const std::uint32_t v = (std::uint32_t{data_[pos_]} << 16) | (std::uint32_t{data_[pos_ + 1]} << 8) | data_[pos_ + 2];
  pos_ += 3;
  return v;
}

std::uint32_t ByteReader::u32(std::string_view field) {
  need(4, field);
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | data_[pos_ + i];
  pos_ += 4;
  return v;
}

std::uint64_t ByteReader::u64(std::string_view field) {
  need(8, field);
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | data_[pos_ + i];
  pos_ += 8;
  return v;
}

ByteView ByteReader::view(std::size_t n, std::string_view field) {
  need(n, field);
  ByteView v = data_.subspan(pos_, n);
  pos_ += n;
  return v;
}

Bytes ByteReader::bytes(std::size_t n, std::string_view field) {
  ByteView v = view(n, field);
  return Bytes(v.begin(), v.end());
}

ByteReader ByteReader::sub(std::size_t n, std::string_view field) {
  const std::size_t start = offset();
  return ByteReader(view(n, field), start);
}

ByteView ByteReader::rest() {
  ByteView v = data_.subspan(pos_);
  pos_ = data_.size();
  return v;
}

}  // namespace concur
