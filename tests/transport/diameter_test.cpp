// Diameter over TCP (RFC 6733) on loopback, and the framer on its own.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "transport/diameter_tcp.h"
#include "transport/transport_error.h"

namespace concur::transport {

void PrintTo(DiameterEventKind k, std::ostream* os) { *os << to_string(k); }

namespace {

using namespace std::chrono_literals;

// Device-Watchdog-Request and -Answer from a real S6a capture: orion-belt/tempo quectel.pcap
// frames 22 and 23 (referenced as ../shared/captures/real/tempo_quectel.pcap). tshark 4.0:
//   DWR: Length 92, Flags 0x80 Request, Command Code 280, Hop-by-Hop 0x7fec2d5e, End-to-End 0x22a3a560,
//        Origin-Host mme.openairinterface.org, Origin-Realm openairinterface.org, Origin-State-Id.
//   DWA: Length 104, Flags 0x00, Command Code 280, same identifiers, Result-Code 2001, Origin-Host hss....
const Bytes kDwr = from_hex(
    "0100005c80000118000000007fec2d5e22a3a56000000108400000206d6d652e6f70656e616972696e746572666163652e6f7267"
    "000001284000001c6f70656e616972696e746572666163652e6f7267000001164000000c603e422a");
const Bytes kDwa = from_hex(
    "0100006800000118000000007fec2d5e22a3a5600000010c4000000c000007d100000108400000206873732e6f70656e61697269"
    "6e746572666163652e6f7267000001284000001c6f70656e616972696e746572666163652e6f7267000001164000000c603e4123");

Bytes concat(std::initializer_list<const Bytes*> parts) {
  Bytes all;
  for (const Bytes* p : parts) all.insert(all.end(), p->begin(), p->end());
  return all;
}

// --- framer ----------------------------------------------------------------------------------

TEST(DiameterFramer, captured_watchdog_request_reads_its_header_fields) {
  const auto h = read_diameter_header(view_of(kDwr), 1 << 20);
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  EXPECT_EQ(h->version, 1);
  EXPECT_EQ(h->length, 92u);
  EXPECT_TRUE(h->is_request());
  EXPECT_EQ(h->command_code, 280u);
  EXPECT_EQ(h->application_id, 0u);
  EXPECT_EQ(h->hop_by_hop, 0x7fec2d5eu);
  EXPECT_EQ(h->end_to_end, 0x22a3a560u);
  EXPECT_EQ(kDwr.size(), 92u);
  EXPECT_EQ(kDwa.size(), 104u);
}

TEST(DiameterFramer, two_messages_split_at_every_possible_point_come_out_whole_and_in_order) {
  const Bytes stream = concat({&kDwr, &kDwa});
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    DiameterFramer f;
    std::vector<Bytes> out;
    for (ByteView part : {ByteView(stream).first(cut), ByteView(stream).subspan(cut)}) {
      f.feed(part);
      for (;;) {
        auto m = f.next();
        ASSERT_TRUE(m.ok()) << m.error().to_string();
        if (!m->has_value()) break;
        out.push_back(std::move(**m));
      }
    }
    ASSERT_EQ(out.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(out[0], kDwr);
    EXPECT_EQ(out[1], kDwa);
    EXPECT_EQ(f.buffered(), 0u);
    EXPECT_EQ(f.stream_offset(), stream.size());
  }
}

TEST(DiameterFramer, message_fed_one_octet_at_a_time_appears_only_after_its_last_octet) {
  DiameterFramer f;
  for (std::size_t i = 0; i < kDwa.size(); ++i) {
    f.feed(ByteView(kDwa).subspan(i, 1));
    auto m = f.next();
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->has_value(), i + 1 == kDwa.size()) << "after octet " << i;
  }
}

TEST(DiameterFramer, wrong_version_fails_at_the_stream_offset_of_the_bad_message_and_stays_failed) {
  DiameterFramer f;
  Bytes bad = kDwr;
  bad[0] = 2;
  const Bytes stream = concat({&kDwr, &bad});
  f.feed(view_of(stream));
  auto first = f.next();
  ASSERT_TRUE(first.ok() && first->has_value());
  auto second = f.next();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().field, "Diameter.version");
  EXPECT_EQ(second.error().offset, 92u);
  f.feed(view_of(kDwa));
  EXPECT_FALSE(f.next().ok()) << "a TCP stream cannot resynchronise after broken framing";
}

TEST(DiameterFramer, length_below_header_size_not_a_multiple_of_4_or_above_the_limit_is_rejected_early) {
  for (const char* hex : {"01000010", "0100005d", "01100000"}) {  // 16; 93; 1 MiB > 64 KiB limit
    DiameterFramer f(64 * 1024);
    f.feed(view_of(from_hex(hex)));  // only 4 octets: the length is judged before the rest arrives
    auto m = f.next();
    ASSERT_FALSE(m.ok()) << hex;
    EXPECT_EQ(m.error().field, "Diameter.message_length") << hex;
    EXPECT_EQ(m.error().offset, 1u) << hex;
  }
}

// --- TCP -------------------------------------------------------------------------------------

/// A bare TCP client so tests control exactly how octets are written.
class RawTcpClient {
 public:
  explicit RawTcpClient(const SocketAddress& to) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_storage ss{};
    const socklen_t len = to.to_sockaddr(ss);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&ss), len) == 0;
  }
  ~RawTcpClient() { close(); }
  bool connected() const { return connected_; }
  bool write(ByteView b) { return ::send(fd_, b.data(), b.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(b.size()); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

struct Loopback {
  DiameterListener listener{{"127.0.0.1", 0}, {}};
};

TEST(DiameterTcp, message_split_across_segments_is_delivered_once_its_last_part_arrives) {
  Loopback lo;
  RawTcpClient client(lo.listener.local());
  ASSERT_TRUE(client.connected());
  auto hss = lo.listener.accept(2s);
  ASSERT_NE(hss, nullptr);
  ASSERT_TRUE(client.write(ByteView(kDwr).first(7)));  // not even a whole header
  EXPECT_EQ(hss->receive(100ms).kind, DiameterEventKind::timeout);
  ASSERT_TRUE(client.write(ByteView(kDwr).subspan(7, 50)));
  EXPECT_EQ(hss->receive(100ms).kind, DiameterEventKind::timeout);
  ASSERT_TRUE(client.write(ByteView(kDwr).subspan(57)));
  const DiameterEvent e = hss->receive(2s);
  ASSERT_EQ(e.kind, DiameterEventKind::message) << e.detail;
  EXPECT_EQ(e.bytes, kDwr);
  EXPECT_EQ(e.header.command_code, 280u);
  EXPECT_GE(hss->stats().reads, 3u) << "the three parts came in separate reads";
}

TEST(DiameterTcp, several_messages_in_one_read_come_out_one_by_one_in_order) {
  Loopback lo;
  RawTcpClient client(lo.listener.local());
  auto hss = lo.listener.accept(2s);
  ASSERT_NE(hss, nullptr);
  ASSERT_TRUE(client.write(view_of(concat({&kDwr, &kDwa, &kDwr}))));
  EXPECT_EQ(hss->receive(2s).bytes, kDwr);
  EXPECT_EQ(hss->receive(2s).bytes, kDwa);
  EXPECT_EQ(hss->receive(2s).bytes, kDwr);
  EXPECT_EQ(hss->stats().messages, 3u);
  EXPECT_EQ(hss->stats().reads, 1u) << "one write of 288 octets on loopback is one read";
  EXPECT_EQ(hss->receive(50ms).kind, DiameterEventKind::timeout);
}

TEST(DiameterTcp, client_and_server_exchange_a_watchdog_request_and_answer) {
  Loopback lo;
  auto mme = diameter_connect(lo.listener.local(), {});
  auto hss = lo.listener.accept(2s);
  ASSERT_NE(hss, nullptr);
  ASSERT_TRUE(mme->send(view_of(kDwr)));
  DiameterEvent e = hss->receive(2s);
  ASSERT_EQ(e.kind, DiameterEventKind::message);
  EXPECT_TRUE(e.header.is_request());
  ASSERT_TRUE(hss->send(view_of(kDwa)));
  e = mme->receive(2s);
  ASSERT_EQ(e.kind, DiameterEventKind::message);
  EXPECT_FALSE(e.header.is_request());
  EXPECT_EQ(e.header.hop_by_hop, 0x7fec2d5eu) << "answer carries the request's hop-by-hop identifier";
  EXPECT_EQ(mme->remote(), lo.listener.local());
}

TEST(DiameterTcp, peer_closing_in_the_middle_of_a_message_is_a_closed_event_that_says_so) {
  Loopback lo;
  RawTcpClient client(lo.listener.local());
  auto hss = lo.listener.accept(2s);
  ASSERT_NE(hss, nullptr);
  ASSERT_TRUE(client.write(ByteView(kDwa).first(40)));
  client.close();
  const DiameterEvent e = hss->receive(2s);
  EXPECT_EQ(e.kind, DiameterEventKind::closed);
  EXPECT_NE(e.detail.find("40 octets of an unfinished message"), std::string::npos) << e.detail;
  EXPECT_FALSE(hss->open());
  EXPECT_EQ(hss->receive(20ms).kind, DiameterEventKind::timeout);
}

TEST(DiameterTcp, garbage_on_the_stream_is_a_framing_error_naming_field_and_offset_and_closes) {
  Loopback lo;
  RawTcpClient client(lo.listener.local());
  auto hss = lo.listener.accept(2s);
  ASSERT_NE(hss, nullptr);
  const Bytes http = {'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P'};
  ASSERT_TRUE(client.write(view_of(concat({&kDwr, &http}))));
  EXPECT_EQ(hss->receive(2s).kind, DiameterEventKind::message);
  const DiameterEvent e = hss->receive(2s);
  EXPECT_EQ(e.kind, DiameterEventKind::framing_error);
  EXPECT_NE(e.detail.find("'Diameter.version' at offset 92"), std::string::npos) << e.detail;
  EXPECT_FALSE(hss->open());
}

TEST(DiameterTcp, send_refuses_bytes_whose_length_field_disagrees_with_their_size) {
  Loopback lo;
  auto mme = diameter_connect(lo.listener.local(), {});
  Bytes truncated(kDwr.begin(), kDwr.end() - 4);
  const auto s = mme->send(view_of(truncated));
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.error.find("length field says 92"), std::string::npos) << s.error;
}

TEST(DiameterTcp, connecting_where_nobody_listens_is_a_clear_error) {
  SocketAddress nowhere;
  {
    DiameterListener l({"127.0.0.1", 0}, {});
    nowhere = l.local();  // a port that was free a moment ago and is closed now
  }
  try {
    diameter_connect(nowhere, {});
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find(nowhere.to_string()), std::string::npos) << e.what();
  }
}

TEST(DiameterTcp, tap_reports_each_message_once_with_tcp_addresses) {
  auto tap = std::make_shared<Tap>();
  std::vector<TapRecord> records;
  tap->add([&](const TapRecord& r) { records.push_back(r); });
  DiameterOptions o;
  o.tap = tap;
  DiameterListener listener({"127.0.0.1", 0}, o);
  auto mme = diameter_connect(listener.local(), o);
  auto hss = listener.accept(2s);
  ASSERT_NE(hss, nullptr);
  ASSERT_TRUE(mme->send(view_of(kDwr)));
  ASSERT_EQ(hss->receive(2s).kind, DiameterEventKind::message);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].direction, Direction::sent);
  EXPECT_EQ(records[0].remote, listener.local());
  EXPECT_EQ(records[1].direction, Direction::received);
  EXPECT_EQ(records[1].local, listener.local());
  EXPECT_EQ(records[1].remote, records[0].local);
  for (const auto& r : records) {
    EXPECT_EQ(r.transport, TransportKind::tcp);
    EXPECT_EQ(r.bytes, kDwr);
  }
}

}  // namespace
}  // namespace concur::transport
