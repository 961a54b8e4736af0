// The core nodes a real MME needs besides the eNBs to attach a UE: the emulated HSS (S6a) and
// SGW-C (S11). `concur run` starts them once for the whole run, when the profile's SUT declares
// <s6a> / <s11>: a real MME connects its Diameter peer and its S11 path when it starts and keeps
// them, so they must outlive every case, and one HSS holds every subscriber's SQN across cases.
//
// Their traffic belongs in each case's pcap and in the messages the case is judged on (so that
// `concur replay` of the pcap sees what the live run saw). The roles report to one run-wide tap;
// a case subscribes its own tap to it for its duration (`feed`). With --jobs above 1 the run-wide
// traffic of cases running at once lands in each of their pcaps: S11 after Create Session carries
// no IMSI, so splitting it per case would need the SGW's session state, and a superset is honest.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "profile/sut_profile.h"
#include "roles/hss/emulated_hss.h"
#include "roles/sgw/emulated_sgw.h"
#include "transport/socket_address.h"
#include "transport/tap.h"

namespace concur::cli {

/// A role that cannot start: names the role and the address ("... cannot listen on A:P: reason").
class CoreRolesError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CoreRoles {
 public:
  /// Starts the HSS when `profile.hss`, the SGW-C when `profile.sgw` (nothing when neither).
  /// Throws CoreRolesError when one cannot listen (port in use, address not on this host).
  explicit CoreRoles(const profile::SutProfile& profile);
  ~CoreRoles() { stop(); }
  CoreRoles(const CoreRoles&) = delete;
  CoreRoles& operator=(const CoreRoles&) = delete;

  /// Stops both (closes the MME's connections); idempotent, bounded by the roles' poll periods.
  void stop();

  bool empty() const { return !hss_ && !sgw_; }
  /// Where they listen (the real port when the profile asked for port 0).
  std::optional<transport::SocketAddress> hss() const;
  std::optional<transport::SocketAddress> sgw() const;
  /// Waits until the SUT has opened S6a (a CER answered) or `limit` passed or `*stop` is set;
  /// true when it did (or when there is no HSS to connect to).
  bool wait_for_s6a_peer(std::chrono::milliseconds limit, const std::atomic<bool>* stop) const;
  /// One line per running role, for the run's console output.
  std::string describe() const;

  /// While alive, everything the roles send and receive is also reported to one case's tap.
  class Feed {
   public:
    Feed() = default;
    Feed(std::shared_ptr<transport::Tap> from, int id) : from_(std::move(from)), id_(id) {}
    Feed(Feed&& o) noexcept : from_(std::move(o.from_)), id_(o.id_) { o.id_ = 0; }
    Feed& operator=(Feed&& o) noexcept;
    ~Feed() { end(); }
    void end();

   private:
    std::shared_ptr<transport::Tap> from_;
    int id_ = 0;
  };
  Feed feed(const std::shared_ptr<transport::Tap>& case_tap);

  const roles::hss::EmulatedHss* emulated_hss() const { return hss_.get(); }
  const roles::sgw::EmulatedSgw* emulated_sgw() const { return sgw_.get(); }

 private:
  std::shared_ptr<transport::Tap> tap_ = std::make_shared<transport::Tap>();
  std::string hss_identity_;
  std::unique_ptr<roles::hss::EmulatedHss> hss_;
  std::unique_ptr<roles::sgw::EmulatedSgw> sgw_;
};

}  // namespace concur::cli
