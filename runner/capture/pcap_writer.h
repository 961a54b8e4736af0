// Writes what concur sends and receives to a pcap file, with synthesised link, IP and transport
// headers (SCTP DATA chunks with TSN/stream/PPID, UDP, TCP with a handshake per flow) so that
// Wireshark and tshark dissect it as if captured on a real link. Timestamps are the caller's:
// the time a message was actually sent or received.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>

#include "common/bytes.h"

namespace concur::capture {

/// An IPv4 or IPv6 address in text form plus a port.
struct Endpoint {
  std::string address;
  std::uint16_t port = 0;
};

/// The link layer of the whole file: Ethernet for IP traffic; DLT_USER0 (147) for bare NAS PDUs,
/// which tshark dissects when told that user DLT 0 carries "nas-eps".
enum class LinkType : std::uint32_t { ethernet = 1, user0 = 147 };

class PcapWriter {
 public:
  using Clock = std::chrono::system_clock;

  /// Opens (truncates) `path`. Throws std::runtime_error naming the path on failure.
  explicit PcapWriter(const std::string& path, LinkType link = LinkType::ethernet);
  ~PcapWriter();
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;

  /// One SCTP packet with the message in DATA chunks. Messages longer than the DATA room of one
  /// packet (MTU 1500) are split into B/E fragments across packets, as a real stack would.
  /// TSN and stream sequence numbers continue per direction of each association.
  void sctp_data(Clock::time_point t, const Endpoint& src, const Endpoint& dst, std::uint16_t stream,
                 std::uint32_t ppid, ByteView payload);

  /// One UDP datagram (IPv4 or IPv6 by the address family). Payloads above 65507 octets are refused.
  void udp(Clock::time_point t, const Endpoint& src, const Endpoint& dst, ByteView payload);

  /// TCP segments carrying `payload` on the flow src->dst; the first use of a flow writes a
  /// three-way handshake so that dissectors see a complete stream.
  void tcp(Clock::time_point t, const Endpoint& src, const Endpoint& dst, ByteView payload);

  /// A bare frame for LinkType::user0 files (e.g. one NAS PDU).
  void raw(Clock::time_point t, ByteView frame);

  std::size_t packets_written() const noexcept { return packets_; }
  const std::string& path() const noexcept { return path_; }
  /// Flushes buffered records to disk (also done by the destructor).
  void flush();

 private:
  struct SctpDirection {
    std::uint32_t next_tsn = 1;
    std::map<std::uint16_t, std::uint16_t> next_ssn;
  };
  struct TcpFlow {
    std::uint32_t next_seq = 0;
  };
  using FlowKey = std::tuple<std::string, std::uint16_t, std::string, std::uint16_t>;

  void ip_packet(Clock::time_point t, const Endpoint& src, const Endpoint& dst, std::uint8_t protocol,
                 ByteView transport_header_and_payload, std::size_t checksum_offset, bool checksum_pseudo);
  void record(Clock::time_point t, ByteView frame);
  void tcp_segment(Clock::time_point t, const Endpoint& src, const Endpoint& dst, std::uint32_t seq, std::uint32_t ack,
                   std::uint8_t flags, ByteView payload);

  std::string path_;
  LinkType link_;
  std::FILE* file_ = nullptr;
  std::size_t packets_ = 0;
  std::uint16_t ipv4_id_ = 1;
  std::map<FlowKey, SctpDirection> sctp_;
  std::map<FlowKey, TcpFlow> tcp_;
};

}  // namespace concur::capture
