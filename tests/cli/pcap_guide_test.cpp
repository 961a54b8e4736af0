// pcap/README.txt of a run: the endpoints, and tshark options only for the ports Wireshark
// would not recognise by itself.
#include "cli/pcap_guide.h"

#include <gtest/gtest.h>

#include <sstream>

namespace concur::cli {
namespace {

TEST(PcapGuide, gives_decode_as_options_for_each_port_off_the_well_known_ones_once) {
  const std::vector<CapturedEndpoint> endpoints = {
      {"SUT MME (S10/S3)", "gtpv2", {"127.0.0.1", 40632}},
      {"runner's peer MME (S10)", "gtpv2", {"127.0.0.1", 36785}},
      {"runner's SGSN (S3)", "gtpv2", {"127.0.0.1", 36785}},  // the same port twice: one option
      {"runner's HSS (S6a)", "diameter", {"127.0.0.1", 13868}},
      {"runner's SGW-C (S11)", "gtpv2", {"127.0.0.1", 2123}},  // well known: nothing to say
  };
  EXPECT_EQ(tshark_decode_as(endpoints),
            (std::vector<std::string>{"-d", "udp.port==40632,gtp", "-d", "udp.port==36785,gtp", "-d", "tcp.port==13868,diameter"}));
  std::ostringstream out;
  write_pcap_guide(out, endpoints);
  EXPECT_NE(out.str().find("  SUT MME (S10/S3): GTPv2-C on UDP 127.0.0.1:40632\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("  runner's HSS (S6a): Diameter on TCP 127.0.0.1:13868\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("tshark:    tshark -r FILE -d udp.port==40632,gtp -d udp.port==36785,gtp -d tcp.port==13868,diameter\n"),
            std::string::npos)
      << out.str();
}

TEST(PcapGuide, says_nothing_about_decode_as_when_every_port_is_the_well_known_one) {
  // A lab MME on 2123 and an HSS on 3868: Wireshark decodes them unaided.
  const std::vector<CapturedEndpoint> endpoints = {{"SUT MME (S10/S3)", "gtpv2", {"192.0.2.1", 2123}},
                                                   {"runner's HSS (S6a)", "diameter", {"127.0.0.1", 3868}}};
  EXPECT_TRUE(tshark_decode_as(endpoints).empty());
  std::ostringstream out;
  write_pcap_guide(out, endpoints);
  EXPECT_NE(out.str().find("GTPv2-C on UDP 192.0.2.1:2123"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("Decode As"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace concur::cli
