// Feeds arbitrary frames to the capture reader: the first octet picks a link type, then each
// frame is a 2-octet length and its octets. The frames are wrapped into a valid pcap file so the
// fuzzer spends its effort in the link, IP, SCTP, TCP and GTPv2-C decoders and their reassembly
// state across frames rather than in the file structure.
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "capture/capture_reader.h"
#include "capture/link_layer.h"

namespace {

void le32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace concur::capture;
  static constexpr std::array<std::uint32_t, 10> kLinks = {
      linktype::ethernet, linktype::raw, linktype::linux_sll, linktype::linux_sll2, linktype::null_bsd,
      linktype::loop, linktype::ipv4, linktype::ipv6, linktype::raw_12, linktype::raw_14};
  if (size < 1) return 0;
  std::vector<std::uint8_t> file;
  le32(file, 0xa1b2c3d4);
  file.insert(file.end(), {2, 0, 4, 0});
  le32(file, 0);
  le32(file, 0);
  le32(file, 65535);
  le32(file, kLinks[data[0] % kLinks.size()]);
  std::uint32_t seconds = 0;
  for (std::size_t at = 1; at + 2 <= size;) {
    std::size_t n = (std::size_t{data[at]} << 8) | data[at + 1];
    at += 2;
    if (n > size - at) n = size - at;
    le32(file, seconds);
    le32(file, 0);
    le32(file, static_cast<std::uint32_t>(n));
    le32(file, static_cast<std::uint32_t>(n));
    file.insert(file.end(), data + at, data + at + n);
    at += n;
    seconds += (n & 1) ? 40 : 0;  // some frames jump past the reassembly timeouts
  }
  std::FILE* stream = fmemopen(file.data(), file.size(), "rb");
  if (!stream) return 0;
  CaptureOptions options;
  options.ip.max_datagrams = 4;
  options.sctp.max_pending_octets = 8192;
  options.sctp.tsn_window = 256;
  options.keep_unclassified = true;
  CaptureReader reader(stream, "fuzz-frames.pcap", options);
  while (auto m = reader.next()) {
    if (m->bytes.size() > size * 64 + 65536) std::abort();
  }
  if (reader.error()) std::abort();  // the wrapper writes a well-formed file: any file error is a reader bug
  return 0;
}
