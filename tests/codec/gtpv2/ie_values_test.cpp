// IE value layouts of TS 29.274 clause 8 that the message samples do not exercise: IPv6 and dual-stack
// addresses, every ULI part, Cause with an offending IE, every typed Target Identification, 40-bit
// bit rates. Expected octets are written from the spec figures cited per test.
#include <gtest/gtest.h>

#include "codec/gtpv2/ie.h"

namespace concur::gtpv2 {
namespace {

Bytes encode_ie(const Ie& ie) {
  ByteWriter w;
  write_ie(w, ie);
  return w.take();
}

template <class T>
std::string round_trip_hex(const T& v, std::uint8_t instance = 0) {
  const Bytes wire = encode_ie(make_ie(v, instance));
  ByteReader r(view_of(wire));
  const std::vector<Ie> ies = read_ies(r);
  EXPECT_EQ(ies.size(), 1u);
  EXPECT_EQ(std::get<T>(ies.at(0).value), v);
  EXPECT_EQ(ies.at(0).instance, instance);
  EXPECT_EQ(encode_ie(ies.at(0)), wire);
  return to_hex(view_of(wire));
}

const PlmnId kPlmn = PlmnId::from_digits("001", "01");
constexpr Ipv6 kV6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};

TEST(IeValues, f_teid_with_ipv6_only_and_with_both_addresses_follows_figure_8_22_1) {
  EXPECT_EQ(round_trip_hex(FTeid{interface_type::s10_mme, 0x11223344, std::nullopt, kV6}, 0),
            "57001500" "4c" "11223344" "20010db8000000000000000000000001");
  EXPECT_EQ(round_trip_hex(FTeid{interface_type::s3_mme, 1, Ipv4{10, 0, 0, 1}, kV6}, 1),
            "57001901" "cd" "00000001" "0a000001" "20010db8000000000000000000000001");
}

TEST(IeValues, paa_ipv6_and_ipv4v6_carry_the_prefix_length_before_the_addresses) {
  Paa v6;
  v6.pdn_type = 2;
  v6.ipv6_prefix_length = 64;
  v6.ipv6 = kV6;
  EXPECT_EQ(round_trip_hex(v6), "4f001200" "02" "40" "20010db8000000000000000000000001");
  Paa both = v6;
  both.pdn_type = 3;
  both.ipv4 = Ipv4{100, 64, 0, 1};
  EXPECT_EQ(round_trip_hex(both), "4f001600" "03" "40" "20010db8000000000000000000000001" "64400001");
}

TEST(IeValues, paa_whose_addresses_contradict_its_pdn_type_is_refused_by_the_encoder) {
  Paa p;
  p.pdn_type = 3;
  p.ipv4 = Ipv4{1, 2, 3, 4};
  EXPECT_THROW(encode_ie(make_ie(p)), std::invalid_argument);
}

TEST(IeValues, uli_with_every_part_writes_them_in_flag_bit_order) {
  Uli u;
  u.cgi = Cgi{kPlmn, 0x0102, 0x0304};
  u.sai = Sai{kPlmn, 0x0102, 0x0506};
  u.rai = Rai{kPlmn, 0x0102, 0x07ff};
  u.tai = Tai{kPlmn, 0x0809};
  u.ecgi = Ecgi{kPlmn, 0x0abcdef};
  u.lai = Lai{kPlmn, 0x0102};
  u.macro_enb = MacroEnbId{kPlmn, 0x12345};
  u.extended_macro_enb = ExtendedMacroEnbId{kPlmn, true, 0x1abcd};
  EXPECT_EQ(round_trip_hex(u), std::string("56003300") + "ff" + "00f11001020304" + "00f11001020506" + "00f110010207ff" +
                                   "00f1100809" + "00f11000abcdef" + "00f1100102" + "00f110012345" + "00f110" "81abcd");
}

TEST(IeValues, cause_with_flags_and_offending_ie_uses_octets_6_to_10) {
  Cause c;
  c.value = 70;  // Mandatory IE missing
  c.pce = true;
  c.cs = true;
  c.offending_ie = OffendingIe{ie_type::mm_context_eps, 0};
  EXPECT_EQ(round_trip_hex(c), "02000600" "46" "05" "6b000000");
}

TEST(IeValues, cause_offending_ie_with_a_non_zero_length_is_a_decode_error) {
  const Bytes wire = from_hex("02000600" "46" "00" "6b000100");
  ByteReader r(view_of(wire));
  try {
    read_ies(r);
    FAIL() << "decoded";
  } catch (const DecodeFailure& f) {
    EXPECT_EQ(f.error().field, "Cause.offending_ie.length");
    EXPECT_EQ(f.error().offset, 7u);
  }
}

TEST(IeValues, target_identification_rnc_id_with_and_without_extended_rnc_id) {
  TargetIdentification t;
  t.target_type = 0;
  t.rnc = TargetRncId{kPlmn, 0x1234, 0x56, 0x0789, std::nullopt};
  EXPECT_EQ(round_trip_hex(t), "79000900" "00" "00f110" "1234" "56" "0789");
  t.rnc->extended_rnc_id = 0x1000;
  EXPECT_EQ(round_trip_hex(t), "79000b00" "00" "00f110" "1234" "56" "0789" "1000");
}

TEST(IeValues, target_identification_macro_enb_home_enb_and_cell_identifier) {
  TargetIdentification macro;
  macro.target_type = 1;
  macro.macro_enb = TargetMacroEnb{kPlmn, 0xfedcb, 0x0001};
  EXPECT_EQ(round_trip_hex(macro), "79000900" "01" "00f110" "0fedcb" "0001");
  TargetIdentification home;
  home.target_type = 3;
  home.home_enb = TargetHomeEnb{kPlmn, 0x0fedcba, 0x0002};
  EXPECT_EQ(round_trip_hex(home), "79000a00" "03" "00f110" "00fedcba" "0002");
  TargetIdentification cell;
  cell.target_type = 2;
  cell.cell = TargetCellIdentifier{kPlmn, 0x1234, 0x56, 0x789a};
  EXPECT_EQ(round_trip_hex(cell), "79000900" "02" "00f110" "1234" "56" "789a");
}

TEST(IeValues, target_identification_of_other_types_is_kept_raw) {
  TargetIdentification g;
  g.target_type = 5;  // gNodeB ID
  g.raw = from_hex("00f110" "16" "00000001" "000001");
  EXPECT_EQ(round_trip_hex(g), "79000c00" "05" "00f110" "16" "00000001" "000001");
}

TEST(IeValues, bearer_qos_bit_rates_are_40_bit_and_arp_follows_figure_8_15_1) {
  BearerQos q{true, 1, false, 1, 0xffffffffff, 1, 2, 3};
  EXPECT_EQ(round_trip_hex(q), "50001600" "44" "01" "ffffffffff" "0000000001" "0000000002" "0000000003");
  q.mbr_uplink = 1ull << 40;
  EXPECT_THROW(encode_ie(make_ie(q)), std::invalid_argument);
}

TEST(IeValues, imsi_with_odd_digit_count_is_filled_with_f_and_decodes_back) {
  EXPECT_EQ(round_trip_hex(Imsi{"001010123456789"}), "01000800" "00010121436587f9");
  EXPECT_EQ(round_trip_hex(Imsi{"00101012345678"}), "01000700" "00010121436587");
}

TEST(IeValues, apn_and_fqdn_are_label_encoded) {
  EXPECT_EQ(round_trip_hex(Apn{"ims.mnc001"}), "47000b00" "03696d73" "066d6e63303031");
  EXPECT_EQ(round_trip_hex(Fqdn{"mme1"}), "88000500" "046d6d6531");
  EXPECT_THROW(encode_ie(make_ie(Apn{"a..b"})), std::invalid_argument);
}

TEST(IeValues, indication_flags_are_set_and_tested_by_name) {
  Indication i;
  i.set(indication::daf).set(indication::si).set(indication::msv);
  EXPECT_EQ(round_trip_hex(i), "4d000200" "80" "03");
  EXPECT_TRUE(i.test(indication::si));
  EXPECT_FALSE(i.test(indication::hi));
  EXPECT_FALSE(i.test(IndicationFlag{5, 0x01})) << "beyond the octets sent reads as clear";
}

TEST(IeValues, instance_above_15_is_refused_by_the_encoder) {
  EXPECT_THROW(encode_ie(make_ie(Recovery{1}, 16)), std::invalid_argument);
}

TEST(IeValues, typed_value_under_a_foreign_ie_type_is_refused_by_the_encoder) {
  Ie ie = make_ie(Recovery{1});
  ie.type = ie_type::cause;
  EXPECT_THROW(encode_ie(ie), std::invalid_argument);
}

}  // namespace
}  // namespace concur::gtpv2
