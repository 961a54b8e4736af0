// Malformed input is a DecodeError naming the IE path / field and the absolute octet offset; never a
// crash or an out-of-bounds read (the fuzz target checks the same under ASAN/UBSAN).
#include <gtest/gtest.h>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/mobility.h"
#include "sample_messages.h"

namespace concur::gtpv2 {
namespace {

DecodeError decode_error(const Bytes& wire) {
  auto m = decode(view_of(wire));
  EXPECT_FALSE(m.ok()) << "decoded unexpectedly";
  return m.ok() ? DecodeError{} : m.error();
}

void set_message_length(Bytes& wire) {
  const std::size_t n = wire.size() - 4;
  wire[2] = static_cast<std::uint8_t>(n >> 8);
  wire[3] = static_cast<std::uint8_t>(n);
}

TEST(Malformed, empty_datagram_names_the_header_flags_at_offset_0) {
  const DecodeError e = decode_error({});
  EXPECT_EQ(e.field, "header.flags");
  EXPECT_EQ(e.offset, 0u);
}

TEST(Malformed, truncated_header_names_the_missing_header_field_and_its_offset) {
  const DecodeError length = decode_error(from_hex("4820"));
  EXPECT_EQ(length.field, "header.length");
  EXPECT_EQ(length.offset, 2u);
  const DecodeError seq = decode_error(from_hex("4820000800000001" "0000"));  // T=1, sequence cut after 2 octets
  EXPECT_EQ(seq.field, "header.sequence");
  EXPECT_EQ(seq.offset, 8u);
}

TEST(Malformed, gtp_version_1_is_rejected_at_offset_0) {
  const DecodeError e = decode_error(from_hex("3201000400000000"));
  EXPECT_EQ(e.field, "header.version");
  EXPECT_EQ(e.offset, 0u);
}

TEST(Malformed, message_length_beyond_the_datagram_names_the_length_field) {
  Bytes wire = encode(samples::echo_request());
  wire.pop_back();
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "header.length");
  EXPECT_EQ(e.offset, 2u);
  EXPECT_NE(e.reason.find("overruns the datagram by 1"), std::string::npos) << e.reason;
}

TEST(Malformed, message_length_shorter_than_the_teid_header_is_rejected) {
  const DecodeError e = decode_error(from_hex("48200004" "00000001" "00000100"));
  EXPECT_EQ(e.field, "header.length");
}

TEST(Malformed, ie_length_overrunning_the_message_names_the_ie_and_its_length_offset) {
  // Delete Session Response: Cause IE at offset 12 claims 10 octets, only 2 follow.
  Bytes wire = from_hex("48250000" "00000001" "00040100" "02000a00" "1000");
  set_message_length(wire);
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "Cause.length");
  EXPECT_EQ(e.offset, 13u);
  EXPECT_NE(e.reason.find("overruns its container by 8"), std::string::npos) << e.reason;
}

TEST(Malformed, partial_ie_header_at_the_end_of_the_message_is_reported_at_its_offset) {
  Bytes wire = from_hex("48250000" "00000001" "00040100" "02000200" "1000" "0300");
  set_message_length(wire);
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "IE.header");
  EXPECT_EQ(e.offset, 18u);
}

TEST(Malformed, grouped_ie_member_overrunning_the_group_names_the_path_inside_the_group) {
  // Bearer Context (len 5) whose EBI member claims 2 octets but the group has room for 1.
  Bytes wire = from_hex("48220000" "00000001" "00030100" "5d000500" "49000200" "05");
  set_message_length(wire);
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "Bearer Context/EBI.length");
  EXPECT_EQ(e.offset, 17u);
}

TEST(Malformed, field_error_inside_a_grouped_ie_carries_the_group_path_and_absolute_offset) {
  // Bearer Context with an F-TEID whose V4 flag promises an address that is not there.
  Bytes wire = from_hex("48220000" "00000001" "00030100" "5d000e00" "49000100" "05" "57000500" "8100000001");
  set_message_length(wire);
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "Bearer Context/F-TEID.ipv4");
  EXPECT_EQ(e.offset, 30u);
}

TEST(Malformed, grouped_ies_nested_beyond_eight_levels_are_rejected_instead_of_recursing) {
  Ie inner = make_ie(Ebi{5});
  for (int level = 0; level < 9; ++level) inner = make_grouped(ie_type::bearer_context, {inner});
  const Bytes wire = encode(make_message(MessageType::create_session_request, 0, 1, {inner}));
  const DecodeError e = decode_error(wire);
  EXPECT_NE(e.reason.find("nested deeper than 8"), std::string::npos) << e.to_string();
  EXPECT_EQ(e.offset, 12u + 8 * 4) << "the ninth Bearer Context header";
  // Eight levels are fine.
  Ie ok = make_ie(Ebi{5});
  for (int level = 0; level < 8; ++level) ok = make_grouped(ie_type::bearer_context, {ok});
  EXPECT_TRUE(decode(view_of(encode(make_message(MessageType::create_session_request, 0, 1, {ok})))).ok());
}

TEST(Malformed, mm_context_with_osci_set_but_truncated_old_kasme_names_old_kasme_and_its_offset) {
  const EpsSecurityContext e = samples::full_eps_security_context();
  GtpMessage m = make_message(MessageType::forward_relocation_request, 0, 1, {make_ie(e)});
  Bytes wire = encode(m);
  // Cut the IE inside the old KASME: drop the old NH and the last 10 octets of the old KASME.
  const std::size_t cut = 32 + 10;
  wire.resize(wire.size() - cut);
  const std::size_t ie_length = ((wire[13] << 8) | wire[14]) - cut;
  wire[13] = static_cast<std::uint8_t>(ie_length >> 8);
  wire[14] = static_cast<std::uint8_t>(ie_length);
  set_message_length(wire);
  const DecodeError err = decode_error(wire);
  EXPECT_EQ(err.field, "MM Context.old_kasme");
  EXPECT_EQ(err.offset, wire.size() - 22) << "old KASME starts 22 octets before the (cut) end";
  EXPECT_NE(err.reason.find("needs 32"), std::string::npos) << err.reason;
}

TEST(Malformed, mm_context_with_osci_set_but_no_old_context_octets_is_an_error) {
  EpsSecurityContext e = samples::minimal_eps_security_context();
  Bytes wire = encode(make_message(MessageType::forward_relocation_request, 0, 1, {make_ie(e)}));
  wire[17] |= 0x01;  // OSCI in octet 6 of the IE (IE at 12, value at 16)
  const DecodeError err = decode_error(wire);
  EXPECT_EQ(err.field, "MM Context.old_security_context");
  EXPECT_EQ(err.offset, wire.size());
}

TEST(Malformed, mm_context_quadruplet_count_beyond_the_ie_names_the_quadruplet_field) {
  Bytes wire = encode(make_message(MessageType::forward_relocation_request, 0, 1,
                                   {make_ie(samples::minimal_eps_security_context())}));
  wire[17] |= 0x04;  // one quadruplet announced, none present
  const DecodeError err = decode_error(wire);
  EXPECT_EQ(err.field.rfind("MM Context.quadruplet.", 0), 0u) << err.field;
}

TEST(Malformed, imsi_with_a_non_decimal_digit_is_rejected_at_that_octet) {
  Bytes wire = from_hex("48200000" "00000000" "00000100" "01000200" "10a2");
  set_message_length(wire);
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "IMSI.digits");
  EXPECT_EQ(e.offset, 17u);
}

TEST(Malformed, apn_label_running_past_the_ie_is_rejected) {
  Bytes wire = from_hex("48200000" "00000000" "00000100" "47000300" "05696e");
  set_message_length(wire);
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "APN.label");
  EXPECT_EQ(e.offset, 17u);
}

TEST(Malformed, octets_after_a_message_without_p_flag_are_rejected) {
  Bytes wire = encode(samples::echo_request());
  const std::size_t end = wire.size();
  wire.push_back(0);
  const DecodeError e = decode_error(wire);
  EXPECT_EQ(e.field, "message.trailer");
  EXPECT_EQ(e.offset, end);
}

TEST(Malformed, p_flag_without_a_piggybacked_message_is_rejected) {
  Bytes wire = encode(samples::echo_request());
  wire[0] |= 0x10;
  EXPECT_EQ(decode_error(wire).field, "header.flags");
}

TEST(Malformed, forward_relocation_request_without_mm_context_fails_parse_naming_the_missing_ie) {
  GtpMessage m = build(samples::s10_forward_relocation_request(), 0, 1);
  std::erase_if(m.ies, [](const Ie& ie) { return ie.type == ie_type::mm_context_eps; });
  auto parsed = parse_forward_relocation_request(m);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().field, "Forward Relocation Request/MM Context");
  EXPECT_NE(parsed.error().reason.find("Table 7.3.1-1"), std::string::npos);
}

TEST(Malformed, pdn_connection_without_apn_fails_parse_naming_the_group_and_ie) {
  GtpMessage m = build(samples::s10_forward_relocation_request(), 0, 1);
  for (Ie& ie : m.ies) {
    if (auto* g = std::get_if<Grouped>(&ie.value); g && ie.type == ie_type::pdn_connection) {
      std::erase_if(g->ies, [](const Ie& member) { return member.type == ie_type::apn; });
    }
  }
  auto parsed = parse_forward_relocation_request(m);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().field, "PDN Connection/APN");
}

TEST(Malformed, parse_of_the_wrong_message_type_is_an_error) {
  auto parsed = parse_forward_relocation_request(samples::echo_request());
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().field, "header.message_type");
}

TEST(Malformed, every_truncation_of_every_sample_is_an_error_value_not_a_crash) {
  for (const auto& [name, m] : samples::all_messages()) {
    const Bytes wire = encode(m);
    for (std::size_t n = 0; n < wire.size(); ++n) {
      auto d = decode(ByteView(wire.data(), n));
      EXPECT_FALSE(d.ok()) << name << " cut at " << n;
      if (!d.ok()) {
        EXPECT_LE(d.error().offset, n) << name << " cut at " << n << ": " << d.error().to_string();
      }
    }
  }
}

}  // namespace
}  // namespace concur::gtpv2
