// Real GTPv2-C bytes from public captures (../shared/captures/real/, sources in its SOURCES.txt):
// every message decodes, re-encodes byte-identically, and its type equals tshark's. Payloads are
// extracted by tshark at test time; the captures are referenced, never copied into the repository.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/summary.h"
#include "support/shared_captures.h"
#include "support/tshark_fields.h"
#include "support/tshark_judge.h"

namespace concur::gtpv2 {
namespace {

struct CapturedMessage {
  std::string frame;
  Bytes payload;
  int tshark_type = -1;
};

/// Runs tshark on `pcap` and returns every GTPv2 UDP payload with the message type tshark saw first.
std::vector<CapturedMessage> gtpv2_payloads(const std::filesystem::path& pcap) {
  const auto rows = test::tshark_fields(pcap, "gtpv2", {"frame.number", "udp.payload", "gtpv2.message_type"});
  if (!rows) throw std::runtime_error("tshark failed on " + pcap.string());
  std::vector<CapturedMessage> out;
  for (auto cols : *rows) {
    cols.resize(3);
    CapturedMessage m;
    m.frame = cols[0];
    m.payload = from_hex(cols[1]);
    m.tshark_type = std::stoi(cols[2].substr(0, cols[2].find(',')));
    out.push_back(std::move(m));
  }
  return out;
}

class RealCapture : public ::testing::TestWithParam<std::string> {};

TEST_P(RealCapture, every_gtpv2_message_decodes_re_encodes_byte_identically_and_has_tsharks_type) {
  const std::filesystem::path pcap = test::real_captures_dir() / GetParam();
  if (!std::filesystem::exists(pcap)) GTEST_SKIP() << "capture not available: " << pcap;
  if (auto why = test::tshark_unusable()) GTEST_SKIP() << *why;
  const auto messages = gtpv2_payloads(pcap);
  ASSERT_FALSE(messages.empty()) << "tshark found no GTPv2 in " << pcap;
  for (const CapturedMessage& c : messages) {
    SCOPED_TRACE("frame " + c.frame);
    auto m = decode(view_of(c.payload));
    ASSERT_TRUE(m) << m.error().to_string();
    EXPECT_EQ(m->header.message_type, c.tshark_type);
    EXPECT_EQ(to_hex(view_of(encode(*m))), to_hex(view_of(c.payload)));
    EXPECT_FALSE(summarise(*m).to_string().empty());
  }
  RecordProperty("messages", static_cast<int>(messages.size()));
}

INSTANTIATE_TEST_SUITE_P(Gtpv2, RealCapture,
                         ::testing::Values("ngic_s11_cp_in.pcap", "magma_roaming_attach.pcapng", "tempo_quectel.pcap",
                                           "tempo_s1ap.pcap"),
                         [](const auto& test_param) { return test_param.param.substr(0, test_param.param.find('.')); });

}  // namespace
}  // namespace concur::gtpv2
