#include "capture/capture_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

namespace concur::capture {
namespace {

__extension__ typedef __int128 Int128;  // exact timestamp scaling without overflow

constexpr std::uint32_t kPcapMagicMicro = 0xa1b2c3d4;
constexpr std::uint32_t kPcapMagicNano = 0xa1b23c4d;
constexpr std::uint32_t kPcapngSectionHeader = 0x0A0D0D0A;  // palindromic: same in both byte orders
constexpr std::uint32_t kPcapngByteOrderMagic = 0x1A2B3C4D;
constexpr std::uint32_t kBlockInterfaceDescription = 1;
constexpr std::uint32_t kBlockPacketObsolete = 2;
constexpr std::uint32_t kBlockSimplePacket = 3;
constexpr std::uint32_t kBlockEnhancedPacket = 6;
constexpr std::uint16_t kOptEndOfOpt = 0;
constexpr std::uint16_t kOptIfTsresol = 9;
constexpr std::uint16_t kOptIfFcslen = 13;
constexpr std::uint16_t kOptIfTsoffset = 14;

std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
std::uint32_t le32(const std::uint8_t* p) {
  return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) | p[0];
}

/// Bounds-checked reads in the byte order of the current file / section.
struct OrderedReader {
  const std::uint8_t* p;
  std::size_t size;
  bool little;
  std::size_t pos = 0;

  bool has(std::size_t n) const { return size - pos >= n; }
  std::uint16_t u16() {
    const std::uint16_t v = little ? static_cast<std::uint16_t>(p[pos] | (p[pos + 1] << 8))
                                   : static_cast<std::uint16_t>((p[pos] << 8) | p[pos + 1]);
    pos += 2;
    return v;
  }
  std::uint32_t u32() {
    const std::uint32_t v = little ? le32(p + pos) : be32(p + pos);
    pos += 4;
    return v;
  }
  std::uint64_t u64() {
    const std::uint64_t a = u32(), b = u32();
    return little ? (b << 32) | a : (a << 32) | b;
  }
};

std::int64_t saturate(Int128 v) {
  if (v > std::numeric_limits<std::int64_t>::max()) return std::numeric_limits<std::int64_t>::max();
  if (v < std::numeric_limits<std::int64_t>::min()) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(v);
}

}  // namespace

CaptureFile::CaptureFile(const std::string& path) : stream_(std::fopen(path.c_str(), "rb"), &std::fclose), name_(path) {
  if (!stream_) {
    stream_.reset();
    fail(0, std::string("cannot open: ") + std::strerror(errno));
  }
}

CaptureFile::CaptureFile(std::FILE* stream, std::string name) : stream_(stream, &std::fclose), name_(std::move(name)) {
  if (!stream_) fail(0, "no stream to read");
}

CaptureFile::~CaptureFile() = default;

std::size_t CaptureFile::read_up_to(std::uint8_t* dst, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    const std::size_t r = std::fread(dst + got, 1, n - got, stream_.get());
    if (r == 0) break;
    got += r;
  }
  offset_ += got;
  return got;
}

bool CaptureFile::fail(std::uint64_t offset, std::string reason) {
  if (!error_) {
    std::uint64_t frame = header_read_ ? frame_.number + 1 : 0;
    error_ = CaptureError{name_, offset, frame, std::move(reason)};
  }
  finished_ = true;
  return false;
}

const RawFrame* CaptureFile::next() {
  if (finished_ || error_) return nullptr;
  if (!header_read_ && !read_file_header()) return nullptr;
  const bool got = format_ == CaptureFormat::pcap ? next_pcap_record() : next_pcapng_block();
  if (!got) {
    finished_ = true;
    return nullptr;
  }
  return &frame_;
}

bool CaptureFile::read_file_header() {
  std::uint8_t h[24];
  const std::size_t n = read_up_to(h, 4);
  if (n < 4) return fail(0, n == 0 ? "empty file: no pcap or pcapng header" : "truncated file header: " + std::to_string(n) + " of 4 magic octets");
  if (be32(h) == kPcapngSectionHeader) {
    format_ = CaptureFormat::pcapng;
    if (!read_section_header(0, kPcapngSectionHeader)) return false;
    header_read_ = true;
    return true;
  }
  const std::uint32_t magic_be = be32(h), magic_le = le32(h);
  std::uint8_t exponent = 0;
  if (magic_le == kPcapMagicMicro || magic_le == kPcapMagicNano) {
    little_endian_ = true;
    exponent = magic_le == kPcapMagicMicro ? 6 : 9;
  } else if (magic_be == kPcapMagicMicro || magic_be == kPcapMagicNano) {
    little_endian_ = false;
    exponent = magic_be == kPcapMagicMicro ? 6 : 9;
  } else {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08x", magic_be);
    return fail(0, std::string("not a pcap or pcapng file (magic 0x") + hex + ")");
  }
  const std::size_t m = read_up_to(h + 4, 20);
  if (m < 20) return fail(0, "truncated pcap file header: " + std::to_string(4 + m) + " of 24 octets");
  OrderedReader r{h, sizeof h, little_endian_, 4};
  const std::uint16_t major = r.u16();
  r.u16();  // minor
  r.u32();  // thiszone (always 0 in practice)
  r.u32();  // sigfigs
  const std::uint32_t snaplen = r.u32();
  const std::uint32_t linktype_field = r.u32();
  if (major != 2) return fail(0, "unsupported pcap version " + std::to_string(major) + " (expected 2)");
  Interface itf;
  itf.linktype = linktype_field & 0xFFFF;
  itf.snaplen = snaplen;
  itf.resolution_exponent = exponent;
  // pcap-savefile(5): bit 26 says the FCS length in bits 28..31 (in 16-bit words) is valid.
  if (linktype_field & 0x04000000u) itf.fcs_octets = 2 * ((linktype_field >> 28) & 0xF);
  interfaces_.assign(1, itf);
  format_ = CaptureFormat::pcap;
  header_read_ = true;
  return true;
}

bool CaptureFile::deliver(std::uint64_t record_start, std::uint64_t data_start, const Interface& itf,
                          std::uint64_t ts_units, std::uint32_t captured, std::uint32_t original, ByteView data) {
  Int128 ns;
  if (itf.resolution_power_of_two) {
    ns = (Int128(ts_units) * 1'000'000'000) >> itf.resolution_exponent;
  } else if (itf.resolution_exponent <= 9) {
    Int128 scale = 1;
    for (int i = itf.resolution_exponent; i < 9; ++i) scale *= 10;
    ns = Int128(ts_units) * scale;
  } else {
    Int128 scale = 1;
    for (int i = 9; i < itf.resolution_exponent && i < 40; ++i) scale *= 10;
    ns = Int128(ts_units) / scale;
  }
  ns += Int128(itf.offset_seconds) * 1'000'000'000;
  if (itf.fcs_octets > 0 && data.size() >= itf.fcs_octets) data = data.first(data.size() - itf.fcs_octets);
  (void)captured;
  frame_.number += 1;
  frame_.record_offset = record_start;
  frame_.data_offset = data_start;
  frame_.record_end = offset_;
  frame_.timestamp_ns = saturate(ns);
  frame_.linktype = itf.linktype;
  frame_.original_length = original;
  frame_.data = data;
  return true;
}

bool CaptureFile::next_pcap_record() {
  const std::uint64_t start = offset_;
  std::uint8_t h[16];
  const std::size_t n = read_up_to(h, 16);
  if (n == 0) return false;  // clean end of file
  if (n < 16) return fail(start, "truncated record header: " + std::to_string(n) + " of 16 octets");
  OrderedReader r{h, sizeof h, little_endian_};
  const std::uint32_t seconds = r.u32();
  const std::uint32_t fraction = r.u32();
  const std::uint32_t captured = r.u32();
  const std::uint32_t original = r.u32();
  if (captured > kMaxCapturedLength) {
    return fail(start, "captured length " + std::to_string(captured) + " exceeds " +
                           std::to_string(kMaxCapturedLength) + ": corrupt record header");
  }
  if (record_.size() < captured) record_.resize(captured);
  const std::size_t got = read_up_to(record_.data(), captured);
  if (got < captured) {
    return fail(start, "truncated record: header announces " + std::to_string(captured) +
                           " captured octets, only " + std::to_string(got) + " remain");
  }
  const Interface& itf = interfaces_.front();
  std::uint64_t scale = itf.resolution_exponent == 9 ? 1'000'000'000 : 1'000'000;
  return deliver(start, start + 16, itf, std::uint64_t{seconds} * scale + fraction, captured, original,
                 ByteView(record_.data(), captured));
}

bool CaptureFile::read_section_header(std::uint64_t block_start, std::uint32_t /*raw_type*/) {
  // The type (4 octets) was read; length and byte-order magic follow (pcapng 4.1).
  std::uint8_t h[8];
  const std::size_t n = read_up_to(h, 8);
  if (n < 8) return fail(block_start, "truncated section header block: " + std::to_string(4 + n) + " of 12 octets");
  if (be32(h + 4) == kPcapngByteOrderMagic) {
    little_endian_ = false;
  } else if (le32(h + 4) == kPcapngByteOrderMagic) {
    little_endian_ = true;
  } else {
    return fail(block_start + 8, "section header block has no byte-order magic 0x1A2B3C4D");
  }
  const std::uint32_t length = little_endian_ ? le32(h) : be32(h);
  if (length < 28 || length % 4 != 0 || length > kMaxBlockLength) {
    return fail(block_start, "section header block length " + std::to_string(length) + " is invalid");
  }
  const std::size_t rest = length - 12;
  if (record_.size() < rest) record_.resize(rest);
  const std::size_t got = read_up_to(record_.data(), rest);
  if (got < rest) {
    return fail(block_start, "truncated section header block: length says " + std::to_string(length) +
                                 " octets, only " + std::to_string(12 + got) + " remain");
  }
  OrderedReader r{record_.data(), rest, little_endian_};
  const std::uint16_t major = r.u16();
  if (major != 1) return fail(block_start + 12, "unsupported pcapng major version " + std::to_string(major));
  r.pos = rest - 4;
  if (r.u32() != length) return fail(block_start + length - 4, "section header block trailing length differs from leading length");
  interfaces_.clear();
  return true;
}

bool CaptureFile::next_pcapng_block() {
  for (;;) {
    const std::uint64_t start = offset_;
    std::uint8_t h[8];
    std::size_t n = read_up_to(h, 4);
    if (n == 0) return false;  // clean end of file
    if (n < 4) return fail(start, "truncated block header: " + std::to_string(n) + " of 8 octets");
    if (be32(h) == kPcapngSectionHeader) {
      if (!read_section_header(start, kPcapngSectionHeader)) return false;
      continue;
    }
    n = read_up_to(h + 4, 4);
    if (n < 4) return fail(start, "truncated block header: " + std::to_string(4 + n) + " of 8 octets");
    const std::uint32_t type = little_endian_ ? le32(h) : be32(h);
    const std::uint32_t length = little_endian_ ? le32(h + 4) : be32(h + 4);
    if (length < 12 || length % 4 != 0 || length > kMaxBlockLength) {
      return fail(start, "block total length " + std::to_string(length) + " is invalid (block type " +
                             std::to_string(type) + ")");
    }
    const std::size_t body = length - 8;  // includes the trailing length
    if (record_.size() < body) record_.resize(body);
    const std::size_t got = read_up_to(record_.data(), body);
    if (got < body) {
      return fail(start, "truncated block: length says " + std::to_string(length) + " octets, only " +
                             std::to_string(8 + got) + " remain");
    }
    OrderedReader r{record_.data(), body - 4, little_endian_};
    const std::uint32_t trailing = little_endian_ ? le32(record_.data() + body - 4) : be32(record_.data() + body - 4);
    if (trailing != length) {
      return fail(start, "block trailing length " + std::to_string(trailing) + " differs from leading length " +
                             std::to_string(length));
    }
    const std::uint64_t body_start = start + 8;
    switch (type) {
      case kBlockInterfaceDescription: {
        if (!r.has(8)) return fail(start, "interface description block shorter than 20 octets");
        Interface itf;
        itf.linktype = r.u16();
        r.u16();
        itf.snaplen = r.u32();
        while (r.has(4)) {
          const std::size_t opt_at = r.pos;
          const std::uint16_t code = r.u16();
          const std::uint16_t len = r.u16();
          const std::size_t padded = (std::size_t{len} + 3) & ~std::size_t{3};
          if (code == kOptEndOfOpt) break;
          if (!r.has(padded)) return fail(body_start + opt_at, "interface option " + std::to_string(code) + " overruns its block");
          const std::uint8_t* v = r.p + r.pos;
          if (code == kOptIfTsresol && len >= 1) {
            itf.resolution_power_of_two = (v[0] & 0x80) != 0;
            itf.resolution_exponent = v[0] & 0x7F;
            if (itf.resolution_exponent > 63) return fail(body_start + r.pos, "if_tsresol exponent out of range");
          } else if (code == kOptIfTsoffset && len >= 8) {
            OrderedReader o{v, 8, little_endian_};
            itf.offset_seconds = static_cast<std::int64_t>(o.u64());
          } else if (code == kOptIfFcslen && len >= 1) {
            itf.fcs_octets = v[0];
          }
          r.pos += padded;
        }
        interfaces_.push_back(itf);
        break;
      }
      case kBlockEnhancedPacket:
      case kBlockPacketObsolete: {
        if (!r.has(20)) return fail(start, "packet block shorter than its fixed fields");
        std::uint32_t interface_id;
        if (type == kBlockEnhancedPacket) {
          interface_id = r.u32();
        } else {
          interface_id = r.u16();
          r.u16();  // drops count
        }
        const std::uint64_t high = r.u32(), low = r.u32();
        const std::uint32_t captured = r.u32();
        const std::uint32_t original = r.u32();
        if (interface_id >= interfaces_.size()) {
          return fail(start, "packet block names interface " + std::to_string(interface_id) + " but the section describes " +
                                 std::to_string(interfaces_.size()));
        }
        if (captured > kMaxCapturedLength || captured > r.size - r.pos) {
          return fail(start, "captured length " + std::to_string(captured) + " exceeds the block or " +
                                 std::to_string(kMaxCapturedLength) + ": corrupt packet block");
        }
        return deliver(start, body_start + r.pos, interfaces_[interface_id], (high << 32) | low, captured, original,
                       ByteView(record_.data() + r.pos, captured));
      }
      case kBlockSimplePacket: {
        if (!r.has(4)) return fail(start, "simple packet block shorter than 16 octets");
        if (interfaces_.empty()) return fail(start, "simple packet block before any interface description");
        const std::uint32_t original = r.u32();
        std::uint32_t captured = static_cast<std::uint32_t>(std::min<std::size_t>(original, r.size - r.pos));
        if (interfaces_.front().snaplen != 0) captured = std::min(captured, interfaces_.front().snaplen);
        if (captured > kMaxCapturedLength) return fail(start, "simple packet block longer than " + std::to_string(kMaxCapturedLength));
        return deliver(start, body_start + 4, interfaces_.front(), 0, captured, original,
                       ByteView(record_.data() + 4, captured));
      }
      default:
        break;  // name resolution, statistics, decryption secrets, custom blocks: not needed here
    }
  }
}

}  // namespace concur::capture
