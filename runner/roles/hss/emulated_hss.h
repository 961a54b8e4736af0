// The emulated HSS on S6a (TS 29.272) that a real MME needs to attach a UE: Diameter over TCP
// (RFC 6733 2.1), one thread per MME connection, answers from S6aService. Every message in and out
// passes the run's transport::Tap, so the run's pcap has S6a. A connection whose stream breaks
// framing is closed; the HSS keeps serving the others and accepting new ones.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "profile/sut_profile.h"
#include "roles/hss/s6a_service.h"
#include "roles/hss/subscriber_store.h"
#include "transport/diameter_tcp.h"
#include "transport/tap.h"

namespace concur::roles::hss {

struct HssConfig {
  transport::SocketAddress listen{"127.0.0.1", transport::kDiameterPort};
  HssIdentity identity;
  SubscriptionTemplate subscription;
  std::vector<SubscriberKeys> subscribers;
  /// How often the serving threads look at the stop flag (each wait is a socket wait with this timeout).
  std::chrono::milliseconds poll{50};
};

/// The configuration a profile implies: listen address and Diameter identity from the profile's
/// `<runner><hss>` (profile::RunnerHss, filled with defaults when the SUT has S6a); without it the
/// runner's address, port 3868, identity hss.<realm> with realm epc.mncXXX.mccYYY.3gppnetwork.org
/// (TS 23.003 19.2). The profile's subscribers (OP turned into OPc).
HssConfig hss_config_from_profile(const profile::SutProfile& profile);

class EmulatedHss {
 public:
  explicit EmulatedHss(std::shared_ptr<transport::Tap> tap = nullptr) : tap_(std::move(tap)) {}
  ~EmulatedHss();
  EmulatedHss(const EmulatedHss&) = delete;
  EmulatedHss& operator=(const EmulatedHss&) = delete;

  /// Binds and starts serving. Throws transport::TransportError when the address is unusable.
  void start(const profile::SutProfile& profile) { start(hss_config_from_profile(profile)); }
  void start(HssConfig config);
  /// Closes every connection and joins the threads (within a few poll periods).
  void stop();

  /// Where it listens (the real port when the config asked for port 0).
  transport::SocketAddress local() const;
  const HssCounters& counters() const noexcept { return counters_; }
  /// The SQN last used for `imsi` (to check that vectors advance it).
  std::optional<std::uint64_t> sqn(const std::string& imsi) const { return store_ ? store_->sqn(imsi) : std::nullopt; }
  std::size_t connections_accepted() const noexcept { return accepted_; }

 private:
  void accept_loop();
  void serve(std::shared_ptr<transport::DiameterConnection> connection);

  std::shared_ptr<transport::Tap> tap_;
  HssConfig config_;
  HssCounters counters_;
  std::unique_ptr<SubscriberStore> store_;
  std::unique_ptr<S6aService> service_;
  std::unique_ptr<transport::DiameterListener> listener_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> accepted_{0};
  std::thread acceptor_;
  std::mutex threads_mutex_;
  std::vector<std::thread> connection_threads_;
};

}  // namespace concur::roles::hss
