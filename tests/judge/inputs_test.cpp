// The key file and the minimal replay profile: what they accept, and errors that name file,
// line or offset and the field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "judge/key_material.h"
#include "judge/profile_file.h"
#include "security/milenage.h"

namespace concur::judge {
namespace {

using ::testing::HasSubstr;

TEST(KeyFile, subscriber_with_opc_or_op_and_kasme_entries_are_read) {
  const KeyMaterial k = parse_key_file(
      "# comment\n"
      "subscriber imsi=001010000000001 k=465b5ce8b199b49faa5f0a2ee238a6bc opc=cd63cb71954a9f4e48a5994e37a02baf\n"
      "\n"
      "subscriber imsi=001010000000002 K=465b5ce8b199b49faa5f0a2ee238a6bc OP=cdc202d5123e20f62b6d676ac72cb318  # op\n"
      "kasme imsi=001010000000003 eksi=1 kasme=238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549\n",
      "k.txt");
  ASSERT_EQ(k.subscribers.size(), 2u);
  // TS 35.208 test set 1: OPc from OP.
  EXPECT_EQ(to_hex(ByteView(k.subscriber("001010000000002")->opc)), "cd63cb71954a9f4e48a5994e37a02baf");
  ASSERT_TRUE(k.kasme("001010000000003", 1));
  EXPECT_EQ(to_hex(ByteView(*k.kasme("001010000000003", 1))).substr(0, 8), "238e457e");
  EXPECT_FALSE(k.kasme("001010000000003", 0));
  EXPECT_FALSE(k.only_imsi()) << "three subscribers";
}

TEST(KeyFile, a_single_subscriber_is_the_fallback_imsi) {
  const KeyMaterial k = parse_key_file(
      "subscriber imsi=001010000000001 k=465b5ce8b199b49faa5f0a2ee238a6bc opc=cd63cb71954a9f4e48a5994e37a02baf", "k");
  EXPECT_EQ(k.only_imsi(), "001010000000001");
}

TEST(KeyFile, errors_name_file_line_and_field) {
  auto error_of = [](const std::string& text) {
    try {
      parse_key_file(text, "keys.txt");
    } catch (const KeyFileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("\nsubscriber imsi=001010000000001 k=00 opc=00"), "keys.txt:2: field 'k': 1 octets, expected 16");
  EXPECT_THAT(error_of("subscriber imsi=00101x k=00"), HasSubstr("keys.txt:1: field 'imsi'"));
  EXPECT_THAT(error_of("subscriber imsi=001010000000001 k=465b5ce8b199b49faa5f0a2ee238a6bc"),
              HasSubstr("needs field 'opc'"));
  EXPECT_THAT(error_of("kasme imsi=001010000000001 eksi=7 kasme=00"), HasSubstr("field 'eksi': '7' is not 0..6"));
  EXPECT_THAT(error_of("key imsi=001010000000001"), HasSubstr("unknown entry 'key'"));
  EXPECT_THAT(error_of("kasme imsi=001010000000001 eksi=1 kasme=zz"), HasSubstr("field 'kasme'"));
  EXPECT_THAT(error_of("kasme imsi=001010000000001 eksi=1 colour=red"), HasSubstr("needs field 'kasme'"));
}

TEST(KeyFile, a_missing_file_is_an_error_naming_it) {
  EXPECT_THROW(read_key_file("/nonexistent/keys.txt"), KeyFileError);
}

TEST(ReplayProfile, sets_role_capabilities_served_tais_and_node_labels) {
  JudgeOptions o;
  parse_replay_profile(R"(<replay-profile>
      <sut role="enb" node="eNB2" s10="false" inter-rat="no"/>
      <served-tai plmn="00101" tac="0x10"/>
      <node address="127.0.0.1" port="36412" label="MME"/>
      <node address="::1" label="MME-peer"/>
    </replay-profile>)",
                       "p.xml", o);
  EXPECT_EQ(o.sut.role, monitor::SutRole::enb);
  EXPECT_EQ(o.sut.node, "eNB2");
  EXPECT_FALSE(o.sut.s10);
  EXPECT_FALSE(o.sut.inter_rat);
  ASSERT_EQ(o.sut.served_tais.size(), 1u);
  EXPECT_EQ(o.sut.served_tais[0], (monitor::TrackingAreaId{"00101", 16}));
  ASSERT_EQ(o.nodes.size(), 2u);
  EXPECT_EQ(o.nodes[0].port, 36412);
  EXPECT_EQ(o.nodes[1].address.version, 6);
  EXPECT_FALSE(o.nodes[1].port.has_value());
}

TEST(ReplayProfile, gtpv2c_names_further_udp_ports_that_carry_gtpv2c) {
  JudgeOptions o;
  parse_replay_profile(R"(<replay-profile><gtpv2c port="40997"/><gtpv2c port="2124"/></replay-profile>)", "p.xml", o);
  EXPECT_EQ(o.gtpv2c_ports, (std::vector<std::uint16_t>{40997, 2124}));
}

TEST(ReplayProfile, errors_name_file_offset_element_and_attribute) {
  auto error_of = [](const std::string& text) {
    JudgeOptions o;
    try {
      parse_replay_profile(text, "p.xml", o);
    } catch (const ProfileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_THAT(error_of("<replay-profile><node address=\"10.0.0\" label=\"x\"/></replay-profile>"),
              HasSubstr("p.xml: offset 17: <node>: attribute 'address': '10.0.0' is not an IPv4 or IPv6 address"));
  EXPECT_THAT(error_of("<replay-profile><sut role=\"sgw\"/></replay-profile>"), HasSubstr("'sgw' is not mme or enb"));
  EXPECT_THAT(error_of("<replay-profile><served-tai plmn=\"001\" tac=\"1\"/></replay-profile>"),
              HasSubstr("attribute 'plmn'"));
  EXPECT_THAT(error_of("<replay-profile><served-tai plmn=\"00101\" tac=\"70000\"/></replay-profile>"),
              HasSubstr("attribute 'tac'"));
  EXPECT_THAT(error_of("<replay-profile><gadget/></replay-profile>"), HasSubstr("unknown element"));
  EXPECT_THAT(error_of("<replay-profile><gtpv2c port=\"70000\"/></replay-profile>"),
              HasSubstr("<gtpv2c>: attribute 'port': '70000' is not a number 0..65535"));
  EXPECT_THAT(error_of("<replay-profile><gtpv2c/></replay-profile>"), HasSubstr("<gtpv2c>: attribute 'port'"));
  EXPECT_THAT(error_of("<other/>"), HasSubstr("root element must be <replay-profile>"));
  EXPECT_THAT(error_of("<replay-profile><sut"), HasSubstr("p.xml: offset "));
}

}  // namespace
}  // namespace concur::judge
