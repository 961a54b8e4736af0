// A capture cut short (a copy interrupted, a disk that filled) or with a corrupt header ends
// with one clear error naming the file, the octet offset of the bad record and the frame
// number, after every message of the frames before it was yielded. Cut exactly between records,
// a file is simply shorter: no error, the messages of the whole records.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "capture/link_layer.h"
#include "packet_builder.h"
#include "support/shared_captures.h"

namespace concur::capture {
namespace {

using namespace testing;

Bytes load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Record {
  std::size_t start, end;
  bool is_packet;
};

/// Walks the record structure independently of the reader: pcap = 24-octet header + 16-octet
/// record headers; pcapng = blocks whose total length is at offset 4 (little-endian sections).
std::vector<Record> records_of(const Bytes& f) {
  auto le32 = [&](std::size_t at) {
    return std::uint32_t{f[at]} | (std::uint32_t{f[at + 1]} << 8) | (std::uint32_t{f[at + 2]} << 16) | (std::uint32_t{f[at + 3]} << 24);
  };
  std::vector<Record> out;
  if (le32(0) == 0x0A0D0D0A) {
    for (std::size_t at = 0; at + 8 <= f.size();) {
      const std::uint32_t type = le32(at), len = le32(at + 4);
      out.push_back({at, at + len, type == 6 || type == 3 || type == 2});
      at += len;
    }
  } else {
    out.push_back({0, 24, false});
    for (std::size_t at = 24; at + 16 <= f.size();) {
      const std::uint32_t caplen = le32(at + 8);
      out.push_back({at, at + 16 + caplen, true});
      at += 16 + caplen;
    }
  }
  return out;
}

using Key = std::pair<std::uint64_t, Bytes>;
std::vector<Key> keys(const std::vector<CapturedMessage>& ms, std::uint64_t up_to_frame = UINT64_MAX) {
  std::vector<Key> k;
  for (const auto& m : ms)
    if (m.frame_number <= up_to_frame) k.emplace_back(m.frame_number, m.bytes);
  std::sort(k.begin(), k.end());
  return k;
}

/// Checks one cut at `cut` octets against the reading of the whole file.
void check_cut(const Bytes& file, const std::vector<Record>& records, const std::vector<Key>& all, std::size_t cut) {
  SCOPED_TRACE("cut after " + std::to_string(cut) + " octets");
  const Bytes prefix(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(cut));
  const ReadResult r = read_capture(prefix, {}, "cut.pcap");
  std::uint64_t whole_frames = 0;
  const Record* cut_record = nullptr;
  for (const auto& rec : records) {
    if (rec.end <= cut) {
      whole_frames += rec.is_packet ? 1 : 0;
    } else if (rec.start < cut) {
      cut_record = &rec;
    }
  }
  const bool boundary = cut > 0 && !cut_record;  // an empty file has no header: an error
  std::vector<Key> expected;
  for (const auto& e : all)
    if (e.first <= whole_frames) expected.push_back(e);
  EXPECT_EQ(keys(r.messages), expected);
  if (boundary) {
    EXPECT_FALSE(r.error) << r.error->to_string();
    return;
  }
  ASSERT_TRUE(r.error) << "a cut inside a record must be an error";
  EXPECT_EQ(r.error->file, "cut.pcap");
  const bool in_file_header = !cut_record || cut_record->start == 0;
  EXPECT_EQ(r.error->offset, in_file_header ? 0u : cut_record->start);
  EXPECT_EQ(r.error->frame, in_file_header ? 0u : whole_frames + 1);
  const std::string text = r.error->to_string();
  EXPECT_NE(text.find("cut.pcap: "), std::string::npos) << text;
  EXPECT_TRUE(text.find("truncated") != std::string::npos || text.find("empty") != std::string::npos) << text;
}

std::string real(const std::string& name) { return (test::real_captures_dir() / name).string(); }

TEST(Truncation, every_cut_of_a_real_pcapng_capture_gives_the_messages_before_it_and_a_clean_error_inside_a_block) {
  const std::string path = real("tempo_s1ap.pcap");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " absent (set CONCUR_SHARED_DIR)";
  const Bytes file = load(path);
  const auto records = records_of(file);
  ASSERT_EQ(records.back().end, file.size());
  const ReadResult whole = read_capture(file);
  ASSERT_FALSE(whole.error);
  ASSERT_GT(whole.messages.size(), 20u);
  const auto all = keys(whole.messages);
  for (std::size_t cut = 0; cut < file.size(); ++cut) {
    check_cut(file, records, all, cut);
    if (::testing::Test::HasFailure()) break;  // one cut's report is enough to debug
  }
}

TEST(Truncation, cuts_at_and_around_every_record_boundary_of_a_real_pcap_capture_behave_the_same) {
  const std::string path = real("uecap_sctp_s1ap_ngap.pcap");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " absent (set CONCUR_SHARED_DIR)";
  const Bytes file = load(path);
  const auto records = records_of(file);
  ASSERT_EQ(records.back().end, file.size());
  const ReadResult whole = read_capture(file);
  ASSERT_FALSE(whole.error);
  const auto all = keys(whole.messages);
  for (const auto& rec : records) {
    for (std::size_t delta : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17}}) {
      if (rec.start + delta < file.size()) check_cut(file, records, all, rec.start + delta);
    }
    check_cut(file, records, all, (rec.start + rec.end) / 2);
    if (::testing::Test::HasFailure()) break;
  }
}

Bytes three_s1ap_frames() {
  std::vector<Frame> frames;
  for (std::uint32_t i = 1; i <= 3; ++i)
    frames.emplace_back(i * 1'000'000'000LL, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", kSctp,
                                                                   sctp_packet(36412, 36412, 1, {sctp_data(i, 0, 0, 18, s1ap_pdu(static_cast<std::uint8_t>(i)))}))));
  return pcap_file(linktype::ethernet, frames);
}

TEST(CorruptCapture, an_unknown_magic_number_is_an_error_at_offset_0_before_any_frame) {
  Bytes file = three_s1ap_frames();
  file[0] = 0x00;
  const ReadResult r = read_capture(file, {}, "bad.pcap");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, 0u);
  EXPECT_EQ(r.error->frame, 0u);
  EXPECT_EQ(r.error->to_string(), "bad.pcap: file header at offset 0: not a pcap or pcapng file (magic 0x00c3b2a1)");
  EXPECT_TRUE(r.messages.empty());
}

TEST(CorruptCapture, a_huge_captured_length_in_the_third_record_is_an_error_at_that_record_after_two_messages) {
  Bytes file = three_s1ap_frames();
  const auto records = records_of(file);
  const std::size_t third = records[3].start;
  file[third + 11] = 0x7F;  // caplen little-endian, top octet
  const ReadResult r = read_capture(file, {}, "bad.pcap");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, third);
  EXPECT_EQ(r.error->frame, 3u);
  EXPECT_NE(r.error->reason.find("corrupt record header"), std::string::npos);
  EXPECT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.error->to_string().rfind("bad.pcap: frame 3 at file offset " + std::to_string(third) + ": ", 0), 0u);
}

TEST(CorruptCapture, an_unsupported_pcap_major_version_is_an_error) {
  Bytes file = three_s1ap_frames();
  file[4] = 3;
  const ReadResult r = read_capture(file);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->reason.find("version 3"), std::string::npos);
}

Bytes two_block_pcapng() {
  return pcapng_file({{linktype::raw, std::nullopt, std::nullopt}},
                     {{0, ipv4("10.0.0.1", "10.0.0.2", kSctp, sctp_packet(36412, 36412, 1, {sctp_data(1, 0, 0, 18, s1ap_pdu(1))}))},
                      {0, ipv4("10.0.0.1", "10.0.0.2", kSctp, sctp_packet(36412, 36412, 1, {sctp_data(2, 0, 0, 18, s1ap_pdu(2))}))}});
}

TEST(CorruptCapture, a_pcapng_block_length_not_a_multiple_of_4_is_an_error_at_that_block) {
  Bytes file = two_block_pcapng();
  const auto records = records_of(file);
  const std::size_t second_epb = records[3].start;
  file[second_epb + 4] += 1;
  const ReadResult r = read_capture(file, {}, "bad.pcapng");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, second_epb);
  EXPECT_EQ(r.error->frame, 2u);
  EXPECT_EQ(r.messages.size(), 1u);
}

TEST(CorruptCapture, a_pcapng_trailing_length_that_differs_from_the_leading_one_is_an_error) {
  Bytes file = two_block_pcapng();
  const auto records = records_of(file);
  file[records[2].end - 4] ^= 0x40;
  const ReadResult r = read_capture(file, {}, "bad.pcapng");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->offset, records[2].start);
  EXPECT_EQ(r.error->frame, 1u);
  EXPECT_NE(r.error->reason.find("trailing length"), std::string::npos);
  EXPECT_TRUE(r.messages.empty());
}

TEST(CorruptCapture, a_section_header_without_the_byte_order_magic_is_an_error) {
  Bytes file = two_block_pcapng();
  file[8] = 0;
  const ReadResult r = read_capture(file);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->reason.find("byte-order magic"), std::string::npos);
}

TEST(CorruptCapture, a_missing_file_is_an_error_naming_it) {
  const ReadResult r = read_capture_file("/nonexistent/field.pcap");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->file, "/nonexistent/field.pcap");
  EXPECT_NE(r.error->reason.find("cannot open"), std::string::npos);
}

TEST(CorruptCapture, an_empty_file_is_an_error) {
  const ReadResult r = read_capture(Bytes{}, {}, "empty.pcap");
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->reason.find("empty file"), std::string::npos);
}

}  // namespace
}  // namespace concur::capture
