// SUT profile loading: the shipped reference profile reads, and every kind of mistake a lab
// engineer makes is refused with the file, the line and the field.
#include <gtest/gtest.h>

#include "profile/sut_profile.h"

namespace concur::profile {
namespace {

const char* kK = "465b5ce8b199b49faa5f0a2ee238a6bc";

std::string profile_with(const std::string& body) {
  return std::string("<?xml version=\"1.0\"?>\n<sut-profile name=\"t\">\n") +
         "  <sut><s1 address=\"127.0.0.1\" port=\"36412\"/></sut>\n" + "  <ran mcc=\"001\" mnc=\"01\" tacs=\"1\"/>\n" +
         body + "</sut-profile>\n";
}

std::string subscriber(const std::string& extra = "") {
  return std::string("  <subscriber imsi=\"001010000000001\" k=\"") + kK + "\" opc=\"" + kK + "\"" + extra + "/>\n";
}

std::string error_of(const std::string& text) {
  try {
    parse_profile(text, "lab.xml");
  } catch (const ProfileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SutProfile, a_profile_that_cannot_be_read_is_refused_with_its_path_and_the_system_reason) {
  try {
    load_profile("/nonexistent-concur-dir/lab.xml");
    FAIL() << "no error";
  } catch (const ProfileError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent-concur-dir/lab.xml: file: cannot be opened: No such file or directory");
  }
}

TEST(SutProfile, shipped_reference_profile_loads_with_loopback_addresses_and_a_control_socket_trigger) {
  const auto p = load_profile(std::string(CONCUR_TESTCASES_DIR) + "/profiles/reference.xml");
  EXPECT_EQ(p.s1.address, "127.0.0.1");
  EXPECT_EQ(p.s1.sctp_backend, "userspace_udp");
  EXPECT_EQ(p.reauth.kind, ReauthTrigger::Kind::control_socket);
  EXPECT_GE(p.subscribers.size(), 2u);
  EXPECT_TRUE(p.has_pics("s1-handover"));
  EXPECT_TRUE(p.has_pics("x2"));
  EXPECT_TRUE(p.has_pics("reauth-trigger"));
  EXPECT_TRUE(p.has_pics("s10"));
  EXPECT_TRUE(p.has_pics("s3"));
  ASSERT_TRUE(p.peer_mme && p.sgsn && p.s10 && p.s3);
  EXPECT_EQ(p.peer_mme->tacs, (std::vector<std::uint16_t>{3}));
  EXPECT_EQ(p.sgsn->lac, 100);
  EXPECT_EQ(p.sgsn->rac, 1);
  EXPECT_EQ(p.tacs, (std::vector<std::uint16_t>{1, 2}));
}

TEST(SutProfile, s10_and_s3_capabilities_need_the_sut_address_and_the_node_the_runner_plays) {
  EXPECT_EQ(error_of(profile_with(subscriber() + "  <capabilities s10=\"true\"/>\n")),
            "lab.xml:6: capabilities@s10: true, but <sut> has no <s10 address=... port=.../>");
  const std::string with_sut = "<?xml version=\"1.0\"?>\n<sut-profile name=\"t\">\n"
                               "  <sut><s1 address=\"127.0.0.1\"/><s3 address=\"127.0.0.1\" port=\"2123\"/></sut>\n"
                               "  <ran mcc=\"001\" mnc=\"01\" tacs=\"1\"/>\n";
  EXPECT_EQ(error_of(with_sut + subscriber() + "  <capabilities s3=\"true\"/>\n</sut-profile>\n"),
            "lab.xml:6: capabilities@s3: true, but <runner> has no <sgsn lac=... rac=.../> for the runner to play");
  EXPECT_EQ(error_of(with_sut + subscriber() + "  <runner address=\"127.0.0.1\">\n    <sgsn lac=\"100\"/>\n  </runner>\n</sut-profile>\n"),
            "lab.xml:7: sgsn@rac: missing");
  EXPECT_EQ(error_of(with_sut + subscriber() + "  <runner address=\"127.0.0.1\">\n    <peer-mme tacs=\"3,1\"/>\n  </runner>\n</sut-profile>\n"),
            "lab.xml:7: peer-mme@tacs: TAC 1 is also one of the SUT's own (ran@tacs)");
  EXPECT_EQ(error_of(with_sut + subscriber() + "  <runner address=\"127.0.0.1\">\n    <pgw/>\n  </runner>\n</sut-profile>\n"),
            "lab.xml:7: runner/pgw: unknown element (known: peer-mme, sgsn, hss, sgw)");
}

TEST(SutProfile, shipped_reference_enb_profile_is_an_enb_with_a_control_socket_trigger_and_a_free_listen_port) {
  const auto p = load_profile(std::string(CONCUR_TESTCASES_DIR) + "/profiles/reference-enb.xml");
  EXPECT_EQ(p.kind, SutKind::enb);
  EXPECT_EQ(p.enb.listen.address, "127.0.0.1");
  EXPECT_EQ(p.enb.listen.port, 0);
  EXPECT_EQ(p.enb.sctp_backend, "userspace_udp");
  EXPECT_EQ(p.enb_trigger.kind, EnbTrigger::Kind::control_socket);
  EXPECT_TRUE(p.enb_trigger.path.empty()) << "empty: the runner starts the reference eNB itself";
  EXPECT_TRUE(p.has_pics("enb-trigger"));
  EXPECT_TRUE(p.has_pics("s1-handover"));
  EXPECT_FALSE(p.has_pics("reauth-trigger"));
}

TEST(SutProfile, an_enb_profile_with_mme_only_parts_or_a_bad_listen_address_names_file_line_and_field) {
  const std::string head = "<?xml version=\"1.0\"?>\n<sut-profile>\n  <ran mcc=\"001\" mnc=\"01\" tacs=\"1\"/>\n" + subscriber();
  EXPECT_NE(error_of(head + "  <sut><enb listen-address=\"enb.lab\"/></sut>\n</sut-profile>\n")
                .find("lab.xml:5: enb@listen-address: 'enb.lab' is not a numeric"),
            std::string::npos);
  EXPECT_NE(error_of(head + "  <sut><enb listen-address=\"127.0.0.1\"/><s1 address=\"127.0.0.1\"/></sut>\n</sut-profile>\n")
                .find("lab.xml:5: sut/s1: an eNB SUT has only <enb .../>"),
            std::string::npos);
  EXPECT_NE(error_of(head + "  <sut><enb listen-address=\"127.0.0.1\"/></sut>\n  <reauth-trigger kind=\"none\"/>\n</sut-profile>\n")
                .find("lab.xml:6: reauth-trigger: an eNB SUT does not re-authenticate"),
            std::string::npos);
  EXPECT_NE(error_of(profile_with(subscriber() + "  <enb-trigger kind=\"control-socket\"/>\n")).find("lab.xml:6: enb-trigger: only for an eNB SUT"),
            std::string::npos);
  EXPECT_NE(error_of(head + "  <sut><enb listen-address=\"127.0.0.1\"/></sut>\n  <enb-trigger kind=\"ssh\"/>\n</sut-profile>\n")
                .find("lab.xml:6: enb-trigger@kind: 'ssh'"),
            std::string::npos);
}

TEST(SutProfile, a_minimal_profile_gets_defaults_and_declares_no_capabilities) {
  const auto p = parse_profile(profile_with(subscriber()), "lab.xml");
  EXPECT_EQ(p.s1.port, 36412);
  EXPECT_EQ(p.integrity, (std::vector<std::string>{"eia2", "eia1"}));
  EXPECT_FALSE(p.has_pics("s1-handover"));
  EXPECT_FALSE(p.has_pics("reauth-trigger"));
  EXPECT_EQ(p.timers.guard, std::chrono::milliseconds(5000));
}

TEST(SutProfile, a_short_k_names_file_line_and_field_but_not_the_key) {
  const std::string e = error_of(profile_with("  <subscriber imsi=\"001010000000001\" k=\"465b5c\" opc=\"" + std::string(kK) + "\"/>\n"));
  EXPECT_EQ(e.rfind("lab.xml:5: subscriber@k: must be 16 octets", 0), 0u) << e;
  EXPECT_EQ(e.find("465b5c"), std::string::npos) << "an error must not echo key material: " << e;
}

TEST(SutProfile, both_op_and_opc_or_neither_is_refused) {
  EXPECT_NE(error_of(profile_with("  <subscriber imsi=\"001010000000001\" k=\"" + std::string(kK) + "\"/>\n"))
                .find("subscriber@opc: give exactly one of opc and op"),
            std::string::npos);
  EXPECT_NE(error_of(profile_with(subscriber(" op=\"" + std::string(kK) + "\""))).find("exactly one"), std::string::npos);
}

TEST(SutProfile, a_misspelt_attribute_is_refused_rather_than_ignored) {
  const std::string e = error_of(profile_with(subscriber() + "  <capabilities s1_handover=\"true\"/>\n"));
  EXPECT_EQ(e.rfind("lab.xml:6: capabilities@s1_handover: unknown attribute", 0), 0u) << e;
}

TEST(SutProfile, an_unknown_element_a_bad_address_and_a_bad_imsi_each_name_their_field) {
  EXPECT_NE(error_of(profile_with(subscriber() + "  <hss/>\n")).find("lab.xml:6: hss: unknown element"), std::string::npos);
  EXPECT_NE(error_of("<sut-profile><sut><s1 address=\"localhost\"/></sut></sut-profile>")
                .find("lab.xml:1: s1@address: 'localhost' is not a numeric IPv4 or IPv6 address"),
            std::string::npos);
  EXPECT_NE(error_of(profile_with("  <subscriber imsi=\"0010\" k=\"" + std::string(kK) + "\" opc=\"" + kK + "\"/>\n"))
                .find("subscriber@imsi: '0010' must be 6..15 decimal digits"),
            std::string::npos);
}

TEST(SutProfile, duplicate_imsi_names_the_first_line) {
  const std::string e = error_of(profile_with(subscriber() + subscriber()));
  EXPECT_NE(e.find("lab.xml:6: subscriber@imsi: 001010000000001 appears twice (first on line 5)"), std::string::npos) << e;
}

TEST(SutProfile, missing_sections_and_broken_xml_are_reported_with_a_line) {
  EXPECT_NE(error_of("<sut-profile>\n  <ran mcc=\"001\" mnc=\"01\" tacs=\"1\"/>\n</sut-profile>").find("lab.xml:1: sut: missing"),
            std::string::npos);
  EXPECT_NE(error_of(profile_with("")).find("subscriber: at least one"), std::string::npos);
  EXPECT_NE(error_of("<sut-profile>\n<sut>\n</sut-profil>").find("lab.xml:3: xml:"), std::string::npos);
  EXPECT_NE(error_of(profile_with(subscriber() + "  <reauth-trigger kind=\"sms\"/>\n")).find("reauth-trigger@kind: 'sms'"),
            std::string::npos);
  EXPECT_NE(error_of(profile_with(subscriber() + "  <timers guard-ms=\"0\"/>\n")).find("timers@guard-ms: must be above 0"),
            std::string::npos);
}

std::string profile_with_core(const std::string& sut_extra, const std::string& runner) {
  return std::string("<?xml version=\"1.0\"?>\n<sut-profile name=\"t\">\n") + "  <sut><s1 address=\"127.0.0.1\"/>" + sut_extra +
         "</sut>\n" + runner + "  <ran mcc=\"001\" mnc=\"01\" tacs=\"1\"/>\n" + subscriber() + "</sut-profile>\n";
}

const std::string kS6a = "<s6a address=\"127.0.0.2\" port=\"3868\"/>";
const std::string kS11 = "<s11 address=\"127.0.0.2\" port=\"2123\"/>";

TEST(SutProfile, a_sut_without_s6a_or_s11_needs_no_emulated_hss_or_sgw) {
  const auto p = parse_profile(profile_with(subscriber()), "lab.xml");
  EXPECT_FALSE(p.hss.has_value());
  EXPECT_FALSE(p.sgw.has_value());
}

TEST(SutProfile, a_sut_with_s6a_and_s11_gets_hss_and_sgw_on_the_runner_address_with_default_ports_and_plmn_realm) {
  const auto p = parse_profile(profile_with_core(kS6a + kS11, "  <runner address=\"127.0.0.9\"/>\n"), "lab.xml");
  ASSERT_TRUE(p.hss.has_value());
  EXPECT_EQ(p.hss->listen.address, "127.0.0.9");
  EXPECT_EQ(p.hss->listen.port, 3868);
  EXPECT_EQ(p.hss->diameter_realm, "epc.mnc001.mcc001.3gppnetwork.org");
  EXPECT_EQ(p.hss->diameter_host, "hss.epc.mnc001.mcc001.3gppnetwork.org");
  EXPECT_EQ(p.hss->peer_wait, std::chrono::milliseconds(40000)) << "longer than freeDiameter's 30 s reconnect timer";
  ASSERT_TRUE(p.sgw.has_value());
  EXPECT_EQ(p.sgw->listen.address, "127.0.0.9");
  EXPECT_EQ(p.sgw->listen.port, 2123);
  EXPECT_FALSE(p.sgw->reply_to_sut_port) << "replies go to the request's source port unless asked (TS 29.274 7.2.1)";
}

TEST(SutProfile, runner_hss_and_sgw_elements_override_address_port_and_diameter_identity) {
  const auto p = parse_profile(
      profile_with_core(kS6a + kS11,
                        "  <runner address=\"127.0.0.9\">\n    <hss address=\"127.0.0.3\" port=\"13868\" diameter-host=\"hss.localdomain\""
                        " diameter-realm=\"localdomain\" peer-wait-ms=\"0\"/>\n    <sgw port=\"12123\" reply-to-sut-port=\"true\"/>\n  </runner>\n"),
      "lab.xml");
  ASSERT_TRUE(p.hss && p.sgw);
  EXPECT_EQ(p.hss->listen.address, "127.0.0.3");
  EXPECT_EQ(p.hss->listen.port, 13868);
  EXPECT_EQ(p.hss->diameter_host, "hss.localdomain");
  EXPECT_EQ(p.hss->diameter_realm, "localdomain");
  EXPECT_EQ(p.hss->peer_wait, std::chrono::milliseconds(0)) << "0: do not wait";
  EXPECT_EQ(p.sgw->listen.address, "127.0.0.9");
  EXPECT_EQ(p.sgw->listen.port, 12123);
  EXPECT_TRUE(p.sgw->reply_to_sut_port);
}

TEST(SutProfile, runner_hss_or_sgw_without_the_suts_interface_is_refused_with_its_line) {
  EXPECT_EQ(error_of(profile_with_core("", "  <runner address=\"127.0.0.9\">\n    <hss port=\"3868\"/>\n  </runner>\n"))
                .rfind("lab.xml:5: runner/hss: the SUT declares no <s6a>", 0),
            0u);
  EXPECT_EQ(error_of(profile_with_core(kS6a, "  <runner address=\"127.0.0.9\">\n    <sgw/>\n  </runner>\n"))
                .rfind("lab.xml:5: runner/sgw: the SUT declares no <s11>", 0),
            0u);
}

TEST(SutProfile, bad_runner_hss_and_sgw_settings_name_file_line_and_field) {
  const auto runner = [](const std::string& inner) { return "  <runner address=\"127.0.0.9\">\n    " + inner + "\n  </runner>\n"; };
  EXPECT_EQ(error_of(profile_with_core(kS6a, runner("<hss port=\"70000\"/>"))).rfind("lab.xml:5: hss@port: 70000 is above the maximum 65535", 0), 0u);
  EXPECT_EQ(error_of(profile_with_core(kS6a, runner("<hss diameter-host=\"hss local\"/>")))
                .rfind("lab.xml:5: hss@diameter-host: 'hss local' is not a Diameter identity", 0),
            0u);
  EXPECT_EQ(error_of(profile_with_core(kS6a, runner("<hss diameter-realm=\".localdomain\"/>"))).rfind("lab.xml:5: hss@diameter-realm:", 0), 0u);
  EXPECT_EQ(error_of(profile_with_core(kS6a, runner("<hss realm=\"x\"/>"))).rfind("lab.xml:5: hss@realm: unknown attribute", 0), 0u);
  EXPECT_EQ(error_of(profile_with_core(kS11, runner("<pgw/>"))).rfind("lab.xml:5: runner/pgw: unknown element", 0), 0u);
  EXPECT_EQ(error_of(profile_with_core(kS11, runner("<sgw/>\n    <sgw/>"))).rfind("lab.xml:6: runner/sgw: appears twice", 0), 0u);
  EXPECT_EQ(error_of(profile_with_core(kS11, runner("<sgw address=\"::1\"/>")))
                .rfind("lab.xml:5: sgw@address: the emulated SGW-C needs an IPv4 address", 0),
            0u);
  EXPECT_EQ(error_of(profile_with_core(kS11, "  <runner address=\"::1\"/>\n")).rfind("lab.xml:4: runner@address: the emulated SGW-C needs an IPv4", 0),
            0u);
}

TEST(SutProfile, shipped_nextepc_profile_names_the_hss_identity_nextepcs_freediameter_connects_to) {
  const auto p = load_profile(std::string(CONCUR_TESTCASES_DIR) + "/profiles/nextepc.xml");
  ASSERT_TRUE(p.hss && p.sgw);
  EXPECT_EQ(p.hss->diameter_host, "hss.localdomain");  // lab/lab.conf LAB_HSS_DIAMETER_ID
  EXPECT_EQ(p.hss->diameter_realm, "localdomain");     // LAB_DIAMETER_REALM
  EXPECT_EQ(p.hss->listen.address, "169.254.36.1");
  EXPECT_EQ(p.hss->listen.port, 3868);
  EXPECT_EQ(p.sgw->listen.address, "169.254.36.1");
  EXPECT_EQ(p.sgw->listen.port, 2123);
  EXPECT_TRUE(p.sgw->reply_to_sut_port) << "NextEPC reads S11 replies only on its port 2123 (lab/INTEROP.md)";
}

TEST(SutProfile, a_tau_failing_integrity_trigger_declares_reauth_trigger_without_a_socket) {
  const auto p = parse_profile(profile_with(subscriber() + "  <reauth-trigger kind=\"tau-failing-integrity\"/>\n"), "lab.xml");
  EXPECT_EQ(p.reauth.kind, ReauthTrigger::Kind::tau_failing_integrity);
  EXPECT_TRUE(p.has_pics("reauth-trigger"));
  EXPECT_NE(error_of(profile_with(subscriber() + "  <reauth-trigger kind=\"sms\"/>\n")).find("none, control-socket or tau-failing-integrity"),
            std::string::npos);
}

TEST(SutProfile, shipped_nextepc_profile_triggers_reauthentication_by_the_ues_failing_tau) {
  const auto p = load_profile(std::string(CONCUR_TESTCASES_DIR) + "/profiles/nextepc.xml");
  EXPECT_EQ(p.reauth.kind, ReauthTrigger::Kind::tau_failing_integrity) << "NextEPC re-authenticates on it (lab/INTEROP.md)";
  EXPECT_FALSE(p.has_pics("key-change-on-the-fly")) << "NextEPC 0.3.10 sends no UE CONTEXT MODIFICATION with a new KeNB";
}

TEST(SutProfile, keys_are_shown_as_fingerprints_unless_asked) {
  const auto p = parse_profile(profile_with(subscriber()), "lab.xml");
  EXPECT_EQ(shown(p.subscribers[0].k, false).find(kK), std::string::npos);
  EXPECT_EQ(shown(p.subscribers[0].k, true), kK);
}

}  // namespace
}  // namespace concur::profile
