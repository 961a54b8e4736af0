// The capture reader: a pcap / pcapng file in, a time-ordered stream of S1AP, GTPv2-C and
// Diameter messages out, each stamped with the frame that completed it. Streaming: memory is one
// record, the bounded reassembly state and a bounded reordering window, whatever the file size.
//
// Time order: a pcapng file written from several interfaces is not always in time order (the
// shared magma capture has GTPv2-C frames 0.37 s older than the S1AP frame before them), so
// messages pass through a window of capture time and leave oldest first; ties keep capture order.
//
//   concur::capture::CaptureReader reader("field.pcapng");
//   while (auto m = reader.next()) { ... m->protocol, m->bytes ... }
//   if (reader.error()) { ... reader.error()->to_string() ... }   // corrupt / truncated file
//   for (const auto& w : reader.warnings()) { ... }                // malformed packets, skipped
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <climits>
#include <optional>
#include <string>
#include <vector>

#include "capture/capture_file.h"
#include "capture/captured_message.h"
#include "capture/classify.h"
#include "capture/ip_reassembly.h"
#include "capture/sctp_reassembly.h"
#include "capture/tcp_stream.h"

namespace concur::capture {

struct CaptureOptions {
  ClassifierConfig classify;
  IpReassemblyLimits ip;
  SctpLimits sctp;
  TcpLimits tcp;
  /// Also yield SCTP user messages that are none of the three protocols (e.g. NGAP, PPID 60).
  bool keep_unclassified = false;
  /// Warnings kept in warnings(); all are counted in warning_count().
  std::size_t max_warnings_kept = 1000;
  /// A message is held until a frame at least this much later in capture time was read, so that
  /// an older frame written late can still overtake it. 0 yields in capture order.
  std::int64_t reorder_window_ns = 5'000'000'000;
  /// Bound on held messages: beyond it the oldest leaves early (order within the window then
  /// holds only for the newest `reorder_max_messages`).
  std::size_t reorder_max_messages = 100'000;
};

struct CaptureStats {
  std::uint64_t frames = 0;
  std::uint64_t non_ip_frames = 0;             ///< ARP, LLC, ...: not an error
  std::uint64_t unsupported_link_frames = 0;
  std::uint64_t malformed_frames = 0;          ///< frames with at least one warning
  std::uint64_t frames_out_of_time_order = 0;  ///< older than a frame before them
  std::array<std::uint64_t, 4> messages{};     ///< indexed by Protocol
  IpStats ip;
  SctpStats sctp;
  TcpStats tcp;

  std::uint64_t messages_of(Protocol p) const { return messages[static_cast<std::size_t>(p)]; }
};

class CaptureReader {
 public:
  explicit CaptureReader(const std::string& path, CaptureOptions options = {});
  /// Reads from an open stream (a pipe, fmemopen); takes ownership. `name` appears in errors.
  CaptureReader(std::FILE* stream, std::string name, CaptureOptions options = {});

  /// The next message, or nullopt at the end of the capture or when error() is set.
  std::optional<CapturedMessage> next();

  /// Set when the file is corrupt or truncated: names the file, offset and frame. Messages
  /// completed before that point were all yielded.
  const std::optional<CaptureError>& error() const noexcept { return file_.error(); }
  const std::vector<FrameWarning>& warnings() const noexcept { return warnings_; }
  std::uint64_t warning_count() const noexcept { return warning_count_; }
  CaptureStats stats() const;
  CaptureFormat format() const noexcept { return file_.format(); }

 private:
  void process(const RawFrame& frame);
  void dispatch_transport(const RawFrame& frame, const IpPacket& ip);
  void on_udp(const RawFrame& frame, const IpPacket& ip);
  void emit(const RawFrame& frame, const IpAddress& src, std::uint16_t src_port, const IpAddress& dst,
            std::uint16_t dst_port, Transport transport, Protocol protocol, ByteView bytes, const SctpInfo* sctp);
  void sctp_packet(const RawFrame& frame, const IpPacket& ip, ByteReader r, bool over_udp);
  void warn(std::uint64_t frame, DecodeError e, bool in_reassembled);
  void flush_notes(std::uint64_t frame, bool in_reassembled);

  CaptureFile file_;
  CaptureOptions options_;
  IpLayer ip_;
  SctpReassembler sctp_;
  TcpDiameterStreams tcp_;
  struct Held {
    std::uint64_t sequence;  ///< capture order, to break timestamp ties
    CapturedMessage message;
  };
  /// Messages waiting in the reordering window: a min-heap on (timestamp, sequence).
  std::vector<Held> held_;
  std::uint64_t next_sequence_ = 0;
  std::int64_t newest_ns_ = INT64_MIN;
  bool end_of_file_ = false;
  std::vector<DecodeError> notes_;  ///< warnings of the frame being processed
  std::vector<FrameWarning> warnings_;
  std::uint64_t warning_count_ = 0;
  std::uint64_t last_warned_frame_ = 0;
  CaptureStats stats_;
};

}  // namespace concur::capture
