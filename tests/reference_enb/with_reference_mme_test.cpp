// Two reference eNBs against concur-reference-mme, three processes on loopback (userspace SCTP):
// an attach carried by the source eNB's NAS commands (the test plays the UE with the suite's UE
// emulator), a re-authentication whose UE CONTEXT MODIFICATION the eNB takes into use, then an S1
// handover from one reference eNB to the other through the MME. Interworking evidence for both
// reference SUTs; the KeNBs are recomputed here from the UE's own keys (TS 33.401 A.3).
#include <gtest/gtest.h>

#include "emulators.h"
#include "harness.h"
#include "mme_process.h"
#include "security/kdf.h"

namespace concur::reference::enb::testing {
namespace {

using namespace std::chrono_literals;
namespace ref = concur::reference::testing;

/// The next downlink NAS PDU the eNB reported for `ue`, asked for until `timeout`.
std::optional<Bytes> next_downlink_nas(EnbProcess& enb, std::uint32_t ue, std::chrono::milliseconds timeout = kWait) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string prefix = "ok downlink-nas ue=" + std::to_string(ue) + " ";
  while (std::chrono::steady_clock::now() < deadline) {
    const auto reply = enb.control("downlink-nas " + std::to_string(ue));
    if (!reply || reply->rfind(prefix, 0) != 0) {
      ADD_FAILURE() << "downlink-nas: " << reply.value_or("(no reply)");
      return std::nullopt;
    }
    const std::string hex = reply->substr(prefix.size());
    if (hex != "none") return from_hex(hex);
  }
  ADD_FAILURE() << "no downlink NAS for UE " << ue << " in time";
  return std::nullopt;
}

/// The UE reads the next downlink NAS PDU, which must be a T.
template <class T>
std::optional<T> ue_reads(EnbProcess& enb, ref::TestUe& ue, std::uint32_t id) {
  const auto pdu = next_downlink_nas(enb, id);
  if (!pdu) return std::nullopt;
  auto m = ue.read_downlink(view_of(*pdu));
  if (!m) return std::nullopt;
  if (auto* t = std::get_if<T>(&*m)) return *t;
  ADD_FAILURE() << "the UE expected " << typeid(T).name() << ", got " << nas::message_name(*m);
  return std::nullopt;
}

bool uplink(EnbProcess& enb, std::uint32_t id, const Bytes& pdu) {
  const auto reply = enb.control("uplink-nas " + std::to_string(id) + " " + to_hex(view_of(pdu)));
  EXPECT_EQ(reply.value_or(""), "ok uplink-nas ue=" + std::to_string(id));
  return reply && reply->rfind("ok", 0) == 0;
}

TEST(ReferenceEnbWithReferenceMme, attach_reauthentication_and_s1_handover_between_two_reference_enbs) {
  ref::MmeProcess mme;
  ASSERT_TRUE(mme.started()) << mme.transcript();
  EnbOptions source_options, target_options;
  target_options.enb_id = 2;
  target_options.tac = 2;
  target_options.pci = 8;
  EnbProcess source(mme.s1_address(), mme.udp_encapsulation_port(), source_options);
  EnbProcess target(mme.s1_address(), mme.udp_encapsulation_port(), target_options);
  ASSERT_TRUE(source.wait_for_line("s1-setup done", 10s)) << source.transcript() << mme.transcript();
  ASSERT_TRUE(target.wait_for_line("s1-setup done", 10s)) << target.transcript() << mme.transcript();

  // Attach: AKA and NAS SMC through the source eNB, then ICS, which the eNB answers by itself.
  ref::TestUe ue;
  ASSERT_EQ(source.control("ue-connect " + to_hex(view_of(ue.attach_request()))).value_or(""), "ok ue-connect ue=1");
  const auto auth = ue_reads<nas::AuthenticationRequest>(source, ue, 1);
  ASSERT_TRUE(auth) << source.transcript() << mme.transcript();
  ASSERT_TRUE(uplink(source, 1, ue.answer_authentication(*auth)));
  const auto smc = ue_reads<nas::SecurityModeCommand>(source, ue, 1);
  ASSERT_TRUE(smc) << mme.transcript();
  ASSERT_TRUE(uplink(source, 1, ue.answer_security_mode_command(*smc)));
  ASSERT_TRUE(ue_reads<nas::AttachAccept>(source, ue, 1)) << mme.transcript();  // from the ICS E-RAB
  ASSERT_TRUE(uplink(source, 1, ue.protect_uplink(nas::AttachComplete{})));
  const auto kenb = security::derive_kenb(ue.last_aka->second, ue.smc_complete_uplink_count);
  ASSERT_TRUE(source.wait_for_status("context=1 kenb=" + kenb.fingerprint())) << source.transcript();
  ASSERT_TRUE(mme.wait_for_status("registered=1")) << mme.transcript();

  // Re-authentication in ECM-CONNECTED: AKA, SMC, then UCM with a KeNB of the new KASME.
  ASSERT_EQ(mme.control("reauth " + std::string(ref::kImsi)).value_or("").rfind("ok", 0), 0u) << mme.transcript();
  const auto reauth = ue_reads<nas::AuthenticationRequest>(source, ue, 1);
  ASSERT_TRUE(reauth) << mme.transcript();
  ASSERT_TRUE(uplink(source, 1, ue.answer_authentication(*reauth)));
  const auto smc2 = ue_reads<nas::SecurityModeCommand>(source, ue, 1);
  ASSERT_TRUE(smc2) << mme.transcript();
  ASSERT_TRUE(uplink(source, 1, ue.answer_security_mode_command(*smc2)));
  const auto new_kenb = security::derive_kenb(ue.last_aka->second, ue.smc_complete_uplink_count);
  ASSERT_TRUE(source.wait_for_status("kenb=" + new_kenb.fingerprint())) << source.transcript() << mme.transcript();
  ASSERT_TRUE(source.wait_for_line("send stream=1 UEContextModificationResponse")) << source.transcript();

  // S1 handover from eNB 1 to eNB 2 through the MME.
  ASSERT_EQ(source.control("handover 1 2 2").value_or(""), "ok handover ue=1 required");
  ASSERT_TRUE(target.wait_for_status("incoming_handover=1")) << target.transcript() << mme.transcript();
  ASSERT_TRUE(source.wait_for_status("handover=prepared")) << source.transcript() << mme.transcript();
  ASSERT_EQ(target.control("handover-notify 1").value_or(""), "ok handover-notify ue=1") << target.transcript();
  EXPECT_TRUE(source.wait_for_status("ues=0")) << source.transcript() << mme.transcript();
  const auto arrived = target.wait_for_status("context=1");
  ASSERT_TRUE(arrived);
  EXPECT_NE(arrived->find("incoming_handover=0"), std::string::npos) << *arrived;
  EXPECT_EQ(arrived->find("ncc=-"), std::string::npos) << "the target took no {NCC, NH}: " << *arrived;
}

}  // namespace
}  // namespace concur::reference::enb::testing
