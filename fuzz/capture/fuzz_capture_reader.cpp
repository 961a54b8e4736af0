// Feeds arbitrary bytes to the capture reader as a file (through fmemopen, as a file on disk is
// read). Whatever the input: no crash, no out-of-bounds read, and a coherent end state.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "capture/capture_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;  // fmemopen rejects a zero-size buffer
  std::FILE* stream = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
  if (!stream) return 0;
  concur::capture::CaptureOptions options;
  // Small bounds so that eviction and expiry paths run on small inputs too.
  options.ip.max_datagrams = 4;
  options.ip.max_buffered_octets = 4096;
  options.sctp.max_pending_octets = 4096;
  options.sctp.max_directions = 4;
  options.sctp.tsn_window = 128;
  options.tcp.max_out_of_order_octets = 4096;
  options.tcp.max_streams = 4;
  options.reorder_max_messages = 8;
  options.keep_unclassified = true;
  concur::capture::CaptureReader reader(stream, "fuzz.pcap", options);
  std::uint64_t last_frame = 0;
  while (auto m = reader.next()) {
    if (m->bytes.size() > size * 64 + 65536) std::abort();  // a message cannot come from nowhere
    if (m->frame_number == 0) std::abort();
    last_frame = std::max(last_frame, m->frame_number);
  }
  if (reader.error() && reader.error()->offset > size) std::abort();
  if (reader.stats().frames < last_frame) std::abort();
  return 0;
}
