// The transport's local GTPv2-C header reader (not the codec): header fields only.
#include <gtest/gtest.h>

#include "transport/gtpc_header.h"

namespace concur::transport {
namespace {

// Modify Bearer Request from a real S11 capture: omec-project/ngic-rtc pcap/cp_in.pcap frame 2
// (referenced as ../shared/captures/real/ngic_s11_cp_in.pcap). tshark 4.0:
//   Version 2, P 0, T 1, Message Type: Modify Bearer Request (34), Message Length: 67,
//   TEID 0xeeffc000, Sequence Number 0x000017.
const char* kModifyBearerRequest =
    "48220043eeffc000000017005d001200490001000557000900800c0000000b01016c570009008a000000070a010a0b56000d00"
    "1804f550000904f550000000145300030004f550";

TEST(GtpcHeader, header_of_a_captured_modify_bearer_request_reads_type_teid_sequence_and_length) {
  const Bytes m = from_hex(kModifyBearerRequest);
  const auto h = peek_gtpc_header(view_of(m));
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  EXPECT_EQ(h->version, 2);
  EXPECT_FALSE(h->piggybacked);
  EXPECT_TRUE(h->teid_present);
  EXPECT_EQ(h->message_type, 34);
  EXPECT_EQ(h->length, 67);
  EXPECT_EQ(h->message_size(), m.size());
  EXPECT_EQ(h->teid, 0xeeffc000u);
  EXPECT_EQ(h->sequence, 0x17u);
  EXPECT_EQ(gtpc_role(h->message_type), GtpcRole::request);
}

TEST(GtpcHeader, echo_request_without_teid_reads_the_sequence_from_octets_5_to_7) {
  // TS 29.274 Figure 5.3-1 (T=0) + Recovery IE (type 3, length 1): built by hand from the facts file 5.1.
  const Bytes echo = from_hex("40010009 002a0100 03000100 05");
  const auto h = peek_gtpc_header(view_of(echo));
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  EXPECT_FALSE(h->teid_present);
  EXPECT_FALSE(h->teid.has_value());
  EXPECT_EQ(h->sequence, 0x002a01u);
  EXPECT_EQ(h->message_type, 1);
}

TEST(GtpcHeader, command_sequence_number_keeps_its_most_significant_bit) {
  // Bearer Resource Command, same capture frame 3: Sequence Number 0x800018.
  const Bytes cmd = from_hex("4844000deeffc00080001800 490001000564000100");
  const auto h = peek_gtpc_header(view_of(cmd));
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  EXPECT_EQ(h->sequence, 0x800018u);
  EXPECT_EQ(gtpc_role(68), GtpcRole::request);
}

TEST(GtpcHeader, roles_follow_table_6_1_1_for_the_mobility_messages_of_rule_r6_to_r9) {
  EXPECT_EQ(gtpc_role(133), GtpcRole::request);    // Forward Relocation Request
  EXPECT_EQ(gtpc_role(134), GtpcRole::triggered);  // Forward Relocation Response
  EXPECT_EQ(gtpc_role(135), GtpcRole::request);    // Forward Relocation Complete Notification
  EXPECT_EQ(gtpc_role(136), GtpcRole::triggered);  // Forward Relocation Complete Acknowledge
  EXPECT_EQ(gtpc_role(130), GtpcRole::request);    // Context Request
  EXPECT_EQ(gtpc_role(131), GtpcRole::triggered);  // Context Response
  EXPECT_EQ(gtpc_role(132), GtpcRole::triggered);  // Context Acknowledge
  EXPECT_EQ(gtpc_role(2), GtpcRole::triggered);    // Echo Response
  EXPECT_EQ(gtpc_role(153), GtpcRole::unacknowledged);  // RAN Information Relay
}

TEST(GtpcHeader, wrong_version_short_header_and_overlong_length_name_field_and_offset) {
  auto h = peek_gtpc_header(view_of(from_hex("20010004 00000000")));
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().field, "GTPv2-C.version");
  EXPECT_EQ(h.error().offset, 1u);

  h = peek_gtpc_header(view_of(from_hex("4822")));
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().field, "GTPv2-C.length");
  EXPECT_EQ(h.error().offset, 2u);

  h = peek_gtpc_header(view_of(from_hex("48220010 eeffc000 00001700")));  // claims 16, has 8
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().field, "GTPv2-C.length");
  EXPECT_EQ(h.error().offset, 2u);

  h = peek_gtpc_header(view_of(from_hex("48220004 eeffc000")));  // T=1 needs 8 octets after length
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().field, "GTPv2-C.length");
}

}  // namespace
}  // namespace concur::transport
