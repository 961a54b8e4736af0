// Record-level reader for pcap and pcapng files, written here rather than taken from libpcap:
// libpcap reports a truncated or corrupt record without the file offset or the frame number,
// and rejects a whole pcapng file for one odd block, while a field engineer needs "frame 812 at
// offset 93412: record truncated" and every message before it. Streaming: one record in memory.
//
// Formats: pcap (both byte orders, micro- and nanosecond magic, FCS bits in the link-type
// field) and pcapng (several sections of either byte order, several interfaces with their own
// link type and if_tsresol / if_tsoffset; EPB, SPB and the obsolete PB; other blocks skipped).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capture/captured_message.h"
#include "common/bytes.h"

namespace concur::capture {

/// One captured frame as stored in the file.
struct RawFrame {
  std::uint64_t number = 0;          ///< 1-based
  std::uint64_t record_offset = 0;   ///< file offset of the record header / block
  std::uint64_t data_offset = 0;     ///< file offset of the first captured octet
  std::uint64_t record_end = 0;      ///< file offset just past the record / block
  std::int64_t timestamp_ns = 0;     ///< ns since the Unix epoch
  std::uint32_t linktype = 0;        ///< LINKTYPE_* value (tcpdump.org/linktypes.html)
  std::uint32_t original_length = 0;
  ByteView data;                     ///< captured octets (FCS removed when the file announced one)
};

enum class CaptureFormat : std::uint8_t { unknown, pcap, pcapng };

class CaptureFile {
 public:
  /// Largest captured length accepted per frame: libpcap's MAXIMUM_SNAPLEN (262144). A larger
  /// one means a corrupt record header, not a real frame.
  static constexpr std::uint32_t kMaxCapturedLength = 262144;
  /// Largest pcapng block accepted (a packet block of the largest frame plus generous options).
  static constexpr std::uint32_t kMaxBlockLength = 16u * 1024 * 1024;

  /// Opens `path`; an unopenable file becomes error() at offset 0.
  explicit CaptureFile(const std::string& path);
  /// Reads from an open stream (e.g. fmemopen); takes ownership and closes it. `name` is used in errors.
  CaptureFile(std::FILE* stream, std::string name);
  ~CaptureFile();
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;

  /// The next frame, valid until the next call; nullptr at the end of the file or on error().
  const RawFrame* next();
  /// Set when the file is corrupt or truncated; reading has stopped.
  const std::optional<CaptureError>& error() const noexcept { return error_; }
  CaptureFormat format() const noexcept { return format_; }
  const std::string& name() const noexcept { return name_; }
  /// Octets consumed so far (the offset of the next record).
  std::uint64_t offset() const noexcept { return offset_; }

 private:
  struct Interface {
    std::uint32_t linktype = 0;
    std::uint32_t snaplen = 0;
    std::uint32_t fcs_octets = 0;
    bool resolution_power_of_two = false;
    std::uint8_t resolution_exponent = 6;  ///< if_tsresol default: microseconds
    std::int64_t offset_seconds = 0;
  };

  bool read_file_header();
  bool next_pcap_record();
  bool next_pcapng_block();
  bool read_section_header(std::uint64_t block_start, std::uint32_t raw_type);
  std::size_t read_up_to(std::uint8_t* dst, std::size_t n);
  bool fail(std::uint64_t offset, std::string reason);
  bool deliver(std::uint64_t record_start, std::uint64_t data_start, const Interface& itf, std::uint64_t ts_units,
               std::uint32_t captured, std::uint32_t original, ByteView data);

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream_;
  std::string name_;
  CaptureFormat format_ = CaptureFormat::unknown;
  bool header_read_ = false;
  bool finished_ = false;
  bool swapped_ = false;  ///< file byte order differs from host / section order is little-endian
  bool little_endian_ = false;
  std::uint64_t offset_ = 0;
  std::optional<CaptureError> error_;
  std::vector<Interface> interfaces_;  ///< pcap: one; pcapng: those of the current section
  Bytes record_;
  RawFrame frame_;
};

}  // namespace concur::capture
