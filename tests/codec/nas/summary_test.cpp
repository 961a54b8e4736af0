// summarise(): the fields the §7.2.10 rules look at, flattened for `concur decode`.
#include <gtest/gtest.h>

#include "codec/nas/summary.h"
#include "nas_test_util.h"

namespace concur::nas {
namespace {

TEST(NasSummary, integrity_protected_smc_summary_names_header_sqn_eksi_and_algorithms) {
  // tempo_s1ap.pcap frame 38 (orion-belt/tempo s1ap.pcap): tshark reads header type 3, MAC
  // 0xa8980148, SQN 0, SMC with EEA0/EIA2 (0x02), eKSI 3, replayed caps f0 70 c0 40 70, IMEISV request.
  const auto pdu = test::decode_exact("37a898014800075d020305f070c04070c1");
  const auto s = summarise(pdu);
  EXPECT_EQ(s.name, "Security mode command");
  EXPECT_EQ(s.security_header_type, SecurityHeaderType::integrity_protected_new_context);
  EXPECT_EQ(s.mac, 0xa8980148u);
  EXPECT_EQ(s.sequence_number, 0);
  ASSERT_TRUE(s.eksi);
  EXPECT_EQ(s.eksi->ksi, 3);
  ASSERT_TRUE(s.selected_algorithms);
  EXPECT_EQ(s.selected_algorithms->ciphering, 0);
  EXPECT_EQ(s.selected_algorithms->integrity, 2);
  EXPECT_EQ(s.to_string(), "Security mode command [hdr 3 sqn 0 mac 0xa8980148] eKSI 3 EEA0/EIA2");
}

TEST(NasSummary, attach_request_summary_carries_the_guti) {
  // tempo_s1ap.pcap frame 29: Attach request, integrity protected, old GUTI 222-01 group 0x8000 code 3 M-TMSI 8.
  const auto pdu = test::decode_exact(
      "17310c2bf9030741220bf622f2108000030000000804f070c04000240241d011d1271d8080211001000010810600000000830600000000000d00000a000010005222f21000015c0a003103e5e0349011035758865d0100e0c1");
  const auto s = summarise(pdu);
  EXPECT_EQ(s.name, "Attach request");
  EXPECT_EQ(s.sequence_number, 3);
  ASSERT_TRUE(s.guti);
  EXPECT_EQ(to_string(*s.guti), "222-01-0x8000-0x03-0x00000008");
  EXPECT_EQ(s.eksi->ksi, 2);
}

TEST(NasSummary, service_request_summary_has_the_short_sequence_number_and_mac) {
  // tempo_quectel.pcap frame 114: SERVICE REQUEST c7 03 c4 4f.
  const auto pdu = test::decode_exact("c703c44f");
  const auto s = summarise(pdu);
  EXPECT_EQ(s.name, "Service request");
  EXPECT_EQ(s.sequence_number, 3);
  EXPECT_EQ(s.short_mac, 0xc44f);
  EXPECT_EQ(s.eksi->ksi, 0);
}

TEST(NasSummary, identity_response_summary_carries_the_imsi) {
  const auto s = summarise(test::decode_exact("07560809102000000000" "46"));
  EXPECT_EQ(s.imsi, "001020000000064");
}

TEST(NasSummary, detach_request_downlink_summary_carries_the_emm_cause) {
  // tempo_s1ap.pcap frame 55 (EEA0 in use): Detach request (network → UE), cause #17.
  const auto pdu = test::decode_exact("275af718ef030745025311", DecodeOptions{.assume_null_ciphering = true});
  const auto s = summarise(pdu);
  EXPECT_EQ(s.name, "Detach request");
  EXPECT_EQ(s.emm_cause, 17);
  EXPECT_TRUE(std::holds_alternative<DetachRequestDownlink>(*pdu.message));
}

}  // namespace
}  // namespace concur::nas
