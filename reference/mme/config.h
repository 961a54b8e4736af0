// The reference MME's configuration: one small XML file (pugixml). Every value an operator or a
// test would change lives here, never in code (STYLE.md 6). A bad file is a ConfigError naming
// the file, the line and the field, so a lab engineer can fix it without reading the source.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "security/eps_algorithms.h"
#include "security/secret_key.h"

namespace concur::reference {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& file, std::size_t line, const std::string& field, const std::string& reason)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + field + ": " + reason) {}
};

/// One subscriber of the MME's own HSS function (TS 33.401 6.1.1, TS 35.206 Milenage).
struct SubscriberConfig {
  std::string imsi;  ///< 6..15 digits
  security::Key128 k;
  security::Key128 opc;
  std::array<std::uint8_t, 2> amf{0x80, 0x00};  ///< separation bit set (TS 33.401 6.1.2)
  std::uint64_t sqn = 0;                         ///< the HSS's SQN before the first vector
};

/// Guard timers. T3460 guards AUTHENTICATION REQUEST / SECURITY MODE COMMAND (TS 24.301 10.2);
/// s1ap_guard guards ICS / UCM / handover resource allocation; rule_wait bounds how long a request
/// queued by TS 33.401 7.2.10 rules 1 and 2 may wait before it is dropped.
struct TimerConfig {
  std::chrono::milliseconds t3460{6000};
  std::chrono::milliseconds s1ap_guard{5000};
  std::chrono::milliseconds rule_wait{10000};
};

/// When the MME re-authenticates a UE on its own: TS 33.401 7.2.9.2 leaves the policy to the
/// operator, and the rules of 7.2.10 are only reached if it happens. `reauth IMSI` on the control
/// socket works whatever is set here.
struct ReauthTriggers {
  bool every_tau = false;              ///< every TRACKING AREA UPDATE
  bool tau_without_valid_ksi = true;   ///< a TAU whose KSI names no context the MME holds (else TAU REJECT #9)
  unsigned every_nth_event = 0;        ///< every Nth TAU or SERVICE REQUEST of a UE; 0 = never
};
/// S10 / S3 (TS 29.274 over UDP): who serves a handover target outside this MME's pool.
struct PeerMmeConfig {
  std::string address;
  std::uint16_t port = 2123;
  std::vector<std::uint16_t> tacs;  ///< TAIs (this MME's PLMN) the peer MME serves
};
/// A routing area an SGSN serves: a UTRAN target RNC or GERAN target cell in LAC (and RAC, RNC id
/// when given) is relocated to it over S3.
struct RoutingAreaConfig {
  std::uint16_t lac = 0;
  std::optional<std::uint8_t> rac;
  std::optional<std::uint16_t> rnc_id;
};
struct SgsnConfig {
  std::string address;
  std::uint16_t port = 2123;
  std::vector<RoutingAreaConfig> areas;
};
/// The MME's GTPv2-C endpoint (one socket for S10 and S3) and its peers. S11 has its own (S11Config).
struct GtpcConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 2123;  ///< 0: any free port (reported on the "gtpc listening" line)
  std::chrono::milliseconds t3_response{3000};  ///< TS 29.274 7.6
  int n3_requests = 3;
  std::vector<PeerMmeConfig> peer_mmes;
  std::vector<SgsnConfig> sgsns;
};

/// S11 (TS 29.274 over UDP) towards one SGW: the MME's own S11 end and the SGW it uses for every
/// PDN connection. Without it the MME keeps the bearers as local state (placeholder S1-U F-TEIDs).
struct S11Config {
  std::string address = "127.0.0.1";  ///< the MME's S11 address (IPv4: it goes into F-TEIDs)
  std::uint16_t port = 2123;           ///< 0: any free port (reported on the "s11 listening" line)
  std::chrono::milliseconds t3_response{3000};  ///< TS 29.274 7.6
  int n3_requests = 3;
  std::string sgw_address;
  std::uint16_t sgw_port = 2123;
};

struct MmeConfig {
  std::string source_file;
  std::string mme_name = "concur-reference-mme";
  std::string s1_address = "127.0.0.1";
  std::uint16_t s1_port = 36412;  ///< 0: any free port (reported on the "listening" line)
  std::string sctp_backend = "automatic";
  std::uint16_t udp_encapsulation_port = 0;  ///< userspace_udp: 0 = any free port
  std::string mcc = "001";
  std::string mnc = "01";
  std::uint16_t mme_group_id = 0x8001;
  std::uint8_t mme_code = 1;
  std::vector<std::uint16_t> served_tacs;
  /// Preference order, most preferred first; the first one the UE supports is selected.
  std::vector<security::IntegrityAlgorithm> integrity_preference{security::IntegrityAlgorithm::eia2,
                                                                 security::IntegrityAlgorithm::eia1};
  std::vector<security::CipheringAlgorithm> ciphering_preference{security::CipheringAlgorithm::eea2,
                                                                 security::CipheringAlgorithm::eea0};
  TimerConfig timers;
  ReauthTriggers reauth_triggers;
  std::vector<SubscriberConfig> subscribers;
  std::optional<std::string> pcap_path;
  std::optional<std::string> control_socket;
  std::vector<std::string> violations;  ///< --violate Rn: the faulty variants this MME runs as (violations.h)
  std::optional<GtpcConfig> gtpc;       ///< <gtpc>: S10 / S3
  std::optional<S11Config> s11;         ///< <s11><sgw/></s11>: sessions at an SGW
};

/// Reads and checks `path`. Throws ConfigError (file:line: field: reason).
MmeConfig load_config(const std::string& path);

/// PLMN Identity octets of TS 36.413 9.2.3.8 / TS 24.008 10.5.1.3 from digits.
std::array<std::uint8_t, 3> plmn_octets(const std::string& mcc, const std::string& mnc);

}  // namespace concur::reference
