// Every wait in the transports is bounded; a Deadline turns a timeout into "time left".
#pragma once

#include <chrono>

namespace concur::transport {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

class Deadline {
 public:
  explicit Deadline(Millis timeout) : at_(Clock::now() + timeout) {}
  static Deadline at(Clock::time_point t) { Deadline d(Millis(0)); d.at_ = t; return d; }

  Clock::time_point when() const noexcept { return at_; }
  bool expired() const noexcept { return Clock::now() >= at_; }
  /// Milliseconds left, rounded up so a poll() never spins with 0 before the deadline; 0 once expired.
  int poll_ms() const noexcept {
    const auto left = at_ - Clock::now();
    if (left <= Clock::duration::zero()) return 0;
    return static_cast<int>(std::chrono::ceil<Millis>(left).count());
  }

 private:
  Clock::time_point at_;
};

}  // namespace concur::transport
