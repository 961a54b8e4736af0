#include "transport/tap.h"

#include <algorithm>

namespace concur::transport {

const char* to_string(TransportKind k) noexcept {
  switch (k) {
    case TransportKind::sctp: return "sctp";
    case TransportKind::udp: return "udp";
    case TransportKind::tcp: return "tcp";
  }
  return "?";
}

const char* to_string(Direction d) noexcept { return d == Direction::sent ? "sent" : "received"; }

int Tap::add(TapObserver observer) {
  std::lock_guard lock(mutex_);
  observers_.emplace_back(next_id_, std::move(observer));
  return next_id_++;
}

void Tap::remove(int id) {
  std::lock_guard lock(mutex_);
  std::erase_if(observers_, [id](const auto& o) { return o.first == id; });
}

void Tap::report(const TapRecord& record) const {
  std::lock_guard lock(mutex_);
  for (const auto& [id, observer] : observers_) observer(record);
}

}  // namespace concur::transport
