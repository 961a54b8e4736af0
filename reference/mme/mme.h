// The reference MME's logic, independent of sockets: S1AP PDUs in, S1AP messages out, with the
// moment they happened so guard timers can run. The server (server.h) owns the associations.
//
// It follows TS 33.401 7.2.10 as a conformant MME must:
//   rule 1  no ICS / UCM with a new KeNB while a NAS SMC is ongoing  -> the UCM is queued
//   rule 2  no NAS SMC while an ICS or a UCM with a new KeNB is ongoing -> the re-authentication is queued
//   rule 3  {NCC, NH} from the old KASME chain in HANDOVER REQUEST / PATH SWITCH REQUEST ACKNOWLEDGE
//           until a UCM took a KeNB of the new KASME into use (security::NetworkKeyState)
// Queued requests resume when what blocks them ends, and give up at their guard timer.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "codec/gtpv2/mobility.h"
#include "codec/nas/message.h"
#include "codec/s1ap/messages.h"
#include "config.h"
#include "hss.h"
#include "ue_context.h"

namespace concur::reference {

/// One S1AP message to send on an eNB association.
struct Outgoing {
  std::size_t enb = 0;
  bool ue_associated = true;  ///< stream 0 for non-UE-associated signalling (TS 36.412 7)
  s1ap::S1apMessage message;
};

class ReferenceMme {
 public:
  explicit ReferenceMme(MmeConfig config);

  /// Decision log (one line each); the server prints them.
  std::function<void(const std::string&)> log = [](const std::string&) {};

  void enb_connected(std::size_t enb);
  /// The association is gone: its eNB's UEs lose their S1 connection.
  void enb_lost(std::size_t enb);

  std::vector<Outgoing> on_s1ap(std::size_t enb, ByteView pdu, Clock::time_point now);
  /// `reauth IMSI`, `release IMSI`, `status`; `reply` gets the answer for the operator.
  std::vector<Outgoing> on_control(const std::string& line, std::string& reply, Clock::time_point now);
  std::vector<Outgoing> on_timers(Clock::time_point now);
  std::optional<Clock::time_point> next_deadline() const;

  // --- S10 / S3 over GTPv2-C (gtp_server.cpp): the server's endpoint hands over what it received;
  // what to send comes back from take_gtp_out() after each call.
  void set_gtpc_local(const std::string& ipv4);
  /// A request or an initial message from `peer`.
  std::vector<Outgoing> on_gtpc(const GtpPeer& peer, ByteView message, Clock::time_point now);
  /// The reply to one of our requests (`request` is what we sent).
  std::vector<Outgoing> on_gtpc_reply(const GtpPeer& peer, ByteView reply, ByteView request, Clock::time_point now);
  /// One of our requests got no reply after N3 retransmissions.
  std::vector<Outgoing> on_gtpc_no_response(const GtpPeer& peer, ByteView request, Clock::time_point now);
  std::vector<GtpOutgoing> take_gtp_out() { return std::move(gtp_out_); }

  // --- S11 towards the SGW (s11_client.cpp), only with <s11> configured: the server's own S11
  // endpoint hands over what it received; what to send comes back from take_s11_out().
  void set_s11_local(const std::string& ipv4);
  /// A request from the SGW (Echo is answered, the rest is logged).
  std::vector<Outgoing> on_s11(const GtpPeer& peer, ByteView message, Clock::time_point now);
  std::vector<Outgoing> on_s11_reply(ByteView reply, ByteView request, Clock::time_point now);
  std::vector<Outgoing> on_s11_no_response(ByteView request, Clock::time_point now);
  std::vector<GtpOutgoing> take_s11_out() { return std::move(s11_out_); }

  std::size_t ue_count() const { return ues_.size(); }
  const MmeConfig& config() const { return config_; }

 private:
  struct Enb {
    bool setup_done = false;
    s1ap::GlobalEnbId id;
    std::vector<std::uint16_t> tacs;
  };

  // --- dispatch (mme.cpp)
  void handle(std::size_t enb, s1ap::S1apMessage& m, Clock::time_point now);
  void s1_setup(std::size_t enb, const s1ap::S1SetupRequest& m);
  void error_indication(std::size_t enb, std::optional<std::uint32_t> mme_id, std::optional<std::uint32_t> enb_id,
                        s1ap::Cause cause);
  UeContext* ue_for(std::size_t enb, std::uint32_t mme_id, std::uint32_t enb_id);
  UeContext* ue_by_imsi(const std::string& imsi);
  void send(std::size_t enb, s1ap::S1apMessage m, bool ue_associated = true);
  bool served(const s1ap::Tai& tai) const;

  // --- NAS and attach (attach.cpp)
  void initial_ue_message(std::size_t enb, const s1ap::InitialUeMessage& m, Clock::time_point now);
  void uplink_nas(UeContext& ue, ByteView nas_pdu, Clock::time_point now);
  void attach_request(UeContext& ue, const nas::AttachRequest& m, Clock::time_point now);
  void identity_response(UeContext& ue, const nas::IdentityResponse& m, Clock::time_point now);
  void start_aka(UeContext& ue, Clock::time_point now);
  void authentication_response(UeContext& ue, const nas::AuthenticationResponse& m, Clock::time_point now);
  void authentication_failure(UeContext& ue, const nas::AuthenticationFailure& m, Clock::time_point now);
  void start_smc(UeContext& ue, Clock::time_point now);
  void security_mode_complete(UeContext& ue, std::uint32_t uplink_count, Clock::time_point now);
  void security_mode_reject(UeContext& ue, const nas::SecurityModeReject& m);
  void initial_context_setup(UeContext& ue, std::uint32_t uplink_count, Clock::time_point now);
  void initial_context_setup_response(UeContext& ue, bool success, Clock::time_point now,
                                      const std::vector<s1ap::ERabTunnel>& e_rabs_setup = {});
  void attach_complete(UeContext& ue);
  void detach_request(UeContext& ue, const nas::DetachRequestUplink& m);
  void send_nas(UeContext& ue, const nas::NasMessage& m, Clock::time_point now, bool guarded = false);
  void release(UeContext& ue, s1ap::Cause cause);
  void release_complete(std::size_t enb, const s1ap::UeContextReleaseComplete& m);
  nas::Guti guti_of(const UeContext& ue) const;

  /// KeNB from `nas` (default: the current context) and `uplink_count`.
  void send_initial_context_setup(UeContext& ue, std::uint32_t uplink_count, std::optional<Bytes> nas_pdu,
                                  Clock::time_point now, const security::NasSecurityContext* nas = nullptr);

  // --- idle mode: TRACKING AREA UPDATE (tau.cpp), SERVICE REQUEST (service_request.cpp)
  UeContext* registered_idle_context_for(const s1ap::InitialUeMessage& m);
  void tracking_area_update_request(UeContext& ue, const nas::TrackingAreaUpdateRequest& m, bool integrity_checked,
                                    Clock::time_point now);
  void tracking_area_update_accept(UeContext& ue, Clock::time_point now);
  void tracking_area_update_complete(UeContext& ue);
  bool every_nth_event_reauth(UeContext& ue) const;
  void service_request(UeContext& ue, ByteView pdu, Clock::time_point now);
  nas::TaiList served_tai_list() const;

  // --- mobility (mobility.cpp)
  void handover_required(UeContext& ue, const s1ap::HandoverRequired& m, Clock::time_point now);
  void handover_request_acknowledge(std::size_t enb, const s1ap::HandoverRequestAcknowledge& m);
  void handover_failure(std::size_t enb, const s1ap::HandoverFailure& m, Clock::time_point now);
  void enb_status_transfer(UeContext& ue, const s1ap::EnbStatusTransfer& m);
  void handover_notify(std::size_t enb, const s1ap::HandoverNotify& m, Clock::time_point now);
  void handover_cancel(UeContext& ue, const s1ap::HandoverCancel& m, Clock::time_point now);
  void handover_ended(UeContext& ue, Clock::time_point now);
  void path_switch_request(std::size_t enb, const s1ap::PathSwitchRequest& m);
  std::optional<std::size_t> enb_by_id(const s1ap::GlobalEnbId& id) const;

  // --- re-authentication in ECM-CONNECTED and the rules (reauth.cpp)
  std::string reauth(UeContext& ue, Clock::time_point now);
  void request_ue_context_modification(UeContext& ue, Clock::time_point now);
  /// Sends the UCM still owed for a new KASME once nothing holds it back any more.
  void ue_context_modification_may_resume(UeContext& ue, Clock::time_point now);
  void ue_context_modification_answered(UeContext& ue, bool success, Clock::time_point now);
  void as_key_procedure_ended(UeContext& ue, Clock::time_point now);
  void expire_guards(UeContext& ue, Clock::time_point now);
  void send_ue_context_modification(UeContext& ue, std::uint8_t eksi, const security::Key256& kasme,
                                    std::uint32_t uplink_count, Clock::time_point now);
  // Decision points of the faulty variants (--violate, violations.h), beside the rules they break.
  void smc_sent_while_connected(UeContext& ue, Clock::time_point now);  ///< R1: UCM / ICS during the SMC
  void smc_completed_while_connected(UeContext& ue);                   ///< R3: new chain too early

  // --- S10 / S3 (gtp_server.cpp, s10_source.cpp, s3_source.cpp, s10_target.cpp)
  bool violates(std::string_view rule) const;
  void gtp_request(const GtpPeer& peer, Bytes message);
  void gtp_reply(const GtpPeer& peer, Bytes message);
  std::uint32_t next_gtp_sequence();
  UeContext* ue_by_teid(std::uint32_t teid);
  /// True when the HANDOVER REQUIRED leaves this MME (S10 / S3) and was taken care of here.
  bool relocation_required(UeContext& ue, const s1ap::HandoverRequired& m, Clock::time_point now);
  /// Sends a waiting FORWARD RELOCATION REQUEST once rules 6 and 7 allow it.
  void relocation_may_resume(UeContext& ue, Clock::time_point now);
  void send_forward_relocation_request(UeContext& ue, Clock::time_point now);
  void relocation_failed(UeContext& ue, const std::string& why, Clock::time_point now);
  void relocation_ended(UeContext& ue, Clock::time_point now);
  void relocation_cancelled(UeContext& ue, Clock::time_point now);
  void forward_relocation_response(UeContext& ue, const gtpv2::GtpMessage& m, Clock::time_point now);
  void relocation_complete_notification(const GtpPeer& peer, const gtpv2::GtpMessage& m, Clock::time_point now);
  void expire_relocation_guards(UeContext& ue, Clock::time_point now);
  // S3 (s3_source.cpp)
  std::optional<GtpPeer> sgsn_for(const s1ap::TargetId& target) const;
  gtpv2::MmContext umts_mm_context(UeContext& ue);
  // target side (s10_target.cpp), rule 9
  void incoming_forward_relocation(const GtpPeer& peer, const gtpv2::GtpMessage& m, Clock::time_point now);
  bool incoming_handover_acknowledged(std::size_t enb, const s1ap::HandoverRequestAcknowledge& m);
  bool incoming_handover_failed(std::size_t enb, const s1ap::HandoverFailure& m);
  bool incoming_handover_notified(std::size_t enb, const s1ap::HandoverNotify& m, Clock::time_point now);
  void incoming_complete_acknowledged(UeContext& ue, const gtpv2::GtpMessage& m);
  void incoming_relocation_cancelled(const GtpPeer& peer, const gtpv2::GtpMessage& m);

  // --- S11 (s11_client.cpp)
  void s11_request(Bytes message);
  UeContext* ue_by_s11_teid(std::uint32_t mme_teid);
  void create_session(UeContext& ue, std::uint32_t uplink_count);
  void create_session_accepted(UeContext& ue, const gtpv2::GtpMessage& m, Clock::time_point now);
  void modify_bearer(UeContext& ue, const std::vector<s1ap::ERabTunnel>& enb_tunnels, S11Session::Waiting why);
  void release_access_bearers(UeContext& ue);
  void delete_session(UeContext& ue);
  void s11_answered(UeContext& ue, const gtpv2::GtpMessage& m, Clock::time_point now);
  /// The SGW refused (`gtp_cause`) or did not answer what `what` sent: the reaction for this UE.
  void s11_failed(UeContext& ue, S11Session::Waiting what, const std::string& why, std::uint8_t gtp_cause = 0);

  MmeConfig config_;
  std::vector<GtpOutgoing> gtp_out_;
  std::vector<GtpOutgoing> s11_out_;
  std::array<std::uint8_t, 4> s11_ipv4_{127, 0, 0, 1};
  std::array<std::uint8_t, 4> gtpc_ipv4_{127, 0, 0, 1};
  std::uint32_t gtp_sequence_ = 0;
  Hss hss_;
  security::ServingNetworkId serving_network_;
  s1ap::Plmn plmn_;
  std::map<std::size_t, Enb> enbs_;
  std::map<std::uint32_t, std::unique_ptr<UeContext>> ues_;  // by MME UE S1AP ID
  std::uint32_t next_mme_ue_s1ap_id_ = 1;
  std::vector<Outgoing> out_;
};

}  // namespace concur::reference
