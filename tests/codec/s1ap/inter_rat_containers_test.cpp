// The E-UTRAN to UTRAN / GERAN transparent containers: their octets worked out by hand from
// X.691 (RANAP) and TS 48.018 / TS 24.008 (BSSGP), and tshark following them inside HANDOVER
// REQUIRED and HANDOVER COMMAND the way it does in a run's pcap.
#include "codec/s1ap/inter_rat_containers.h"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "codec/s1ap/messages.h"
#include "sample_messages.h"
#include "support/tshark_judge.h"

namespace concur::s1ap {
namespace {

SourceRncToTargetRncContainer involved_into_cell(std::uint32_t cell) {
  SourceRncToTargetRncContainer c;
  c.rrc_container = rrc_to_target_rnc_extension();
  c.relocation_type = RelocationType::ue_involved;
  c.target_cell_id = cell;
  return c;
}

TEST(InterRatContainers, source_rnc_container_with_the_ue_involved_carries_the_target_cell_and_no_d_rnti) {
  const Result<Bytes> b = encode_container(involved_into_cell(0x051234));
  ASSERT_TRUE(b.ok()) << b.error().to_string();
  // 0 | 0000000 1 00 (only targetCellId of the ten OPTIONALs), pad | length 1 | C0 (RRC) |
  // numberOfIuInstances 1 -> 0 | RelocationType ext 0, ue-involved 1 | targetCellId: 3 octets
  // -> length 2 in 2 bits, pad | 05 12 34.
  EXPECT_EQ(to_hex(*b), "008001c030051234");
}

TEST(InterRatContainers, source_rnc_container_without_the_ue_carries_the_d_rnti_instead) {
  SourceRncToTargetRncContainer c = involved_into_cell(0);
  c.relocation_type = RelocationType::ue_not_involved;
  c.number_of_iu_instances = 2;
  c.d_rnti = 0x0ABCDE;
  const Result<Bytes> b = encode_container(c);
  ASSERT_TRUE(b.ok()) << b.error().to_string();
  // 0 | 000000 1 000 (d-RNTI only), pad | length 1 | C0 | numberOfIuInstances 2 -> 1 |
  // ext 0, ue-not-involved 0 | D-RNTI (0..1048575): 3 octets -> length 2 in 2 bits, pad | 0a bc de.
  EXPECT_EQ(to_hex(*b), "010001c0900abcde");
}

TEST(InterRatContainers, a_value_outside_its_range_is_an_error_naming_the_field) {
  SourceRncToTargetRncContainer c = involved_into_cell(268435456);
  Result<Bytes> b = encode_container(c);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().field, "SourceRNC-ToTargetRNC-TransparentContainer.targetCellId");
  c.target_cell_id = 1;
  c.number_of_iu_instances = 3;
  b = encode_container(c);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().field, "SourceRNC-ToTargetRNC-TransparentContainer.numberOfIuInstances");
  c.number_of_iu_instances = 1;
  c.rrc_container.assign(16384, 0);
  b = encode_container(c);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().field, "SourceRNC-ToTargetRNC-TransparentContainer.rRC-Container");
}

TEST(InterRatContainers, target_rnc_container_wraps_the_handover_to_utran_command) {
  EXPECT_EQ(to_hex(rrc_handover_to_utran_command_future()), "ffc0");  // ten CHOICE bits of 1
  TargetRncToSourceRncContainer c;
  c.rrc_container = rrc_handover_to_utran_command_future();
  const Result<Bytes> b = encode_container(c);
  ASSERT_TRUE(b.ok()) << b.error().to_string();
  EXPECT_EQ(to_hex(*b), "0002ffc0");  // ext 0, no d-RNTI, no extensions, pad | length 2 | RRC
}

TEST(InterRatContainers, bss_containers_are_bssgp_tlvs_with_their_mandatory_contents) {
  // 0x13 MS Radio Access Capability, length 3 (ext bit set): 0001 0001001 100 0 1 0 0 0 0 0 pad.
  EXPECT_EQ(to_hex(source_bss_to_target_bss_contents()), "1383113100");
  // 0x76 SI/PSI Container, length 1: no SI, BCCH type.
  EXPECT_EQ(to_hex(target_bss_to_source_bss_contents()), "768100");
}

// tshark follows the containers only with its preference s1ap.dissect_container on (its
// default); the other S1AP tshark tests turn it off, so this suite sets its own.
class InterRatContainersInTshark : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string tmpl = "/tmp/concur-interrat-wsconf-XXXXXX";
    if (!mkdtemp(tmpl.data())) return;
    std::ofstream(tmpl + "/preferences") << "s1ap.dissect_container: TRUE\n";
    if (const char* old = getenv("WIRESHARK_CONFIG_DIR")) previous_ = old;
    setenv("WIRESHARK_CONFIG_DIR", tmpl.c_str(), 1);
    config_dir_ = tmpl;
  }
  static void TearDownTestSuite() {
    if (previous_) setenv("WIRESHARK_CONFIG_DIR", previous_->c_str(), 1);
    else unsetenv("WIRESHARK_CONFIG_DIR");
    if (!config_dir_.empty()) std::filesystem::remove_all(config_dir_);
  }
  void SetUp() override {
    if (auto why = test::tshark_unusable()) GTEST_SKIP() << "tshark unusable: " << *why;
    ASSERT_FALSE(config_dir_.empty()) << "could not make a Wireshark configuration folder";
  }
  static std::string config_dir_;
  static std::optional<std::string> previous_;
};
std::string InterRatContainersInTshark::config_dir_;
std::optional<std::string> InterRatContainersInTshark::previous_;

HandoverCommand command(HandoverType type, Bytes container) {
  HandoverCommand m = samples::handover_command_to_utran();
  m.handover_type = type;
  m.target_to_source_container = std::move(container);
  return m;
}

TEST_F(InterRatContainersInTshark, tshark_reads_the_rnc_containers_in_handover_required_and_command_to_utran) {
  HandoverRequired required = samples::handover_required_to_utran();
  required.source_to_target_container = *encode_container(involved_into_cell(0x051234));
  TargetRncToSourceRncContainer t;
  t.rrc_container = rrc_handover_to_utran_command_future();
  const Result<Bytes> a = encode(required);
  const Result<Bytes> b = encode(command(HandoverType::ltetoutran, *encode_container(t)));
  ASSERT_TRUE(a.ok() && b.ok());
  const test::Dissection d = test::tshark_dissect(test::Carrier::s1ap_sctp, {*a, *b},
                                                  {"ranap.targetCellId", "ranap.relocationType", "ranap.rRC_Container"});
  ASSERT_EQ(d.packets, 2u) << d.pcap_path;
  EXPECT_EQ(d.malformed, 0u) << test::tshark_verbose(d);
  EXPECT_EQ(d.expert_errors, 0u) << ::testing::PrintToString(d.expert_texts) << "\n" << test::tshark_verbose(d);
  ASSERT_EQ(d.values(0, "ranap.targetCellId").size(), 1u) << test::tshark_verbose(d);
  EXPECT_EQ(d.values(0, "ranap.targetCellId")[0], "332340");
  EXPECT_EQ(d.values(0, "ranap.relocationType"), std::vector<std::string>{"1"});
  EXPECT_EQ(d.values(1, "ranap.rRC_Container").size(), 1u) << test::tshark_verbose(d);
}

TEST_F(InterRatContainersInTshark, tshark_reads_the_bss_containers_in_handover_required_and_command_to_geran) {
  HandoverRequired required = samples::handover_required_to_geran();
  required.source_to_target_container = source_bss_to_target_bss_contents();
  const Result<Bytes> a = encode(required);
  const Result<Bytes> b = encode(command(HandoverType::ltetogeran, target_bss_to_source_bss_contents()));
  ASSERT_TRUE(a.ok() && b.ok());
  const test::Dissection d =
      test::tshark_dissect(test::Carrier::s1ap_sctp, {*a, *b}, {"gsm_a.gm.gmm.acc_tech_type", "bssgp.num_si_psi"});
  ASSERT_EQ(d.packets, 2u) << d.pcap_path;
  EXPECT_EQ(d.malformed, 0u) << test::tshark_verbose(d);
  EXPECT_EQ(d.expert_errors, 0u) << ::testing::PrintToString(d.expert_texts) << "\n" << test::tshark_verbose(d);
  EXPECT_EQ(d.values(0, "gsm_a.gm.gmm.acc_tech_type"), std::vector<std::string>{"1"}) << test::tshark_verbose(d);
  EXPECT_EQ(d.values(1, "bssgp.num_si_psi"), std::vector<std::string>{"0"}) << test::tshark_verbose(d);
}

}  // namespace
}  // namespace concur::s1ap
