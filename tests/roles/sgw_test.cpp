// The emulated SGW-C against an MME-side S11 driver (transport::GtpcEndpoint) over loopback:
// Create Session, Modify Bearer, Release Access Bearers and Delete Session as an MME sends them
// during attach, idle and detach, and Context Not Found for TEIDs the SGW does not know.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

#include "codec/gtpv2/message.h"
#include "codec/gtpv2/mobility.h"
#include "roles/sgw/emulated_sgw.h"
#include "transport/gtpc_endpoint.h"

namespace concur::roles::sgw {
namespace {

using namespace concur::gtpv2;
using namespace std::chrono_literals;

constexpr std::uint32_t kMmeTeid = 0x0a0b0c0d;
const Ipv4 kMmeAddress{127, 0, 0, 1};
const Ipv4 kEnbAddress{127, 0, 1, 1};

SgwConfig test_config() {
  SgwConfig c;
  c.listen = transport::SocketAddress{"127.0.0.1", 0};
  c.poll = 20ms;
  return c;
}

/// The MME's side of S11: one GTPv2-C endpoint, request/reply with a guard timer.
class MmeS11Driver {
 public:
  explicit MmeS11Driver(transport::SocketAddress sgw) : sgw_(std::move(sgw)), endpoint_(options()) {}

  GtpMessage exchange(MessageType type, std::uint32_t teid, std::vector<Ie> ies) {
    const std::uint32_t seq = endpoint_.next_sequence();
    EXPECT_TRUE(endpoint_.send_request(sgw_, encode(make_message(type, teid, seq, std::move(ies)))));
    const transport::GtpcEvent e = endpoint_.receive(5s);
    EXPECT_EQ(e.kind, transport::GtpcEventKind::reply) << transport::to_string(e.kind) << " " << e.detail;
    EXPECT_EQ(e.sequence, seq);
    auto m = decode(view_of(e.bytes));
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().to_string());
    return m.ok() ? *m : GtpMessage{};
  }

  GtpMessage create_session(std::vector<Ie> extra = {}) {
    BearerContext b;
    b.ebi = 5;
    b.qos = BearerQos{false, 9, false, 9, 0, 0, 0, 0};
    std::vector<Ie> ies{make_ie(Imsi{"001010000000001"}),
                        make_ie(RatType{6}),
                        make_ie(FTeid{interface_type::s11_mme, kMmeTeid, kMmeAddress, std::nullopt}, 0),
                        make_ie(Apn{"internet"}),
                        make_ie(Paa{1, 0, std::nullopt, Ipv4{}}),
                        make_bearer_context_ie(b, 0)};
    ies.insert(ies.end(), extra.begin(), extra.end());
    return exchange(MessageType::create_session_request, 0, ies);
  }

 private:
  static transport::GtpcOptions options() {
    transport::GtpcOptions o;
    o.local = transport::SocketAddress{"127.0.0.1", 0};
    o.timers.t3_response = 1000ms;
    o.timers.n3_requests = 2;
    return o;
  }
  transport::SocketAddress sgw_;
  transport::GtpcEndpoint endpoint_;
};

std::uint8_t cause_of(const GtpMessage& m) {
  const Cause* c = find<Cause>(m.ies);
  EXPECT_NE(c, nullptr) << message_name(m);
  return c ? c->value : 0;
}

BearerContext bearer_of(const GtpMessage& m) {
  const auto groups = find_grouped(m.ies, ie_type::bearer_context, 0);
  EXPECT_EQ(groups.size(), 1u);
  if (groups.empty()) return {};
  auto b = parse_bearer_context(*groups[0]);
  EXPECT_TRUE(b.ok());
  return b.ok() ? *b : BearerContext{};
}

TEST(EmulatedSgw, create_session_response_carries_sgw_s11_and_s1u_f_teids_and_an_ipv4_pdn_address) {
  EmulatedSgw sgw;
  sgw.start(test_config());
  MmeS11Driver mme(sgw.local());
  const GtpMessage rsp = mme.create_session();
  EXPECT_EQ(rsp.type(), MessageType::create_session_response);
  EXPECT_EQ(rsp.header.teid, kMmeTeid);  // addressed to the MME's S11 TEID
  EXPECT_EQ(cause_of(rsp), cause::request_accepted);
  const FTeid* s11 = find<FTeid>(rsp.ies, 0);
  ASSERT_NE(s11, nullptr);
  EXPECT_EQ(s11->interface_type, interface_type::s11s4_sgw);
  EXPECT_NE(s11->teid, 0u);
  EXPECT_EQ(s11->ipv4, (Ipv4{127, 0, 0, 1}));
  const Paa* paa = find<Paa>(rsp.ies);
  ASSERT_NE(paa, nullptr);
  EXPECT_EQ(paa->pdn_type, 1);
  EXPECT_EQ(paa->ipv4, (Ipv4{10, 45, 0, 2}));
  const BearerContext b = bearer_of(rsp);
  EXPECT_EQ(b.ebi, 5);
  ASSERT_TRUE(b.cause.has_value());
  EXPECT_EQ(b.cause->value, cause::request_accepted);
  ASSERT_TRUE(b.fteid_instance0.has_value());
  EXPECT_EQ(b.fteid_instance0->interface_type, interface_type::s1u_sgw);
  EXPECT_EQ(sgw.session_count(), 1u);

  // A second UE gets its own TEID and the next address.
  const GtpMessage second = mme.create_session();
  EXPECT_NE(find<FTeid>(second.ies, 0)->teid, s11->teid);
  EXPECT_EQ(find<Paa>(second.ies)->ipv4, (Ipv4{10, 45, 0, 3}));
}

TEST(EmulatedSgw, attach_idle_and_detach_sequence_keeps_and_then_removes_the_session) {
  EmulatedSgw sgw;
  sgw.start(test_config());
  MmeS11Driver mme(sgw.local());
  const GtpMessage csr = mme.create_session();
  const std::uint32_t sgw_teid = find<FTeid>(csr.ies, 0)->teid;

  // Modify Bearer after Initial Context Setup: the eNB's S1-U F-TEID.
  BearerContext to_modify;
  to_modify.ebi = 5;
  to_modify.fteid_instance0 = FTeid{interface_type::s1u_enb, 0x1234, kEnbAddress, std::nullopt};
  const GtpMessage mbr =
      mme.exchange(MessageType::modify_bearer_request, sgw_teid, {make_bearer_context_ie(to_modify, 0)});
  EXPECT_EQ(mbr.header.teid, kMmeTeid);
  EXPECT_EQ(cause_of(mbr), cause::request_accepted);
  const BearerContext modified = bearer_of(mbr);
  EXPECT_EQ(modified.fteid_instance0->interface_type, interface_type::s1u_sgw);
  ASSERT_TRUE(sgw.session(sgw_teid).has_value());
  EXPECT_EQ(sgw.session(sgw_teid)->bearers.at(5).enb_s1u->teid, 0x1234u);

  // Release Access Bearers when the UE goes idle: the eNB F-TEID is forgotten.
  const GtpMessage rab = mme.exchange(MessageType::release_access_bearers_request, sgw_teid, {});
  EXPECT_EQ(rab.type(), MessageType::release_access_bearers_response);
  EXPECT_EQ(cause_of(rab), cause::request_accepted);
  EXPECT_FALSE(sgw.session(sgw_teid)->bearers.at(5).enb_s1u.has_value());

  // Delete Session at detach; a second one finds no context.
  const GtpMessage dsr = mme.exchange(MessageType::delete_session_request, sgw_teid, {make_ie(Ebi{5})});
  EXPECT_EQ(dsr.header.teid, kMmeTeid);
  EXPECT_EQ(cause_of(dsr), cause::request_accepted);
  EXPECT_EQ(sgw.session_count(), 0u);
  const GtpMessage again = mme.exchange(MessageType::delete_session_request, sgw_teid, {make_ie(Ebi{5})});
  EXPECT_EQ(cause_of(again), cause::context_not_found);
}

TEST(EmulatedSgw, unknown_teid_gets_context_not_found_with_teid_zero_for_every_s11_request) {
  EmulatedSgw sgw;
  sgw.start(test_config());
  MmeS11Driver mme(sgw.local());
  for (MessageType t : {MessageType::modify_bearer_request, MessageType::release_access_bearers_request,
                        MessageType::delete_session_request}) {
    SCOPED_TRACE(message_name(static_cast<std::uint8_t>(t)));
    const GtpMessage rsp = mme.exchange(t, 0xdeadbeef, {});
    EXPECT_EQ(rsp.header.message_type, static_cast<std::uint8_t>(t) + 1);
    EXPECT_EQ(rsp.header.teid, 0u);
    EXPECT_EQ(cause_of(rsp), cause::context_not_found);
  }
  EXPECT_EQ(sgw.counters().context_not_found.load(), 3u);
}

TEST(EmulatedSgw, create_session_without_sender_f_teid_is_rejected_as_mandatory_ie_missing) {
  EmulatedSgw sgw;
  sgw.start(test_config());
  MmeS11Driver mme(sgw.local());
  const GtpMessage rsp = mme.exchange(MessageType::create_session_request, 0,
                                      {make_ie(Imsi{"001010000000001"}), make_ie(Apn{"internet"})});
  EXPECT_EQ(cause_of(rsp), cause::mandatory_ie_missing);
  EXPECT_EQ(sgw.session_count(), 0u);
}

TEST(EmulatedSgw, echo_request_is_answered_with_the_restart_counter) {
  EmulatedSgw sgw;
  sgw.start(test_config());
  MmeS11Driver mme(sgw.local());
  const GtpMessage rsp = mme.exchange(MessageType::echo_request, 0, {make_ie(Recovery{3})});
  EXPECT_EQ(rsp.type(), MessageType::echo_response);
  ASSERT_NE(find<Recovery>(rsp.ies), nullptr);
  EXPECT_EQ(find<Recovery>(rsp.ies)->restart_counter, 1);
}

TEST(EmulatedSgw, with_also_reply_to_a_copy_of_each_reply_reaches_the_suts_declared_s11_port_too) {
  // The SUT's S11 port, where an MME like NextEPC 0.3.10 reads replies to requests it sent from
  // another (ephemeral) port.
  transport::GtpcOptions o;
  o.local = transport::SocketAddress{"127.0.0.1", 0};
  transport::GtpcEndpoint sut_s11_port(o);
  SgwConfig c = test_config();
  c.also_reply_to = sut_s11_port.local();
  EmulatedSgw sgw;
  sgw.start(c);
  MmeS11Driver mme(sgw.local());
  const GtpMessage rsp = mme.exchange(MessageType::echo_request, 0, {make_ie(Recovery{3})});
  EXPECT_EQ(rsp.type(), MessageType::echo_response) << "the request's source port still gets the reply (TS 29.274 7.2.1)";
  const transport::GtpcEvent copy = sut_s11_port.receive(5s);
  ASSERT_FALSE(copy.bytes.empty()) << transport::to_string(copy.kind) << " " << copy.detail;
  auto m = decode(view_of(copy.bytes));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->type(), MessageType::echo_response);
  EXPECT_EQ(copy.peer, sgw.local());
}

TEST(EmulatedSgw, a_profile_with_reply_to_sut_port_sends_the_copy_to_the_suts_s11_endpoint) {
  profile::SutProfile p;
  p.runner_address = "127.0.0.7";
  p.s11 = profile::Endpoint{"127.0.0.8", 2123};
  p.sgw = profile::RunnerSgw{{"127.0.0.7", 2123}, true};
  EXPECT_EQ(sgw_config_from_profile(p).also_reply_to, (transport::SocketAddress{"127.0.0.8", 2123}));
  p.sgw->reply_to_sut_port = false;
  EXPECT_FALSE(sgw_config_from_profile(p).also_reply_to.has_value());
}

TEST(EmulatedSgw, every_datagram_in_and_out_is_reported_to_the_tap) {
  auto tap = std::make_shared<transport::Tap>();
  std::mutex mutex;
  std::vector<transport::TapRecord> records;
  tap->add([&](const transport::TapRecord& r) {
    std::lock_guard lock(mutex);
    records.push_back(r);
  });
  EmulatedSgw sgw(tap);
  sgw.start(test_config());
  MmeS11Driver mme(sgw.local());
  mme.create_session();
  sgw.stop();
  std::lock_guard lock(mutex);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].direction, transport::Direction::received);
  EXPECT_EQ(records[1].direction, transport::Direction::sent);
  EXPECT_EQ(records[1].transport, transport::TransportKind::udp);
  auto m = decode(view_of(records[1].bytes));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->type(), MessageType::create_session_response);
}

TEST(EmulatedSgw, configuration_from_a_profile_listens_on_the_runner_address_port_2123) {
  profile::SutProfile p;
  p.runner_address = "127.0.0.7";
  const SgwConfig c = sgw_config_from_profile(p);
  EXPECT_EQ(c.listen.to_string(), "127.0.0.7:2123");
  EXPECT_EQ(c.addressing.s1u_address, (Ipv4{127, 0, 0, 7}));
  p.runner_address = "::1";
  EXPECT_THROW(sgw_config_from_profile(p), std::invalid_argument);
}

}  // namespace
}  // namespace concur::roles::sgw
