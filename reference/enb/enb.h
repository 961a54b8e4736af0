// The reference eNB's logic, independent of sockets: S1AP PDUs from the MME and control commands
// in, S1AP messages out, with the moment they happened so guard timers can run. The server
// (server.h) owns the association.
//
// TS 33.401 7.2.10 rule 5, as a conformant source eNB must:
//   - a UE CONTEXT MODIFICATION REQUEST for a UE whose inter-eNB handover this eNB initiated and
//     has not completed is rejected (UE CONTEXT MODIFICATION FAILURE, s1-intra-system-handover-triggered);
//   - a handover asked for while a UCM-triggered RRC reconfiguration runs waits for its end (queued,
//     resumed when it ends, abandoned at the handover_queue guard timer).
// `violate_r5` in the configuration does both wrongly (the fault-injected variant).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "codec/s1ap/messages.h"
#include "config.h"
#include "ue_context.h"

namespace concur::reference::enb {

/// One S1AP message for the MME.
struct Outgoing {
  bool ue_associated = true;  ///< stream 0 for non-UE-associated signalling (TS 36.412 7)
  s1ap::S1apMessage message;
};

class ReferenceEnb {
 public:
  explicit ReferenceEnb(EnbConfig config);

  /// Decision log (one line each); the server prints them.
  std::function<void(const std::string&)> log = [](const std::string&) {};

  /// The association is up: S1 SETUP REQUEST.
  std::vector<Outgoing> connected();
  /// The association is gone: every UE context goes with it.
  void lost();

  std::vector<Outgoing> on_s1ap(ByteView pdu, Clock::time_point now);
  /// One control command; `reply` gets the one-line answer.
  std::vector<Outgoing> on_control(const std::string& line, std::string& reply, Clock::time_point now);
  std::vector<Outgoing> on_timers(Clock::time_point now);
  std::optional<Clock::time_point> next_deadline() const;

  bool setup_done() const { return setup_done_; }
  std::size_t ue_count() const { return ues_.size(); }

 private:
  // --- dispatch, S1 setup, NAS transport, status (enb.cpp)
  void handle(s1ap::S1apMessage& m, Clock::time_point now);
  void error_indication(std::optional<std::uint32_t> mme_id, std::optional<std::uint32_t> enb_id, s1ap::Cause cause);
  UeContext* ue_for(std::uint32_t mme_id, std::uint32_t enb_id);
  UeContext* ue_by_command(const std::string& token, std::string& reply);
  void send(s1ap::S1apMessage m, bool ue_associated = true);
  std::string ue_connect(const std::string& nas_hex);
  std::string uplink_nas(UeContext& ue, const std::string& nas_hex);
  void downlink_nas(const s1ap::DownlinkNasTransport& m);
  std::string status() const;

  // --- context management (context.cpp)
  void initial_context_setup(const s1ap::InitialContextSetupRequest& m);
  void ue_context_modification(const s1ap::UeContextModificationRequest& m, Clock::time_point now);
  std::string reconfiguration_complete(UeContext& ue, Clock::time_point now);
  void end_reconfiguration(UeContext& ue, Clock::time_point now);
  void release_command(const s1ap::UeContextReleaseCommand& m);

  // --- handover as source and as target (handover.cpp)
  std::string handover(UeContext& ue, std::uint32_t target_enb_id, std::uint16_t tac, Clock::time_point now);
  void handover_required(UeContext& ue, std::uint32_t target_enb_id, const s1ap::Tai& tai, Clock::time_point now);
  void handover_command(const s1ap::HandoverCommand& m, Clock::time_point now);
  void handover_preparation_failure(const s1ap::HandoverPreparationFailure& m);
  std::string handover_cancel(UeContext& ue, s1ap::Cause cause);
  void handover_cancel_acknowledge(const s1ap::HandoverCancelAcknowledge& m);
  void handover_request(const s1ap::HandoverRequest& m);
  std::string handover_notify(UeContext& ue);
  void expire_guards(UeContext& ue, Clock::time_point now);

  s1ap::Ecgi own_cell() const;
  s1ap::Tai own_tai() const;
  Bytes s1u_address() const;

  EnbConfig config_;
  s1ap::Plmn plmn_;
  bool setup_done_ = false;
  std::map<std::uint32_t, UeContext> ues_;  // by eNB UE S1AP ID
  std::uint32_t next_enb_ue_s1ap_id_ = 1;
  std::uint32_t next_teid_ = 0x100;
  std::vector<Outgoing> out_;
};

}  // namespace concur::reference::enb
