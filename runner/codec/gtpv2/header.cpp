#include "codec/gtpv2/header.h"

#include <stdexcept>
#include <string>

namespace concur::gtpv2 {

std::uint16_t read_header(ByteReader& r, Header& h, bool& piggyback) {
  const std::size_t start = r.offset();
  const std::uint8_t flags = r.u8("header.flags");
  const std::uint8_t version = flags >> 5;
  if (version != 2) throw_decode("header.version", start, "version " + std::to_string(version) + ", expected 2");
  piggyback = (flags & 0x10) != 0;
  const bool has_teid = (flags & 0x08) != 0;
  const bool has_priority = (flags & 0x04) != 0;
  h.spare_flags = flags & 0x03;
  h.message_type = r.u8("header.message_type");
  const std::uint16_t length = r.u16("header.length");
  const std::size_t minimum = has_teid ? 8 : 4;
  if (length < minimum) {
    throw_decode("header.length", start + 2,
                 "length " + std::to_string(length) + " shorter than the rest of the header (" + std::to_string(minimum) + ")");
  }
  if (has_teid) h.teid = r.u32("header.teid");
  else h.teid.reset();
  h.sequence = r.u24("header.sequence");
  const std::uint8_t last = r.u8(has_teid ? "header.message_priority" : "header.spare");
  if (has_priority && !has_teid) throw_decode("header.flags", start, "MP flag set without TEID (29.274 5.4)");
  if (has_priority) {
    h.message_priority = static_cast<std::uint8_t>(last >> 4);
    h.spare_tail = last & 0x0f;
  } else {
    h.message_priority.reset();
    h.spare_tail = last;
  }
  return length;
}

std::size_t write_header(ByteWriter& w, const Header& h, bool piggyback) {
  if (h.message_priority && !h.teid) throw std::invalid_argument("GTPv2 header: message priority needs a TEID (T=1)");
  if (h.message_priority && *h.message_priority > 15) throw std::invalid_argument("GTPv2 header: message priority > 15");
  if (h.sequence > 0xFFFFFF) throw std::invalid_argument("GTPv2 header: sequence number wider than 24 bits");
  std::uint8_t flags = 0x40;  // version 2
  if (piggyback) flags |= 0x10;
  if (h.teid) flags |= 0x08;
  if (h.message_priority) flags |= 0x04;
  flags |= h.spare_flags & 0x03;
  w.u8(flags);
  w.u8(h.message_type);
  const std::size_t length_at = w.size();
  w.u16(0);
  if (h.teid) w.u32(*h.teid);
  w.u24(h.sequence);
  if (h.message_priority) w.u8(static_cast<std::uint8_t>((*h.message_priority << 4) | (h.spare_tail & 0x0f)));
  else w.u8(h.spare_tail);
  return length_at;
}

}  // namespace concur::gtpv2
