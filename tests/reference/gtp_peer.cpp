#include "gtp_peer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace concur::reference::testing {

TestGtpPeer::TestGtpPeer() {
  transport::GtpcOptions o;
  o.local = {"127.0.0.1", 0};
  o.timers.t3_response = std::chrono::milliseconds(1000);
  o.timers.n3_requests = 2;
  endpoint_ = std::make_unique<transport::GtpcEndpoint>(o);
}

bool TestGtpPeer::pump(std::chrono::milliseconds timeout) {
  auto e = endpoint_->receive(timeout);
  switch (e.kind) {
    case transport::GtpcEventKind::request:
    case transport::GtpcEventKind::message:
    case transport::GtpcEventKind::reply:
    case transport::GtpcEventKind::unmatched_reply: {  // e.g. the answer to a raw message
      auto m = gtpv2::decode(view_of(e.bytes));
      if (!m) {
        ADD_FAILURE() << "the MME sent undecodable GTPv2-C: " << m.error().to_string();
        return true;
      }
      const bool reply = e.kind == transport::GtpcEventKind::reply || e.kind == transport::GtpcEventKind::unmatched_reply;
      (reply ? replies_ : requests_).push_back({e.peer, std::move(*m)});
      return true;
    }
    case transport::GtpcEventKind::idle:
      return false;
    default:
      return true;  // duplicates, retransmissions: nothing for the test
  }
}

std::optional<GtpReceived> TestGtpPeer::receive_request(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (requests_.empty()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pump(left);
  }
  auto r = std::move(requests_.front());
  requests_.pop_front();
  return r;
}

std::optional<GtpReceived> TestGtpPeer::receive_reply(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (replies_.empty()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pump(left);
  }
  auto r = std::move(replies_.front());
  replies_.pop_front();
  return r;
}

void TestGtpPeer::request(const transport::SocketAddress& to, const gtpv2::GtpMessage& m) {
  const auto s = endpoint_->send_request(to, gtpv2::encode(m));
  EXPECT_TRUE(s.ok) << s.error;
}

void TestGtpPeer::reply(const transport::SocketAddress& to, const gtpv2::GtpMessage& m) {
  const auto s = endpoint_->send_reply(to, gtpv2::encode(m));
  EXPECT_TRUE(s.ok) << s.error;
}

void TestGtpPeer::send_raw(const transport::SocketAddress& to, const Bytes& bytes) {
  const auto s = endpoint_->send_unacknowledged(to, bytes);
  EXPECT_TRUE(s.ok) << s.error;
}

std::optional<transport::SocketAddress> gtpc_address(const MmeProcess& mme) {
  const std::string& t = mme.transcript();
  const auto at = t.find("gtpc listening ");
  if (at == std::string::npos) return std::nullopt;
  std::istringstream in(t.substr(at + 15));
  transport::SocketAddress a;
  unsigned port = 0;
  if (!(in >> a.ip >> port)) return std::nullopt;
  a.port = static_cast<std::uint16_t>(port);
  return a;
}

std::string gtpc_config(const TestGtpPeer& peer_mme, std::uint16_t peer_tac, const TestGtpPeer& sgsn) {
  std::ostringstream x;
  x << "  <gtpc address=\"127.0.0.1\" port=\"0\" t3_ms=\"1000\" n3=\"2\">\n"
    << "    <peer_mme address=\"127.0.0.1\" port=\"" << peer_mme.local().port << "\"><tai tac=\"" << peer_tac
    << "\"/></peer_mme>\n"
    << "    <sgsn address=\"127.0.0.1\" port=\"" << sgsn.local().port << "\"><rai lac=\"100\" rac=\"1\"/></sgsn>\n"
    << "  </gtpc>\n";
  return x.str();
}

}  // namespace concur::reference::testing
