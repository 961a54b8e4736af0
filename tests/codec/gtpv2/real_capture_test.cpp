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

namespace concur::gtpv2 {
namespace {

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("CONCUR_SHARED_DIR")) return env;
  return CONCUR_SHARED_DIR;
}

struct CapturedMessage {
  std::string frame;
  Bytes payload;
  int tshark_type = -1;
};

/// Runs tshark on `pcap` and returns every GTPv2 UDP payload with the message type tshark saw first.
std::vector<CapturedMessage> gtpv2_payloads(const std::filesystem::path& pcap) {
  const std::string cmd = "tshark -n -r '" + pcap.string() +
                          "' -Y gtpv2 -T fields -E separator=/t -e frame.number -e udp.payload -e gtpv2.message_type 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::vector<CapturedMessage> out;
  if (!pipe) return out;
  char buf[65536];
  while (std::fgets(buf, sizeof buf, pipe.get())) {
    std::istringstream line(buf);
    CapturedMessage m;
    std::string payload, types;
    std::getline(line, m.frame, '\t');
    std::getline(line, payload, '\t');
    std::getline(line, types);
    m.payload = from_hex(payload);
    m.tshark_type = std::stoi(types.substr(0, types.find(',')));
    out.push_back(std::move(m));
  }
  return out;
}

bool tshark_available() { return std::system("tshark --version >/dev/null 2>&1") == 0; }

class RealCapture : public ::testing::TestWithParam<std::string> {};

TEST_P(RealCapture, every_gtpv2_message_decodes_re_encodes_byte_identically_and_has_tsharks_type) {
  const std::filesystem::path pcap = shared_dir() / "captures" / "real" / GetParam();
  if (!std::filesystem::exists(pcap)) GTEST_SKIP() << "capture not available: " << pcap;
  if (!tshark_available()) GTEST_SKIP() << "tshark not installed";
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
