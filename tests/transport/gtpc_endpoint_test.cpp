// GTPv2-C reliable delivery (TS 29.274 7.6) on loopback. The far side is either a second
// endpoint or a plain UDP socket the test drives by hand, so copies can be counted exactly.
#include <gtest/gtest.h>

#include "transport/gtpc_endpoint.h"

namespace concur::transport {

void PrintTo(GtpcEventKind k, std::ostream* os) { *os << to_string(k); }

namespace {

using namespace std::chrono_literals;

constexpr std::uint8_t kForwardRelocationRequest = 133;
constexpr std::uint8_t kForwardRelocationResponse = 134;
constexpr std::uint8_t kContextRequest = 130;
constexpr std::uint8_t kContextResponse = 131;
constexpr std::uint8_t kContextAcknowledge = 132;
constexpr std::uint8_t kRanInformationRelay = 153;

/// A GTPv2-C message with T=1 and `extra` IE octets (contents irrelevant to the transport).
Bytes message(std::uint8_t type, std::uint32_t sequence, std::uint32_t teid = 0x01020304, std::size_t extra = 6) {
  Bytes m = {0x48, type, 0, static_cast<std::uint8_t>(8 + extra),
             static_cast<std::uint8_t>(teid >> 24), static_cast<std::uint8_t>(teid >> 16),
             static_cast<std::uint8_t>(teid >> 8), static_cast<std::uint8_t>(teid),
             static_cast<std::uint8_t>(sequence >> 16), static_cast<std::uint8_t>(sequence >> 8),
             static_cast<std::uint8_t>(sequence), 0};
  for (std::size_t i = 0; i < extra; ++i) m.push_back(static_cast<std::uint8_t>(0xA0 + i));
  return m;
}

GtpcOptions loopback(std::chrono::milliseconds t3 = 40ms, int n3 = 3) {
  GtpcOptions o;
  o.local = {"127.0.0.1", 0};
  o.timers = {t3, n3};
  return o;
}

/// Everything that reaches `s` until it has been quiet for `quiet`.
std::vector<Datagram> drain(UdpSocket& s, std::chrono::milliseconds quiet) {
  std::vector<Datagram> got;
  while (auto d = s.receive_until(Clock::now() + quiet)) got.push_back(std::move(*d));
  return got;
}

TEST(GtpcEndpoint, reply_is_matched_to_its_request_by_peer_and_sequence_number) {
  GtpcEndpoint mme(loopback());
  GtpcEndpoint peer_mme(loopback());
  const std::uint32_t seq = mme.next_sequence();
  const Bytes request = message(kForwardRelocationRequest, seq);
  ASSERT_TRUE(mme.send_request(peer_mme.local(), request));
  EXPECT_EQ(mme.open_requests(), 1u);

  const GtpcEvent in = peer_mme.receive(2s);
  ASSERT_EQ(in.kind, GtpcEventKind::request);
  EXPECT_EQ(in.sequence, seq);
  EXPECT_EQ(in.message_type, kForwardRelocationRequest);
  ASSERT_TRUE(peer_mme.send_reply(in.peer, message(kForwardRelocationResponse, in.sequence)));

  const GtpcEvent out = mme.receive(2s);
  ASSERT_EQ(out.kind, GtpcEventKind::reply);
  EXPECT_EQ(out.sequence, seq);
  EXPECT_EQ(out.message_type, kForwardRelocationResponse);
  EXPECT_EQ(out.request, request);
  EXPECT_EQ(out.transmissions, 1);
  EXPECT_EQ(mme.open_requests(), 0u);
}

TEST(GtpcEndpoint, triggered_message_with_an_unknown_sequence_number_is_unmatched_and_the_request_stays_open) {
  GtpcEndpoint mme(loopback(500ms));
  UdpSocket peer({"127.0.0.1", 0});
  ASSERT_TRUE(mme.send_request(peer.local(), message(kForwardRelocationRequest, 0x000101)));
  ASSERT_TRUE(peer.receive_until(Clock::now() + 2s));
  ASSERT_TRUE(peer.send_to(mme.local(), view_of(message(kForwardRelocationResponse, 0x000102))));
  const GtpcEvent e = mme.receive(2s);
  EXPECT_EQ(e.kind, GtpcEventKind::unmatched_reply);
  EXPECT_EQ(e.sequence, 0x000102u);
  EXPECT_EQ(mme.open_requests(), 1u);
}

TEST(GtpcEndpoint, a_request_without_reply_is_sent_one_plus_n3_times_then_reported_as_no_response) {
  GtpcEndpoint mme(loopback(30ms, 3));
  UdpSocket silent({"127.0.0.1", 0});
  const Bytes request = message(kForwardRelocationRequest, 0x00ABCD);
  ASSERT_TRUE(mme.send_request(silent.local(), request));

  const GtpcEvent e = mme.receive(10s);
  ASSERT_EQ(e.kind, GtpcEventKind::no_response);
  EXPECT_EQ(e.sequence, 0x00ABCDu);
  EXPECT_EQ(e.transmissions, 4);
  EXPECT_EQ(e.request, request);
  EXPECT_EQ(mme.open_requests(), 0u);
  // The copies were all sent before the event; none follow it.
  const auto copies = drain(silent, 200ms);
  ASSERT_EQ(copies.size(), 4u);
  for (const auto& c : copies) EXPECT_EQ(c.bytes, request) << "a retransmission is an identical copy";
  EXPECT_EQ(mme.receive(150ms).kind, GtpcEventKind::idle);
  EXPECT_TRUE(drain(silent, 100ms).empty());
}

class GtpcN3 : public ::testing::TestWithParam<int> {};

TEST_P(GtpcN3, number_of_copies_follows_the_configured_n3) {
  const int n3 = GetParam();
  GtpcEndpoint mme(loopback(20ms, n3));
  UdpSocket silent({"127.0.0.1", 0});
  ASSERT_TRUE(mme.send_request(silent.local(), message(kContextRequest, 77)));
  const GtpcEvent e = mme.receive(10s);
  ASSERT_EQ(e.kind, GtpcEventKind::no_response);
  EXPECT_EQ(e.transmissions, n3 + 1);
  EXPECT_EQ(drain(silent, 150ms).size(), static_cast<std::size_t>(n3 + 1));
}

INSTANTIATE_TEST_SUITE_P(Configured, GtpcN3, ::testing::Values(0, 1, 5));

TEST(GtpcEndpoint, reply_after_a_retransmission_completes_the_request_and_stops_the_copies) {
  GtpcEndpoint mme(loopback(40ms, 5));
  UdpSocket peer({"127.0.0.1", 0});
  const Bytes request = message(kForwardRelocationRequest, 0x000900);
  ASSERT_TRUE(mme.send_request(peer.local(), request));
  // The peer ignores the first copy and answers the second. The endpoint only retransmits while
  // its owner waits in receive(), so the wait and the peer alternate here.
  ASSERT_TRUE(peer.receive_until(Clock::now() + 2s));
  EXPECT_EQ(mme.receive(70ms).kind, GtpcEventKind::idle);  // spans T3: the second copy goes out
  const auto second = peer.receive_until(Clock::now() + 2s);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->bytes, request);
  ASSERT_TRUE(peer.send_to(mme.local(), view_of(message(kForwardRelocationResponse, 0x000900))));
  GtpcEvent e = mme.receive(2s);
  ASSERT_EQ(e.kind, GtpcEventKind::reply);
  EXPECT_GE(e.transmissions, 2);
  const int sent = e.transmissions;
  EXPECT_EQ(mme.receive(200ms).kind, GtpcEventKind::idle);
  EXPECT_EQ(drain(peer, 100ms).size(), static_cast<std::size_t>(sent - 2)) << "no copies after the reply";
}

TEST(GtpcEndpoint, duplicate_request_is_answered_from_the_cached_reply_and_reported_once_as_a_request) {
  GtpcEndpoint target_mme(loopback(40ms, 3));
  UdpSocket source({"127.0.0.1", 0});
  const Bytes request = message(kForwardRelocationRequest, 0x123456);
  const Bytes reply = message(kForwardRelocationResponse, 0x123456, 0x0A0B0C0D, 10);

  ASSERT_TRUE(source.send_to(target_mme.local(), view_of(request)));
  GtpcEvent e = target_mme.receive(2s);
  ASSERT_EQ(e.kind, GtpcEventKind::request);
  ASSERT_TRUE(target_mme.send_reply(e.peer, reply));
  auto first = source.receive_until(Clock::now() + 2s);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->bytes, reply);

  // The source did not see the reply in time and retransmits the request.
  ASSERT_TRUE(source.send_to(target_mme.local(), view_of(request)));
  e = target_mme.receive(2s);
  EXPECT_EQ(e.kind, GtpcEventKind::duplicate_request_answered);
  EXPECT_EQ(e.sequence, 0x123456u);
  auto again = source.receive_until(Clock::now() + 2s);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->bytes, reply) << "the duplicate gets the very same reply";
}

TEST(GtpcEndpoint, request_repeated_after_the_reply_cache_time_is_handled_as_a_new_request) {
  GtpcOptions o = loopback();
  o.reply_cache_time = 50ms;
  GtpcEndpoint target_mme(o);
  UdpSocket source({"127.0.0.1", 0});
  const Bytes request = message(kForwardRelocationRequest, 0x000555);
  ASSERT_TRUE(source.send_to(target_mme.local(), view_of(request)));
  GtpcEvent e = target_mme.receive(2s);
  ASSERT_EQ(e.kind, GtpcEventKind::request);
  ASSERT_TRUE(target_mme.send_reply(e.peer, message(kForwardRelocationResponse, 0x000555)));
  EXPECT_EQ(target_mme.receive(120ms).kind, GtpcEventKind::idle);  // the cached reply expires meanwhile
  drain(source, 10ms);
  ASSERT_TRUE(source.send_to(target_mme.local(), view_of(request)));
  e = target_mme.receive(2s);
  EXPECT_EQ(e.kind, GtpcEventKind::request) << "sequence numbers are reused once the peer's timers are over";
  EXPECT_TRUE(drain(source, 50ms).empty()) << "no stale reply is sent";
}

TEST(GtpcEndpoint, duplicate_request_arriving_before_the_reply_is_discarded) {
  GtpcEndpoint target_mme(loopback());
  UdpSocket source({"127.0.0.1", 0});
  const Bytes request = message(kContextRequest, 0x000042);
  ASSERT_TRUE(source.send_to(target_mme.local(), view_of(request)));
  ASSERT_TRUE(source.send_to(target_mme.local(), view_of(request)));
  EXPECT_EQ(target_mme.receive(2s).kind, GtpcEventKind::request);
  EXPECT_EQ(target_mme.receive(2s).kind, GtpcEventKind::duplicate_request_pending);
  EXPECT_TRUE(drain(source, 100ms).empty()) << "nothing is sent for a duplicate still being handled";
}

TEST(GtpcEndpoint, same_sequence_number_from_two_peers_is_two_different_requests) {
  GtpcEndpoint target_mme(loopback());
  UdpSocket a({"127.0.0.1", 0});
  UdpSocket b({"127.0.0.1", 0});
  ASSERT_TRUE(a.send_to(target_mme.local(), view_of(message(kContextRequest, 5))));
  ASSERT_TRUE(b.send_to(target_mme.local(), view_of(message(kContextRequest, 5))));
  EXPECT_EQ(target_mme.receive(2s).kind, GtpcEventKind::request);
  EXPECT_EQ(target_mme.receive(2s).kind, GtpcEventKind::request);
}

TEST(GtpcEndpoint, context_response_that_expects_an_acknowledge_is_retransmitted_until_acknowledged) {
  // TS 29.274 7.3.6/7.3.7: Context Response is triggered by Context Request and is itself
  // answered by Context Acknowledge with the same sequence number.
  GtpcEndpoint old_mme(loopback(30ms, 2));
  UdpSocket new_mme({"127.0.0.1", 0});
  ASSERT_TRUE(new_mme.send_to(old_mme.local(), view_of(message(kContextRequest, 0x000777))));
  GtpcEvent e = old_mme.receive(2s);
  ASSERT_EQ(e.kind, GtpcEventKind::request);
  ASSERT_TRUE(old_mme.send_reply(e.peer, message(kContextResponse, 0x000777), /*expects_ack=*/true));
  ASSERT_TRUE(new_mme.receive_until(Clock::now() + 2s));
  EXPECT_EQ(old_mme.receive(45ms).kind, GtpcEventKind::idle);  // past T3: one retransmission
  ASSERT_TRUE(new_mme.receive_until(Clock::now() + 2s)) << "Context Response retransmitted";
  ASSERT_TRUE(new_mme.send_to(old_mme.local(), view_of(message(kContextAcknowledge, 0x000777))));
  e = old_mme.receive(2s);
  EXPECT_EQ(e.kind, GtpcEventKind::reply);
  EXPECT_EQ(e.message_type, kContextAcknowledge);
  EXPECT_EQ(old_mme.open_requests(), 0u);
}

TEST(GtpcEndpoint, initial_message_without_a_reply_is_delivered_and_never_retransmitted) {
  GtpcEndpoint a(loopback(20ms, 3));
  GtpcEndpoint b(loopback());
  ASSERT_TRUE(a.send_unacknowledged(b.local(), message(kRanInformationRelay, 9)));
  EXPECT_EQ(b.receive(2s).kind, GtpcEventKind::message);
  EXPECT_EQ(a.receive(100ms).kind, GtpcEventKind::idle);
  EXPECT_EQ(b.receive(50ms).kind, GtpcEventKind::idle);
}

TEST(GtpcEndpoint, a_second_open_request_with_the_same_sequence_number_is_refused) {
  GtpcEndpoint mme(loopback());
  UdpSocket peer({"127.0.0.1", 0});
  ASSERT_TRUE(mme.send_request(peer.local(), message(kForwardRelocationRequest, 3)));
  const auto s = mme.send_request(peer.local(), message(kForwardRelocationRequest, 3));
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.error.find("already open"), std::string::npos) << s.error;
}

TEST(GtpcEndpoint, malformed_datagram_is_an_event_naming_the_field_and_offset) {
  GtpcEndpoint mme(loopback());
  UdpSocket peer({"127.0.0.1", 0});
  const Bytes gtpv1 = {0x32, 0xFF, 0x00, 0x04, 0, 0, 0, 0};  // version 1 header
  ASSERT_TRUE(peer.send_to(mme.local(), view_of(gtpv1)));
  GtpcEvent e = mme.receive(2s);
  EXPECT_EQ(e.kind, GtpcEventKind::malformed);
  EXPECT_NE(e.detail.find("GTPv2-C.version"), std::string::npos) << e.detail;
  const Bytes cut = {0x48, 0x85, 0x00, 0x40, 0, 0, 0, 1, 0, 0};  // length 64 but 6 octets follow
  ASSERT_TRUE(peer.send_to(mme.local(), view_of(cut)));
  e = mme.receive(2s);
  EXPECT_EQ(e.kind, GtpcEventKind::malformed);
  EXPECT_NE(e.detail.find("'GTPv2-C.length' at offset 2"), std::string::npos) << e.detail;
}

TEST(GtpcEndpoint, tap_sees_the_request_each_retransmission_and_the_reply) {
  auto tap = std::make_shared<Tap>();
  std::vector<TapRecord> records;
  tap->add([&](const TapRecord& r) { records.push_back(r); });
  GtpcOptions o = loopback(30ms, 1);
  o.tap = tap;
  GtpcEndpoint mme(o);
  UdpSocket peer({"127.0.0.1", 0});
  ASSERT_TRUE(mme.send_request(peer.local(), message(kForwardRelocationRequest, 11)));
  ASSERT_EQ(mme.receive(5s).kind, GtpcEventKind::no_response);
  ASSERT_EQ(records.size(), 2u);
  for (const auto& r : records) {
    EXPECT_EQ(r.transport, TransportKind::udp);
    EXPECT_EQ(r.direction, Direction::sent);
    EXPECT_EQ(r.remote, peer.local());
    EXPECT_EQ(r.local, mme.local());
    EXPECT_FALSE(r.sctp.has_value());
  }
  EXPECT_LE(records[0].time, records[1].time);
}

TEST(GtpcEndpoint, sequence_numbers_are_24_bit_and_skip_zero_on_wrap) {
  GtpcEndpoint mme(loopback());
  std::uint32_t s = 0;
  for (int i = 0; i < (1 << 24) - 1; ++i) s = mme.next_sequence();  // 1 .. 0xFFFFFF
  EXPECT_EQ(s, 0xFFFFFFu);
  EXPECT_EQ(mme.next_sequence(), 1u);
}

}  // namespace
}  // namespace concur::transport
