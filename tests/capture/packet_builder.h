// Builds frames and whole capture files in memory for the synthetic tests: every layer the reader
// understands, written octet by octet from the RFC layouts so a test states exactly what is on the wire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "capture/capture_reader.h"
#include "common/bytes.h"

namespace concur::capture::testing {

// --- SCTP (RFC 9260 3, RFC 8260 2.1) -------------------------------------------------------
constexpr std::uint8_t kEnd = 0x01, kBegin = 0x02, kUnordered = 0x04, kWhole = kBegin | kEnd;
Bytes sctp_data(std::uint32_t tsn, std::uint16_t stream, std::uint16_t ssn, std::uint32_t ppid, const Bytes& data,
                std::uint8_t flags = kWhole);
Bytes sctp_idata(std::uint32_t tsn, std::uint16_t stream, std::uint32_t mid, std::uint32_t ppid_or_fsn, const Bytes& data,
                 std::uint8_t flags);
Bytes sctp_sack(std::uint32_t cumulative_tsn);
/// Common header + chunks (each chunk already padded by the helpers above).
Bytes sctp_packet(std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t tag, const std::vector<Bytes>& chunks);

// --- UDP / TCP -----------------------------------------------------------------------------
Bytes udp(std::uint16_t src_port, std::uint16_t dst_port, const Bytes& payload);
constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;
Bytes tcp(std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t seq, std::uint8_t flags, const Bytes& payload);

// --- IP ------------------------------------------------------------------------------------
constexpr std::uint8_t kTcp = 6, kUdp = 17, kSctp = 132;
Bytes ipv4(const std::string& src, const std::string& dst, std::uint8_t protocol, const Bytes& payload,
           std::uint16_t id = 1, std::uint16_t fragment_offset_octets = 0, bool more_fragments = false);
/// Splits `payload` into IPv4 fragments of at most `fragment_octets` (a multiple of 8).
std::vector<Bytes> ipv4_fragments(const std::string& src, const std::string& dst, std::uint8_t protocol,
                                  const Bytes& payload, std::uint16_t id, std::size_t fragment_octets);
/// `extensions` is a list of (header type, header bytes without next-header/length) placed in order.
struct Ipv6Extension {
  std::uint8_t type;  ///< 0 hop-by-hop, 43 routing, 60 destination options, 51 AH
  Bytes body;         ///< octets after next-header and length; padded by the builder
};
Bytes ipv6(const std::string& src, const std::string& dst, std::uint8_t next, const Bytes& payload,
           const std::vector<Ipv6Extension>& extensions = {});
std::vector<Bytes> ipv6_fragments(const std::string& src, const std::string& dst, std::uint8_t next, const Bytes& payload,
                                  std::uint32_t id, std::size_t fragment_octets);

// --- Link layers ---------------------------------------------------------------------------
Bytes ethernet(std::uint16_t ethertype, const Bytes& payload, const std::vector<std::uint16_t>& vlan_tpids = {});
Bytes linux_sll(std::uint16_t protocol, const Bytes& payload);
Bytes linux_sll2(std::uint16_t protocol, const Bytes& payload);
Bytes null_header(std::uint32_t family, bool little_endian, const Bytes& payload);

// --- Capture files ---------------------------------------------------------------------------
struct Frame {
  Frame(std::int64_t ts, Bytes bytes, std::uint32_t interface = 0, std::optional<std::uint32_t> original = std::nullopt)
      : timestamp_ns(ts), data(std::move(bytes)), interface_id(interface), original_length(original) {}
  std::int64_t timestamp_ns;
  Bytes data;
  std::uint32_t interface_id = 0;  ///< pcapng only; UINT32_MAX writes a Simple Packet Block
  std::optional<std::uint32_t> original_length;
};
struct PcapStyle {
  bool nanoseconds = false;
  bool big_endian = false;
  std::uint32_t snaplen = 65535;
};
Bytes pcap_file(std::uint32_t linktype, const std::vector<Frame>& frames, PcapStyle style = {});

struct PcapngInterface {
  std::uint32_t linktype;
  std::optional<std::uint8_t> tsresol;  ///< if_tsresol octet
  std::optional<std::int64_t> tsoffset_seconds;
};
/// One section; timestamps are written in each interface's resolution. SPB frames: interface_id == UINT32_MAX.
Bytes pcapng_file(const std::vector<PcapngInterface>& interfaces, const std::vector<Frame>& frames, bool big_endian = false);

// --- Reading back ----------------------------------------------------------------------------
struct ReadResult {
  std::vector<CapturedMessage> messages;
  std::optional<CaptureError> error;
  std::vector<FrameWarning> warnings;
  CaptureStats stats;
};
/// Reads an in-memory capture through fmemopen, as a file would be read.
ReadResult read_capture(const Bytes& file, CaptureOptions options = {}, const std::string& name = "memory.pcap");
ReadResult read_capture_file(const std::string& path, CaptureOptions options = {});

/// An S1AP-PDU shell in aligned PER: initiatingMessage (octet 0 = 0x00), procedureCode,
/// criticality reject, open-type length, then `fill` octets. Only the framing matters here.
Bytes s1ap_pdu(std::uint8_t procedure_code, std::size_t total_octets = 24, std::uint8_t fill = 0x5a);
/// A Diameter message: version 1, length, flags, command code, application id, hop-by-hop, end-to-end, filler AVP data.
Bytes diameter_message(std::uint32_t command_code, bool request, std::size_t total_octets, std::uint32_t hop_by_hop);
/// A GTPv2-C message with TEID: version 2, `piggyback` sets P.
Bytes gtpv2c_message(std::uint8_t type, std::uint32_t sequence, std::size_t body_octets, bool piggyback = false);

}  // namespace concur::capture::testing
