// On every real capture in the shared folder, the reader yields exactly the application messages
// tshark 4.0 dissects: the same multiset of (frame number, S1AP PDU type + procedure code),
// (frame number, GTPv2-C message type) and (frame number, Diameter command code + R bit).
// The captures are referenced in ../shared/captures/real (see its SOURCES.txt), never copied.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "capture/capture_reader.h"
#include "support/shared_captures.h"
#include "support/tshark_fields.h"
#include "support/tshark_judge.h"

namespace concur::capture {
namespace {

using test::real_captures_dir;
using test::split_occurrences;
using test::tshark_fields;

std::vector<std::string> real_capture_names() {
  std::vector<std::string> names;
  for (const auto& f : test::real_capture_files()) names.push_back(f.filename().string());
  return names;
}

/// Key of one message as tshark names it.
using Occurrence = std::pair<std::uint64_t, std::string>;

/// S1AP-PDU ::= CHOICE {...} in aligned PER: extension bit, then a 2-bit index; the
/// procedureCode (INTEGER 0..255) is the next octet (TS 36.413 9.3, X.691 23 and 13).
std::string s1ap_key(const Bytes& b) {
  if (b.size() < 2) return "short";
  return "pdu=" + std::to_string((b[0] >> 5) & 3) + " proc=" + std::to_string(b[1]);
}
std::string gtpv2_key(const Bytes& b) { return b.size() < 2 ? "short" : "type=" + std::to_string(b[1]); }
/// Diameter header: version, length(3), flags (R = 0x80), command code(3) (RFC 6733 3).
std::string diameter_key(const Bytes& b) {
  if (b.size() < 8) return "short";
  const unsigned code = (unsigned{b[5]} << 16) | (unsigned{b[6]} << 8) | b[7];
  return "cmd=" + std::to_string(code) + " R=" + std::to_string(b[4] >> 7);
}

struct Expected {
  std::vector<Occurrence> s1ap, gtpv2, diameter;
};

Expected tshark_view(const std::string& path) {
  Expected e;
  auto s1ap = tshark_fields(path, "s1ap", {"frame.number", "s1ap.S1AP_PDU", "s1ap.procedureCode"});
  auto gtp = tshark_fields(path, "gtpv2", {"frame.number", "gtpv2.message_type"});
  auto dia = tshark_fields(path, "diameter", {"frame.number", "diameter.cmd.code", "diameter.flags.request"});
  EXPECT_TRUE(s1ap && gtp && dia) << "tshark failed on " << path;
  if (!s1ap || !gtp || !dia) return e;
  for (const auto& row : *s1ap) {
    const auto pdus = split_occurrences(row.at(1)), codes = split_occurrences(row.at(2));
    EXPECT_EQ(pdus.size(), codes.size()) << "frame " << row[0];
    for (std::size_t i = 0; i < std::min(pdus.size(), codes.size()); ++i)
      e.s1ap.emplace_back(std::stoull(row[0]), "pdu=" + pdus[i] + " proc=" + codes[i]);
  }
  for (const auto& row : *gtp)
    for (const auto& t : split_occurrences(row.at(1))) e.gtpv2.emplace_back(std::stoull(row[0]), "type=" + t);
  for (const auto& row : *dia) {
    const auto codes = split_occurrences(row.at(1)), requests = split_occurrences(row.at(2));
    for (std::size_t i = 0; i < std::min(codes.size(), requests.size()); ++i)
      e.diameter.emplace_back(std::stoull(row[0]), "cmd=" + codes[i] + " R=" + requests[i]);
  }
  for (auto* v : {&e.s1ap, &e.gtpv2, &e.diameter}) std::sort(v->begin(), v->end());
  return e;
}

class RealCapture : public ::testing::TestWithParam<std::string> {};

TEST_P(RealCapture, yields_exactly_the_messages_tshark_dissects) {
  if (auto why = test::tshark_unusable()) GTEST_SKIP() << *why;
  const std::string path = (real_captures_dir() / GetParam()).string();
  const Expected expected = tshark_view(path);

  Expected got;
  CaptureReader reader(path);
  std::int64_t previous_ns = INT64_MIN;
  while (auto m = reader.next()) {
    EXPECT_GE(m->timestamp_ns, previous_ns) << "frame " << m->frame_number << " goes back in time";
    previous_ns = m->timestamp_ns;
    switch (m->protocol) {
      case Protocol::s1ap: got.s1ap.emplace_back(m->frame_number, s1ap_key(m->bytes)); break;
      case Protocol::gtpv2c: got.gtpv2.emplace_back(m->frame_number, gtpv2_key(m->bytes)); break;
      case Protocol::diameter: got.diameter.emplace_back(m->frame_number, diameter_key(m->bytes)); break;
      case Protocol::unclassified: ADD_FAILURE() << "unclassified message yielded by default"; break;
    }
  }
  ASSERT_FALSE(reader.error()) << reader.error()->to_string();
  for (const auto& w : reader.warnings()) ADD_FAILURE() << "unexpected warning: " << w.to_string();
  for (auto* v : {&got.s1ap, &got.gtpv2, &got.diameter}) std::sort(v->begin(), v->end());
  EXPECT_EQ(got.s1ap, expected.s1ap);
  EXPECT_EQ(got.gtpv2, expected.gtpv2);
  EXPECT_EQ(got.diameter, expected.diameter);
  RecordProperty("s1ap", static_cast<int>(got.s1ap.size()));
  RecordProperty("gtpv2c", static_cast<int>(got.gtpv2.size()));
  RecordProperty("diameter", static_cast<int>(got.diameter.size()));
}

INSTANTIATE_TEST_SUITE_P(SharedFolder, RealCapture, ::testing::ValuesIn(real_capture_names()),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           for (char& c : n) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RealCapture);

TEST(RealCaptureFolder, is_present_or_the_comparison_is_skipped_with_a_reason) {
  if (real_capture_names().empty()) GTEST_SKIP() << "no captures in " << real_captures_dir() << " (set CONCUR_SHARED_DIR)";
  SUCCEED();
}

}  // namespace
}  // namespace concur::capture
