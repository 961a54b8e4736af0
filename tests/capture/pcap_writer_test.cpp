// The pcap writer is judged by tshark: what we write must dissect as on a real link.
#include "capture/pcap_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "common/byte_writer.h"
#include "support/subprocess.h"
#include "support/tshark_judge.h"

namespace concur::test {
namespace {

// S1AP ErrorIndication with an empty ProtocolIE-Container (aligned PER, built by hand from
// TS 36.413: initiatingMessage, procedureCode 15, criticality ignore, open type of 3 octets).
// tshark: "S1AP-PDU: initiatingMessage (0) / procedureCode: id-ErrorIndication (15)".
const Bytes kErrorIndication = from_hex("000f4003000000");

// GTPv2-C Echo Request, sequence 1, Recovery IE (type 3) with restart counter 5 (TS 29.274 7.1.1).
const Bytes kEchoRequest = from_hex("40010009000001000300010005");

// NAS Identity Request asking for the IMSI (TS 24.301 8.2.18): PD 7, type 0x55, identity type 1.
const Bytes kIdentityRequest = from_hex("075501");

// A Diameter Device-Watchdog-Request (RFC 6733 5.5.1) with Origin-Host and Origin-Realm.
Bytes device_watchdog_request() {
  auto avp = [](ByteWriter& w, std::uint32_t code, const std::string& v) {
    const std::size_t len = 8 + v.size();
    w.u32(code), w.u8(0x40), w.u24(static_cast<std::uint32_t>(len));
    w.bytes(ByteView(reinterpret_cast<const std::uint8_t*>(v.data()), v.size()));
    w.zeros((4 - len % 4) % 4);
  };
  ByteWriter body;
  avp(body, 264, "hss.concur.test");
  avp(body, 296, "concur.test");
  ByteWriter w;
  w.u8(1), w.u24(static_cast<std::uint32_t>(20 + body.size()));
  w.u8(0x80), w.u24(280), w.u32(0), w.u32(0x11223344), w.u32(0x55667788);
  w.bytes(view_of(body.data()));
  return w.take();
}

class PcapWriterJudgedByTshark : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = tshark_unusable()) GTEST_SKIP() << *why;
  }
};

TEST_F(PcapWriterJudgedByTshark, sctp_data_carries_s1ap_with_ppid_18_stream_and_a_good_crc32c) {
  const Dissection d = tshark_dissect(Carrier::s1ap_sctp, {kErrorIndication, kErrorIndication},
                                      {"s1ap.procedureCode", "sctp.data_payload_proto_id", "sctp.data_sid",
                                       "sctp.data_tsn_raw", "sctp.data_ssn", "ip.checksum.status"});
  ASSERT_EQ(d.packets, 2u);
  EXPECT_EQ(d.malformed, 0u) << tshark_verbose(d);
  EXPECT_EQ(d.expert_errors, 0u) << ::testing::PrintToString(d.expert_texts);
  EXPECT_EQ(d.values(0, "s1ap.procedureCode"), std::vector<std::string>{"15"});
  EXPECT_EQ(d.values(0, "sctp.data_payload_proto_id"), std::vector<std::string>{"18"});
  EXPECT_EQ(d.values(0, "sctp.data_sid"), std::vector<std::string>{"0x0001"});
  // TSN and stream sequence number continue across messages of one association.
  EXPECT_EQ(d.values(0, "sctp.data_tsn_raw"), std::vector<std::string>{"1"});
  EXPECT_EQ(d.values(1, "sctp.data_tsn_raw"), std::vector<std::string>{"2"});
  EXPECT_EQ(d.values(1, "sctp.data_ssn"), std::vector<std::string>{"1"});

  // tshark does not verify SCTP checksums unless asked: ask, and expect "Good" (status 1).
  ProcessResult r = run_process({"tshark", "-n", "-r", d.pcap_path, "-o", "sctp.checksum:CRC-32C", "-T", "fields",
                                 "-e", "sctp.checksum.status"},
                                std::chrono::seconds(60));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n1\n");
}

TEST_F(PcapWriterJudgedByTshark, long_sctp_message_is_split_into_b_and_e_fragments_with_consecutive_tsns) {
  Bytes big(4000);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i);
  const std::string path = ::testing::TempDir() + "/fragments.pcap";
  {
    capture::PcapWriter w(path);
    w.sctp_data(capture::PcapWriter::Clock::now(), {"10.0.0.1", 36412}, {"10.0.0.2", 36412}, 3, 0, view_of(big));
  }
  ProcessResult r = run_process({"tshark", "-n", "-r", path, "-T", "fields", "-E", "separator=,", "-e", "sctp.data_tsn_raw",
                                 "-e", "sctp.data_b_bit", "-e", "sctp.data_e_bit", "-e", "sctp.chunk_length"},
                                std::chrono::seconds(60));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 1452 octets of DATA room per 1500-octet IPv4 packet: 1452 + 1452 + 1096.
  EXPECT_EQ(r.out, "1,1,0,1468\n2,0,0,1468\n3,0,1,1112\n");
}

TEST_F(PcapWriterJudgedByTshark, udp_over_ipv4_and_ipv6_carries_gtpv2_with_valid_checksums) {
  const Dissection d = tshark_dissect(Carrier::gtpv2_udp, {kEchoRequest},
                                      {"gtpv2.message_type", "gtpv2.seq", "gtpv2.rec", "udp.checksum.status"});
  ASSERT_EQ(d.packets, 1u);
  EXPECT_EQ(d.malformed + d.expert_errors, 0u) << ::testing::PrintToString(d.expert_texts);
  EXPECT_EQ(d.values(0, "gtpv2.message_type"), std::vector<std::string>{"1"});
  EXPECT_EQ(d.values(0, "gtpv2.rec"), std::vector<std::string>{"5"});

  const std::string path = ::testing::TempDir() + "/v6.pcap";
  {
    capture::PcapWriter w(path);
    w.udp(capture::PcapWriter::Clock::now(), {"fd00::1", 2123}, {"fd00::2", 2123}, view_of(kEchoRequest));
  }
  ProcessResult r = run_process({"tshark", "-n", "-r", path, "-o", "udp.check_checksum:TRUE", "-T", "fields", "-e",
                                 "ipv6.src", "-e", "gtpv2.message_type", "-e", "udp.checksum.status"},
                                std::chrono::seconds(60));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "fd00::1\t1\t1\n");
}

TEST_F(PcapWriterJudgedByTshark, tcp_flow_starts_with_a_handshake_and_carries_diameter) {
  const Dissection d = tshark_dissect(Carrier::diameter_tcp, {device_watchdog_request(), device_watchdog_request()},
                                      {"diameter.cmd.code", "diameter.Origin-Host", "tcp.flags.syn"});
  ASSERT_EQ(d.packets, 5u);  // SYN, SYN-ACK, ACK, two data segments
  EXPECT_EQ(d.malformed + d.expert_errors, 0u) << ::testing::PrintToString(d.expert_texts);
  EXPECT_EQ(d.values(3, "diameter.cmd.code"), std::vector<std::string>{"280"});
  EXPECT_EQ(d.values(4, "diameter.Origin-Host"), std::vector<std::string>{"hss.concur.test"});
}

TEST_F(PcapWriterJudgedByTshark, user_link_type_carries_bare_nas_pdus) {
  const Dissection d = tshark_dissect(Carrier::nas, {kIdentityRequest}, {"nas_eps.nas_msg_emm_type"});
  ASSERT_EQ(d.packets, 1u);
  EXPECT_EQ(d.malformed + d.expert_errors, 0u) << ::testing::PrintToString(d.expert_texts);
  EXPECT_EQ(d.values(0, "nas_eps.nas_msg_emm_type"), std::vector<std::string>{"0x55"});
}

TEST(PcapWriter, refuses_an_address_that_is_not_ip_and_names_it) {
  capture::PcapWriter w(::testing::TempDir() + "/bad.pcap");
  try {
    w.udp(capture::PcapWriter::Clock::now(), {"mme.example", 2123}, {"127.0.0.1", 2123}, view_of(kEchoRequest));
    FAIL() << "a host name must be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("mme.example"), std::string::npos);
  }
}

TEST(PcapWriter, names_the_path_it_cannot_open) {
  try {
    capture::PcapWriter w("/nonexistent-dir/x.pcap");
    FAIL() << "opening a path in a missing folder must fail";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x.pcap"), std::string::npos);
  }
}

}  // namespace
}  // namespace concur::test
