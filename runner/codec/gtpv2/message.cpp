#include "codec/gtpv2/message.h"

#include <string>

namespace concur::gtpv2 {

bool GtpMessage::operator==(const GtpMessage& o) const {
  return header == o.header && ies == o.ies && piggybacked == o.piggybacked;
}

namespace {

GtpMessage read_message(ByteReader& r, bool allow_piggyback) {
  GtpMessage m;
  const std::size_t start = r.offset();
  bool piggyback = false;
  const std::uint16_t length = read_header(r, m.header, piggyback);
  const std::size_t body_length = length - (header_size(m.header) - 4);
  if (r.remaining() < body_length) {
    throw_decode("header.length", start + 2,
                 "message length " + std::to_string(length) + " overruns the datagram by " +
                     std::to_string(body_length - r.remaining()) + " octet(s)");
  }
  ByteReader body = r.sub(body_length, "message.body");
  m.ies = read_ies(body);
  if (piggyback) {
    if (!allow_piggyback) throw_decode("header.flags", start, "a piggybacked message shall not set the P flag itself");
    if (r.empty()) throw_decode("header.flags", start, "P flag set but no piggybacked message follows");
    m.piggybacked.push_back(read_message(r, false));
  }
  return m;
}

void write_message(ByteWriter& w, const GtpMessage& m) {
  if (m.piggybacked.size() > 1) throw std::invalid_argument("GTPv2 encoder: at most one piggybacked message");
  const std::size_t start = w.size();
  const std::size_t length_at = write_header(w, m.header, !m.piggybacked.empty());
  write_ies(w, m.ies);
  const std::size_t length = w.size() - start - 4;
  if (length > 0xffff) throw std::invalid_argument("GTPv2 encoder: message longer than 65535 octets");
  w.patch_u16(length_at, static_cast<std::uint16_t>(length));
  for (const GtpMessage& p : m.piggybacked) {
    if (!p.piggybacked.empty()) throw std::invalid_argument("GTPv2 encoder: a piggybacked message cannot carry another");
    write_message(w, p);
  }
}

}  // namespace

Result<GtpMessage> decode(ByteView datagram) {
  return decode_guarded([&] {
    ByteReader r(datagram);
    GtpMessage m = read_message(r, true);
    if (!r.empty()) {
      r.fail("message.trailer", std::to_string(r.remaining()) + " octet(s) after the message and no P flag");
    }
    return m;
  });
}

Bytes encode(const GtpMessage& message) {
  ByteWriter w;
  write_message(w, message);
  return w.take();
}

GtpMessage make_message(MessageType type, std::uint32_t teid, std::uint32_t sequence, std::vector<Ie> ies) {
  GtpMessage m;
  m.header.message_type = static_cast<std::uint8_t>(type);
  if (message_has_teid(m.header.message_type)) m.header.teid = teid;
  m.header.sequence = sequence;
  m.ies = std::move(ies);
  return m;
}

std::string message_name(const GtpMessage& m) { return message_name(m.header.message_type); }

}  // namespace concur::gtpv2
