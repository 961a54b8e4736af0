// tshark (Wireshark's nas-eps dissector) judges every NAS message we encode, plain and protected:
// no malformed packet, no expert error, and it reads the same security header types, message
// types, eKSI and selected algorithms that we put in.
#include <gtest/gtest.h>

#include "codec/nas/summary.h"
#include "samples.h"
#include "support/tshark_judge.h"

namespace concur::nas {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

TEST(NasTsharkJudge, every_encoded_message_dissects_cleanly_with_the_fields_we_encoded) {
  if (auto why = concur::test::tshark_unusable()) GTEST_SKIP() << *why;
  const auto samples = test::all_samples();
  std::vector<Bytes> wire;
  for (const auto& s : samples) wire.push_back(s.wire);
  const auto d = concur::test::tshark_dissect(
      concur::test::Carrier::nas, wire,
      {"nas_eps.security_header_type", "nas_eps.nas_msg_emm_type", "nas_eps.nas_msg_esm_type",
       "nas_eps.emm.nas_key_set_id", "nas_eps.emm.toc", "nas_eps.emm.toi", "e212.imsi", "nas_eps.emm.m_tmsi"});
  ASSERT_EQ(d.packets, samples.size()) << d.pcap_path;
  EXPECT_EQ(d.malformed, 0u) << join(d.expert_texts) << "\n" << d.pcap_path;
  EXPECT_EQ(d.expert_errors, 0u) << join(d.expert_texts) << "\n" << d.pcap_path;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const auto& s = samples[i];
    SCOPED_TRACE(s.name + " (packet " + std::to_string(i + 1) + ", " + d.pcap_path + ")");
    EXPECT_EQ(join(d.values(i, "nas_eps.security_header_type")), join(s.security_header_types));
    EXPECT_EQ(join(d.values(i, "nas_eps.nas_msg_emm_type")), join(s.emm_types));
    EXPECT_EQ(join(d.values(i, "nas_eps.nas_msg_esm_type")), join(s.esm_types));
    const auto& ksi = d.values(i, "nas_eps.emm.nas_key_set_id");
    if (s.ksi) {
      ASSERT_FALSE(ksi.empty());
      EXPECT_EQ(ksi.front(), std::to_string(*s.ksi));
    }
    // The identities the rules key UE contexts on: IMSI digits and the GUTI's M-TMSI (decimal in tshark).
    const auto ours = summarise(decode(view_of(s.wire), DecodeOptions{.direction = s.direction,
                                                                      .assume_null_ciphering = true})
                                    .value());
    if (ours.imsi) {
      EXPECT_EQ(join(d.values(i, "e212.imsi")), *ours.imsi);
    }
    if (ours.guti) {
      const auto& m_tmsi = d.values(i, "nas_eps.emm.m_tmsi");
      ASSERT_FALSE(m_tmsi.empty());
      EXPECT_EQ(m_tmsi.front(), std::to_string(ours.guti->m_tmsi));
    }
    if (s.ciphering) {
      EXPECT_EQ(join(d.values(i, "nas_eps.emm.toc")), std::to_string(*s.ciphering));
      EXPECT_EQ(join(d.values(i, "nas_eps.emm.toi")), std::to_string(*s.integrity));
    }
  }
}

}  // namespace
}  // namespace concur::nas
