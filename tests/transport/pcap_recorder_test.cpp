// The capture of a test case: what the GTPv2-C endpoint sent and received on loopback, through
// its tap, lands in a pcap that our capture reader and tshark read back with the right
// directions and bytes.
#include "transport/pcap_recorder.h"

#include <gtest/gtest.h>

#include "capture/capture_reader.h"
#include "support/subprocess.h"
#include "transport/gtpc_endpoint.h"

namespace concur::transport {
namespace {

// Echo Request / Response (TS 29.274 7.1.1/7.1.2) with sequence 0x000042 and a Recovery IE.
const Bytes kEchoRequest = from_hex("40010009000042000300010005");
const Bytes kEchoResponse = from_hex("40020009000042000300010007");

TEST(PcapRecorder, writes_what_the_tap_saw_sent_and_received_with_directions_a_reader_and_tshark_agree_on) {
  const std::string path = ::testing::TempDir() + "/recorder.pcap";
  auto tap = std::make_shared<Tap>();
  GtpcOptions a_options;
  a_options.local = SocketAddress{"127.0.0.1", 0};
  a_options.tap = tap;
  GtpcOptions b_options;
  b_options.local = SocketAddress{"127.0.0.1", 0};
  GtpcEndpoint a(a_options), b(b_options);
  {
    PcapRecorder recorder(path);
    recorder.attach(tap);
    ASSERT_TRUE(a.send_request(b.local(), kEchoRequest).ok);
    const GtpcEvent request = b.receive(std::chrono::seconds(5));
    ASSERT_EQ(request.kind, GtpcEventKind::request);
    ASSERT_TRUE(b.send_reply(request.peer, kEchoResponse).ok);
    const GtpcEvent reply = a.receive(std::chrono::seconds(5));
    ASSERT_EQ(reply.kind, GtpcEventKind::reply);
    EXPECT_EQ(recorder.packets_written(), 2u);
  }

  // The endpoints use ephemeral ports, not 2123: tell the reader which port is GTPv2-C.
  capture::CaptureOptions options;
  options.classify.gtpv2c_ports = {b.local().port};
  capture::CaptureReader reader(path, options);
  auto sent = reader.next();
  auto received = reader.next();
  ASSERT_TRUE(sent && received) << (reader.error() ? reader.error()->to_string() : "fewer than 2 messages");
  EXPECT_FALSE(reader.next());
  EXPECT_EQ(sent->protocol, capture::Protocol::gtpv2c);
  EXPECT_EQ(sent->bytes, kEchoRequest);
  EXPECT_EQ(sent->src.port, a.local().port);
  EXPECT_EQ(sent->dst.port, b.local().port);
  EXPECT_EQ(received->bytes, kEchoResponse);
  EXPECT_EQ(received->src.port, b.local().port);
  EXPECT_EQ(received->dst.port, a.local().port);
  EXPECT_LE(sent->timestamp_ns, received->timestamp_ns);

  const test::ProcessResult t =
      test::run_process({"tshark", "-n", "-r", path, "-d",
                         "udp.port==" + std::to_string(b.local().port) + ",gtp", "-T", "fields", "-e",
                         "gtpv2.message_type", "-e", "_ws.malformed"},
                        std::chrono::seconds(60));
  if (t.exit_code < 0 || t.err.find("not found") != std::string::npos) GTEST_SKIP() << "tshark unavailable";
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_EQ(t.out, "1\t\n2\t\n");
}

}  // namespace
}  // namespace concur::transport
