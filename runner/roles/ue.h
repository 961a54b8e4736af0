// An emulated UE with a USIM (K, OPc): the NAS side of TS 24.301 with real EPS AKA and NAS
// security, and the key view of a UE that follows TS 33.401 7.2.10 rule 4 — after an SMC for a
// new KASME its AS chain stays on the old KASME until the network takes a new KeNB into use. That
// view is the oracle the scenario's matchers use to say which chain an {NCC, NH} came from.
#pragma once
#include <optional>
#include <string>
#include <variant>

#include "codec/nas/message.h"
#include "common/bytes.h"
#include "security/aka.h"
#include "security/key_chain.h"
#include "security/milenage.h"
#include "security/nas_security.h"

namespace concur::roles {

/// What went wrong in a role, in words for a verdict or a log.
struct RoleError {
  std::string reason;
};

template <class T>
using Outcome = std::variant<T, RoleError>;

struct UsimConfig {
  std::string imsi;
  security::Key128 k;
  security::Key128 opc;
  std::string mcc = "001";
  std::string mnc = "01";
  /// UE network capability octets 1-2 (TS 24.301 9.9.3.34): EEA0-7 then EIA0-7, bit 8 first.
  std::array<std::uint8_t, 2> capability{0xE0, 0xE0};
};

class Ue {
 public:
  explicit Ue(UsimConfig usim);

  const std::string& imsi() const { return config_.imsi; }

  Bytes attach_request() const;
  /// ATTACH COMPLETE carrying the ACTIVATE DEFAULT EPS BEARER CONTEXT ACCEPT for the bearer the
  /// ATTACH ACCEPT's container activates (TS 24.301 5.5.1.2.4: the UE sends them together; an
  /// MME may refuse an empty container, as NextEPC 0.3.10 does). Protected with the current context.
  Bytes attach_complete(const nas::AttachAccept& accept);
  /// Switch-off DETACH REQUEST (no answer expected), protected when a context is current.
  Bytes detach_request();
  /// A downlink NAS PDU: plain, or verified (and deciphered) with the context it names. An SMC
  /// creates the context from the last AKA and is verified with it.
  Outcome<nas::NasMessage> read_downlink(ByteView pdu);
  /// AUTHENTICATION RESPONSE, or AUTHENTICATION FAILURE (MAC / synch failure) as a real USIM.
  Outcome<Bytes> answer_authentication(const nas::AuthenticationRequest& request);
  /// SECURITY MODE COMPLETE (header type 4, new context); the context is taken into use.
  Outcome<Bytes> answer_security_mode_command(const nas::SecurityModeCommand& smc);
  /// SECURITY MODE REJECT (plain, TS 24.301 5.4.3.5); the context the SMC named is dropped.
  Bytes reject_security_mode_command(const nas::SecurityModeCommand& smc, std::uint8_t emm_cause);
  Bytes protect_uplink(const nas::NasMessage& m);
  /// TRACKING AREA UPDATE REQUEST (TA updating, current eKSI, the GUTI of the last ATTACH ACCEPT)
  /// protected with the current context, its MAC then spoilt: a re-authentication trigger from
  /// the UE's side, since an MME cannot trust the UE's context after a failed integrity check and
  /// may re-authenticate it (TS 24.301 4.4.4.3). nullopt without a current context or a GUTI.
  std::optional<Bytes> tracking_area_update_request_failing_integrity();
  /// The GUTI of the last ATTACH ACCEPT (it names the UE in ECM-IDLE: S-TMSI, TS 23.003 2.9).
  const std::optional<nas::Guti>& guti() const { return guti_; }
  /// SERVICE REQUEST (TS 24.301 8.2.25) with the current context's eKSI, the 5-bit sequence number
  /// and short MAC of its next uplink COUNT; nullopt without a current context. Remembers the
  /// KeNB a network must derive from it (TS 33.401 7.2.9.2, A.3: the current KASME and that COUNT).
  std::optional<Bytes> service_request();
  /// KDF(KASME NAS uses, the last SERVICE REQUEST's uplink COUNT): the KeNB its ICS must carry.
  const std::optional<security::Key256>& service_request_kenb() const { return service_request_kenb_; }

  // --- the rule-4 key view
  /// INITIAL CONTEXT SETUP (or UCM) carrying a KeNB the UE can expect: AS runs on the KASME NAS uses.
  void as_security_started();
  /// The network took a KeNB of the new KASME into use (UCM answered with success).
  void new_kasme_taken_into_use();
  /// UE CONTEXT RELEASE: ECM-IDLE, AS keys gone; NAS keeps its context.
  void connection_released();
  /// Which KASME {ncc, nh} descends from, as this UE knows its KASMEs.
  security::NhAttribution attribute(std::uint8_t ncc, const security::Key256& nh) const;
  // --- arriving by an inter-MME handover from the runner's own peer MME (rule 9)
  /// The KASME a network derives for this USIM from `rand` and `sqn` (the peer MME's own AKA run,
  /// TS 33.401 A.2): the UE never ran it over the air, but holds the same keys.
  security::Key256 kasme_for(const security::Rand& rand, std::uint64_t sqn) const;
  /// The peer MME relocates this UE to the SUT after an SMC for `new_kasme` and before a UCM:
  /// NAS runs on the new context (next counts as handed over), AS on the old KASME's chain at
  /// {ncc, nh}, and the new KASME waits for a UCM (rule 4).
  void arrive_by_relocation(std::uint8_t old_eksi, const security::Key256& old_kasme, std::uint8_t ncc, const security::Key256& nh,
                            std::uint8_t new_eksi, const security::Key256& new_kasme, security::CipheringAlgorithm eea,
                            security::IntegrityAlgorithm eia, std::uint32_t uplink_count, std::uint32_t downlink_count);
  /// Which of this UE's KASMEs `kasme` is, named as the rule-4 view names them (old, new,
  /// current); nullopt for a KASME the UE never derived.
  std::optional<security::KasmeRole> kasme_role(const security::Key256& kasme) const;
  /// The KASME NAS uses and the one AS uses (eKSI), when known.
  std::optional<std::uint8_t> nas_eksi() const;

 private:
  UsimConfig config_;
  security::Milenage usim_;
  security::ServingNetworkId sn_;
  security::UsimSqnWindow window_;
  security::NasContextStore nas_;
  std::optional<std::pair<std::uint8_t, security::Key256>> last_aka_;
  std::uint32_t smc_complete_uplink_count_ = 0;
  /// The uplink COUNT of the SERVICE REQUEST that left ECM-IDLE: the next KeNB's (A.3).
  std::optional<std::uint32_t> service_request_uplink_count_;
  /// What a conformant network holds for this UE (the UE's expectation of every key).
  security::NetworkKeyState expected_;
  std::optional<std::pair<std::uint8_t, security::Key256>> nas_kasme_;
  std::optional<nas::Guti> guti_;
  std::optional<security::Key256> service_request_kenb_;
};

}  // namespace concur::roles
