// The runner's shared S10/S3 endpoint: two cases at once each see only their own messages (by
// IMSI for a FORWARD RELOCATION REQUEST, by sequence number for a reply, by TEID for a request
// that names one), and each datagram lands in the tap of the case it belongs to. The SUT side is
// a plain GtpcEndpoint on loopback.
#include <gtest/gtest.h>

#include "codec/gtpv2/ie_values.h"
#include "roles/gtp_peer.h"

namespace concur::roles {
namespace {

using namespace std::chrono_literals;

struct CountingTap {
  std::shared_ptr<transport::Tap> tap = std::make_shared<transport::Tap>();
  std::vector<transport::TapRecord> records;
  CountingTap() {
    tap->add([this](const transport::TapRecord& r) { records.push_back(r); });
  }
};

gtpv2::GtpMessage relocation_for(const std::string& imsi, std::uint32_t sequence) {
  return gtpv2::make_message(gtpv2::MessageType::forward_relocation_request, 0, sequence, {gtpv2::make_ie(gtpv2::Imsi{imsi})});
}

/// What the SUT's endpoint receives next (bounded wait).
std::optional<transport::GtpcEvent> sut_receive(transport::GtpcEndpoint& sut) {
  const auto until = std::chrono::steady_clock::now() + 2s;
  while (std::chrono::steady_clock::now() < until) {
    auto e = sut.receive(100ms);
    if (e.kind != transport::GtpcEventKind::idle) return e;
  }
  return std::nullopt;
}

class SharedGtpPort : public ::testing::Test {
 protected:
  SharedGtpPort() : port("peer MME", {"127.0.0.1", 0}, transport::GtpcTimers{1000ms, 1}) {
    transport::GtpcOptions o;
    o.local = {"127.0.0.1", 0};
    sut = std::make_unique<transport::GtpcEndpoint>(o);
  }
  GtpPort port;
  std::unique_ptr<transport::GtpcEndpoint> sut;
  CountingTap tap_a, tap_b;
};

TEST_F(SharedGtpPort, a_forward_relocation_request_goes_to_the_case_of_its_imsi_and_into_that_case_tap_only) {
  GtpPeer a("mme2", GtpPeer::Kind::peer_mme, port, {"001010000000001"}, tap_a.tap);
  GtpPeer b("mme2", GtpPeer::Kind::peer_mme, port, {"001010000000002"}, tap_b.tap);
  ASSERT_TRUE(sut->send_request(port.local(), gtpv2::encode(relocation_for("001010000000002", sut->next_sequence()))).ok);

  EXPECT_FALSE(a.take(300ms)) << "case A got case B's relocation";
  const auto got = b.take(2s);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, GtpInbound::Kind::request);
  ASSERT_TRUE(got->message);
  EXPECT_EQ(got->message->type(), gtpv2::MessageType::forward_relocation_request);
  EXPECT_EQ(tap_a.records.size(), 0u);
  ASSERT_EQ(tap_b.records.size(), 1u);
  EXPECT_EQ(tap_b.records[0].direction, transport::Direction::received);
  EXPECT_EQ(tap_b.records[0].transport, transport::TransportKind::udp);

  // B answers; the reply reaches the SUT and is in B's tap as sent.
  gtpv2::Cause accepted;
  accepted.value = 16;
  EXPECT_FALSE(b.reply(got->from, gtpv2::make_message(gtpv2::MessageType::forward_relocation_response, 0, got->message->header.sequence,
                                                      {gtpv2::make_ie(accepted)})));
  const auto answer = sut_receive(*sut);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->kind, transport::GtpcEventKind::reply);
  ASSERT_EQ(tap_b.records.size(), 2u);
  EXPECT_EQ(tap_b.records[1].direction, transport::Direction::sent);
}

TEST_F(SharedGtpPort, replies_go_to_the_case_that_asked_and_a_request_with_a_role_teid_to_that_role) {
  GtpPeer a("sgsn", GtpPeer::Kind::sgsn, port, {"001010000000001"}, tap_a.tap);
  GtpPeer b("sgsn", GtpPeer::Kind::sgsn, port, {"001010000000002"}, tap_b.tap);
  EXPECT_NE(a.teid(), b.teid());
  EXPECT_EQ(a.interface_type(), gtpv2::interface_type::s3_sgsn);

  // A asks (COMPLETE NOTIFICATION); the SUT's acknowledgement carries no IMSI: it goes to A by sequence.
  const auto sut_address = sut->local();
  EXPECT_FALSE(a.request(sut_address, gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification, 7,
                                                          port.next_sequence())));
  const auto notification = sut_receive(*sut);
  ASSERT_TRUE(notification);
  ASSERT_EQ(notification->kind, transport::GtpcEventKind::request);
  ASSERT_TRUE(sut->send_reply(notification->peer, gtpv2::encode(gtpv2::make_message(
                                                      gtpv2::MessageType::forward_relocation_complete_acknowledge, a.teid(),
                                                      notification->sequence))).ok);
  EXPECT_FALSE(b.take(300ms));
  const auto ack = a.take(2s);
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->kind, GtpInbound::Kind::reply);

  // The SUT asks B by B's TEID (RELOCATION CANCEL REQUEST without an IMSI this time).
  ASSERT_TRUE(sut->send_request(port.local(), gtpv2::encode(gtpv2::make_message(gtpv2::MessageType::relocation_cancel_request, b.teid(),
                                                                                sut->next_sequence())))
                  .ok);
  EXPECT_FALSE(a.take(300ms));
  const auto cancel = b.take(2s);
  ASSERT_TRUE(cancel && cancel->message);
  EXPECT_EQ(cancel->message->type(), gtpv2::MessageType::relocation_cancel_request);
}

TEST_F(SharedGtpPort, an_unanswered_request_is_reported_to_its_case_after_the_retransmissions) {
  GtpPeer a("mme2", GtpPeer::Kind::peer_mme, port, {"001010000000001"}, tap_a.tap);
  // Nobody answers at this address: T3 1 s, N3 1 -> no_response after about 2 s.
  EXPECT_FALSE(a.request(sut->local(), gtpv2::make_message(gtpv2::MessageType::forward_relocation_complete_notification, 7,
                                                          port.next_sequence())));
  std::optional<GtpInbound> got;
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < until && !(got = a.take(200ms))) {
  }
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, GtpInbound::Kind::no_response);
}

}  // namespace
}  // namespace concur::roles
