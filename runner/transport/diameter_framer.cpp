#include "transport/diameter_framer.h"

#include "common/byte_reader.h"

namespace concur::transport {

Result<DiameterHeader> read_diameter_header(ByteView message, std::size_t max_message_size,
                                            std::size_t stream_offset) {
  return decode_guarded([&] {
    ByteReader r(message, stream_offset);
    DiameterHeader h;
    h.version = r.u8("Diameter.version");
    if (h.version != 1) {
      throw_decode("Diameter.version", stream_offset, "version " + std::to_string(h.version) + ", expected 1");
    }
    h.length = r.u24("Diameter.message_length");
    if (h.length < kDiameterHeaderSize || h.length % 4 != 0 || h.length > max_message_size) {
      throw_decode("Diameter.message_length", stream_offset + 1,
                   "length " + std::to_string(h.length) + " is not a multiple of 4 in 20.." +
                       std::to_string(max_message_size));
    }
    h.flags = r.u8("Diameter.command_flags");
    h.command_code = r.u24("Diameter.command_code");
    h.application_id = r.u32("Diameter.application_id");
    h.hop_by_hop = r.u32("Diameter.hop_by_hop_identifier");
    h.end_to_end = r.u32("Diameter.end_to_end_identifier");
    return h;
  });
}

void DiameterFramer::feed(ByteView bytes) {
  if (broken_) return;
  // Drop what was handed out before growing, so a long-lived stream keeps a small buffer.
  if (start_ > 0 && start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  } else if (start_ > 64 * 1024) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

Result<std::optional<Bytes>> DiameterFramer::next() {
  if (broken_) return *broken_;
  const ByteView pending = ByteView(buffer_).subspan(start_);
  // Version and length are judged as soon as the first 4 octets are in, so that a garbage stream
  // fails at once instead of waiting for megabytes that will never come. Checked by hand here
  // (no exception per short read: a stream fed octet by octet stays linear).
  if (pending.size() < 4) return std::optional<Bytes>{};
  const std::uint32_t length = (std::uint32_t{pending[1]} << 16) | (std::uint32_t{pending[2]} << 8) | pending[3];
  const bool header_ok = pending[0] == 1 && length >= kDiameterHeaderSize && length % 4 == 0 && length <= max_;
  if (!header_ok) {
    broken_ = read_diameter_header(pending.first(4), max_, consumed_).error();
    return *broken_;
  }
  if (pending.size() < length) return std::optional<Bytes>{};
  Bytes message(pending.begin(), pending.begin() + length);
  start_ += length;
  consumed_ += length;
  return std::optional<Bytes>(std::move(message));
}

}  // namespace concur::transport
