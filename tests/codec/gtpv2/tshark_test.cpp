// tshark (Wireshark 4.0.17 on the build machines) as the independent judge of the GTPv2-C encoder:
// every message we encode dissects with zero malformed packets and zero expert errors, and the fields
// tshark extracts equal ours. Field names from `tshark -G fields | grep gtpv2`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/mobility.h"
#include "sample_messages.h"
#include "support/tshark_judge.h"

namespace concur::gtpv2 {
namespace {

using concur::test::Carrier;
using concur::test::Dissection;

#define SKIP_WITHOUT_TSHARK()                                      \
  do {                                                             \
    if (auto why = concur::test::tshark_unusable()) GTEST_SKIP() << *why; \
  } while (0)

/// IE types in tshark's order: depth-first, a grouped IE before its members.
void flatten_ie_types(const std::vector<Ie>& ies, std::vector<std::string>& out) {
  for (const Ie& ie : ies) {
    out.push_back(std::to_string(ie.type));
    if (const auto* g = std::get_if<Grouped>(&ie.value)) flatten_ie_types(g->ies, out);
  }
}

std::string hex(const Key256& k) { return to_hex(ByteView(k.data(), k.size())); }

void expect_clean(const Dissection& d, std::size_t packets) {
  EXPECT_EQ(d.packets, packets);
  EXPECT_EQ(d.malformed, 0u) << concur::test::tshark_verbose(d);
  EXPECT_EQ(d.expert_errors, 0u) << (d.expert_texts.empty() ? "" : d.expert_texts.front()) << "\n"
                                 << concur::test::tshark_verbose(d);
}

TEST(TsharkJudge, every_encoded_message_dissects_cleanly_with_our_message_and_ie_types) {
  SKIP_WITHOUT_TSHARK();
  const auto all = samples::all_messages();
  std::vector<Bytes> wire;
  for (const auto& [name, m] : all) wire.push_back(encode(m));
  const Dissection d = concur::test::tshark_dissect(Carrier::gtpv2_udp, wire, {"gtpv2.message_type", "gtpv2.ie_type"});
  expect_clean(d, all.size());
  for (std::size_t i = 0; i < all.size() && i < d.packets; ++i) {
    SCOPED_TRACE(all[i].first);
    const GtpMessage& m = all[i].second;
    ASSERT_FALSE(d.values(i, "gtpv2.message_type").empty());
    EXPECT_EQ(d.values(i, "gtpv2.message_type").front(), std::to_string(m.header.message_type));
    std::vector<std::string> ours;
    flatten_ie_types(m.ies, ours);
    EXPECT_EQ(d.values(i, "gtpv2.ie_type"), ours);
  }
}

const std::vector<std::string> kMmFields = {
    "gtpv2.mm_context_sm",   "gtpv2.mm_context_nhi",     "gtpv2.mm_context_drxi",  "gtpv2.mm_context_ksi_a",
    "gtpv2.mm_context_nr_qua", "gtpv2.mm_context_nr_qui", "gtpv2.mm_context_osci", "gtpv2.mm_context_unipa",
    "gtpv2.mm_context_unc",  "gtpv2.mm_context_nas_dl_cnt", "gtpv2.mm_context_nas_ul_cnt", "gtpv2.mm_context_kasme",
    "gtpv2.mm_context_drx",  "gtpv2.mm_context_nh",      "gtpv2.mm_context_ncc",   "gtpv2.mm_context_nhi_old",
    "gtpv2.old_ksiasme",     "gtpv2.old_ncc",            "gtpv2.mm_context_old_kasme", "gtpv2.mm_context.old_nh",
    "gtpv2.uplink_subscribed_ue_ambr", "gtpv2.downlink_used_ue_ambr"};

std::string first(const Dissection& d, std::size_t i, const std::string& f) {
  const auto& v = d.values(i, f);
  return v.empty() ? std::string("<absent>") : v.front();
}

/// Checks tshark's reading of a type-107 MM Context against the context we encoded.
void expect_same_mm_context(const Dissection& d, std::size_t i, const EpsSecurityContext& e) {
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_sm"), "4");
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_nhi"), e.next_hop ? "1" : "0");
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_ksi_a"), std::to_string(e.ksi_asme));
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_nr_qua"), std::to_string(e.quadruplets.size()));
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_nr_qui"), std::to_string(e.quintuplets.size()));
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_osci"), e.old_context ? "1" : "0");
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_unipa"), std::to_string(e.nas_integrity_alg));
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_unc"), std::to_string(e.nas_cipher_alg));
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_nas_dl_cnt"), std::to_string(e.nas_downlink_count));
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_nas_ul_cnt"), std::to_string(e.nas_uplink_count));
  EXPECT_EQ(first(d, i, "gtpv2.mm_context_kasme"), hex(e.kasme)) << "the first Kasme field is the current K_ASME";
  if (e.next_hop) {
    EXPECT_EQ(first(d, i, "gtpv2.mm_context_nh"), hex(e.next_hop->nh));
    // Wireshark reads NCC with mask 0x0F where the spec field is bits 3-1; equal while spare bit 4 is 0,
    // which our encoder guarantees (see ncc_spare_bit test below).
    EXPECT_EQ(first(d, i, "gtpv2.mm_context_ncc"), std::to_string(e.next_hop->ncc));
  } else {
    EXPECT_TRUE(d.values(i, "gtpv2.mm_context_nh").empty());
  }
  if (e.old_context) {
    EXPECT_EQ(first(d, i, "gtpv2.mm_context_nhi_old"), e.old_context->nh ? "1" : "0");
    EXPECT_EQ(first(d, i, "gtpv2.old_ksiasme"), std::to_string(e.old_context->ksi_asme));
    EXPECT_EQ(first(d, i, "gtpv2.old_ncc"), std::to_string(e.old_context->ncc));
    EXPECT_EQ(first(d, i, "gtpv2.mm_context_old_kasme"), hex(e.old_context->kasme));
    if (e.old_context->nh) {
      EXPECT_EQ(first(d, i, "gtpv2.mm_context.old_nh"), hex(*e.old_context->nh));
    } else {
      EXPECT_TRUE(d.values(i, "gtpv2.mm_context.old_nh").empty());
    }
  } else {
    EXPECT_TRUE(d.values(i, "gtpv2.mm_context_old_kasme").empty());
  }
  if (e.drx) {
    EXPECT_EQ(first(d, i, "gtpv2.mm_context_drx"), "0x" + to_hex(Bytes{std::uint8_t(*e.drx >> 8), std::uint8_t(*e.drx)}));
  }
  if (e.common.subscribed_ue_ambr) {
    EXPECT_EQ(first(d, i, "gtpv2.uplink_subscribed_ue_ambr"), std::to_string(e.common.subscribed_ue_ambr->uplink_kbps));
  }
  if (e.common.used_ue_ambr) {
    EXPECT_EQ(first(d, i, "gtpv2.downlink_used_ue_ambr"), std::to_string(e.common.used_ue_ambr->downlink_kbps));
  }
}

TEST(TsharkJudge, s10_forward_relocation_request_mm_context_fields_equal_ours_including_the_old_context) {
  SKIP_WITHOUT_TSHARK();
  const ForwardRelocationRequest r = samples::s10_forward_relocation_request();
  const Dissection d = concur::test::tshark_dissect(Carrier::gtpv2_udp, {encode(build(r, 7, 9))}, kMmFields);
  expect_clean(d, 1);
  ASSERT_EQ(d.packets, 1u);
  expect_same_mm_context(d, 0, std::get<EpsSecurityContext>(r.mm_context));
}

TEST(TsharkJudge, mm_context_variants_dissect_cleanly_and_read_back_the_same) {
  SKIP_WITHOUT_TSHARK();
  std::vector<EpsSecurityContext> variants;
  variants.push_back(samples::minimal_eps_security_context());
  EpsSecurityContext v = samples::full_eps_security_context();
  v.next_hop.reset();
  variants.push_back(v);  // NHI=0, OSCI=1
  v = samples::full_eps_security_context();
  v.old_context.reset();
  variants.push_back(v);  // NHI=1, OSCI=0
  v = samples::full_eps_security_context();
  v.old_context->nh.reset();
  v.old_context->ncc = 6;
  variants.push_back(v);  // NHI_old=0, old NCC kept
  v = samples::full_eps_security_context();
  v.quadruplets.clear();
  v.drx.reset();
  v.common.subscribed_ue_ambr.reset();
  v.common.used_ue_ambr.reset();
  variants.push_back(v);  // no quadruplets, no DRX, no AMBRs
  v = samples::full_eps_security_context();
  v.voice_domain_preference = Bytes{0x01};
  v.ue_radio_capability_for_paging = Bytes{};
  v.extended_access_restriction = Bytes{0x01};
  variants.push_back(v);  // with Rel-11+ trailing fields
  std::vector<Bytes> wire;
  for (const auto& e : variants) {
    ForwardRelocationRequest r = samples::s10_forward_relocation_request();
    r.mm_context = e;
    wire.push_back(encode(build(r, 7, 9)));
  }
  const Dissection d = concur::test::tshark_dissect(Carrier::gtpv2_udp, wire, kMmFields);
  expect_clean(d, variants.size());
  for (std::size_t i = 0; i < variants.size() && i < d.packets; ++i) {
    SCOPED_TRACE("variant " + std::to_string(i));
    expect_same_mm_context(d, i, variants[i]);
  }
}

TEST(TsharkJudge, s3_mm_context_type_108_shows_our_ck_prime_ik_prime_and_ksi) {
  SKIP_WITHOUT_TSHARK();
  const ForwardRelocationRequest r = samples::s3_forward_relocation_request_to_utran();
  const auto& u = std::get<UmtsKeyQuadrupletsQuintuplets>(r.mm_context);
  const Dissection d = concur::test::tshark_dissect(Carrier::gtpv2_udp, {encode(build(r, 1, 2))},
                                                    {"gtpv2.mm_context_sm", "gtpv2.mm_context_ksi_a", "gtpv2.ck",
                                                     "gtpv2.ik", "gtpv2.target_type", "gtpv2.rnc_id"});
  expect_clean(d, 1);
  EXPECT_EQ(first(d, 0, "gtpv2.mm_context_sm"), "5");
  EXPECT_EQ(first(d, 0, "gtpv2.mm_context_ksi_a"), std::to_string(u.ksi_asme));
  EXPECT_EQ(first(d, 0, "gtpv2.ck"), to_hex(ByteView(u.ck_prime.data(), 16)));
  EXPECT_EQ(first(d, 0, "gtpv2.ik"), to_hex(ByteView(u.ik_prime.data(), 16)));
  EXPECT_EQ(first(d, 0, "gtpv2.target_type"), "0");
}

TEST(TsharkJudge, header_ie_fields_f_teid_target_and_f_cause_equal_ours) {
  SKIP_WITHOUT_TSHARK();
  const ForwardRelocationRequest r = samples::s10_forward_relocation_request();
  const Dissection d = concur::test::tshark_dissect(
      Carrier::gtpv2_udp, {encode(build(r, 0x01020304, 0x00abcd))},
      {"gtpv2.teid", "gtpv2.seq", "gtpv2.f_teid_interface_type", "gtpv2.f_teid_gre_key", "gtpv2.target_type",
       "gtpv2.macro_enodeb_id", "gtpv2.tai_tac", "gtpv2.cause_type", "gtpv2.container_type", "e212.imsi", "gtpv2.apn"});
  expect_clean(d, 1);
  EXPECT_EQ(first(d, 0, "gtpv2.teid"), "0x01020304");
  EXPECT_EQ(first(d, 0, "gtpv2.seq"), "0x00abcd");
  EXPECT_EQ(first(d, 0, "gtpv2.f_teid_interface_type"), std::to_string(interface_type::s10_mme));
  EXPECT_EQ(first(d, 0, "gtpv2.target_type"), "1");
  char enb[16];
  std::snprintf(enb, sizeof enb, "0x%06x", r.target->macro_enb->enb_id);
  EXPECT_EQ(first(d, 0, "gtpv2.macro_enodeb_id"), enb);
  EXPECT_EQ(first(d, 0, "gtpv2.tai_tac"), "0x0002") << "the target TAC";
  EXPECT_EQ(first(d, 0, "gtpv2.cause_type"), "0");
  EXPECT_EQ(first(d, 0, "gtpv2.container_type"), "3");
  EXPECT_EQ(first(d, 0, "e212.imsi"), r.imsi->digits);
  EXPECT_EQ(first(d, 0, "gtpv2.apn"), "internet.mnc001.mcc001.gprs");
}

TEST(TsharkJudge, ie_layouts_beyond_the_samples_dissect_cleanly_ipv6_dual_stack_every_uli_part_and_targets) {
  SKIP_WITHOUT_TSHARK();
  const PlmnId plmn = PlmnId::from_digits("001", "01");
  const Ipv6 v6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
  Uli uli;
  uli.cgi = Cgi{plmn, 0x0102, 0x0304};
  uli.sai = Sai{plmn, 0x0102, 0x0506};
  uli.rai = Rai{plmn, 0x0102, 0x07ff};
  uli.tai = Tai{plmn, 0x0809};
  uli.ecgi = Ecgi{plmn, 0x0abcdef};
  uli.lai = Lai{plmn, 0x0102};
  uli.macro_enb = MacroEnbId{plmn, 0x12345};
  uli.extended_macro_enb = ExtendedMacroEnbId{plmn, false, 0x1abcd};
  Paa paa;
  paa.pdn_type = 3;
  paa.ipv6_prefix_length = 64;
  paa.ipv6 = v6;
  paa.ipv4 = Ipv4{100, 64, 0, 1};
  Cause cause;
  cause.value = 70;
  cause.offending_ie = OffendingIe{ie_type::apn, 0};
  const GtpMessage csr = make_message(
      MessageType::create_session_request, 0, 5,
      {make_ie(Imsi{"001010123456789"}), make_ie(uli), make_ie(RatType{6}),
       make_ie(FTeid{interface_type::s11_mme, 1, std::nullopt, v6}, 0),
       make_ie(FTeid{interface_type::s5s8_pgw_gtpc, 0, Ipv4{10, 0, 2, 1}, v6}, 1), make_ie(Apn{"internet"}),
       make_ie(PdnType{3}), make_ie(paa), make_ie(IpAddress{Bytes(v6.begin(), v6.end())})});
  const GtpMessage rsp = make_message(MessageType::create_session_response, 1, 5, {make_ie(cause)});
  std::vector<Bytes> wire = {encode(csr), encode(rsp)};
  for (std::uint8_t type : {0, 1, 2, 3}) {
    ForwardRelocationRequest r = samples::s10_forward_relocation_request();
    TargetIdentification t;
    t.target_type = type;
    if (type == 0) t.rnc = TargetRncId{plmn, 0x1234, 0x56, 0x0789, 0x1000};
    if (type == 1) t.macro_enb = TargetMacroEnb{plmn, 0xfedcb, 1};
    if (type == 2) t.cell = TargetCellIdentifier{plmn, 0x1234, 0x56, 0x789a};
    if (type == 3) t.home_enb = TargetHomeEnb{plmn, 0x0fedcba, 2};
    r.target = t;
    wire.push_back(encode(build(r, 1, 6)));
  }
  const Dissection d = concur::test::tshark_dissect(
      Carrier::gtpv2_udp, wire,
      {"gtpv2.f_teid_ipv6", "gtpv2.pdn_addr_and_prefix.ipv6", "gtpv2.pdn_addr_and_prefix.ipv4", "gtpv2.ecgi_eci",
       "gtpv2.tai_tac", "gtpv2.cause", "gtpv2.target_type"});
  expect_clean(d, wire.size());
  EXPECT_EQ(first(d, 0, "gtpv2.f_teid_ipv6"), "2001:db8::1");
  EXPECT_EQ(first(d, 0, "gtpv2.pdn_addr_and_prefix.ipv4"), "100.64.0.1");
  EXPECT_EQ(first(d, 0, "gtpv2.ecgi_eci"), std::to_string(0x0abcdef));
  EXPECT_EQ(first(d, 1, "gtpv2.cause"), "70");
  for (std::size_t i = 0; i < 4 && 2 + i < d.packets; ++i) {
    EXPECT_EQ(first(d, 2 + i, "gtpv2.target_type"), std::to_string(i));
  }
}

TEST(TsharkJudge, ncc_spare_bit_shows_wiresharks_0x0f_mask_while_we_decode_bits_3_to_1) {
  // PROTOCOL-FACTS §5.5: Wireshark decodes NCC with mask 0x0F, the spec field is bits 3-1 (0x07).
  // A peer setting spare bit 4 makes them differ; our decoder follows the spec.
  SKIP_WITHOUT_TSHARK();
  EpsSecurityContext e = samples::minimal_eps_security_context();
  e.next_hop = NextHop{samples::nh_vector(), 2};
  Bytes wire = encode(make_message(MessageType::forward_relocation_request, 1, 1,
                                   {make_ie(FTeid{interface_type::s10_mme, 1, Ipv4{10, 0, 0, 1}, std::nullopt}), make_ie(e)}));
  // NCC octet = the one after NH: find the NH in the wire and set bit 4 of the next octet.
  const Key256 nh = samples::nh_vector();
  const auto at = std::search(wire.begin(), wire.end(), nh.begin(), nh.end()) - wire.begin() + 32;
  ASSERT_EQ(wire[at], 0x02);
  wire[at] = 0x0a;
  auto decoded = decode(view_of(wire));
  ASSERT_TRUE(decoded) << decoded.error().to_string();
  EXPECT_EQ(std::get<EpsSecurityContext>(*find_mm_context(*decoded)).next_hop->ncc, 2);
  const Dissection d = concur::test::tshark_dissect(Carrier::gtpv2_udp, {wire}, {"gtpv2.mm_context_ncc"});
  EXPECT_EQ(first(d, 0, "gtpv2.mm_context_ncc"), "10");
}

}  // namespace
}  // namespace concur::gtpv2
