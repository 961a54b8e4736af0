// `concur decode`: what a user sees on good, corrupt and missing captures, and agreement with
// tshark on the real captures in ../shared/captures/real/.
#include "cli/decode_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "capture/capture_reader.h"
#include "capture/pcap_writer.h"
#include "trace/decoded_message.h"
#include "support/shared_captures.h"
#include "support/subprocess.h"
#include "support/tshark_judge.h"

namespace concur::test {
namespace {

namespace fs = std::filesystem;

struct DecodeRun {
  int status = -1;
  std::string out, err;
};

DecodeRun decode(std::vector<std::string> args) {
  std::ostringstream out, err;
  DecodeRun r;
  r.status = cli::decode_command(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

fs::path shared_captures() { return test::real_captures_dir(); }

std::vector<fs::path> real_captures() { return test::real_capture_files(); }

// "protocol\tmessage\tcount" lines of --stats, keyed by protocol and message.
std::map<std::string, std::uint64_t> stats_lines(const std::string& text) {
  std::map<std::string, std::uint64_t> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto tab2 = line.rfind('\t');
    if (line.empty() || line[0] == '#' || tab2 == std::string::npos) continue;
    try {
      out[line.substr(0, tab2)] = std::stoull(line.substr(tab2 + 1));
    } catch (const std::exception&) {
    }
  }
  return out;
}

TEST(DecodeCommand, without_a_capture_is_a_usage_error) {
  const DecodeRun r = decode({});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no capture file given"), std::string::npos);
  EXPECT_NE(r.err.find("usage: concur decode"), std::string::npos);
}

TEST(DecodeCommand, unknown_option_and_json_without_stats_are_usage_errors) {
  EXPECT_EQ(decode({"--frobnicate", "x.pcap"}).status, 2);
  const DecodeRun r = decode({"--json", "x.pcap"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--json goes with --stats"), std::string::npos);
}

TEST(DecodeCommand, missing_file_is_named_in_the_error) {
  const DecodeRun r = decode({"/nonexistent/field-capture.pcap"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("/nonexistent/field-capture.pcap"), std::string::npos) << r.err;
}

TEST(DecodeCommand, prints_one_tab_separated_line_per_message_with_security_fields) {
  // A GTPv2-C Echo Request and an S1AP ErrorIndication (empty IE container), framed by our writer.
  const std::string path = ::testing::TempDir() + "/decode-lines.pcap";
  {
    capture::PcapWriter w(path);
    const auto t = capture::PcapWriter::Clock::time_point(std::chrono::seconds(1700000000));
    w.udp(t, capture::TransportAddress::from_text("127.0.0.1", 2123), capture::TransportAddress::from_text("127.0.0.2", 2123), view_of(from_hex("40010009000001000300010005")));
    w.sctp_data(t + std::chrono::milliseconds(1), capture::TransportAddress::from_text("127.0.1.1", 36412), capture::TransportAddress::from_text("127.0.0.1", 36412), 0, 18,
                view_of(from_hex("000f4003000000")));
  }
  const DecodeRun r = decode({path});
  EXPECT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(first.substr(0, first.find("\tGTPv2-C")),
            "1\t2023-11-14T22:13:20.000000Z\t127.0.0.1:2123\t127.0.0.2:2123");
  EXPECT_NE(first.find("\tGTPv2-C\tEcho Request\t"), std::string::npos) << first;
  EXPECT_NE(second.find("\tS1AP\tErrorIndication\t"), std::string::npos) << second;
}

TEST(DecodeCommand, undecodable_s1ap_pdu_is_reported_with_field_and_offset_and_exit_status_1) {
  const std::string path = ::testing::TempDir() + "/decode-bad.pcap";
  {
    capture::PcapWriter w(path);
    // ErrorIndication whose open type claims 9 octets but carries 3.
    w.sctp_data(capture::PcapWriter::Clock::now(), capture::TransportAddress::from_text("127.0.1.1", 36412), capture::TransportAddress::from_text("127.0.0.1", 36412), 0, 18,
                view_of(from_hex("000f4009000000")));
  }
  const DecodeRun r = decode({path});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("frame 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("at offset"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("DECODE ERROR"), std::string::npos) << r.out;
}

TEST(DecodeCommand, truncated_capture_keeps_what_was_read_and_names_the_offset) {
  const auto captures = real_captures();
  if (captures.empty()) GTEST_SKIP() << "no real captures at " << shared_captures() << " (the shared folder is absent)";
  const fs::path source = shared_captures() / "tempo_s1ap.pcap";
  if (!fs::exists(source)) GTEST_SKIP() << source << " is absent";
  std::ifstream in(source, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cut = ::testing::TempDir() + "/decode-truncated.pcap";
  std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() * 2 / 3));
  const DecodeRun r = decode({cut});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("offset"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(cut), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("S1AP"), std::string::npos) << "messages before the cut are still printed";
}

class RealCaptureDecode : public ::testing::TestWithParam<std::string> {};

// Every S1AP PDU and GTPv2-C message tshark sees, we decode, per message type, with no error.
TEST_P(RealCaptureDecode, decodes_every_message_and_counts_per_type_equal_tsharks) {
  if (GetParam() == "absent") GTEST_SKIP() << "no real captures at " << shared_captures() << " (shared folder absent)";
  if (auto why = tshark_unusable()) GTEST_SKIP() << *why;
  const fs::path path = shared_captures() / GetParam();
  const DecodeRun lines = decode({path.string()});
  EXPECT_EQ(lines.status, 0) << lines.err;
  EXPECT_EQ(lines.out.find("DECODE ERROR"), std::string::npos);

  const DecodeRun stats = decode({"--stats", path.string()});
  const auto ours = stats_lines(stats.out);
  EXPECT_EQ(ours.at("decode_errors"), 0u);

  // tshark: S1AP PDUs by (PDU type, procedure code); several may share a frame (bundling).
  ProcessResult t = run_process({"tshark", "-n", "-r", path.string(), "-o", "sctp.reassembly:TRUE", "-T", "fields",
                                 "-E", "occurrence=a", "-E", "aggregator=,", "-e", "s1ap.S1AP_PDU", "-e",
                                 "gtpv2.message_type", "-e", "s1ap.procedureCode"},
                                std::chrono::seconds(120));
  ASSERT_EQ(t.exit_code, 0) << t.err;
  std::uint64_t s1ap = 0, gtp = 0;
  std::map<std::uint32_t, std::uint64_t> tshark_s1ap_types, tshark_gtp_types;
  std::istringstream in(t.out);
  std::string line;
  auto split = [](const std::string& col) {
    std::vector<std::string> v;
    std::istringstream c(col);
    std::string x;
    while (std::getline(c, x, ',')) v.push_back(x);
    return v;
  };
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream c(line);
    std::string x;
    while (std::getline(c, x, '\t')) cols.push_back(x);
    cols.resize(3);
    const auto pdus = split(cols[0]), gtps = split(cols[1]), codes = split(cols[2]);
    s1ap += pdus.size();
    gtp += gtps.size();
    // One procedureCode per PDU, in order (a CriticalityDiagnostics IE may add more after it).
    for (std::size_t i = 0; i < pdus.size() && i < codes.size(); ++i) {
      ++tshark_s1ap_types[(std::stoul(pdus[i]) << 8) | std::stoul(codes[i])];
    }
    for (const auto& g : gtps) ++tshark_gtp_types[std::stoul(g)];
  }
  std::map<std::uint32_t, std::uint64_t> our_s1ap_types, our_gtp_types;
  capture::CaptureReader reader(path.string());
  while (auto m = reader.next()) {
    for (const auto& d : trace::decode(*m)) {
      if (d.protocol == trace::Protocol::s1ap) ++our_s1ap_types[d.type_code];
      if (d.protocol == trace::Protocol::gtpv2c) ++our_gtp_types[d.type_code];
    }
  }
  EXPECT_EQ(our_s1ap_types, tshark_s1ap_types);
  EXPECT_EQ(our_gtp_types, tshark_gtp_types);
  auto total = [&](const std::string& p) {
    auto it = ours.find("total\t" + p);
    return it == ours.end() ? 0u : it->second;
  };
  EXPECT_EQ(total("S1AP"), s1ap) << stats.out;
  EXPECT_EQ(total("GTPv2-C"), gtp) << stats.out;
}

std::vector<std::string> real_capture_names() {
  std::vector<std::string> names;
  for (const auto& p : real_captures()) names.push_back(p.filename().string());
  if (names.empty()) names.push_back("absent");
  return names;
}

INSTANTIATE_TEST_SUITE_P(SharedFolder, RealCaptureDecode, ::testing::ValuesIn(real_capture_names()),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace concur::test
