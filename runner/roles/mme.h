// The runner's MME on S1-MME, for testing an eNB (TS 33.401 7.2.10 rule 5 binds the eNB): an SCTP
// server the eNB connects to (kernel or userspace, per the profile), every message reported to
// the run's transport::Tap, S1 SETUP answered, and S1AP out. The eNB keeps its association for
// the whole run, so one Mme serves every eNB case; what it sends in a case is the scenario
// engine's business (scenario/enb_sut_run.cpp).
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "codec/s1ap/messages.h"
#include "security/kdf.h"
#include "security/secret_key.h"
#include "transport/sctp.h"

namespace concur::roles {

class Mme {
 public:
  /// Listens on `local` (port 0 = a free one). nullptr with `why` set when it cannot.
  static std::unique_ptr<Mme> listen(const transport::SocketAddress& local, const transport::SctpOptions& options,
                                     const s1ap::Plmn& plmn, std::string& why);

  /// The bound address (the real port) and, for userspace_udp, the UDP encapsulation port an
  /// eNB must send to.
  transport::SocketAddress local() const { return listener_->local(); }
  std::uint16_t udp_encapsulation_port() const { return listener_->udp_encapsulation_port(); }

  /// Waits (at most `timeout`) for the eNB's association and its S1 SETUP REQUEST, and answers
  /// S1 SETUP RESPONSE. The error says what did not happen.
  std::optional<std::string> accept_enb(std::chrono::milliseconds timeout);

  /// The eNB's S1 SETUP REQUEST (Global eNB ID, TAs); valid after accept_enb.
  const s1ap::S1SetupRequest& enb_setup() const { return enb_setup_; }
  transport::SctpAssociation& association() { return *association_; }
  bool connected() const { return association_ && association_->alive(); }

  /// Encodes and sends UE-associated S1AP on stream 1 (TS 36.412 7: stream 0 is for
  /// non-UE-associated signalling). The error names what failed.
  std::optional<std::string> send(const s1ap::S1apMessage& m);

 private:
  Mme(std::unique_ptr<transport::SctpListener> l, s1ap::Plmn plmn) : listener_(std::move(l)), plmn_(plmn) {}
  std::unique_ptr<transport::SctpListener> listener_;
  std::unique_ptr<transport::SctpAssociation> association_;
  s1ap::Plmn plmn_;
  s1ap::S1SetupRequest enb_setup_;
};

/// The keys an MME would hold for one UE: KASME from an EPS AKA vector of the subscriber (Milenage
/// from K/OPc, RAND chosen by `round`), KeNB = KDF(KASME, uplink NAS COUNT 0) (TS 33.401 A.2, A.3).
/// Each round is a new KASME: round 0 for the INITIAL CONTEXT SETUP, round n for the n-th UE
/// CONTEXT MODIFICATION with a new KeNB (what a re-authentication would give).
struct UeKeys {
  security::Key256 kasme;
  security::Key256 kenb;
};
UeKeys ue_keys(const security::Key128& k, const security::Key128& opc, const security::ServingNetworkId& sn, std::uint32_t round);

}  // namespace concur::roles
