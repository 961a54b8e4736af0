// The SUT profile: everything the runner needs to know about the system under test (addresses,
// identities, subscribers, declared capabilities = PICS, how to make it re-authenticate = PIXIT,
// timers). Nothing of this lives in code (STYLE.md 6). Keys are SecretKeys: a log or report
// shows their fingerprint unless the user asked for --show-keys.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "security/secret_key.h"

namespace concur::profile {

/// A profile that cannot be used: "file:line: field: reason".
class ProfileError : public std::runtime_error {
 public:
  ProfileError(const std::string& file, std::size_t line, const std::string& field, const std::string& reason)
      // Line 0: the file as a whole (it cannot be read, or what is missing is nowhere in it).
      : std::runtime_error(file + (line ? ":" + std::to_string(line) : "") + ": " + field + ": " + reason) {}
};

struct Endpoint {
  std::string address;  ///< numeric IPv4 or IPv6
  std::uint16_t port = 0;
};

/// S1-MME of the SUT: SCTP, and for userspace SCTP over UDP the peer's encapsulation port.
struct S1Endpoint : Endpoint {
  std::string sctp_backend = "automatic";  ///< automatic | kernel | userspace_udp | userspace_raw
  std::uint16_t udp_encapsulation_port = 9899;
};

/// One USIM the runner's UEs may use (TS 35.206 Milenage). Exactly one of OPc / OP is given.
struct Subscriber {
  std::string imsi;
  security::Key128 k;
  std::optional<security::Key128> opc;
  std::optional<security::Key128> op;
  std::array<std::uint8_t, 2> amf{0x80, 0x00};
  std::uint64_t sqn = 0;
  std::size_t line = 0;  ///< where it was declared, for later errors
};

/// PICS: what the SUT declares it supports; a test case needing something else is `none`.
struct Capabilities {
  bool s1_handover = false;
  bool x2 = false;
  bool s10 = false;
  bool s3 = false;
  bool key_change_on_the_fly = false;
};

/// PIXIT: how the runner makes the SUT re-authenticate a UE in ECM-CONNECTED.
struct ReauthTrigger {
  /// tau_failing_integrity: the UE itself sends a TRACKING AREA UPDATE REQUEST whose MAC does not
  /// verify; an MME that cannot be told to re-authenticate (NextEPC 0.3.10) answers it with AKA
  /// and a NAS SMC (lab/INTEROP.md), which is the window the R1-R3 cases need.
  enum class Kind { none, control_socket, tau_failing_integrity };
  Kind kind = Kind::none;
  /// control_socket: a UNIX stream socket taking "reauth IMSI\n". Empty: the socket of the
  /// reference MME the runner starts itself.
  std::string path;
};

/// What the SUT is. An MME: the runner plays eNBs and UEs and connects to its S1. An eNB: the
/// runner plays the MME, listens on S1 and the eNB connects (TS 33.401 7.2.10 rule 5).
enum class SutKind { mme, enb };

/// eNB SUT: where the runner's MME listens for it (port 0 = a free one; a real eNB is configured
/// with the real port), and with which SCTP back-end.
struct EnbSut {
  Endpoint listen{"127.0.0.1", 36412};
  std::string sctp_backend = "automatic";
  std::uint16_t udp_encapsulation_port = 0;  ///< userspace_udp: the runner's own (0 = a free one)
};

/// PIXIT of an eNB SUT: how the runner makes it do what S1 cannot ask for (a UE arriving, the
/// eNB deciding a handover or cancelling it, the UE ending an RRC reconfiguration). control_socket:
/// the reference eNB's command socket; an empty path = the socket of the reference eNB the runner
/// starts itself. none: cases needing it are `none`.
struct EnbTrigger {
  enum class Kind { none, control_socket };
  Kind kind = Kind::none;
  std::string path;
};

struct Timers {
  std::chrono::milliseconds guard{5000};           ///< default guard timer of every wait
  std::chrono::milliseconds quiet{1000};           ///< how long "nothing arrives" is watched
  std::chrono::milliseconds sut_t3460{3000};       ///< handed to the reference MME
  std::chrono::milliseconds sut_rule_wait{5000};   ///< handed to the reference MME
  std::chrono::milliseconds sut_s1ap_guard{5000};  ///< handed to the reference MME
};

/// The runner's peer MME on S10: where it listens (the runner's address) and the TAIs it serves,
/// so the SUT sends an S1 handover towards them over S10 (TS 23.401 5.5.1.2.2).
struct RunnerPeerMme {
  std::uint16_t port = 2123;  ///< 0: any free port (only useful when the runner starts the SUT)
  std::vector<std::uint16_t> tacs;
};

/// The runner's SGSN on S3: where it listens and the routing area it serves (LAC, RAC), so the
/// SUT sends an LTE-to-UTRAN/GERAN handover towards it (TS 23.401 5.5.2.1.2).
struct RunnerSgsn {
  std::uint16_t port = 2123;
  std::uint16_t lac = 0;
  std::uint8_t rac = 0;
};

/// The runner's emulated HSS: the Diameter server a SUT with S6a connects to (TS 29.272 over
/// TCP, RFC 6733). The SUT's Diameter configuration names this host and realm as its peer, so
/// they must be what the SUT expects, not what the runner would pick.
struct RunnerHss {
  Endpoint listen;            ///< default: the runner address, port 3868 (0 = any free port)
  std::string diameter_host;  ///< Origin-Host; default hss.<realm>
  std::string diameter_realm; ///< Origin-Realm; default epc.mncXXX.mccYYY.3gppnetwork.org (TS 23.003 19.2)
  /// How long the run waits, before its first case, for the SUT to open S6a (its CER): a real MME
  /// connects to its HSS on its own schedule (freeDiameter retries every 30 s), and an attach
  /// before that fails for a reason that is not the SUT's. 0: do not wait.
  std::chrono::milliseconds peer_wait{40000};
};

/// The runner's emulated SGW-C (GTPv2-C server) a SUT with S11 sends Create Session to.
struct RunnerSgw {
  Endpoint listen;  ///< IPv4 (its F-TEIDs are IPv4); default: the runner address, port 2123
  /// Also send each reply to the SUT's declared <s11> address and port, not only to the request's
  /// source port (TS 29.274 7.2.1). For MMEs that send S11 requests from another port than the
  /// one they read replies on (NextEPC 0.3.10: lab/INTEROP.md).
  bool reply_to_sut_port = false;
};

struct SutProfile {
  std::string source_file;
  std::string name;
  SutKind kind = SutKind::mme;
  EnbSut enb;          ///< kind enb only
  EnbTrigger enb_trigger;  ///< kind enb only
  // Where the SUT listens (kind mme).
  S1Endpoint s1;
  std::optional<Endpoint> s10, s3, s11, s6a;
  // The runner's own side.
  std::string runner_address = "127.0.0.1";
  std::optional<RunnerPeerMme> peer_mme;  ///< required by capability s10
  std::optional<RunnerSgsn> sgsn;         ///< required by capability s3
  /// Present exactly when the SUT declares <s6a> / <s11>: `concur run` then starts them.
  std::optional<RunnerHss> hss;
  std::optional<RunnerSgw> sgw;
  // Radio network the runner's eNBs form: eNB k of the n-th test case of a run gets id
  // first_enb_id + 8*n + k, TAC tacs[k % tacs.size()], cell identity enb_id * 256 + 1.
  std::string mcc = "001";
  std::string mnc = "01";
  std::vector<std::uint16_t> tacs;
  std::uint32_t first_enb_id = 1;
  std::vector<Subscriber> subscribers;
  std::vector<std::string> integrity;  ///< eia1..eia3, the UE offers these
  std::vector<std::string> ciphering;  ///< eea0..eea3
  Capabilities capabilities;
  ReauthTrigger reauth;
  Timers timers;

  bool has_pics(const std::string& pics) const;  ///< "s1-handover", "x2", "s10", "s3", "key-change-on-the-fly", "reauth-trigger",
                                                ///< "enb-trigger"
};

/// Reads and checks `path`. Throws ProfileError (file:line: field: reason).
SutProfile load_profile(const std::string& path);
/// The same from text (`name` stands for the file in errors).
SutProfile parse_profile(const std::string& text, const std::string& name);

/// A key for logs and reports: its fingerprint, or the hex when `show_keys`.
template <std::size_t N>
std::string shown(const security::SecretKey<N>& key, bool show_keys) {
  return show_keys ? key.reveal_hex() : key.fingerprint();
}

/// The PICS names a test case may ask for.
const std::vector<std::string>& known_pics();

}  // namespace concur::profile
