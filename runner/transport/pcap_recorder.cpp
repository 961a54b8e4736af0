#include "transport/pcap_recorder.h"

namespace concur::transport {

void PcapRecorder::attach(const std::shared_ptr<Tap>& tap) {
  detach();
  tap_ = tap;
  observer_id_ = tap->add([this](const TapRecord& r) { record(r); });
}

void PcapRecorder::detach() {
  if (auto tap = tap_.lock(); tap && observer_id_ != 0) tap->remove(observer_id_);
  observer_id_ = 0;
  tap_.reset();
}

void PcapRecorder::record(const TapRecord& r) {
  // The pcap shows the packet as it crossed the wire: from us when sent, to us when received.
  const SocketAddress& from = r.direction == Direction::sent ? r.local : r.remote;
  const SocketAddress& to = r.direction == Direction::sent ? r.remote : r.local;
  const auto src = capture::TransportAddress::from_text(from.ip, from.port);
  const auto dst = capture::TransportAddress::from_text(to.ip, to.port);
  std::lock_guard<std::mutex> lock(mutex_);
  switch (r.transport) {
    case TransportKind::sctp: {
      const SctpDetails details = r.sctp.value_or(SctpDetails{});
      writer_.sctp_data(r.time, src, dst, details.stream, details.ppid, view_of(r.bytes));
      break;
    }
    case TransportKind::udp: writer_.udp(r.time, src, dst, view_of(r.bytes)); break;
    case TransportKind::tcp: writer_.tcp(r.time, src, dst, view_of(r.bytes)); break;
  }
}

std::size_t PcapRecorder::packets_written() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return writer_.packets_written();
}

void PcapRecorder::flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  writer_.flush();
}

}  // namespace concur::transport
