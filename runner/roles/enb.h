// An emulated eNB on S1-MME: its identity (Global eNB ID, TAI, ECGI), one SCTP association to the
// SUT that reports every message to the run's tap, and S1AP in and out. What it does with what
// arrives is the scenario engine's business (behaviour.h); this is the node and its socket.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "codec/s1ap/messages.h"
#include "transport/sctp.h"

namespace concur::roles {

struct EnbIdentity {
  s1ap::GlobalEnbId id;
  s1ap::Tai tai;
  s1ap::Ecgi ecgi;
  std::string name;
};

/// eNB `enb_id` (macro, 20 bits) in PLMN `plmn` serving `tac`; its one cell is enb_id * 256 + 1.
EnbIdentity make_enb_identity(const s1ap::Plmn& plmn, std::uint32_t enb_id, std::uint16_t tac, std::string name);

/// PLMN Identity octets (TS 24.008 10.5.1.3) from MCC/MNC digits.
s1ap::Plmn plmn_of(const std::string& mcc, const std::string& mnc);

class Enb {
 public:
  /// Connects to the SUT's S1 endpoint and waits (at most options.connect_timeout) for the
  /// association. nullptr with `why` set when it does not come up.
  static std::unique_ptr<Enb> connect(EnbIdentity identity, const transport::SocketAddress& mme,
                                      const transport::SctpOptions& options, const std::string& local_ip, std::string& why);

  const EnbIdentity& identity() const { return identity_; }
  transport::SctpAssociation& association() { return *association_; }

  /// Encodes and sends; non-UE-associated procedures (S1 SETUP) go on stream 0 (TS 36.412 7).
  /// The error names what failed (encoding or the association).
  std::optional<std::string> send(const s1ap::S1apMessage& m);

  s1ap::S1SetupRequest s1_setup_request() const;
  /// Graceful SHUTDOWN of the association (the SUT sees the eNB go).
  void close();

 private:
  Enb(EnbIdentity identity, std::unique_ptr<transport::SctpAssociation> a)
      : identity_(std::move(identity)), association_(std::move(a)) {}
  EnbIdentity identity_;
  std::unique_ptr<transport::SctpAssociation> association_;
  std::uint16_t next_ue_stream_ = 1;
};

}  // namespace concur::roles
