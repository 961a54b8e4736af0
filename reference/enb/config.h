// The reference eNB's configuration: one small XML file (pugixml), every value a test or an
// operator changes. A bad file is a ConfigError naming the file, the line and the field.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "codec/s1ap/types.h"

namespace concur::reference::enb {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& file, std::size_t line, const std::string& field, const std::string& reason)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + field + ": " + reason) {}
};

/// How the RRC Connection Reconfiguration that a UE CONTEXT MODIFICATION with a new KeNB triggers
/// (TS 33.401 7.2.9.2) is modelled: it lasts `duration`, or, when `held`, until the control
/// command `reconfiguration-complete UE` ends it. The UCM RESPONSE is sent when it ends.
struct ReconfigurationConfig {
  std::chrono::milliseconds duration{100};
  bool held = false;
};

struct TimerConfig {
  /// TS1RELOCprep: how long the source waits for HANDOVER COMMAND / PREPARATION FAILURE.
  std::chrono::milliseconds ts1relocprep{5000};
  /// TS1RELOCoverall: how long a prepared handover may stay ongoing without release or cancel.
  std::chrono::milliseconds ts1relocoverall{10000};
  /// Rule 5: how long a handover waits for an ongoing UCM-triggered reconfiguration to end.
  std::chrono::milliseconds handover_queue{5000};
};

struct EnbConfig {
  std::string source_file;
  std::string enb_name = "concur-reference-enb";
  // S1-MME: the eNB is the SCTP client (TS 36.412 7).
  std::string mme_address = "127.0.0.1";
  std::uint16_t mme_port = 36412;
  std::string sctp_backend = "automatic";
  std::uint16_t mme_udp_port = 9899;  ///< userspace_udp: the MME's UDP encapsulation port
  std::string local_address = "0.0.0.0";
  std::uint16_t local_udp_port = 0;   ///< userspace_udp: this process's encapsulation port, 0 = any
  std::string mcc = "001";
  std::string mnc = "01";
  std::uint32_t enb_id = 1;           ///< macro eNB ID, 20 bits
  std::uint16_t tac = 1;
  std::uint8_t cell = 1;              ///< cell identity = enb_id << 8 | cell (TS 36.413 9.2.1.38)
  std::uint16_t pci = 1;              ///< physical cell id 0..503, input of KeNB* (TS 33.401 A.5)
  std::uint32_t earfcn_dl = 100;      ///< input of KeNB* (TS 33.401 A.5)
  std::string s1u_address = "127.0.0.1";  ///< transport layer address put in E-RAB answers
  ReconfigurationConfig reconfiguration;
  TimerConfig timers;
  std::optional<std::string> control_socket;
  std::optional<std::string> pcap_path;
  /// --violate R5: the fault-injected variant (accept UCM during handover, hand over during a reconfiguration).
  bool violate_r5 = false;
};

/// Reads and checks `path`. Throws ConfigError (file:line: field: reason).
EnbConfig load_config(const std::string& path);

/// PLMN Identity octets (TS 36.413 9.2.3.8) from digits.
s1ap::Plmn plmn_octets(const std::string& mcc, const std::string& mnc);

}  // namespace concur::reference::enb
