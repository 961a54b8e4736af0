// One UE's PDN connection at the SGW over S11 (TS 29.274 7.2, TS 23.401 5.3.2.1, 5.3.5, 5.3.8.2):
// the tunnel ends both sides hold and the one S11 request in flight for it. Only used when the
// MME is configured with an SGW (<s11><sgw/></s11>); otherwise the bearers are local state.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "codec/s1ap/messages.h"

namespace concur::reference {

struct S11Session {
  std::uint32_t mme_teid = 0;                 ///< our S11 TEID (the SGW puts it in its headers)
  std::optional<std::uint32_t> sgw_teid;      ///< from CREATE SESSION RESPONSE: the session exists
  std::array<std::uint8_t, 4> sgw_s11_address{};  ///< of the SGW's S11 F-TEID (S10 hands it to a target MME)
  std::array<std::uint8_t, 4> sgw_s1u_address{};  ///< S1-U SGW F-TEID of the default bearer (EBI 5)
  std::uint32_t sgw_s1u_teid = 0;
  std::array<std::uint8_t, 4> ue_ipv4{};      ///< the PDN address allocated (PAA)

  /// Why the request in flight was sent: what its answer (or its absence after N3) continues with.
  enum class Waiting : std::uint8_t {
    none,
    create_session,          ///< attach: the INITIAL CONTEXT SETUP waits for the SGW's S1-U F-TEID
    modify_after_setup,      ///< INITIAL CONTEXT SETUP RESPONSE gave the eNB's S1-U F-TEID
    modify_after_handover,   ///< HANDOVER NOTIFY: the target eNB's F-TEID from the ACKNOWLEDGE
    modify_for_path_switch,  ///< PATH SWITCH REQUEST ACKNOWLEDGE waits for the answer
  };
  Waiting waiting = Waiting::none;
  /// GTPv2-C sequence number of the request in flight: an answer to an older request (the
  /// attach's MODIFY BEARER answered after a path switch sent its own) continues nothing.
  std::uint32_t waiting_sequence = 0;
  std::uint32_t attach_uplink_count = 0;  ///< create_session: the KeNB input of the ICS that follows
  std::optional<s1ap::PathSwitchRequestAcknowledge> held_path_switch_ack;  ///< modify_for_path_switch
  std::size_t path_switch_enb = 0;
};

}  // namespace concur::reference
