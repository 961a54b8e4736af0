// The nodes the runner plays on GTPv2-C towards the SUT: a peer MME on S10 and an SGSN on S3
// (TS 29.274). The SUT is configured with one address per peer, so the runner has one
// GtpcEndpoint per interface for the whole run (GtpPort), shared by the test cases that run at
// once; each case plays its role through a GtpPeer that sees only its own messages:
//   - requests with a TEID this case's role handed out go to that case,
//   - replies go to the case that sent the request (by sequence number),
//   - the rest (FORWARD RELOCATION REQUEST, TEID 0) go by the IMSI IE to the case of that UE.
// Every datagram a case sends or is given is reported to the case's transport::Tap, so it lands
// in the case's pcap and the judge sees it. Thread-safe; poll-driven like the endpoint (no thread
// of its own): retransmissions happen while some case is waiting for a message.
#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "codec/gtpv2/message.h"
#include "transport/gtpc_endpoint.h"
#include "transport/tap.h"

namespace concur::roles {

/// What the SUT sent to a case's GTP role, decoded; or a request of the role that ran out of
/// retransmissions (`no_response`), or a datagram that did not decode (`error`).
struct GtpInbound {
  enum class Kind { request, reply, message, no_response, undecodable };
  Kind kind = Kind::request;
  transport::SocketAddress from;
  std::optional<gtpv2::GtpMessage> message;
  std::uint8_t message_type = 0;
  std::string error;
};

class GtpPort {
 public:
  /// Binds the endpoint on `local` (port 0: any free port). Throws transport::TransportError.
  GtpPort(std::string name, transport::SocketAddress local, transport::GtpcTimers timers);
  const std::string& name() const { return name_; }
  transport::SocketAddress local() const { return endpoint_->local(); }

  /// A case joins with the IMSIs of its UEs and its tap; returns its id.
  int join(std::vector<std::string> imsis, std::shared_ptr<transport::Tap> tap);
  void leave(int id);
  /// A TEID for the case's role: unique per port, so a request carrying it finds the case.
  std::uint32_t allocate_teid(int id);

  /// The next thing for case `id`, reading the socket meanwhile; nullopt after `timeout`.
  std::optional<GtpInbound> take(int id, std::chrono::milliseconds timeout);
  /// Sends (and taps) a request, kept for retransmission; error text on failure.
  std::optional<std::string> request(int id, const transport::SocketAddress& to, const gtpv2::GtpMessage& m);
  std::optional<std::string> reply(int id, const transport::SocketAddress& to, const gtpv2::GtpMessage& m);
  std::uint32_t next_sequence();

 private:
  struct Member {
    std::vector<std::string> imsis;
    std::shared_ptr<transport::Tap> tap;
    std::deque<GtpInbound> inbox;
  };
  void poll_locked(std::chrono::milliseconds timeout);
  std::optional<int> owner_locked(const transport::GtpcEvent& e, const std::optional<gtpv2::GtpMessage>& m) const;
  void tap_locked(int id, transport::Direction d, const transport::SocketAddress& peer, const Bytes& bytes) const;

  std::string name_;
  mutable std::mutex mutex_;
  std::unique_ptr<transport::GtpcEndpoint> endpoint_;
  std::map<int, Member> members_;
  std::map<std::uint32_t, int> teids_;      ///< TEID handed out -> case
  std::map<std::uint32_t, int> sequences_;  ///< sequence of a request sent -> case
  int next_id_ = 1;
  std::uint32_t next_teid_ = 0x100;
};

/// One case's view of a GtpPort: the peer MME or the SGSN of that case.
class GtpPeer {
 public:
  enum class Kind { peer_mme, sgsn };
  GtpPeer(std::string name, Kind kind, GtpPort& port, std::vector<std::string> imsis, std::shared_ptr<transport::Tap> tap);
  ~GtpPeer();
  GtpPeer(const GtpPeer&) = delete;
  GtpPeer& operator=(const GtpPeer&) = delete;

  const std::string& name() const { return name_; }
  Kind kind() const { return kind_; }
  GtpPort& port() { return port_; }
  /// This role's control-plane TEID (what it puts in its Sender F-TEID).
  std::uint32_t teid() const { return teid_; }
  /// Interface type of its Sender F-TEID (TS 29.274 8.22): S10 MME or S3 SGSN.
  std::uint8_t interface_type() const;

  std::optional<GtpInbound> take(std::chrono::milliseconds timeout) { return port_.take(id_, timeout); }
  std::optional<std::string> request(const transport::SocketAddress& to, const gtpv2::GtpMessage& m) { return port_.request(id_, to, m); }
  std::optional<std::string> reply(const transport::SocketAddress& to, const gtpv2::GtpMessage& m) { return port_.reply(id_, to, m); }

 private:
  std::string name_;
  Kind kind_;
  GtpPort& port_;
  int id_;
  std::uint32_t teid_;
};

}  // namespace concur::roles
