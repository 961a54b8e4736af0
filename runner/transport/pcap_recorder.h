// Writes every message a transport's tap reports into a pcap, framed as on the wire (SCTP DATA
// with stream and PPID, UDP, TCP), stamped with the time it was sent or received: the capture of
// a test case that a person opens in Wireshark.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "capture/pcap_writer.h"
#include "transport/tap.h"

namespace concur::transport {

class PcapRecorder {
 public:
  /// Opens `path` (truncated). Throws std::runtime_error naming the path when it cannot.
  explicit PcapRecorder(const std::string& path) : writer_(path) {}

  /// Registers with `tap` until this recorder is destroyed or `detach()` is called.
  void attach(const std::shared_ptr<Tap>& tap);
  void detach();
  ~PcapRecorder() { detach(); }
  PcapRecorder(const PcapRecorder&) = delete;
  PcapRecorder& operator=(const PcapRecorder&) = delete;

  /// Writes one record (also usable without a tap). Thread-safe.
  void record(const TapRecord& r);

  std::size_t packets_written() const;
  void flush();

 private:
  mutable std::mutex mutex_;
  capture::PcapWriter writer_;
  std::weak_ptr<Tap> tap_;
  int observer_id_ = 0;
};

}  // namespace concur::transport
