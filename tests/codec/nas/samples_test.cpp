// Every sample (one per message type, plus protected forms) decodes, re-encodes to the same
// octets and reads back as the message type and header types it was built as.
#include <gtest/gtest.h>

#include "codec/nas/summary.h"
#include "nas_test_util.h"
#include "samples.h"

namespace concur::nas {
namespace {

TEST(NasSamples, every_sample_decodes_re_encodes_identically_and_keeps_its_message_type) {
  const auto samples = test::all_samples();
  EXPECT_GE(samples.size(), 43u);
  for (const auto& s : samples) {
    SCOPED_TRACE(s.name);
    const auto pdu = decode(view_of(s.wire), DecodeOptions{.direction = s.direction, .assume_null_ciphering = true});
    ASSERT_TRUE(pdu.ok()) << pdu.error().to_string();
    EXPECT_EQ(to_hex(encode(pdu.value())), to_hex(s.wire));
    const std::string expected_header = s.security_header_types.empty() ? "0" : s.security_header_types[0];
    EXPECT_EQ(std::to_string(static_cast<unsigned>(pdu->security_header_type)), expected_header);
    const auto summary = summarise(pdu.value());
    if (!s.emm_types.empty()) {
      ASSERT_TRUE(summary.message_type);
      EXPECT_EQ(*summary.message_type, std::stoul(s.emm_types[0], nullptr, 16));
    }
    if (s.ksi) {
      ASSERT_TRUE(summary.eksi);
      EXPECT_EQ(summary.eksi->ksi, *s.ksi);
    }
    if (s.integrity) {
      ASSERT_TRUE(summary.selected_algorithms);
      EXPECT_EQ(summary.selected_algorithms->integrity, *s.integrity);
    }
  }
}

TEST(NasSamples, the_downlink_and_uplink_detach_requests_are_told_apart_without_a_direction) {
  for (const auto& s : test::all_samples()) {
    if (s.name != "DetachRequestUplink" && s.name != "DetachRequestDownlink") continue;
    const auto pdu = decode(view_of(s.wire));
    ASSERT_TRUE(pdu.ok());
    EXPECT_EQ(std::holds_alternative<DetachRequestDownlink>(*pdu->message), s.name == "DetachRequestDownlink");
  }
}

}  // namespace
}  // namespace concur::nas
