// The tester's side of S1-MME: an emulated eNB (transport + S1AP codec) and an emulated UE
// (NAS codec + security library: real Milenage AKA, real NAS integrity and ciphering, the UE's
// own key derivations). Nothing here shares code or state with the MME under test.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "codec/nas/message.h"
#include "codec/s1ap/messages.h"
#include "mme_process.h"
#include "security/aka.h"
#include "security/key_chain.h"
#include "security/nas_security.h"
#include "transport/sctp.h"

namespace concur::reference::testing {

inline constexpr auto kWait = std::chrono::milliseconds(5000);
inline const s1ap::Plmn kPlmn{0x00, 0xf1, 0x10};  // MCC 001 MNC 01 (TS 36.413 9.2.3.8 example)

class TestEnb {
 public:
  TestEnb(const MmeProcess& mme, std::uint32_t enb_id, std::uint16_t tac);
  bool up() const { return up_; }

  void send(const s1ap::S1apMessage& m, std::uint16_t stream = 1);
  void send_raw(const Bytes& bytes, std::uint16_t stream = 0);
  /// The next S1AP PDU, decoded; nullopt on timeout or association trouble (reason in `why`).
  std::optional<s1ap::S1apMessage> receive(std::chrono::milliseconds timeout, std::string* why = nullptr);
  /// The next PDU must be a T; otherwise a test failure naming what came instead.
  template <class T>
  std::optional<T> expect(std::chrono::milliseconds timeout = kWait) {
    std::string why;
    auto m = receive(timeout, &why);
    if (!m) {
      ADD_FAILURE() << "eNB " << id.id << ": waited for " << typeid(T).name() << ": " << why;
      return std::nullopt;
    }
    if (auto* t = std::get_if<T>(&*m)) return std::move(*t);
    ADD_FAILURE() << "eNB " << id.id << ": expected " << typeid(T).name() << ", got variant index " << m->index();
    return std::nullopt;
  }

  s1ap::S1SetupRequest s1_setup_request(const s1ap::Plmn& plmn = kPlmn) const;
  /// S1 SETUP REQUEST -> RESPONSE.
  bool setup();

  s1ap::GlobalEnbId id;
  s1ap::Tai tai;
  s1ap::Ecgi ecgi;

 private:
  std::unique_ptr<transport::SctpAssociation> association_;
  bool up_ = false;
};

/// A UE with a USIM (K, OPc) that follows TS 33.401: AKA, NAS SMC, its own KeNB and NH chain.
class TestUe {
 public:
  TestUe();

  Bytes attach_request() const;
  /// Reads a downlink NAS PDU: plain, or verified and deciphered with the current context (an
  /// SMC is verified with the context it creates). nullopt (with a test failure) on a bad MAC.
  std::optional<nas::NasMessage> read_downlink(ByteView pdu);
  /// AUTHENTICATION REQUEST -> AUTHENTICATION RESPONSE (protected if a context is current).
  Bytes answer_authentication(const nas::AuthenticationRequest& request);
  /// SECURITY MODE COMMAND (read by read_downlink) -> SECURITY MODE COMPLETE, header type 4.
  Bytes answer_security_mode_command(const nas::SecurityModeCommand& smc);
  Bytes protect_uplink(const nas::NasMessage& m);

  /// KASME of the last successful AKA and the context in use.
  std::optional<std::pair<std::uint8_t, security::Key256>> last_aka;
  std::uint32_t smc_complete_uplink_count = 0;
  security::NasContextStore nas;
  security::UsimSqnWindow usim_window;

 private:
  security::Milenage usim_;
  security::ServingNetworkId sn_;
};

/// S1AP octets from a security::Key256 (both are 32 octets).
s1ap::Key256 to_s1ap(const security::Key256& k);

/// Everything an attached UE has on the eNB side.
struct AttachedUe {
  std::uint32_t mme_ue_s1ap_id = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
  s1ap::Key256 kenb{};  ///< what the MME sent
  std::uint8_t eksi = 0;
  security::Key256 kasme;
  std::uint32_t kenb_uplink_count = 0;
  nas::Guti guti;  ///< from the ATTACH ACCEPT
};

/// Runs a full attach of `ue` through `enb` (ICS answered, ATTACH COMPLETE sent) and returns
/// the ids and keys; failures are test failures.
std::optional<AttachedUe> attach(TestEnb& enb, TestUe& ue, std::uint32_t enb_ue_s1ap_id);

}  // namespace concur::reference::testing
