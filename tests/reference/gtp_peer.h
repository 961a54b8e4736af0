// The tester's side of S10 and S3: a peer MME or an SGSN played over a real GtpcEndpoint on
// loopback (ephemeral port), with the GTPv2-C codec for what it sends and receives. Nothing here
// shares code or state with the MME under test.
#pragma once
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "codec/gtpv2/mobility.h"
#include "mme_process.h"
#include "transport/gtpc_endpoint.h"

namespace concur::reference::testing {

/// A message the peer received, decoded, with who sent it.
struct GtpReceived {
  transport::SocketAddress from;
  gtpv2::GtpMessage message;
};

class TestGtpPeer {
 public:
  TestGtpPeer();
  transport::SocketAddress local() const { return endpoint_->local(); }

  /// The next request (or initial message) from the MME; nullopt when none came in `timeout`.
  std::optional<GtpReceived> receive_request(std::chrono::milliseconds timeout);
  /// The reply to one of this peer's requests; nullopt when none came in `timeout`.
  std::optional<GtpReceived> receive_reply(std::chrono::milliseconds timeout);
  void request(const transport::SocketAddress& to, const gtpv2::GtpMessage& m);
  void reply(const transport::SocketAddress& to, const gtpv2::GtpMessage& m);
  /// Bytes as they are, e.g. a malformed message (sent without retransmission).
  void send_raw(const transport::SocketAddress& to, const Bytes& bytes);
  std::uint32_t next_sequence() { return endpoint_->next_sequence(); }

 private:
  bool pump(std::chrono::milliseconds timeout);
  std::unique_ptr<transport::GtpcEndpoint> endpoint_;
  std::deque<GtpReceived> requests_;
  std::deque<GtpReceived> replies_;
};

/// The MME's GTPv2-C address from its "gtpc listening IP PORT" line; nullopt when absent.
std::optional<transport::SocketAddress> gtpc_address(const MmeProcess& mme);

/// <gtpc> for the MME config: a peer MME serving `peer_tac` and an SGSN serving LAC 100 / RAC 1.
std::string gtpc_config(const TestGtpPeer& peer_mme, std::uint16_t peer_tac, const TestGtpPeer& sgsn);

}  // namespace concur::reference::testing
