// What the emulated HSS answers to each S6a / base request (TS 29.272 5.2, RFC 6733 5): a pure
// function of the request and the subscriber store, apart from the sockets, so it is testable
// message by message and the connection code stays small.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codec/diameter/message.h"
#include "codec/diameter/s6a.h"
#include "roles/hss/subscriber_store.h"

namespace concur::roles::hss {

/// The HSS's Diameter identity and the subscription it hands out in every ULA.
struct HssIdentity {
  std::string origin_host;
  std::string origin_realm;
  std::string product_name = "concur-hss";
  std::vector<std::string> host_ip_addresses;  ///< for the CEA
  std::uint32_t origin_state_id = 1;
};

struct SubscriptionTemplate {
  std::string apn = "internet";
  std::uint32_t ue_ambr_ul = 100'000'000, ue_ambr_dl = 100'000'000;    ///< bit/s
  std::uint32_t apn_ambr_ul = 100'000'000, apn_ambr_dl = 100'000'000;  ///< bit/s
  std::uint32_t qci = 9;
  std::uint32_t arp_priority = 8;
  /// MSISDN = this prefix + the IMSI's last 10 digits (deterministic, no per-subscriber config).
  std::string msisdn_prefix = "49";
  std::uint32_t periodic_tau_timer_s = 54 * 60;  ///< Subscribed-Periodic-RAU-TAU-Timer (T3412 default, TS 24.301)
  /// Also send the timer at the ULA's top level, where NextEPC 0.3.10 looks for it (see s6a.h).
  bool rau_tau_timer_at_top_level = true;
};

/// Counts of what was served, for tests and the run's log.
struct HssCounters {
  std::atomic<std::uint32_t> cer{0}, dwr{0}, dpr{0}, air{0}, ulr{0}, pur{0};
  std::atomic<std::uint32_t> vectors{0}, user_unknown{0}, invalid{0}, unsupported{0}, resync{0};
};

class S6aService {
 public:
  S6aService(HssIdentity identity, SubscriptionTemplate subscription, SubscriberStore& store, HssCounters& counters);

  /// The answer to a decoded request; nullopt for an answer or anything that needs none.
  std::optional<diameter::Message> answer(const diameter::Message& request);
  /// The answer to a request whose AVPs did not decode (header fields still known): 5004
  /// DIAMETER_INVALID_AVP_VALUE with Error-Message naming the field and offset.
  diameter::Message answer_undecodable(const diameter::Message& header_only, const std::string& error);

  const HssIdentity& identity() const noexcept { return identity_; }

 private:
  diameter::Message capabilities(const diameter::Message& req);
  diameter::Message authentication_information(const diameter::Message& req);
  diameter::Message update_location(const diameter::Message& req);
  diameter::Message purge_ue(const diameter::Message& req);
  diameter::Message invalid(const diameter::Message& req, const DecodeError& e);
  diameter::Route answer_route(const std::string& session_id) const;
  std::string msisdn_for(const std::string& imsi) const;

  HssIdentity identity_;
  SubscriptionTemplate subscription_;
  SubscriberStore& store_;
  HssCounters& counters_;
};

}  // namespace concur::roles::hss
