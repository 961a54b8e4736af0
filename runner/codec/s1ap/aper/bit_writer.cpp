#include "codec/s1ap/aper/bit_writer.h"

namespace concur::s1ap::aper {

void BitWriter::bits(std::uint64_t value, unsigned width) {
  while (width > 0) {
    const unsigned used = nbits_ & 7U;
    if (used == 0) out_.push_back(0);
    const unsigned room = 8 - used;
    const unsigned take = width < room ? width : room;
    const auto chunk = static_cast<std::uint8_t>((value >> (width - take)) & ((1U << take) - 1U));
    out_.back() |= static_cast<std::uint8_t>(chunk << (room - take));
    nbits_ += take;
    width -= take;
  }
}

void BitWriter::align() { nbits_ = (nbits_ + 7U) & ~static_cast<std::size_t>(7U); }

void BitWriter::octets(const std::uint8_t* p, std::size_t n) {
  if (aligned()) {
    out_.insert(out_.end(), p, p + n);
    nbits_ += 8 * n;
    return;
  }
  for (std::size_t i = 0; i < n; ++i) bits(p[i], 8);
}

void BitWriter::bit_field(const std::uint8_t* p, std::size_t nbits) {
  octets(p, nbits / 8);
  if (nbits % 8) bits(static_cast<std::uint8_t>(p[nbits / 8] >> (8 - nbits % 8)), nbits % 8);
}

Bytes BitWriter::finish() && {
  if (nbits_ == 0) return Bytes{0x00};
  out_.resize((nbits_ + 7) / 8);
  return std::move(out_);
}

}  // namespace concur::s1ap::aper
