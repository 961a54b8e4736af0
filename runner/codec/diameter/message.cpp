#include "codec/diameter/message.h"

#include <stdexcept>

#include "common/byte_reader.h"
#include "common/byte_writer.h"

namespace concur::diameter {

Result<Message> decode(ByteView bytes) {
  return decode_guarded([&] {
    ByteReader r(bytes);
    Message m;
    const std::uint8_t version = r.u8("header.version");
    if (version != 1) throw_decode("header.version", 0, "version " + std::to_string(version) + ", expected 1");
    const std::uint32_t length = r.u24("header.length");
    if (length != bytes.size())
      throw_decode(
          "header.length", 1,
          "length " + std::to_string(length) + " differs from the message size " + std::to_string(bytes.size()));
    if (length % 4 != 0)
      throw_decode("header.length", 1, "length " + std::to_string(length) + " is not a multiple of 4");
    m.flags = r.u8("header.flags");
    if ((m.flags & kFlagRequest) && (m.flags & kFlagError))
      throw_decode("header.flags", 4, "E bit set on a request (RFC 6733 3)");
    m.command_code = r.u24("header.command_code");
    m.application_id = r.u32("header.application_id");
    m.hop_by_hop = r.u32("header.hop_by_hop");
    m.end_to_end = r.u32("header.end_to_end");
    m.avps = read_avps(r, "");
    return m;
  });
}

Bytes encode(const Message& m) {
  if (m.command_code > 0xFFFFFF) throw std::invalid_argument("command code above 24 bits");
  ByteWriter w;
  w.u8(1);
  w.u24(0);  // patched below
  w.u8(m.flags);
  w.u24(m.command_code);
  w.u32(m.application_id);
  w.u32(m.hop_by_hop);
  w.u32(m.end_to_end);
  write_avps(w, m.avps);
  if (w.size() > 0xFFFFFF) throw std::invalid_argument("message too long for the 24-bit length");
  Bytes out = w.take();
  out[1] = static_cast<std::uint8_t>(out.size() >> 16);
  out[2] = static_cast<std::uint8_t>(out.size() >> 8);
  out[3] = static_cast<std::uint8_t>(out.size());
  return out;
}

Message answer_to(const Message& request) {
  Message a;
  a.flags = static_cast<std::uint8_t>(request.flags & kFlagProxiable);
  a.command_code = request.command_code;
  a.application_id = request.application_id;
  a.hop_by_hop = request.hop_by_hop;
  a.end_to_end = request.end_to_end;
  return a;
}

std::string command_name(std::uint32_t code, bool request) {
  const char* base = nullptr;
  switch (code) {
    case command::capabilities_exchange:
      base = "Capabilities-Exchange";
      break;
    case command::device_watchdog:
      base = "Device-Watchdog";
      break;
    case command::disconnect_peer:
      base = "Disconnect-Peer";
      break;
    case command::update_location:
      base = "Update-Location";
      break;
    case command::cancel_location:
      base = "Cancel-Location";
      break;
    case command::authentication_information:
      base = "Authentication-Information";
      break;
    case command::purge_ue:
      base = "Purge-UE";
      break;
    default:
      return "Command " + std::to_string(code) + (request ? " Request" : " Answer");
  }
  return std::string(base) + (request ? "-Request" : "-Answer");
}

}  // namespace concur::diameter
