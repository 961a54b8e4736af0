// Information element codings checked against bytes from real captures (with tshark's reading of
// the same bytes quoted) and against the TS 24.301 / 24.008 layouts.
#include <gtest/gtest.h>

#include "codec/nas/ies.h"
#include "codec/nas/message.h"
#include "nas_test_util.h"

namespace concur::nas {
namespace {

template <class F>
auto decode_value(const std::string& hex, F&& f) {
  const Bytes b = from_hex(hex);
  ByteReader r(view_of(b));
  auto v = f(r);
  EXPECT_TRUE(r.empty());
  return v;
}

template <class T, class F>
std::string encode_value(const T& v, F&& f) {
  ByteWriter w;
  f(v, w);
  return to_hex(w.data());
}

TEST(NasIe, guti_from_a_real_attach_request_decodes_to_plmn_group_code_and_m_tmsi) {
  // magma_roaming_attach.pcapng frame 12 (magma/magma feg inbound roaming capture): tshark reads
  // "GUTI, MCC 001, MNC 01, MME Group ID 1, MME Code 1, M-TMSI 0x2f4c115b".
  const auto id = decode_value("f600f1100001012f4c115b", decode_eps_mobile_identity);
  ASSERT_EQ(id.type, EpsMobileIdentity::guti);
  EXPECT_EQ(id.guti_value.plmn, (Plmn{"001", "01"}));
  EXPECT_EQ(id.guti_value.mme_group_id, 1);
  EXPECT_EQ(id.guti_value.mme_code, 1);
  EXPECT_EQ(id.guti_value.m_tmsi, 0x2f4c115bu);
  EXPECT_EQ(encode_value(id, encode_eps_mobile_identity), "f600f1100001012f4c115b");
  EXPECT_EQ(to_string(id.guti_value), "001-01-0x0001-0x01-0x2f4c115b");
}

TEST(NasIe, imsi_with_odd_digit_count_from_a_real_identity_response_decodes) {
  // magma_roaming_attach.pcapng frame 14: tshark reads "IMSI (001020000000064)", odd count.
  const auto id = decode_value("0910200000000046", decode_mobile_identity);
  EXPECT_EQ(id.type, MobileIdentity::imsi);
  EXPECT_EQ(id.digits, "001020000000064");
  EXPECT_EQ(encode_value(id, encode_mobile_identity), "0910200000000046");
}

TEST(NasIe, imeisv_with_even_digit_count_ends_with_the_filler_nibble) {
  // tempo_quectel.pcap frame 86 SECURITY MODE COMPLETE (orion-belt/tempo quectel.pcap): tshark
  // reads "IMEISV (8633050400277001)".
  const auto id = decode_value("8336030504207700f1", decode_mobile_identity);
  EXPECT_EQ(id.type, MobileIdentity::imeisv);
  EXPECT_EQ(id.digits, "8633050400277001");
  EXPECT_EQ(encode_value(id, encode_mobile_identity), "8336030504207700f1");
}

TEST(NasIe, three_digit_mnc_plmn_uses_the_24_008_octet_order) {
  ByteWriter w;
  encode_plmn(Plmn{"208", "930"}, w);
  EXPECT_EQ(to_hex(w.data()), "020839");  // MCC2|MCC1, MNC3|MCC3, MNC2|MNC1
  const Bytes b = w.data();
  ByteReader r(view_of(b));
  EXPECT_EQ(decode_plmn(r, "plmn"), (Plmn{"208", "930"}));
}

TEST(NasIe, ue_security_capability_accepts_two_to_thirteen_octets_and_keeps_every_octet) {
  for (std::size_t len = 2; len <= 13; ++len) {
    Bytes b(len, 0);
    b[0] = 0xE0;
    b[1] = 0x60;
    for (std::size_t i = 2; i < len; ++i) b[i] = static_cast<std::uint8_t>(0x10 + i);
    ByteReader r(view_of(b));
    const auto cap = decode_ue_security_capability(r);
    EXPECT_TRUE(cap.supports_eea(0));
    EXPECT_TRUE(cap.supports_eia(2));
    EXPECT_FALSE(cap.supports_eia(3));
    ByteWriter w;
    encode_ue_security_capability(cap, w);
    EXPECT_EQ(to_hex(w.data()), to_hex(b)) << "length " << len;
  }
}

TEST(NasIe, ue_security_capability_of_one_or_fourteen_octets_is_rejected) {
  for (std::size_t len : {1u, 14u}) {
    const Bytes b(len, 0xE0);
    ByteReader r(view_of(b), 100);
    try {
      decode_ue_security_capability(r);
      ADD_FAILURE() << "length " << len << " accepted";
    } catch (const DecodeFailure& e) {
      EXPECT_EQ(e.error().field, "ue_security_capability");
      EXPECT_EQ(e.error().offset, 100u);
    }
  }
}

TEST(NasIe, selected_algorithms_put_ciphering_in_bits_7_to_5_and_integrity_in_bits_3_to_1) {
  // PROTOCOL-FACTS §4.5: EEA2 + EIA2 = 0x22; tempo_s1ap.pcap frame 38 SMC carries 0x02 (EEA0/EIA2).
  const auto a = decode_value("02", decode_nas_security_algorithms);
  EXPECT_EQ(a.ciphering, 0);
  EXPECT_EQ(a.integrity, 2);
  EXPECT_EQ(encode_value(NasSecurityAlgorithms{2, 2}, encode_nas_security_algorithms), "22");
  EXPECT_EQ(encode_value(NasSecurityAlgorithms{3, 1}, encode_nas_security_algorithms), "31");
}

TEST(NasIe, nas_key_set_identifier_carries_tsc_in_bit_4) {
  const auto native = NasKeySetIdentifier::from_nibble(0x3);
  EXPECT_FALSE(native.mapped);
  EXPECT_EQ(native.ksi, 3);
  const auto mapped = NasKeySetIdentifier::from_nibble(0xA);
  EXPECT_TRUE(mapped.mapped);
  EXPECT_EQ(mapped.ksi, 2);
  EXPECT_EQ(mapped.nibble(), 0xA);
}

TEST(NasIe, tai_list_of_each_list_type_round_trips) {
  // Type 0: one PLMN, TACs 1 and 7.
  const auto l0 = decode_value("0100f11000010007", decode_tai_list);
  EXPECT_EQ(l0.lists.at(0).type, 0);
  EXPECT_EQ(l0.lists[0].tais.at(1).tac, 7);
  EXPECT_EQ(encode_value(l0, encode_tai_list), "0100f11000010007");
  // Type 1: one PLMN, 3 consecutive TACs from 0x0010.
  const auto l1 = decode_value("2200f1100010", decode_tai_list);
  EXPECT_EQ(l1.lists.at(0).tais.size(), 3u);
  EXPECT_EQ(l1.lists[0].tais[2].tac, 0x12);
  EXPECT_EQ(encode_value(l1, encode_tai_list), "2200f1100010");
  // Type 2: two TAIs of different PLMNs, followed by a second partial list of type 0.
  const auto l2 = decode_value("4100f110000102f8390002" "0000f1100005", decode_tai_list);
  ASSERT_EQ(l2.lists.size(), 2u);
  EXPECT_EQ(l2.lists[0].tais[1].plmn, (Plmn{"208", "93"}));
  EXPECT_EQ(encode_value(l2, encode_tai_list), "4100f110000102f8390002" "0000f1100005");
}

TEST(NasIe, tai_list_of_reserved_type_three_is_an_error) {
  const Bytes b = from_hex("6000f1100001");
  ByteReader r(view_of(b), 20);
  try {
    decode_tai_list(r);
    ADD_FAILURE() << "type 3 accepted";
  } catch (const DecodeFailure& e) {
    EXPECT_EQ(e.error().field, "tai_list.partial.type");
    EXPECT_EQ(e.error().offset, 20u);
  }
}

TEST(NasIe, gprs_timer_units_convert_to_seconds) {
  EXPECT_EQ((GprsTimer{0, 5}.seconds()), 10u);
  EXPECT_EQ((GprsTimer{1, 9}.seconds()), 540u);
  EXPECT_EQ((GprsTimer{2, 1}.seconds()), 360u);
  EXPECT_EQ((GprsTimer{7, 0}.seconds()), std::nullopt);
}

TEST(NasIe, apn_renders_labels_joined_by_dots) {
  const auto apn = AccessPointName::from_string("internet.mnc001.mcc001.gprs");
  EXPECT_EQ(to_hex(apn.encoded).substr(0, 18), "08696e7465726e6574");
  EXPECT_EQ(apn.to_string(), "internet.mnc001.mcc001.gprs");
}

TEST(NasIe, pdn_address_length_must_match_the_pdn_type) {
  const auto v4 = decode_value("01c0a80001", decode_pdn_address);
  EXPECT_EQ(v4.address, from_hex("c0a80001"));
  const Bytes bad = from_hex("01c0a800");
  ByteReader r(view_of(bad));
  EXPECT_THROW(decode_pdn_address(r), DecodeFailure);
}

}  // namespace
}  // namespace concur::nas

namespace concur::nas {
namespace {
TEST(NasIe, gprs_timer_value_that_does_not_fit_five_bits_is_refused_by_the_encoder) {
  ByteWriter w;
  EXPECT_THROW(encode_gprs_timer(GprsTimer{1, 54}, w), std::invalid_argument);
}
}  // namespace
}  // namespace concur::nas
