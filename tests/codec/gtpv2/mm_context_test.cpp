// MM Context IE (TS 29.274 8.38): bit-exact layouts built by hand from the octet map in
// PROTOCOL-FACTS §5.5 (Figure 8.38-5), and round trips of the variants TS 33.401 7.2.10 needs.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/summary.h"
#include "sample_messages.h"

namespace concur::gtpv2 {
namespace {

std::string hex(const Key256& k) { return to_hex(ByteView(k.data(), k.size())); }
std::string hex(const Key128& k) { return to_hex(ByteView(k.data(), k.size())); }

Bytes encode_ie(const Ie& ie) {
  ByteWriter w;
  write_ie(w, ie);
  return w.take();
}

template <class T>
T decode_ie_value(const Bytes& wire) {
  ByteReader r(view_of(wire));
  std::vector<Ie> ies = read_ies(r);
  EXPECT_EQ(ies.size(), 1u);
  EXPECT_TRUE(ies[0].extension.empty());
  return std::get<T>(ies[0].value);
}

template <class T>
T round_trip(const T& v) {
  const Bytes wire = encode_ie(make_ie(v));
  const T back = decode_ie_value<T>(wire);
  EXPECT_EQ(back, v);
  EXPECT_EQ(to_hex(view_of(encode_ie(make_ie(back)))), to_hex(view_of(wire)));
  return back;
}

TEST(MmContext, minimal_eps_security_context_is_encoded_octet_by_octet_as_figure_8_38_5) {
  const std::string expected = "6b" "002f" "00"                          // type 107, length 47, instance 0
                               "81"                                      // security mode 4 | NHI 0 | DRXI 0 | KSI_ASME 1
                               "00"                                      // 0 quintuplets | 0 quadruplets | UAMBRI 0 | OSCI 0
                               "20"                                      // SAMBRI 0 | EIA2 | EEA0
                               "000007" "000005"                         // NAS DL / UL count
                               + hex(samples::kasme_vector()) +          // K_ASME
                               "02e0e0" "00" "00"                        // UE NC (LV), MS NC (L=0), MEI (L=0)
                               "00";                                     // access restriction data
  EXPECT_EQ(to_hex(view_of(encode_ie(make_ie(samples::minimal_eps_security_context())))), expected);
}

TEST(MmContext, full_context_with_nh_and_old_security_context_is_encoded_octet_by_octet) {
  const EpsSecurityContext e = samples::full_eps_security_context();
  std::string quads;
  for (const auto& q : e.quadruplets) {
    quads += hex(q.rand) + "08" + to_hex(view_of(q.xres)) + "10" + to_hex(view_of(q.autn)) + hex(q.kasme);
  }
  const std::string value = std::string("9a")  // security mode 4 | NHI 1 | DRXI 1 | KSI_ASME 2
                            + "0b"             // 0 quintuplets | 2 quadruplets | UAMBRI 1 | OSCI 1
                            + "a2"             // SAMBRI 1 | EIA2 | EEA2
                            + "000102" + "000101" + hex(samples::kasme_vector()) + quads +
                            "0a00"                                   // DRX parameter
                            + hex(samples::nh_vector()) + "02"       // NH, spare | NCC 2
                            + "0000c350" "000186a0"                  // subscribed UE-AMBR UL/DL
                            + "00004e20" "00013880"                  // used UE-AMBR UL/DL
                            + "02e0e0" "03e5e034" "085304901234567810" "00" +
                            "89"                                     // NHI_old 1 | RLOS 0 | old KSI 1 | old NCC 1
                            + hex(samples::old_kasme_vector()) + hex(samples::old_nh_vector());
  const Bytes wire = encode_ie(make_ie(e));
  ASSERT_EQ(wire.size(), 4 + value.size() / 2);
  EXPECT_EQ(to_hex(ByteView(wire).subspan(4)), value);
  EXPECT_EQ(wire[0], 107);
  EXPECT_EQ((wire[1] << 8) | wire[2], static_cast<int>(value.size() / 2));
}

TEST(MmContext, round_trips_without_next_hop) {
  EpsSecurityContext e = samples::full_eps_security_context();
  e.next_hop.reset();
  const auto back = round_trip(e);
  EXPECT_FALSE(back.next_hop.has_value());
  EXPECT_EQ(encode_ie(make_ie(e))[4] & 0x10, 0) << "NHI clear";
}

TEST(MmContext, round_trips_with_next_hop_and_every_ncc_value) {
  for (std::uint8_t ncc = 0; ncc <= 7; ++ncc) {
    EpsSecurityContext e = samples::minimal_eps_security_context();
    e.next_hop = NextHop{samples::nh_vector(), ncc};
    EXPECT_EQ(round_trip(e).next_hop->ncc, ncc);
  }
}

TEST(MmContext, round_trips_without_old_security_context) {
  EpsSecurityContext e = samples::full_eps_security_context();
  e.old_context.reset();
  EXPECT_FALSE(round_trip(e).old_context.has_value());
  EXPECT_EQ(encode_ie(make_ie(e))[5] & 0x01, 0) << "OSCI clear";
}

TEST(MmContext, old_security_context_round_trips_with_nhi_old_set) {
  const auto back = round_trip(samples::full_eps_security_context());
  ASSERT_TRUE(back.old_context);
  EXPECT_EQ(back.old_context->nh, samples::old_nh_vector());
  EXPECT_EQ(back.old_context->ncc, 1);
  EXPECT_EQ(back.old_context->ksi_asme, 1);
}

TEST(MmContext, old_security_context_without_nhi_old_keeps_old_ncc_and_omits_old_nh) {
  EpsSecurityContext e = samples::full_eps_security_context();
  e.old_context->nh.reset();
  e.old_context->ncc = 5;  // "shall be ignored by the receiver" but kept so the round trip is exact
  const Bytes with_nh = encode_ie(make_ie(samples::full_eps_security_context()));
  const Bytes without = encode_ie(make_ie(e));
  EXPECT_EQ(with_nh.size() - without.size(), 32u) << "old NH octets absent";
  EXPECT_EQ(without.back() , samples::old_kasme_vector().back()) << "IE ends with old KASME";
  const auto back = round_trip(e);
  EXPECT_FALSE(back.old_context->nh.has_value());
  EXPECT_EQ(back.old_context->ncc, 5);
}

TEST(MmContext, rlos_flag_of_the_old_context_octet_round_trips) {
  EpsSecurityContext e = samples::full_eps_security_context();
  e.old_context->rlos = true;
  EXPECT_TRUE(round_trip(e).old_context->rlos);
}

TEST(MmContext, quadruplets_and_quintuplets_round_trip_with_their_counts) {
  EpsSecurityContext e = samples::minimal_eps_security_context();
  e.quadruplets = samples::full_eps_security_context().quadruplets;
  e.quadruplets.push_back(e.quadruplets[0]);
  AuthenticationQuintuplet q;
  q.rand[0] = 1;
  q.xres = Bytes{1, 2, 3, 4};
  q.autn = Bytes(16, 9);
  e.quintuplets = {q};
  const Bytes wire = encode_ie(make_ie(e));
  EXPECT_EQ(wire[5], (1 << 5) | (3 << 2)) << "1 quintuplet, 3 quadruplets";
  const auto back = round_trip(e);
  EXPECT_EQ(back.quadruplets.size(), 3u);
  EXPECT_EQ(back.quintuplets.size(), 1u);
}

TEST(MmContext, drx_ambrs_and_capabilities_round_trip) {
  const auto back = round_trip(samples::full_eps_security_context());
  EXPECT_EQ(back.drx, 0x0a00);
  EXPECT_EQ(back.common.subscribed_ue_ambr->downlink_kbps, 100000u);
  EXPECT_EQ(back.common.used_ue_ambr->uplink_kbps, 20000u);
  EXPECT_EQ(back.common.ue_network_capability, from_hex("e0e0"));
  EXPECT_EQ(back.common.ms_network_capability, from_hex("e5e034"));
  EXPECT_EQ(back.common.mei, from_hex("5304901234567810"));
  EXPECT_EQ(back.common.access_restriction, 0);
}

TEST(MmContext, trailing_fields_after_the_old_context_are_positional_with_empty_predecessors) {
  EpsSecurityContext e = samples::full_eps_security_context();
  e.voice_domain_preference = Bytes{0x01};
  e.ue_additional_security_capability = from_hex("f0f0f0f0");
  e.ue_radio_capability_id = from_hex("0102");
  e.ensct_octet = 0x01;  // native EPS security context
  const Bytes wire = encode_ie(make_ie(e));
  // After old NH: VDP(1,01) paging(00 00) ext-AR(00) add-sec(04 f0f0f0f0) NR-sec(00) APN-RC(00 00) CNR(00) UE-RC-ID(02 0102) ENSCT(01)
  EXPECT_EQ(to_hex(ByteView(wire).last(18)), "010100000004f0f0f0f00000000002010201");
  const auto back = decode_ie_value<EpsSecurityContext>(wire);
  EXPECT_EQ(back.voice_domain_preference, Bytes{0x01});
  EXPECT_EQ(back.ue_radio_capability_for_paging, Bytes{}) << "forced out with length zero";
  EXPECT_EQ(back.ue_additional_security_capability, from_hex("f0f0f0f0"));
  EXPECT_EQ(back.ue_radio_capability_id, from_hex("0102"));
  EXPECT_EQ(back.ensct_octet, 0x01);
  EXPECT_EQ(encode_ie(make_ie(back)), wire);
}

TEST(MmContext, every_trailing_field_round_trips_when_present) {
  EpsSecurityContext e = samples::full_eps_security_context();
  e.voice_domain_preference = Bytes{0x03};
  e.ue_radio_capability_for_paging = Bytes(300, 0x5a);  // 2-octet length
  e.extended_access_restriction = Bytes{0x01};
  e.ue_additional_security_capability = from_hex("f0f0f0f0");
  e.ue_nr_security_capability = from_hex("e0e0");
  e.apn_rate_control_statuses = Bytes(20, 0x11);
  e.core_network_restrictions = from_hex("00000001");
  e.ue_radio_capability_id = from_hex("aabb");
  e.ensct_octet = 0x02;
  round_trip(e);
}

TEST(MmContext, umts_key_quadruplets_quintuplets_for_s3_carries_ck_prime_and_ik_prime) {
  const auto s3 = samples::s3_forward_relocation_request_to_utran();
  const auto& u = std::get<UmtsKeyQuadrupletsQuintuplets>(s3.mm_context);
  const Bytes wire = encode_ie(make_ie(u));
  EXPECT_EQ(wire[0], 108);
  EXPECT_EQ(wire[4], 0xaa) << "security mode 5 | spare | DRXI 1 | KSI_ASME 2";
  EXPECT_EQ(wire[5], 0x23) << "1 quintuplet | 0 quadruplets | UAMBRI 1 | SAMBRI 1";
  EXPECT_EQ(wire[6], 0x00) << "spare";
  EXPECT_EQ(to_hex(ByteView(wire).subspan(7, 16)), hex(u.ck_prime));
  EXPECT_EQ(to_hex(ByteView(wire).subspan(23, 16)), hex(u.ik_prime));
  round_trip(u);
}

TEST(MmContext, umts_key_and_quintuplets_from_an_sgsn_round_trips_with_trailing_octets) {
  UmtsKeyQuintuplets u;
  u.ksi = 3;
  u.ck[0] = 0xc1;
  u.ik[15] = 0x1e;
  AuthenticationQuintuplet q;
  q.xres = Bytes{1, 2, 3, 4};
  q.autn = Bytes(16, 7);
  u.quintuplets = {q, q};
  u.drx = 0x0900;
  u.common.ue_network_capability = from_hex("e0e0");
  u.common.access_restriction = 0x20;
  u.trailing = from_hex("0100");  // voice domain preference L=1 ... kept raw
  const Bytes wire = encode_ie(make_ie(u));
  EXPECT_EQ(wire[4], 0x6b) << "security mode 3 | spare | DRXI 1 | KSI 3";
  EXPECT_EQ(wire[5], 0x40) << "2 quintuplets";
  const auto back = round_trip(u);
  EXPECT_EQ(back.trailing, from_hex("0100"));
}

TEST(MmContext, encoder_refuses_values_the_bit_fields_cannot_carry) {
  EpsSecurityContext e = samples::minimal_eps_security_context();
  e.next_hop = NextHop{samples::nh_vector(), 8};
  EXPECT_THROW(encode_ie(make_ie(e)), std::invalid_argument);
  e = samples::minimal_eps_security_context();
  e.ksi_asme = 8;
  EXPECT_THROW(encode_ie(make_ie(e)), std::invalid_argument);
  e = samples::minimal_eps_security_context();
  e.quadruplets.resize(8);
  EXPECT_THROW(encode_ie(make_ie(e)), std::invalid_argument);
  e = samples::minimal_eps_security_context();
  e.nas_downlink_count = 1u << 24;
  EXPECT_THROW(encode_ie(make_ie(e)), std::invalid_argument);
}

TEST(MmContext, security_mode_other_than_4_in_type_107_is_a_decode_error) {
  Bytes wire = encode_ie(make_ie(samples::minimal_eps_security_context()));
  wire[4] = static_cast<std::uint8_t>((wire[4] & 0x1f) | (5 << 5));
  ByteReader r(view_of(wire));
  try {
    read_ies(r);
    FAIL() << "decoded";
  } catch (const DecodeFailure& f) {
    EXPECT_EQ(f.error().field, "MM Context.security_mode");
    EXPECT_EQ(f.error().offset, 4u);
  }
}

TEST(Summary, forward_relocation_request_summary_names_ksi_ncc_nh_and_the_old_context) {
  const GtpSummary s = summarise(build(samples::s10_forward_relocation_request(), 0x01020304, 12));
  EXPECT_EQ(s.message, "Forward Relocation Request");
  EXPECT_EQ(s.teid, 0x01020304u);
  EXPECT_EQ(s.sequence, 12u);
  EXPECT_EQ(s.imsi, "001010123456789");
  EXPECT_EQ(s.mm_context_security_mode, 4);
  EXPECT_EQ(s.ksi, 2);
  EXPECT_EQ(s.ncc, 2);
  EXPECT_EQ(s.nh_prefix, "c8558664");
  EXPECT_TRUE(s.osci);
  EXPECT_EQ(s.old_ksi, 1);
  EXPECT_EQ(s.old_ncc, 1);
  EXPECT_EQ(s.old_nh_prefix, "c4c7bc79");
  EXPECT_EQ(s.target_type, 1);
  EXPECT_EQ(s.to_string(),
            "Forward Relocation Request teid=0x01020304 seq=12 imsi=001010123456789 target_type=1 mm_security_mode=4 "
            "ksi=2 ncc=2 nh=c8558664… osci=1 old_ksi=1 old_ncc=1 old_nh=c4c7bc79…");
}

TEST(Summary, old_ncc_is_not_reported_when_nhi_old_is_clear) {
  ForwardRelocationRequest r = samples::s10_forward_relocation_request();
  std::get<EpsSecurityContext>(r.mm_context).old_context->nh.reset();
  const GtpSummary s = summarise(build(r, 1, 1));
  EXPECT_TRUE(s.osci);
  EXPECT_EQ(s.old_ksi, 1);
  EXPECT_FALSE(s.old_ncc.has_value());
}

TEST(Summary, echo_request_summary_has_no_teid_and_no_security_fields) {
  const GtpSummary s = summarise(samples::echo_request());
  EXPECT_EQ(s.to_string(), "Echo Request seq=257");
}

}  // namespace
}  // namespace concur::gtpv2
