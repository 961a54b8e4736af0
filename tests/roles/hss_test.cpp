// The emulated HSS against a small MME-side driver over loopback TCP: CER, AIR, ULR, PUR, DWR as an
// MME sends them, and the vectors checked with the security library as a USIM would check them
// (MAC-A verifies, RES = XRES, KASME recomputed from CK/IK and the serving network).
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <variant>

#include "codec/diameter/message.h"
#include "codec/diameter/s6a.h"
#include "roles/hss/emulated_hss.h"
#include "security/aka.h"
#include "security/kdf.h"
#include "transport/diameter_tcp.h"

namespace concur::roles::hss {
namespace {

using namespace concur::diameter;
using namespace std::chrono_literals;

// TS 35.208 4.3 test set 1: K and OPc.
const security::Key128 kK = security::Key128::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
const security::Key128 kOpc = security::Key128::from_hex("cd63cb71954a9f4e48a5994e37a02baf");
const std::string kImsi = "001010000000001";
const std::string kMme = "mme.epc.mnc001.mcc001.3gppnetwork.org";
const std::string kRealm = "epc.mnc001.mcc001.3gppnetwork.org";
const PlmnOctets kPlmn{0x00, 0xf1, 0x10};  // 001-01

HssConfig test_config() {
  HssConfig c;
  c.listen = transport::SocketAddress{"127.0.0.1", 0};
  c.identity.origin_host = "hss." + kRealm;
  c.identity.origin_realm = kRealm;
  c.subscribers.push_back(SubscriberKeys{kImsi, kK, kOpc, {0x80, 0x00}, 0});
  c.poll = 20ms;
  return c;
}

/// The MME side of S6a in a few lines: one connection, request/answer with a guard timer.
class MmeDriver {
 public:
  explicit MmeDriver(const transport::SocketAddress& hss, std::shared_ptr<transport::Tap> tap = nullptr) {
    transport::DiameterOptions o;
    o.tap = std::move(tap);
    connection_ = transport::diameter_connect(hss, o);
  }
  Message exchange(const Message& request) {
    EXPECT_TRUE(connection_->send(view_of(encode(request))));
    return receive();
  }
  Message exchange_raw(const Bytes& request) {
    EXPECT_TRUE(connection_->send(view_of(request)));
    return receive();
  }
  Message receive() {
    const transport::DiameterEvent e = connection_->receive(5s);
    EXPECT_EQ(e.kind, transport::DiameterEventKind::message) << e.detail;
    auto m = decode(view_of(e.bytes));
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().to_string());
    return m.ok() ? *m : Message{};
  }
  std::uint32_t next_id() { return ++id_; }
  Route route() { return Route{make_session_id(kMme, 1, next_id()), kMme, kRealm, std::nullopt, kRealm}; }
  transport::DiameterConnection& connection() { return *connection_; }

  AuthenticationInformationAnswer air(const std::string& imsi, std::uint32_t vectors = 1,
                                      std::optional<Bytes> resync = std::nullopt) {
    AuthenticationInformationRequest r{route(), imsi, kPlmn, vectors, false, std::move(resync)};
    const std::uint32_t id = next_id();
    const Message answer = exchange(build(r, id, id));
    EXPECT_EQ(answer.hop_by_hop, id);
    auto a = parse_authentication_information_answer(answer);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().to_string());
    return a.ok() ? *a : AuthenticationInformationAnswer{};
  }

 private:
  std::unique_ptr<transport::DiameterConnection> connection_;
  std::uint32_t id_ = 0;
};

CapabilitiesExchange mme_capabilities() {
  CapabilitiesExchange c;
  c.origin_host = kMme;
  c.origin_realm = kRealm;
  c.host_ip_addresses = {"127.0.0.1"};
  c.product_name = "test-mme";
  c.auth_application_ids = {kApplicationS6a};
  return c;
}

template <std::size_t N>
std::array<std::uint8_t, N> arr(const Bytes& b) {
  std::array<std::uint8_t, N> a{};
  EXPECT_EQ(b.size(), N);
  std::copy_n(b.begin(), std::min(N, b.size()), a.begin());
  return a;
}

/// What the USIM and ME make of a vector: success with RES = XRES and the same KASME.
security::AkaSuccess usim_accepts(const EutranVector& v, security::UsimSqnWindow& window) {
  const security::Milenage usim(kK, kOpc);
  const auto sn = security::ServingNetworkId::from_plmn_identity(kPlmn);
  const auto outcome = security::ue_authenticate(usim, window, arr<16>(v.rand), arr<16>(v.autn), sn);
  const auto* ok = std::get_if<security::AkaSuccess>(&outcome);
  EXPECT_NE(ok, nullptr) << "USIM rejected the vector (variant index " << outcome.index() << ")";
  return ok ? *ok : security::AkaSuccess{};
}

TEST(EmulatedHss, mme_attach_exchange_yields_a_vector_the_usim_accepts_with_res_equal_xres_and_the_same_kasme) {
  EmulatedHss hss;
  hss.start(test_config());
  MmeDriver mme(hss.local());

  auto cea = parse_capabilities_exchange(mme.exchange(build_capabilities_exchange_request(mme_capabilities(), 1, 1)));
  ASSERT_TRUE(cea.ok()) << cea.error().to_string();
  EXPECT_EQ(cea->result_code, result::success);
  EXPECT_EQ(cea->origin_host, "hss." + kRealm);
  EXPECT_EQ(cea->auth_application_ids, std::vector<std::uint32_t>{kApplicationS6a});

  const AuthenticationInformationAnswer aia = mme.air(kImsi);
  EXPECT_TRUE(aia.outcome.ok());
  ASSERT_EQ(aia.vectors.size(), 1u);
  const EutranVector& v = aia.vectors[0];
  security::UsimSqnWindow window;
  const security::AkaSuccess ue = usim_accepts(v, window);
  EXPECT_EQ(to_hex(ByteView(ue.res.data(), ue.res.size())), to_hex(view_of(v.xres)));
  EXPECT_EQ(ue.kasme.reveal_hex(), to_hex(view_of(v.kasme)));
  // KASME recomputed from CK/IK (TS 33.401 A.2) with SN id 00f110 and SQN xor AK from AUTN.
  std::array<std::uint8_t, 6> sqn_xor_ak{};
  std::copy_n(v.autn.begin(), 6, sqn_xor_ak.begin());
  const auto kasme =
      security::derive_kasme(ue.ck, ue.ik, security::ServingNetworkId::from_digits("001", "01"), sqn_xor_ak);
  EXPECT_EQ(kasme.reveal_hex(), to_hex(view_of(v.kasme)));

  UpdateLocationRequest ulr{mme.route(), kImsi, kRatTypeEutran, ulr_flag::s6a_s6d_indicator | ulr_flag::initial_attach,
                            kPlmn};
  auto ula = parse_update_location_answer(mme.exchange(build(ulr, 10, 10)));
  ASSERT_TRUE(ula.ok()) << ula.error().to_string();
  EXPECT_TRUE(ula->outcome.ok());
  EXPECT_EQ(ula->route.session_id, ulr.route.session_id);
  ASSERT_TRUE(ula->subscription.has_value());
  EXPECT_EQ(ula->subscription->msisdn, "490000000001");
  ASSERT_EQ(ula->subscription->apns.size(), 1u);
  EXPECT_EQ(ula->subscription->apns[0].service_selection, "internet");
  EXPECT_GT(ula->subscription->ambr_dl, 0u);
  // Inside Subscription-Data as TS 29.272 7.3.2 has it, and at the top level for NextEPC 0.3.10.
  EXPECT_EQ(ula->subscription->subscribed_periodic_rau_tau_timer, 54u * 60);
  EXPECT_EQ(ula->top_level_rau_tau_timer, 54u * 60);

  auto dwa = parse_device_watchdog(mme.exchange(build_device_watchdog_request({kMme, kRealm, 1, {}}, 11, 11)));
  ASSERT_TRUE(dwa.ok());
  EXPECT_EQ(dwa->result_code, result::success);

  auto pua = parse_purge_ue_answer(mme.exchange(build(PurgeUeRequest{mme.route(), kImsi, 0}, 12, 12)));
  ASSERT_TRUE(pua.ok()) << pua.error().to_string();
  EXPECT_TRUE(pua->outcome.ok());

  auto dpa = parse_disconnect_peer(mme.exchange(build_disconnect_peer_request({kMme, kRealm, 0, {}}, 13, 13)));
  ASSERT_TRUE(dpa.ok());
  EXPECT_EQ(dpa->result_code, result::success);
  EXPECT_EQ(hss.counters().air.load(), 1u);
  EXPECT_EQ(hss.counters().ulr.load(), 1u);
}

TEST(EmulatedHss, unknown_imsi_gets_experimental_result_user_unknown_on_air_ulr_and_pur) {
  EmulatedHss hss;
  hss.start(test_config());
  MmeDriver mme(hss.local());
  const auto aia = mme.air("001019999999999");
  EXPECT_EQ(aia.outcome.experimental_code, result::error_user_unknown);
  EXPECT_EQ(aia.outcome.experimental_vendor, kVendor3gpp);
  EXPECT_TRUE(aia.vectors.empty());
  auto ula = parse_update_location_answer(
      mme.exchange(build(UpdateLocationRequest{mme.route(), "001019999999999", kRatTypeEutran, 2, kPlmn}, 2, 2)));
  ASSERT_TRUE(ula.ok());
  EXPECT_EQ(ula->outcome.experimental_code, 5001u);
  EXPECT_FALSE(ula->subscription.has_value());
  auto pua = parse_purge_ue_answer(mme.exchange(build(PurgeUeRequest{mme.route(), "001019999999999", {}}, 3, 3)));
  ASSERT_TRUE(pua.ok());
  EXPECT_EQ(pua->outcome.experimental_code, 5001u);
}

TEST(EmulatedHss, every_vector_advances_sqn_so_the_usim_accepts_each_in_turn) {
  EmulatedHss hss;
  hss.start(test_config());
  MmeDriver mme(hss.local());
  security::UsimSqnWindow window;
  std::uint64_t last = 0;
  for (int i = 0; i < 3; ++i) {
    const auto aia = mme.air(kImsi);
    ASSERT_EQ(aia.vectors.size(), 1u);
    const auto ue = usim_accepts(aia.vectors[0], window);
    EXPECT_GT(ue.sqn, last);
    last = ue.sqn;
    EXPECT_EQ(hss.sqn(kImsi), ue.sqn);
  }
  const auto several = mme.air(kImsi, 3);
  ASSERT_EQ(several.vectors.size(), 3u);
  EXPECT_NE(several.vectors[0].rand, several.vectors[1].rand);
  EXPECT_EQ(several.vectors[2].item_number, 3u);
}

TEST(EmulatedHss, synch_failure_auts_resynchronises_sqn_and_the_next_vector_is_accepted) {
  EmulatedHss hss;
  hss.start(test_config());
  MmeDriver mme(hss.local());
  // The USIM has already accepted a much higher SQN than the HSS holds.
  security::UsimSqnWindow window(security::UsimSqnWindow::Params{}, 32 * 1000);
  const auto first = mme.air(kImsi).vectors.at(0);
  const security::Milenage usim(kK, kOpc);
  const auto outcome = security::ue_authenticate(usim, window, arr<16>(first.rand), arr<16>(first.autn),
                                                 security::ServingNetworkId::from_plmn_identity(kPlmn));
  const auto* synch = std::get_if<security::AkaSynchFailure>(&outcome);
  ASSERT_NE(synch, nullptr) << "expected a synch failure";
  Bytes resync = first.rand;
  resync.insert(resync.end(), synch->auts.begin(), synch->auts.end());
  const auto second = mme.air(kImsi, 1, resync);
  ASSERT_EQ(second.vectors.size(), 1u);
  EXPECT_EQ(hss.counters().resync.load(), 1u);
  const auto ue = usim_accepts(second.vectors[0], window);
  EXPECT_GT(ue.sqn, 32u * 1000);
}

TEST(EmulatedHss, request_with_a_bad_avp_gets_invalid_avp_value_and_the_connection_keeps_serving) {
  EmulatedHss hss;
  hss.start(test_config());
  MmeDriver mme(hss.local());
  // A well-framed AIR whose Visited-PLMN-Id has 2 octets instead of 3.
  Message air = build(AuthenticationInformationRequest{mme.route(), kImsi, kPlmn, 1, false, {}}, 5, 5);
  for (Avp& a : air.avps)
    if (a.is(avp::visited_plmn_id)) a.data.resize(2);
  const Message answer = mme.exchange(air);
  EXPECT_EQ(answer.hop_by_hop, 5u);
  ASSERT_NE(find(answer.avps, avp::result_code), nullptr);
  EXPECT_EQ(as_u32(*find(answer.avps, avp::result_code)), result::invalid_avp_value);
  ASSERT_NE(find(answer.avps, avp::error_message), nullptr);
  EXPECT_NE(as_text(*find(answer.avps, avp::error_message)).find("Visited-PLMN-Id"), std::string::npos);

  // AVP length running past the message: the AVPs do not decode, the header does.
  Bytes broken = encode(build_device_watchdog_request({kMme, kRealm, 1, {}}, 6, 6));
  broken[20 + 5] = 0x7f;
  const Message answer2 = mme.exchange_raw(broken);
  EXPECT_EQ(answer2.hop_by_hop, 6u);
  EXPECT_EQ(as_u32(*find(answer2.avps, avp::result_code)), result::invalid_avp_value);

  // A missing mandatory AVP has its own code.
  Message ulr = build(UpdateLocationRequest{mme.route(), kImsi, kRatTypeEutran, 2, kPlmn}, 7, 7);
  std::erase_if(ulr.avps, [](const Avp& a) { return a.is(avp::user_name); });
  EXPECT_EQ(as_u32(*find(mme.exchange(ulr).avps, avp::result_code)), result::missing_avp);

  EXPECT_TRUE(mme.air(kImsi).outcome.ok());  // still serving on the same connection
  EXPECT_EQ(hss.counters().invalid.load(), 3u);
}

TEST(EmulatedHss, broken_framing_closes_only_that_connection_and_new_connections_are_served) {
  EmulatedHss hss;
  hss.start(test_config());
  {
    // A plain TCP client: DiameterConnection::send refuses to send a header it considers invalid.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_storage sa{};
    const socklen_t len = hss.local().to_sockaddr(sa);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&sa), len), 0);
    const Bytes garbage = from_hex("0200001480000101000000000000000100000001");  // version 2
    ASSERT_EQ(::send(fd, garbage.data(), garbage.size(), 0), static_cast<ssize_t>(garbage.size()));
    pollfd p{fd, POLLIN, 0};
    ASSERT_EQ(::poll(&p, 1, 5000), 1) << "the HSS neither answered nor closed";
    std::uint8_t buf[16];
    EXPECT_EQ(::recv(fd, buf, sizeof buf, 0), 0) << "expected the HSS to close the connection";
    ::close(fd);
  }
  MmeDriver good(hss.local());
  EXPECT_TRUE(good.air(kImsi).outcome.ok());
  EXPECT_EQ(hss.connections_accepted(), 2u);
}

TEST(EmulatedHss, unsupported_command_gets_command_unsupported_with_the_error_bit) {
  EmulatedHss hss;
  hss.start(test_config());
  MmeDriver mme(hss.local());
  Message idr;  // Insert-Subscriber-Data (319) is the HSS's own request, not one it serves
  idr.flags = kFlagRequest | kFlagProxiable;
  idr.command_code = 319;
  idr.application_id = kApplicationS6a;
  idr.hop_by_hop = idr.end_to_end = 9;
  idr.avps = {make_text(avp::session_id, "x;1;2"), make_text(avp::origin_host, kMme),
              make_text(avp::origin_realm, kRealm)};
  const Message a = mme.exchange(idr);
  EXPECT_TRUE(a.flags & kFlagError);
  EXPECT_EQ(as_u32(*find(a.avps, avp::result_code)), result::command_unsupported);
  EXPECT_EQ(as_text(*find(a.avps, avp::session_id)), "x;1;2");
}

TEST(EmulatedHss, every_message_in_and_out_is_reported_to_the_tap) {
  auto tap = std::make_shared<transport::Tap>();
  std::mutex mutex;
  std::vector<transport::TapRecord> records;
  tap->add([&](const transport::TapRecord& r) {
    std::lock_guard lock(mutex);
    records.push_back(r);
  });
  EmulatedHss hss(tap);
  hss.start(test_config());
  const transport::SocketAddress hss_address = hss.local();
  MmeDriver mme(hss_address);  // the driver does not report: only the HSS's records are counted
  mme.exchange(build_capabilities_exchange_request(mme_capabilities(), 1, 1));
  mme.air(kImsi);
  hss.stop();
  std::lock_guard lock(mutex);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].direction, transport::Direction::received);
  EXPECT_EQ(records[1].direction, transport::Direction::sent);
  EXPECT_EQ(records[0].transport, transport::TransportKind::tcp);
  EXPECT_EQ(records[3].local, hss_address);
  auto aia = decode(view_of(records[3].bytes));
  ASSERT_TRUE(aia.ok());
  EXPECT_EQ(aia->command_code, command::authentication_information);
}

TEST(EmulatedHss, configuration_from_a_profile_uses_the_runner_address_the_plmn_realm_and_its_subscribers) {
  profile::SutProfile p;
  p.runner_address = "127.0.0.5";
  p.mcc = "001";
  p.mnc = "01";
  profile::Subscriber s;
  s.imsi = kImsi;
  s.k = kK;
  s.op = security::Key128::from_hex("cdc202d5123e20f62b6d676ac72cb318");  // TS 35.208 test set 1 OP
  p.subscribers.push_back(s);
  const HssConfig c = hss_config_from_profile(p);
  EXPECT_EQ(c.listen.to_string(), "127.0.0.5:3868");
  EXPECT_EQ(c.identity.origin_realm, "epc.mnc001.mcc001.3gppnetwork.org");
  EXPECT_EQ(c.identity.origin_host, "hss.epc.mnc001.mcc001.3gppnetwork.org");
  ASSERT_EQ(c.subscribers.size(), 1u);
  EXPECT_TRUE(c.subscribers[0].opc == kOpc);  // OPc computed from OP
}

}  // namespace
}  // namespace concur::roles::hss
