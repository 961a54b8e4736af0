// tshark as the judge of what the emulated HSS and SGW actually put on the wire: the messages the
// run's Tap saw during an MME-side exchange over loopback dissect with zero malformed packets and
// zero expert errors, and the key values tshark reads equal the ones the driver decoded.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "codec/diameter/message.h"
#include "codec/diameter/s6a.h"
#include "codec/gtpv2/message.h"
#include "codec/gtpv2/mobility.h"
#include "roles/hss/emulated_hss.h"
#include "roles/sgw/emulated_sgw.h"
#include "support/tshark_judge.h"
#include "transport/diameter_tcp.h"
#include "transport/gtpc_endpoint.h"

namespace concur::roles {
namespace {

using namespace std::chrono_literals;
using concur::test::Carrier;
using concur::test::Dissection;

/// Every message the Tap reports, in order.
struct Recorder {
  std::shared_ptr<transport::Tap> tap = std::make_shared<transport::Tap>();
  std::mutex mutex;
  std::vector<Bytes> messages;
  Recorder() {
    tap->add([this](const transport::TapRecord& r) {
      std::lock_guard lock(mutex);
      messages.push_back(r.bytes);
    });
  }
};

std::string plain_hex(std::string s) {
  std::erase(s, ':');
  return s;
}

void expect_clean(const Dissection& d) {
  EXPECT_EQ(d.malformed, 0u) << concur::test::tshark_verbose(d);
  EXPECT_EQ(d.expert_errors, 0u) << (d.expert_texts.empty() ? "" : d.expert_texts.front()) << "\n"
                                 << concur::test::tshark_verbose(d);
}

TEST(EmulatedNodesTsharkJudge, hss_answers_to_cer_air_ulr_dissect_cleanly_and_carry_the_vector_the_mme_decoded) {
  if (auto why = concur::test::tshark_unusable()) GTEST_SKIP() << *why;
  using namespace concur::diameter;
  Recorder rec;
  hss::HssConfig config;
  config.listen = transport::SocketAddress{"127.0.0.1", 0};
  config.identity.origin_host = "hss.epc.mnc001.mcc001.3gppnetwork.org";
  config.identity.origin_realm = "epc.mnc001.mcc001.3gppnetwork.org";
  config.subscribers.push_back(hss::SubscriberKeys{"001010000000001",
                                                   security::Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc"),
                                                   security::Key128::from_hex("cd63cb71954a9f4e48a5994e37a02baf")});
  config.poll = 20ms;
  hss::EmulatedHss node(rec.tap);
  node.start(config);

  auto mme = transport::diameter_connect(node.local(), transport::DiameterOptions{});
  auto exchange = [&](const Message& m) {
    EXPECT_TRUE(mme->send(view_of(encode(m))));
    const auto e = mme->receive(5s);
    EXPECT_EQ(e.kind, transport::DiameterEventKind::message);
    return decode(view_of(e.bytes));
  };
  const std::string host = "mme.epc.mnc001.mcc001.3gppnetwork.org", realm = config.identity.origin_realm;
  CapabilitiesExchange cer;
  cer.origin_host = host;
  cer.origin_realm = realm;
  cer.host_ip_addresses = {"127.0.0.1"};
  cer.product_name = "driver";
  cer.auth_application_ids = {kApplicationS6a};
  ASSERT_TRUE(exchange(build_capabilities_exchange_request(cer, 1, 1)).ok());
  const Route route{make_session_id(host, 1, 2), host, realm, std::nullopt, realm};
  auto aia_msg = exchange(
      build(AuthenticationInformationRequest{route, "001010000000001", {0x00, 0xf1, 0x10}, 1, false, {}}, 2, 2));
  ASSERT_TRUE(aia_msg.ok());
  auto aia = parse_authentication_information_answer(*aia_msg);
  ASSERT_TRUE(aia.ok());
  ASSERT_EQ(aia->vectors.size(), 1u);
  ASSERT_TRUE(
      exchange(build(UpdateLocationRequest{route, "001010000000001", kRatTypeEutran, 0x22, {0x00, 0xf1, 0x10}}, 3, 3))
          .ok());
  node.stop();

  std::vector<Bytes> wire;
  {
    std::lock_guard lock(rec.mutex);
    wire = rec.messages;
  }
  ASSERT_EQ(wire.size(), 6u);
  const Dissection d = concur::test::tshark_dissect(
      Carrier::diameter_tcp, wire,
      {"diameter.cmd.code", "diameter.RAND", "diameter.KASME", "diameter.Session-Id", "diameter.Service-Selection"});
  expect_clean(d);
  std::vector<std::size_t> packets;
  for (std::size_t i = 0; i < d.packets; ++i)
    if (!d.values(i, "diameter.cmd.code").empty()) packets.push_back(i);
  ASSERT_EQ(packets.size(), 6u);
  const std::size_t aia_packet = packets[3];
  ASSERT_EQ(d.values(aia_packet, "diameter.RAND").size(), 1u);
  EXPECT_EQ(plain_hex(d.values(aia_packet, "diameter.RAND")[0]), to_hex(view_of(aia->vectors[0].rand)));
  EXPECT_EQ(plain_hex(d.values(aia_packet, "diameter.KASME").at(0)), to_hex(view_of(aia->vectors[0].kasme)));
  EXPECT_EQ(d.values(aia_packet, "diameter.Session-Id").at(0), route.session_id);
  EXPECT_EQ(d.values(packets[5], "diameter.Service-Selection").at(0), "internet");
}

TEST(EmulatedNodesTsharkJudge, sgw_create_session_and_modify_bearer_responses_dissect_cleanly) {
  if (auto why = concur::test::tshark_unusable()) GTEST_SKIP() << *why;
  using namespace concur::gtpv2;
  Recorder rec;
  sgw::SgwConfig config;
  config.listen = transport::SocketAddress{"127.0.0.1", 0};
  config.poll = 20ms;
  sgw::EmulatedSgw node(rec.tap);
  node.start(config);

  transport::GtpcOptions o;
  o.local = transport::SocketAddress{"127.0.0.1", 0};
  transport::GtpcEndpoint mme(o);
  auto exchange = [&](MessageType t, std::uint32_t teid, std::vector<Ie> ies) {
    EXPECT_TRUE(mme.send_request(node.local(), encode(make_message(t, teid, mme.next_sequence(), std::move(ies)))));
    const auto e = mme.receive(5s);
    EXPECT_EQ(e.kind, transport::GtpcEventKind::reply);
    return decode(view_of(e.bytes));
  };
  BearerContext b;
  b.ebi = 5;
  b.qos = BearerQos{false, 9, false, 9, 0, 0, 0, 0};
  auto csr =
      exchange(MessageType::create_session_request, 0,
               {make_ie(Imsi{"001010000000001"}), make_ie(RatType{6}),
                make_ie(FTeid{interface_type::s11_mme, 7, Ipv4{127, 0, 0, 1}, std::nullopt}, 0),
                make_ie(Apn{"internet"}), make_ie(Paa{1, 0, std::nullopt, Ipv4{}}), make_bearer_context_ie(b, 0)});
  ASSERT_TRUE(csr.ok());
  const std::uint32_t sgw_teid = find<FTeid>(csr->ies, 0)->teid;
  BearerContext m;
  m.ebi = 5;
  m.fteid_instance0 = FTeid{interface_type::s1u_enb, 0x99, Ipv4{127, 0, 1, 1}, std::nullopt};
  ASSERT_TRUE(exchange(MessageType::modify_bearer_request, sgw_teid, {make_bearer_context_ie(m, 0)}).ok());
  node.stop();

  std::vector<Bytes> wire;
  {
    std::lock_guard lock(rec.mutex);
    wire = rec.messages;
  }
  ASSERT_EQ(wire.size(), 4u);
  const Dissection d = concur::test::tshark_dissect(
      Carrier::gtpv2_udp, wire, {"gtpv2.message_type", "gtpv2.cause", "gtpv2.pdn_addr_and_prefix.ipv4"});
  EXPECT_EQ(d.packets, 4u);
  expect_clean(d);
  EXPECT_EQ(d.values(1, "gtpv2.message_type").at(0), "33");
  EXPECT_EQ(d.values(1, "gtpv2.pdn_addr_and_prefix.ipv4").at(0), "10.45.0.2");
  EXPECT_EQ(d.values(3, "gtpv2.message_type").at(0), "35");
}

}  // namespace
}  // namespace concur::roles
