// Internal to the engine: the state of one running case (roles, what arrived, what is held
// back) shared by the step interpreter (engine.cpp) and the roles' default behaviour
// (behaviour.cpp). Not part of the library's interface.
#pragma once
#include <map>
#include <mutex>
#include <variant>

#include "codec/nas/message.h"
#include "codec/s1ap/messages.h"
#include "codec/gtpv2/mobility.h"
#include "roles/enb.h"
#include "roles/gtp_peer.h"
#include "roles/ue.h"
#include "scenario/engine.h"

namespace concur::scenario::detail {

/// A message that arrived at one of the runner's roles, with the fields matchers may ask for.
struct Arrival {
  std::string role;  ///< eNB name for S1AP, UE name for NAS
  std::string name;  ///< message name (message_names.h)
  std::map<std::string, std::string> fields;
  std::string summary;
  bool consumed = false;
};

/// The UE's S1 leg: which eNB serves it and the ids of the UE-associated connection.
struct UeLeg {
  std::size_t enb = 0;
  std::uint32_t enb_ue_s1ap_id = 0;
};

struct EnbSlot {
  std::string name;
  std::unique_ptr<roles::Enb> enb;
  bool alive = false;
  std::uint32_t next_enb_ue_s1ap_id = 1;
};

struct UeSlot {
  std::string name;
  std::unique_ptr<roles::Ue> ue;
  std::size_t home_enb = 0;
  std::optional<UeLeg> leg;
  std::optional<UeLeg> target_leg;  ///< S1 handover prepared at a target eNB
  std::uint32_t mme_ue_s1ap_id = 0;
  /// The S1 handover this case asked for (HANDOVER REQUIRED sent) and the MME UE S1AP ID the MME
  /// gave the target's connection: an MME may allocate a new one per S1 connection (TS 36.413
  /// 9.2.3.3; NextEPC does), so the HANDOVER REQUEST is matched by its target eNB, not its ID.
  std::optional<std::size_t> handover_target_enb;
  std::uint32_t target_mme_ue_s1ap_id = 0;
  bool attach_complete_sent = false;
  bool release_seen = false;
  std::optional<nas::SecurityModeCommand> last_smc;
  /// The peer MME relocated the UE towards this eNB of the SUT: the next HANDOVER REQUEST there
  /// without a UE of its MME UE S1AP ID is this UE's (rule 9).
  std::optional<std::size_t> arriving_at;
};

/// A peer MME or SGSN of the case, and the relocation the SUT asked it for (its answer and the
/// COMPLETE NOTIFICATION go back to where the request came from).
struct GtpSlot {
  std::string name;
  std::unique_ptr<roles::GtpPeer> peer;
  struct Relocation {
    transport::SocketAddress sut;
    std::uint32_t sut_teid = 0;
    std::uint32_t sequence = 0;
    std::string imsi;
  };
  std::optional<Relocation> relocation;
};

/// Something a role would send now, unless a <hold> keeps it back.
struct Emission {
  std::string role;
  std::string name;
  std::string summary;
  std::function<std::optional<std::string>()> send;  ///< error text on failure
};

struct Outcome {
  Verdict verdict = Verdict::pass;
  std::string reason;
  std::string rule;
};

/// Runs a case whose SUT is an eNB (the runner plays the MME): enb_sut_run.cpp.
void run_enb_sut_case(const TestCase& tc, const Environment& env, CaseResult& result);

class CaseRun {
 public:
  CaseRun(const TestCase& tc, const Environment& env, CaseResult& result);
  void run();

  // --- used by the behaviour
  void note(const std::string& role, TimelineEntry::Kind kind, const std::string& text);
  void emit(Emission e);
  void set_outcome(Verdict v, const std::string& reason, const std::string& rule = "");
  UeSlot* ue_by_leg(std::size_t enb, std::uint32_t enb_ue_s1ap_id);
  UeSlot* ue_by_mme_id(std::uint32_t mme_ue_s1ap_id);
  std::optional<std::string> answer_override(const std::string& role, const std::string& incoming);
  std::size_t add_arrival(Arrival a);
  std::optional<std::string> send_s1ap(std::size_t enb, const s1ap::S1apMessage& m);
  std::optional<std::string> send_uplink_nas(UeSlot& ue, const Bytes& pdu);
  std::string key_text(const std::array<std::uint8_t, 32>& key) const;

  const TestCase& tc;
  const Environment& env;
  std::vector<EnbSlot> enbs;
  std::vector<UeSlot> ues;
  std::vector<GtpSlot> gtps;

 private:
  // gtp_behaviour.cpp: the peer MME's and the SGSN's default behaviour and sends
  void join_gtp_roles();
  void pump_gtp();
  void on_gtp(std::size_t g, roles::GtpInbound& in);
  void on_forward_relocation_request(std::size_t g, const roles::GtpInbound& in);
  bool send_from_gtp(const Step& s);
  /// The runner's peer MME as the source: FORWARD RELOCATION REQUEST with the old and the new context.
  bool send_relocation(const Step& s, GtpSlot& slot);
  void bind_arriving_ue(std::size_t enb, const s1ap::HandoverRequest& r);
  /// HANDOVER REQUIRED towards a <peer-mme> (inter-MME, its TAI) or an <sgsn> (LTE to UTRAN/GERAN).
  bool target_gtp_role(const Step& s, s1ap::HandoverRequired& r) const;

  // behaviour.cpp
  void on_s1ap(std::size_t enb, s1ap::S1apMessage& m);
  void on_nas(UeSlot& ue, const nas::NasMessage& m);
  void fields_of(std::size_t enb_index, const s1ap::S1apMessage& m, Arrival& a);
  /// The UE a HANDOVER REQUEST at `enb_index` is for: by MME UE S1AP ID, else the UE whose
  /// handover towards that eNB this case started.
  UeSlot* ue_for_handover_request(std::size_t enb_index, std::uint32_t mme_ue_s1ap_id);

  // engine.cpp
  bool connect_enbs();
  void execute(const std::vector<Step>& steps, bool preamble, bool postamble);
  bool step(const Step& s, bool preamble);
  /// Reads what arrives until `done` holds or `until` passes; false on timeout or stop.
  bool pump_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point until);
  void pump_once(std::chrono::milliseconds timeout);
  std::optional<std::size_t> find_arrival(const std::string& role, const MessagePattern& p, bool consume_skipped);
  std::string mismatch(const Arrival& a, const MessagePattern& p) const;
  std::size_t enb_index(const std::string& name) const;
  UeSlot& ue_named(const std::string& name);
  std::chrono::milliseconds guard(const Step& s) const;
  // The ends of an expect / expect-none, shared by the blocking step and the parallel branches.
  bool expect_arrived(const Step& s, std::size_t got, bool preamble);
  void expect_timed_out(const Step& s, bool preamble);
  void expect_none_arrived(const Step& s, std::size_t got);
  /// <parallel>: every branch a cursor over its steps; whichever can progress does, an expect
  /// waits without blocking the others; returns when all finished or the outcome is no longer pass.
  bool run_parallel(const Step& s);
  void close_enbs();

  CaseResult& result_;
  std::vector<Arrival> arrivals_;
  std::vector<std::pair<std::string, std::string>> holds_armed_;
  std::vector<Emission> held_;
  std::vector<std::tuple<std::string, std::string, std::string>> answers_;  // role, incoming, with
  Outcome outcome_;
  bool finished_body_ = false;
  std::size_t receive_start_ = 0;
};

}  // namespace concur::scenario::detail
