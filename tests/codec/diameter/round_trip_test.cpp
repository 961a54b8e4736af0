// Pack / unpack / re-pack of every S6a and base message the emulated HSS and its test client use.
#include <gtest/gtest.h>

#include "codec/diameter/message.h"
#include "codec/diameter/s6a.h"
#include "sample_messages.h"

namespace concur::diameter {
namespace {

Message round_trip(const Message& m) {
  const Bytes wire = encode(m);
  auto back = decode(view_of(wire));
  EXPECT_TRUE(back.ok()) << (back.ok() ? "" : back.error().to_string());
  if (!back.ok()) return {};
  EXPECT_EQ(*back, m);
  EXPECT_EQ(encode(*back), wire);
  return *back;
}

TEST(DiameterRoundTrip, every_sample_message_decodes_equal_and_re_encodes_byte_identical) {
  for (const auto& [name, m] : samples::all_messages()) {
    SCOPED_TRACE(name);
    round_trip(m);
  }
}

TEST(DiameterRoundTrip, header_carries_version_length_flags_command_and_identifiers) {
  const Message m = build(samples::air(), 0x01020304, 0x0a0b0c0d);
  const Bytes wire = encode(m);
  ASSERT_GE(wire.size(), kHeaderSize);
  EXPECT_EQ(wire[0], 1);
  EXPECT_EQ((std::size_t{wire[1]} << 16) | (std::size_t{wire[2]} << 8) | wire[3], wire.size());
  EXPECT_EQ(wire[4], kFlagRequest | kFlagProxiable);
  EXPECT_EQ((wire[5] << 16) | (wire[6] << 8) | wire[7], 318);
  EXPECT_EQ(wire.size() % 4, 0u);
  EXPECT_EQ(to_hex(ByteView(wire.data() + 8, 12)),
            "01000023"
            "01020304"
            "0a0b0c0d");
}

TEST(DiameterRoundTrip, vendor_specific_avp_has_v_bit_and_vendor_id_and_pads_to_four_octets) {
  ByteWriter w;
  write_avp(w, make_octets(avp::visited_plmn_id, from_hex("00f110")));
  // code 1407, flags V|M, length 12 + 3 = 15, vendor 10415, data, one padding octet.
  EXPECT_EQ(to_hex(view_of(w.data())),
            "0000057f"
            "c000000f"
            "000028af"
            "00f11000");
}

TEST(DiameterRoundTrip, base_avp_has_no_vendor_field) {
  ByteWriter w;
  write_avp(w, make_u32(avp::result_code, result::success));
  EXPECT_EQ(to_hex(view_of(w.data())),
            "0000010c"
            "4000000c"
            "000007d1");
}

TEST(DiameterRoundTrip, authentication_information_request_keeps_imsi_plmn_and_resync_info) {
  AuthenticationInformationRequest v = samples::air();
  v.resynchronization_info = Bytes(30, 0x5a);
  auto back = parse_authentication_information_request(round_trip(build(v, 1, 2)));
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, v);
}

TEST(DiameterRoundTrip, authentication_information_answer_keeps_the_e_utran_vector) {
  const auto req = build(samples::air(), 1, 2);
  auto back = parse_authentication_information_answer(round_trip(build(samples::aia(), req)));
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, samples::aia());
  ASSERT_EQ(back->vectors.size(), 1u);
  EXPECT_EQ(to_hex(view_of(back->vectors[0].rand)), "23553cbe9637a89d218ae64dae47bf35");
}

TEST(DiameterRoundTrip, update_location_answer_keeps_subscription_data_with_apn_profile) {
  const auto req = build(samples::ulr(), 1, 2);
  auto ulr = parse_update_location_request(req);
  ASSERT_TRUE(ulr.ok());
  EXPECT_EQ(*ulr, samples::ulr());
  auto back = parse_update_location_answer(round_trip(build(samples::ula(), req)));
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, samples::ula());
  EXPECT_EQ(back->subscription->msisdn, "4915100000001");
  EXPECT_EQ(back->subscription->apns.at(0).service_selection, "internet");
}

TEST(DiameterRoundTrip, user_unknown_travels_as_experimental_result_with_vendor_3gpp) {
  const auto req = build(samples::air(), 1, 2);
  AuthenticationInformationAnswer a = samples::aia();
  a.outcome = Outcome::experimental(result::error_user_unknown);
  a.vectors.clear();
  auto back = parse_authentication_information_answer(round_trip(build(a, req)));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->outcome.experimental_code, 5001u);
  EXPECT_EQ(back->outcome.experimental_vendor, kVendor3gpp);
  EXPECT_FALSE(back->outcome.ok());
}

TEST(DiameterRoundTrip, capabilities_exchange_keeps_addresses_and_applications) {
  const auto cer = build_capabilities_exchange_request(samples::mme_capabilities(), 1, 2);
  auto back = parse_capabilities_exchange(round_trip(cer));
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, samples::mme_capabilities());
  auto cea = parse_capabilities_exchange(build_capabilities_exchange_answer(samples::mme_capabilities(), cer));
  ASSERT_TRUE(cea.ok());
  EXPECT_EQ(cea->result_code, result::success);
}

TEST(DiameterRoundTrip, answer_copies_identifiers_and_clears_the_request_bit) {
  const auto req = build(samples::pur(), 77, 88);
  const Message a = answer_to(req);
  EXPECT_FALSE(a.is_request());
  EXPECT_EQ(a.hop_by_hop, 77u);
  EXPECT_EQ(a.end_to_end, 88u);
  EXPECT_EQ(a.command_code, command::purge_ue);
  EXPECT_EQ(a.application_id, kApplicationS6a);
}

TEST(DiameterRoundTrip, cancel_location_request_and_answer_keep_imsi_type_and_outcome) {
  const CancelLocationRequest clr{
      Route{"hss;1;2", samples::kHssHost, samples::kRealm, samples::kMmeHost, samples::kRealm}, samples::kImsi, 2};
  const Message req = round_trip(build(clr, 3, 4));
  auto back = parse_cancel_location_request(req);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, clr);
  const CancelLocationAnswer cla{Route{"hss;1;2", samples::kMmeHost, samples::kRealm, {}, {}}, Outcome::success()};
  auto answer = parse_cancel_location_answer(round_trip(build(cla, req)));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(*answer, cla);
}

TEST(DiameterRoundTrip, msisdn_is_tbcd_with_filler_for_odd_digit_counts) {
  EXPECT_EQ(to_hex(view_of(encode_tbcd("12345"))), "2143f5");
  Avp a = make_octets(avp::msisdn, view_of(encode_tbcd("12345")));
  EXPECT_EQ(decode_tbcd(a), "12345");
}

}  // namespace
}  // namespace concur::diameter
