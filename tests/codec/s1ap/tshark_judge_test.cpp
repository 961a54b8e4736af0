// tshark (Wireshark 4.0's S1AP dissector, an implementation we did not write) is the judge of our
// encoder: every message type dissects with no malformed packet and no expert error, and the
// procedure code, IE ids and the {NCC, NH} / KeNB it reads are the ones we meant.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "codec/s1ap/messages.h"
#include "codec/s1ap/pdu.h"
#include "sample_messages.h"
#include "support/tshark_judge.h"

namespace concur::s1ap {
namespace {

std::string plain_hex(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ':'), s.end());
  return s;
}

// True when `needle` appears in `hay` in order (other values may sit between).
bool is_subsequence(const std::vector<std::string>& needle, const std::vector<std::string>& hay) {
  std::size_t j = 0;
  for (const auto& h : hay)
    if (j < needle.size() && h == needle[j]) ++j;
  return j == needle.size();
}

class S1apTsharkJudge : public ::testing::Test {
 protected:
  // The transparent containers (RRC, RANAP, BSSGP content) are opaque to S1AP and our samples
  // fill them with placeholder octets; Wireshark's own preference s1ap.dissect_container keeps
  // its S1AP verdict about S1AP only. NAS-PDUs are still dissected (the samples hold valid NAS).
  static void SetUpTestSuite() {
    std::string tmpl = "/tmp/concur-s1ap-wsconf-XXXXXX";
    if (!mkdtemp(tmpl.data())) return;
    std::ofstream(tmpl + "/preferences") << "s1ap.dissect_container: FALSE\n";
    setenv("WIRESHARK_CONFIG_DIR", tmpl.c_str(), 1);
    config_dir_ = tmpl;
  }
  static void TearDownTestSuite() {
    if (!config_dir_.empty()) std::filesystem::remove_all(config_dir_);
  }
  void SetUp() override {
    if (auto why = test::tshark_unusable()) GTEST_SKIP() << "tshark unusable: " << *why;
    ASSERT_FALSE(config_dir_.empty()) << "could not make a Wireshark configuration folder";
  }
  static std::string config_dir_;
};
std::string S1apTsharkJudge::config_dir_;

TEST_F(S1apTsharkJudge, every_message_type_we_encode_dissects_cleanly_with_our_procedure_codes_and_ie_ids) {
  const std::vector<S1apMessage> messages = samples::all();
  std::vector<Bytes> pdus;
  std::vector<RawPdu> raws;
  for (const S1apMessage& m : messages) {
    Result<RawPdu> raw = to_raw(m);
    ASSERT_TRUE(raw.ok()) << raw.error().to_string();
    Result<Bytes> b = encode_raw_pdu(*raw);
    ASSERT_TRUE(b.ok()) << b.error().to_string();
    raws.push_back(*raw);
    pdus.push_back(*b);
  }
  const test::Dissection d =
      test::tshark_dissect(test::Carrier::s1ap_sctp, pdus, {"s1ap.procedureCode", "s1ap.id"});
  ASSERT_EQ(d.packets, pdus.size()) << d.pcap_path;
  EXPECT_EQ(d.malformed, 0u) << d.pcap_path;
  EXPECT_EQ(d.expert_errors, 0u) << ::testing::PrintToString(d.expert_texts) << " " << d.pcap_path;
  for (std::size_t i = 0; i < raws.size(); ++i) {
    SCOPED_TRACE("packet " + std::to_string(i + 1) + " " +
                 std::string(message_name(raws[i].procedure_code, raws[i].pdu_type)));
    ASSERT_EQ(d.values(i, "s1ap.procedureCode").size(), 1u);
    EXPECT_EQ(d.values(i, "s1ap.procedureCode")[0], std::to_string(raws[i].procedure_code));
    std::vector<std::string> ours;
    for (const Ie& ie : raws[i].ies) ours.push_back(std::to_string(ie.id));
    EXPECT_TRUE(is_subsequence(ours, d.values(i, "s1ap.id")))
        << "ours " << ::testing::PrintToString(ours) << " tshark " << ::testing::PrintToString(d.values(i, "s1ap.id"));
  }
}

TEST_F(S1apTsharkJudge, tshark_reads_our_ncc_and_nh_in_handover_request_and_path_switch_acknowledge) {
  Result<Bytes> ho = encode(samples::handover_request());
  Result<Bytes> ps = encode(samples::path_switch_request_acknowledge());
  ASSERT_TRUE(ho.ok() && ps.ok());
  const test::Dissection d = test::tshark_dissect(test::Carrier::s1ap_sctp, {*ho, *ps},
                                                  {"s1ap.nextHopChainingCount", "s1ap.nextHopParameter"});
  ASSERT_EQ(d.packets, 2u);
  EXPECT_EQ(d.malformed, 0u);
  for (std::size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(d.values(i, "s1ap.nextHopChainingCount").size(), 1u) << "packet " << i + 1;
    EXPECT_EQ(d.values(i, "s1ap.nextHopChainingCount")[0], "2");
    ASSERT_EQ(d.values(i, "s1ap.nextHopParameter").size(), 1u);
    EXPECT_EQ(plain_hex(d.values(i, "s1ap.nextHopParameter")[0]), to_hex(samples::nh2()));
  }
}

TEST_F(S1apTsharkJudge, tshark_reads_our_kenb_in_initial_context_setup_and_ue_context_modification) {
  Result<Bytes> ics = encode(samples::initial_context_setup_request());
  Result<Bytes> ucm = encode(samples::ue_context_modification_request());
  ASSERT_TRUE(ics.ok() && ucm.ok());
  const test::Dissection d = test::tshark_dissect(test::Carrier::s1ap_sctp, {*ics, *ucm}, {"s1ap.SecurityKey"});
  ASSERT_EQ(d.packets, 2u);
  EXPECT_EQ(d.malformed, 0u);
  for (std::size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(d.values(i, "s1ap.SecurityKey").size(), 1u) << "packet " << i + 1;
    EXPECT_EQ(plain_hex(d.values(i, "s1ap.SecurityKey")[0]), to_hex(samples::kenb()));
  }
}

}  // namespace
}  // namespace concur::s1ap
