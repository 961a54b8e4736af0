// The runner's MME role towards an eNB (rule 5 testing): an emulated eNB connects to its listener
// over userspace SCTP on loopback, S1 SETUP is answered, UE-associated S1AP goes out, and every
// message lands in the tap. The keys it hands out come from a real EPS AKA vector per round.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "roles/enb.h"
#include "roles/mme.h"
#include "security/aka.h"

namespace concur::roles {
namespace {

using namespace std::chrono_literals;

TEST(MmeRole, an_enb_connecting_gets_its_s1_setup_answered_and_then_ue_associated_s1ap) {
  auto tap = std::make_shared<transport::Tap>();
  std::atomic<int> reported{0};
  tap->add([&](const transport::TapRecord&) { ++reported; });
  transport::SctpOptions o;
  o.backend = transport::SctpBackend::userspace_udp;
  o.tap = tap;
  const s1ap::Plmn plmn = plmn_of("001", "01");
  std::string why;
  auto mme = Mme::listen({"127.0.0.1", 0}, o, plmn, why);
  ASSERT_TRUE(mme) << why;
  ASSERT_NE(mme->local().port, 0);
  ASSERT_NE(mme->udp_encapsulation_port(), 0);

  std::optional<std::string> accepted = "not run";
  std::thread server([&] { accepted = mme->accept_enb(10s); });
  transport::SctpOptions c;
  c.backend = transport::SctpBackend::userspace_udp;
  c.remote_udp_encapsulation_port = mme->udp_encapsulation_port();
  auto enb = Enb::connect(make_enb_identity(plmn, 7, 1, "enb-7"), mme->local(), c, "127.0.0.1", why);
  if (!enb) {
    server.join();
    FAIL() << why;
  }
  ASSERT_FALSE(enb->send(enb->s1_setup_request()));
  s1ap::S1apMessage response;
  bool got_response = false;
  for (int i = 0; i < 50 && !got_response; ++i) {
    auto e = enb->association().receive(200ms);
    if (e.kind != transport::SctpEventKind::message) continue;
    auto m = s1ap::decode_pdu(view_of(e.bytes));
    ASSERT_TRUE(m);
    response = *m;
    got_response = true;
  }
  server.join();
  ASSERT_FALSE(accepted) << *accepted;
  ASSERT_TRUE(got_response);
  const auto* r = std::get_if<s1ap::S1SetupResponse>(&response);
  ASSERT_TRUE(r) << "S1 SETUP answered with variant " << response.index();
  ASSERT_EQ(r->served_gummeis.size(), 1u);
  EXPECT_EQ(r->served_gummeis[0].served_plmns, std::vector<s1ap::Plmn>{plmn});
  EXPECT_EQ(mme->enb_setup().global_enb_id.id, 7u);
  EXPECT_EQ(mme->enb_setup().enb_name, "enb-7");

  s1ap::UeContextModificationRequest ucm;
  ucm.mme_ue_s1ap_id = 1000;
  ucm.enb_ue_s1ap_id = 1;
  ucm.security_key = s1ap::Key256{};
  ASSERT_FALSE(mme->send(ucm));
  bool got_ucm = false;
  for (int i = 0; i < 50 && !got_ucm; ++i) {
    auto e = enb->association().receive(200ms);
    if (e.kind != transport::SctpEventKind::message) continue;
    auto m = s1ap::decode_pdu(view_of(e.bytes));
    ASSERT_TRUE(m);
    got_ucm = std::holds_alternative<s1ap::UeContextModificationRequest>(*m);
    EXPECT_NE(e.stream, 0) << "UE-associated signalling goes on a stream other than 0 (TS 36.412 7)";
  }
  EXPECT_TRUE(got_ucm);
  // S1 SETUP REQUEST and RESPONSE and the UCM, at the MME's side.
  EXPECT_GE(reported.load(), 3);
  enb->close();
}

TEST(MmeRole, ue_keys_give_a_kasme_per_round_from_a_real_aka_vector_and_kenb_from_it) {
  // TS 35.208 Test Set 1 K and OPc (public test values).
  const security::Key128 k(std::array<std::uint8_t, 16>{0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f, 0xaa, 0x5f, 0x0a, 0x2e,
                                                        0xe2, 0x38, 0xa6, 0xbc});
  const security::Key128 opc(std::array<std::uint8_t, 16>{0xcd, 0x63, 0xcb, 0x71, 0x95, 0x4a, 0x9f, 0x4e, 0x48, 0xa5, 0x99, 0x4e,
                                                          0x37, 0xa0, 0x2b, 0xaf});
  const auto sn = security::ServingNetworkId::from_digits("001", "01");
  const auto first = ue_keys(k, opc, sn, 0), again = ue_keys(k, opc, sn, 0), next = ue_keys(k, opc, sn, 1);
  EXPECT_TRUE(first.kasme == again.kasme) << "deterministic: a run can be replayed";
  EXPECT_FALSE(first.kasme == next.kasme) << "each round is a new KASME";
  EXPECT_FALSE(first.kenb == next.kenb);
  EXPECT_TRUE(first.kenb == security::derive_kenb(first.kasme, 0));
}

}  // namespace
}  // namespace concur::roles
