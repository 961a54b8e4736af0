#include "codec/s1ap/aper/bit_reader.h"

#include <cstring>

#include "codec/s1ap/aper/field_path.h"

namespace concur::s1ap::aper {

std::string FieldPath::str() const {
  std::string s;
  for (const Part& p : parts_) {
    if (p.name) {
      if (!s.empty()) s += '.';
      s += (*p.name ? p.name : "?");
    } else {
      s += '[' + std::to_string(p.index) + ']';
    }
  }
  return s;
}

void BitReader::fail(std::string_view what, const std::string& reason) const {
  std::string r;
  r.reserve(what.size() + reason.size() + 32);
  r.append(what).append(" at bit ").append(std::to_string(bit_position())).append(": ").append(reason);
  throw DecodeFailure(DecodeError{path_->str(), octet_offset(), std::move(r)});
}

void BitReader::need(std::size_t nbits, std::string_view what) const {
  if (nbits > bits_left())
    fail(what, "needs " + std::to_string(nbits) + " bits, " + std::to_string(bits_left()) + " left");
}

std::uint64_t BitReader::bits(unsigned width, std::string_view what) {
  need(width, what);
  std::uint64_t v = 0;
  while (width > 0) {
    const unsigned used = pos_ & 7U;
    const unsigned room = 8 - used;
    const unsigned take = width < room ? width : room;
    const unsigned octet = data_[pos_ / 8];
    v = (v << take) | ((octet >> (room - take)) & ((1U << take) - 1U));
    pos_ += take;
    width -= take;
  }
  return v;
}

void BitReader::align() {
  const std::size_t aligned = (pos_ + 7U) & ~static_cast<std::size_t>(7U);
  // Padding past the end is only possible on the last, partial octet, which is in the input.
  pos_ = aligned <= 8 * data_.size() ? aligned : 8 * data_.size();
}

void BitReader::octets(std::uint8_t* dst, std::size_t n, std::string_view what) {
  if (n > bits_left() / 8) need(8 * n, what);
  if ((pos_ & 7U) == 0) {
    std::memcpy(dst, data_.data() + pos_ / 8, n);
    pos_ += 8 * n;
    return;
  }
  for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<std::uint8_t>(bits(8, what));
}

ByteView BitReader::view(std::size_t n, std::string_view what) {
  if (n > bits_left() / 8) need(8 * n, what);
  ByteView v = data_.subspan(pos_ / 8, n);
  pos_ += 8 * n;
  return v;
}

void BitReader::bit_field(std::uint8_t* dst, std::size_t nbits, std::string_view what) {
  need(nbits, what);
  octets(dst, nbits / 8, what);
  if (nbits % 8) dst[nbits / 8] = static_cast<std::uint8_t>(bits(nbits % 8, what) << (8 - nbits % 8));
}

}  // namespace concur::s1ap::aper
