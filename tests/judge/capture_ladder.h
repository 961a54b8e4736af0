// Builds pcap files of security procedures from real encoded messages: S1AP (codec), NAS-EPS
// protected with the security library (Milenage AKA, 128-EIA2/EEA2), GTPv2-C S10 relocations
// (codec), written with capture::PcapWriter. The tests play the MME and the UE; every key is
// computed, none made up, so a judge given the subscriber's K/OPc can decipher and check chains.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "capture/pcap_writer.h"
#include "codec/gtpv2/mobility.h"
#include "codec/nas/message.h"
#include "codec/s1ap/messages.h"
#include "monitor/event.h"
#include "security/milenage.h"
#include "security/nas_security.h"

namespace concur::judge::test {

using monitor::Key256;

/// TS 35.208 test set 1 (PROTOCOL-FACTS 2.2).
inline constexpr const char* kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
inline constexpr const char* kOpc = "cd63cb71954a9f4e48a5994e37a02baf";
inline constexpr const char* kImsi = "001010000000001";
/// MCC 001 / MNC 01: the TAI of every eNB here; a served TAI in profiles.
inline const s1ap::Plmn kPlmn{0x00, 0xf1, 0x10};

/// The key file text for the test subscriber.
std::string key_file_text();

/// One UE as both ends see it: its S1 connection and its security state (the MME's view, which
/// in a conformant run equals the UE's).
struct LadderUe {
  std::string imsi = kImsi;
  int enb = 1;                       ///< eNB number the UE is served by
  std::uint32_t mme_ue_s1ap_id = 1;
  std::uint32_t enb_ue_s1ap_id = 100;
  std::map<std::uint8_t, Key256> kasme;                 ///< by eKSI
  std::optional<security::NasSecurityContext> nas;      ///< current
  std::optional<security::NasSecurityContext> pending;  ///< between SMC and SMC COMPLETE
  std::uint8_t ksi = 0;                                  ///< eKSI of the current context
  Key256 kenb{};
  Key256 nh{};            ///< last NH of the chain in use (or the KeNB at NCC 0)
  std::uint8_t ncc = 0;
  std::uint8_t chain_ksi = 0;  ///< eKSI of the KASME the AS chain hangs off
  std::uint64_t sqn = 0x20;
};

class CaptureLadder {
 public:
  explicit CaptureLadder(const std::string& path);

  capture::TransportAddress mme_s1() const;
  capture::TransportAddress enb(int n) const;
  capture::TransportAddress mme_gtp() const;
  capture::TransportAddress peer_gtp() const;

  // ---- single messages ----
  void downlink(const LadderUe& ue, const s1ap::S1apMessage& m);
  void uplink(const LadderUe& ue, const s1ap::S1apMessage& m);
  void to_enb(int enb, const s1ap::S1apMessage& m);
  void from_enb(int enb, const s1ap::S1apMessage& m);
  void gtp(bool from_mme, const gtpv2::GtpMessage& m);
  void downlink_nas(const LadderUe& ue, const Bytes& nas);
  void uplink_nas(const LadderUe& ue, const Bytes& nas);
  /// Protects `plain` with the UE's current context (header type 2, ciphered).
  Bytes ciphered(LadderUe& ue, security::Direction d, const nas::NasMessage& plain);

  // ---- procedures ----
  /// ATTACH REQUEST, AKA (eKSI `ksi`), SMC (EEA2/EIA2), COMPLETE, ICS with KeNB, ICS RESPONSE,
  /// then a ciphered EMM INFORMATION.
  void attach(LadderUe& ue, std::uint8_t ksi);
  /// AUTHENTICATION REQUEST/RESPONSE (ciphered under the current context) for eKSI `ksi`.
  void authenticate(LadderUe& ue, std::uint8_t ksi);
  void security_mode_command(LadderUe& ue, std::uint8_t ksi);
  void security_mode_complete(LadderUe& ue);
  /// INITIAL CONTEXT SETUP REQUEST with the KeNB of the current KASME (the chain restarts).
  void initial_context_setup_request(LadderUe& ue);
  void initial_context_setup_response(LadderUe& ue);
  /// UE CONTEXT MODIFICATION REQUEST with a KeNB of the current KASME (the chain restarts).
  void ue_context_modification_request(LadderUe& ue);
  void ue_context_modification_response(LadderUe& ue);
  void ue_context_modification_failure(LadderUe& ue);
  /// Next {NCC, NH} of the AS chain: from the chain's KASME (old after a re-key, as rule 3 wants)
  /// or, when `from_kasme_ksi` names another eKSI, computed wrongly from that KASME.
  monitor::NhNcc next_nh(LadderUe& ue, std::optional<std::uint8_t> from_kasme_ksi = std::nullopt);
  /// Intra-MME S1 handover to eNB `target`, the HANDOVER REQUEST carrying `sc`.
  void s1_handover(LadderUe& ue, int target, const monitor::NhNcc& sc);
  /// HANDOVER REQUIRED towards a TAI of another MME (PLMN 002-02).
  void handover_required_inter_mme(LadderUe& ue);
  /// S10 FORWARD RELOCATION REQUEST from the MME with the UE's EPS context; `with_old` adds the
  /// old KASME's context (OSCI) of eKSI `old_ksi`.
  void forward_relocation_out(LadderUe& ue, std::uint32_t sequence, bool with_old, std::uint8_t old_ksi);
  /// The rest of the source side: response, HANDOVER COMMAND, completion, release.
  void finish_relocation_out(LadderUe& ue, std::uint32_t sequence);
  /// Target side: FORWARD RELOCATION REQUEST from the peer with new context `new_ksi` and the old
  /// one (OSCI, NHI_old) of `old_ksi`, both KASMEs the UE's.
  void forward_relocation_in(LadderUe& ue, std::uint32_t sequence, std::uint8_t new_ksi, std::uint8_t old_ksi,
                             const monitor::NhNcc& old_pair);
  /// Target side: HANDOVER REQUEST on eNB `target` (new leg) with `sc`, acknowledge, notify.
  void handover_in(LadderUe& ue, int target, const monitor::NhNcc& sc);
  void release(LadderUe& ue);

  std::size_t messages() const { return messages_; }

 private:
  void s1(const capture::TransportAddress& src, const capture::TransportAddress& dst, const s1ap::S1apMessage& m);
  capture::PcapWriter::Clock::time_point tick();

  capture::PcapWriter writer_;
  security::Milenage usim_;
  capture::PcapWriter::Clock::time_point t_;
  std::size_t messages_ = 0;
};

/// The plain octets of a key (tests compare keys as arrays).
template <std::size_t N>
std::array<std::uint8_t, N> plain_key(const security::SecretKey<N>& k) {
  std::array<std::uint8_t, N> out{};
  std::copy(k.view().begin(), k.view().end(), out.begin());
  return out;
}

}  // namespace concur::judge::test
