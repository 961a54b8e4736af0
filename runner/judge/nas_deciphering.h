// Per-UE NAS security as a passive observer sees it: the KASMEs of the AKA runs in the capture
// (from the subscriber's K/OPc, RAND, AUTN and the serving network, TS 33.401 A.2) or from a key
// file, the NAS security context each SECURITY MODE COMMAND takes into use (keys of A.7, counts
// from the sequence numbers, TS 24.301 4.4.3.1), and with them the deciphering of NAS PDUs
// protected with 128-EEA1/2/3. Without keys a ciphered PDU stays "not inspectable".
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "codec/nas/pdu.h"
#include "judge/key_material.h"
#include "monitor/event.h"
#include "security/eps_algorithms.h"
#include "security/kdf.h"
#include "security/nas_security.h"

namespace concur::judge {

/// What the observer knows about the NAS security of one UE.
struct UeNasState {
  std::optional<std::string> imsi;
  std::optional<std::string> guti;
  std::optional<security::ServingNetworkId> serving_network;  ///< from the TAI the eNB reports
  std::map<monitor::Ksi, monitor::Key256> kasme_by_ksi;         ///< from AKA runs in the capture
  security::NasContextStore contexts;
  std::optional<monitor::Ksi> pending_smc_ksi;  ///< SMC sent, COMPLETE not yet seen
  std::optional<std::uint8_t> selected_eea;     ///< of the last SMC (EEA0: "ciphered" PDUs are plain)
};

/// A NAS PDU opened as far as the keys allow.
struct OpenedNas {
  std::optional<nas::NasPdu> pdu;   ///< decoded; pdu->message set when plain or deciphered
  std::optional<DecodeError> error; ///< the PDU (or its deciphered message) does not decode
  bool deciphered = false;          ///< ciphered with EEA1/2/3 and deciphered here
  bool not_inspectable = false;     ///< ciphered, and no key to open it
  /// A SECURITY MODE COMPLETE known by its header alone: TS 24.301 9.3.1 reserves header type 4
  /// ("integrity protected and ciphered with new EPS security context") for it.
  bool smc_complete_by_header = false;
  std::string note;  ///< why it is not inspectable, or that its MAC did not verify
};

class NasDeciphering {
 public:
  /// `on_kasme` learns every KASME derived from an AKA run (IMSI, eKSI, KASME): the monitor's key
  /// source uses them for the exact NH/KeNB checks.
  using KasmeSink = std::function<void(const std::string&, monitor::Ksi, const monitor::Key256&)>;
  NasDeciphering(const KeyMaterial* keys, KasmeSink on_kasme);

  /// Decodes a NAS PDU that went `direction` for `ue`, deciphering it when keys allow, and
  /// updates what is known (IMSI, KASMEs, contexts, counts).
  OpenedNas open(UeNasState& ue, ByteView bytes, security::Direction direction);
  /// The IMSI the keys are looked up with: the one the UE showed, else the key file's only one.
  std::optional<std::string> imsi_for(const UeNasState& ue) const;

 private:
  void learn(UeNasState& ue, const nas::NasMessage& m, ByteView bytes, security::Direction direction,
             nas::SecurityHeaderType header, OpenedNas& out);
  void derive_kasme(UeNasState& ue, const nas::AuthenticationRequest& a, OpenedNas& out);
  void prepare_context(UeNasState& ue, const nas::SecurityModeCommand& smc, ByteView bytes, OpenedNas& out);
  void decipher(UeNasState& ue, ByteView bytes, security::Direction direction, OpenedNas& out);
  std::optional<monitor::Key256> kasme_for(const UeNasState& ue, monitor::Ksi ksi) const;

  const KeyMaterial* keys_;
  KasmeSink on_kasme_;
};

}  // namespace concur::judge
