// The emulated SGW-C on S11 a real MME needs to attach a UE: a GTPv2-C endpoint over UDP (port
// 2123, TS 29.274 7.6 reliable delivery by transport::GtpcEndpoint) served on one thread, answers
// from S11Service. Every datagram in and out passes the run's transport::Tap.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "profile/sut_profile.h"
#include "roles/sgw/s11_service.h"
#include "transport/gtpc_endpoint.h"
#include "transport/tap.h"

namespace concur::roles::sgw {

struct SgwConfig {
  transport::SocketAddress listen{"127.0.0.1", transport::kGtpcPort};
  SgwAddressing addressing;            ///< s11_address follows `listen` when that is IPv4
  std::chrono::milliseconds poll{50};  ///< how often the serving thread looks at the stop flag
  /// Where each reply also goes besides the request's source (profile RunnerSgw::reply_to_sut_port).
  std::optional<transport::SocketAddress> also_reply_to;
};

/// Listens where the profile's `<runner><sgw>` says (profile::RunnerSgw), else on the runner's
/// address, port 2123; S1-U F-TEIDs carry the same address.
/// Throws std::invalid_argument when that address is not IPv4 (the F-TEIDs here are IPv4).
SgwConfig sgw_config_from_profile(const profile::SutProfile& profile);

class EmulatedSgw {
 public:
  explicit EmulatedSgw(std::shared_ptr<transport::Tap> tap = nullptr) : tap_(std::move(tap)) {}
  ~EmulatedSgw();
  EmulatedSgw(const EmulatedSgw&) = delete;
  EmulatedSgw& operator=(const EmulatedSgw&) = delete;

  void start(const profile::SutProfile& profile) { start(sgw_config_from_profile(profile)); }
  /// Binds and starts serving. Throws transport::TransportError when the address is unusable.
  void start(SgwConfig config);
  void stop();

  transport::SocketAddress local() const { return local_; }
  const SgwCounters& counters() const noexcept { return counters_; }
  std::size_t session_count() const { return service_ ? service_->session_count() : 0; }
  std::optional<SgwSession> session(std::uint32_t sgw_teid) const {
    return service_ ? service_->session(sgw_teid) : std::nullopt;
  }

 private:
  void serve();

  std::shared_ptr<transport::Tap> tap_;
  SgwConfig config_;
  SgwCounters counters_;
  std::unique_ptr<S11Service> service_;
  std::unique_ptr<transport::GtpcEndpoint> endpoint_;
  transport::SocketAddress local_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace concur::roles::sgw
