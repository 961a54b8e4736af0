// The step interpreter for a case whose SUT is an eNB (TS 33.401 7.2.10 rule 5): the runner is
// the MME on the eNB's one S1 association (roles::Mme, shared by the run's eNB cases, which take
// turns on it) and asks the eNB, through the profile's eNB trigger, for what S1 cannot: a UE
// arriving, the eNB deciding or cancelling a handover, the UE ending the RRC reconfiguration a
// UE CONTEXT MODIFICATION started. Same verdict discipline as engine.cpp: guard timer on every
// wait, the first non-pass outcome ends the steps, the postamble (UE context release) always runs
// and never changes the verdict.
#include <arpa/inet.h>

#include <algorithm>
#include <map>

#include "roles/ue.h"
#include "scenario/case_run.h"
#include "scenario/enb_sut_steps.h"
#include "scenario/handover_containers.h"
#include "scenario/message_names.h"
#include "security/milenage.h"

namespace concur::scenario::detail {
namespace {

/// One UE of the case as the MME sees it.
struct EnbCaseUe {
  std::string name;
  std::unique_ptr<roles::Ue> ue;  ///< its NAS ATTACH REQUEST rides in the INITIAL UE MESSAGE
  security::Key128 k, opc;
  std::uint32_t mme_ue_s1ap_id = 0;
  std::optional<std::uint32_t> enb_ue_s1ap_id;
  std::uint32_t key_round = 0;  ///< KASME generation: 0 at INITIAL CONTEXT SETUP, +1 per UCM with a new KeNB
  bool connected = false;
  bool waiting_initial = false;  ///< the eNB was asked to connect it; its INITIAL UE MESSAGE is due
};

struct EnbArrival {
  std::string name;
  std::string summary;
  std::map<std::string, std::string> fields;
  bool consumed = false;
};

std::string cause_text(const s1ap::Cause& c) {
  static const char* kGroups[] = {"radioNetwork", "transport", "nas", "protocol", "misc"};
  return std::string("cause ") + kGroups[static_cast<std::size_t>(c.group)] + " " + std::to_string(c.value);
}

/// UE security capabilities (TS 36.413 9.2.1.40, bit 15 = 128-EEA1/EIA1) from the profile's lists.
s1ap::UeSecurityCapabilities capabilities_of(const profile::SutProfile& p) {
  const auto bits = [](const std::vector<std::string>& algs) {
    std::uint16_t b = 0;
    for (const auto& a : algs)
      if (a.size() == 4 && a[3] >= '1' && a[3] <= '3') b |= static_cast<std::uint16_t>(0x8000 >> (a[3] - '1'));
    return b;
  };
  return {bits(p.ciphering), bits(p.integrity)};
}

class EnbSutRun {
 public:
  EnbSutRun(const TestCase& tc, const Environment& env, CaseResult& result) : tc_(tc), env_(env), result_(result) {
    const auto& p = *env.profile;
    const auto names = tc.ue_names();
    for (std::size_t u = 0; u < names.size(); ++u) {
      if (u >= p.subscribers.size())
        throw std::runtime_error("the case needs subscriber #" + std::to_string(u + 1) + " but the profile has " +
                                 std::to_string(p.subscribers.size()));
      const auto& sub = p.subscribers[u];
      EnbCaseUe ue;
      ue.name = names[u];
      ue.k = sub.k;
      ue.opc = sub.opc ? *sub.opc : security::Milenage::opc_from_op(sub.k, *sub.op);
      roles::UsimConfig usim{sub.imsi, ue.k, ue.opc, p.mcc, p.mnc};
      ue.ue = std::make_unique<roles::Ue>(std::move(usim));
      // Distinct MME UE S1AP IDs per case: a late message of an earlier case is not taken for this one's.
      ue.mme_ue_s1ap_id = static_cast<std::uint32_t>(1000 + 16 * env.case_number + u);
      ues_.push_back(std::move(ue));
    }
  }

  void run() {
    note("runner", TimelineEntry::Kind::note, tc_.id + ": " + tc_.purpose);
    if (!env_.enb_sut || !env_.enb_sut->mme || !env_.enb_sut->mme->connected()) {
      set_outcome(Verdict::error, "the runner's MME has no S1 association with the eNB");
    } else {
      execute(tc_.preamble, true);
      for (auto& a : arrivals_) a.consumed = true;  // the steps judge what follows the preamble
      if (outcome_.verdict == Verdict::pass) execute(tc_.body, false);
      finished_body_ = true;
      const Outcome before = outcome_;
      outcome_ = {};
      if (tc_.default_postamble) {
        for (auto& u : ues_) {
          if (!u.enb_ue_s1ap_id) continue;
          Step release;
          release.kind = StepKind::detach;
          release.role = u.name;
          step(release, false);
        }
      } else {
        for (const auto& s : tc_.postamble) step(s, false);  // best effort: try every step
      }
      if (outcome_.verdict != Verdict::pass) note("runner", TimelineEntry::Kind::note, "postamble did not complete: " + outcome_.reason);
      outcome_ = before;
    }
    result_.verdict = outcome_.verdict;
    result_.reason = outcome_.reason;
    result_.rule = outcome_.verdict == Verdict::pass ? "" : outcome_.rule;
    if (result_.verdict == Verdict::pass) note("runner", TimelineEntry::Kind::check_passed, "every expectation of the case held");
  }

 private:
  void note(const std::string& role, TimelineEntry::Kind kind, const std::string& text) {
    result_.timeline.push_back({std::chrono::system_clock::now(), role, kind, text});
  }

  void set_outcome(Verdict v, const std::string& reason, const std::string& rule = "") {
    if (outcome_.verdict != Verdict::pass) return;
    outcome_ = {v, reason, rule.empty() && !tc_.rules.empty() ? tc_.rules.front() : rule};
    note("runner", v == Verdict::fail ? TimelineEntry::Kind::check_failed : TimelineEntry::Kind::note,
         std::string(to_string(v)) + ": " + reason);
  }

  std::string key_text(const s1ap::Key256& key) const {
    if (env_.show_keys) return to_hex(ByteView(key.data(), key.size()));
    return security::Key256(key).fingerprint();
  }

  std::chrono::milliseconds guard(const Step& s) const { return s.timeout.value_or(env_.profile->timers.guard); }

  EnbCaseUe& ue_named(const std::string& name) {
    for (auto& u : ues_)
      if (u.name == name) return u;
    throw std::logic_error("no UE role " + name);
  }

  EnbCaseUe* ue_by_ids(std::optional<std::uint32_t> mme_id, std::uint32_t enb_id) {
    for (auto& u : ues_)
      if (mme_id ? u.mme_ue_s1ap_id == *mme_id : u.enb_ue_s1ap_id == enb_id) return &u;
    return nullptr;
  }

  std::optional<std::string> send(const std::string& summary, const s1ap::S1apMessage& m) {
    note("mme", TimelineEntry::Kind::sent, summary);
    return env_.enb_sut->mme->send(m);
  }

  std::string control(const std::string& line) {
    note("runner", TimelineEntry::Kind::note, "eNB trigger: " + line.substr(0, std::min<std::size_t>(line.size(), 48)));
    return env_.enb_sut->control(line);
  }

  /// The eNB reads its trigger and S1 independently: a refusal right after an S1 message may only
  /// mean it has not processed that message yet. Asks again within the guard time.
  std::string control_until_ok(const std::string& line, std::chrono::milliseconds guard_time) {
    const auto until = std::chrono::steady_clock::now() + guard_time;
    for (;;) {
      std::string reply = control(line);
      if (reply.rfind("ok", 0) == 0 || std::chrono::steady_clock::now() >= until || (env_.stop && env_.stop->load())) {
        note("runner", TimelineEntry::Kind::note, "eNB trigger reply: " + (reply.empty() ? std::string("(none)") : reply));
        return reply;
      }
      pump_until([] { return false; }, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
    }
  }

  /// Asks the eNB's `status` until the UE's entry shows `reconfiguration=1` (the reference eNB's
  /// status line, reference/enb/README.md), reading S1 meanwhile.
  bool await_reconfiguration(const EnbCaseUe& ue, std::chrono::milliseconds within, const std::string& where) {
    const auto until = std::chrono::steady_clock::now() + within;
    const std::string entry = "ue{id=" + std::to_string(*ue.enb_ue_s1ap_id) + " ";
    std::string reply;
    for (;;) {
      reply = env_.enb_sut->control("status");
      const auto at = reply.find(entry);
      if (at != std::string::npos) {
        const std::string block = reply.substr(at, reply.find('}', at) - at);
        if (block.find(" reconfiguration=1") != std::string::npos) {
          note("runner", TimelineEntry::Kind::note, "eNB reports the RRC reconfiguration of " + ue.name + " ongoing");
          return true;
        }
      }
      if (std::chrono::steady_clock::now() >= until || (env_.stop && env_.stop->load())) break;
      pump_until([] { return false; }, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
      if (outcome_.verdict != Verdict::pass) return false;
    }
    set_outcome(Verdict::inconc, "the eNB never reported the RRC reconfiguration of " + ue.name + " ongoing (" + where + "): " + reply);
    return false;
  }

  // --- what arrives, and what the MME does on its own
  void pump_once(std::chrono::milliseconds timeout) {
    auto& a = env_.enb_sut->mme->association();
    const auto e = a.receive(timeout);
    if (e.kind == transport::SctpEventKind::timeout) return;
    if (e.kind != transport::SctpEventKind::message) {
      const std::string what = std::string("SCTP ") + transport::to_string(e.kind) + (e.detail.empty() ? "" : " (" + e.detail + ")");
      note("mme", TimelineEntry::Kind::note, what);
      if (!a.alive()) set_outcome(Verdict::fail, "the eNB ended its S1 association: " + what);
      return;
    }
    auto m = s1ap::decode_pdu(view_of(e.bytes));
    if (!m) {
      arrive({"undecodable", "undecodable S1AP: " + m.error().to_string(), {}});
      if (!finished_body_) set_outcome(Verdict::fail, "the eNB sent S1AP that does not decode: " + m.error().to_string());
      return;
    }
    on_s1ap(*m);
  }

  void arrive(EnbArrival a) {
    note("mme", TimelineEntry::Kind::received, a.summary);
    arrivals_.push_back(std::move(a));
  }

  /// The UE a message is about (by MME UE S1AP ID, else by eNB UE S1AP ID); nullptr when it is
  /// no UE of this case (a late message of an earlier case).
  template <typename M>
  EnbCaseUe* about(const M& m) {
    return ue_by_ids(m.mme_ue_s1ap_id, m.enb_ue_s1ap_id);
  }

  void on_s1ap(const s1ap::S1apMessage& m) {
    EnbArrival a;
    a.name = s1ap_name(m);
    a.summary = a.name;
    EnbCaseUe* ue = nullptr;
    bool ours = true;
    if (const auto* i = std::get_if<s1ap::InitialUeMessage>(&m)) {
      for (auto& u : ues_)
        if (u.waiting_initial && !ue) ue = &u;
      if (ue) {
        ue->enb_ue_s1ap_id = i->enb_ue_s1ap_id;
        ue->waiting_initial = false;
      }
      ours = ue != nullptr;
    } else {
      std::visit(
          [&](const auto& x) {
            if constexpr (requires { x.mme_ue_s1ap_id; x.enb_ue_s1ap_id; }) {
              if constexpr (std::is_same_v<std::remove_cvref_t<decltype(x.enb_ue_s1ap_id)>, std::uint32_t>) {
                ue = about(x);
                ours = ue != nullptr;
              }
            }
          },
          m);
    }
    if (const auto* f = std::get_if<s1ap::UeContextModificationFailure>(&m)) a.summary += " (" + cause_text(f->cause) + ")";
    if (const auto* h = std::get_if<s1ap::HandoverRequired>(&m)) a.summary += " (" + cause_text(h->cause) + ")";
    if (ue) a.summary += " for " + ue->name;
    if (!ours) {
      a.summary += " (no UE of this case: left over from an earlier one)";
      a.consumed = true;
    }
    arrive(std::move(a));
    if (!ours) return;
    // TS 36.413 8.4.5: the MME answers a HANDOVER CANCEL at once, as a real one does.
    if (const auto* c = std::get_if<s1ap::HandoverCancel>(&m)) {
      s1ap::HandoverCancelAcknowledge ack;
      ack.mme_ue_s1ap_id = c->mme_ue_s1ap_id;
      ack.enb_ue_s1ap_id = c->enb_ue_s1ap_id;
      if (auto error = send("HandoverCancelAcknowledge", ack)) set_outcome(Verdict::error, *error);
    } else if (std::holds_alternative<s1ap::UeContextReleaseComplete>(m) && ue) {
      ue->connected = false;
      ue->enb_ue_s1ap_id.reset();
    }
  }

  bool pump_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point until) {
    while (!done()) {
      if (env_.stop && env_.stop->load()) return false;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pump_once(std::min(left, std::chrono::milliseconds(200)));
    }
    return true;
  }

  /// The first unconsumed arrival named like `p`; the ones passed over count as handled (as in
  /// engine.cpp), so expectations read in order.
  std::optional<std::size_t> find(const MessagePattern& p, bool consume_skipped) {
    for (std::size_t i = 0; i < arrivals_.size(); ++i) {
      auto& a = arrivals_[i];
      if (a.consumed) continue;
      if (p.name == "*" || same_name(a.name, p.name)) return i;
      if (consume_skipped) a.consumed = true;
    }
    return std::nullopt;
  }

  std::string mismatch(const EnbArrival& a, const MessagePattern& p) const {
    for (const auto& f : p.fields) {
      const auto it = a.fields.find(f.name);
      if (it == a.fields.end()) return "field " + f.name + " is absent";
      if (f.value != "*" && normalized(it->second) != normalized(f.value))
        return "field " + f.name + " is '" + it->second + "', expected '" + f.value + "'";
    }
    return "";
  }

  /// Waits for `name` at the MME; the arrival's index, or nullopt on timeout (outcome untouched).
  std::optional<std::size_t> wait_for(const std::string& name, std::chrono::milliseconds within) {
    std::optional<std::size_t> got;
    const MessagePattern p{name, {}};
    pump_until([&] { return (got = find(p, false)).has_value() || outcome_.verdict != Verdict::pass; },
               std::chrono::steady_clock::now() + within);
    if (got) arrivals_[*got].consumed = true;
    return got;
  }

  void execute(const std::vector<Step>& steps, bool preamble) {
    for (const auto& s : steps) {
      if (env_.stop && env_.stop->load()) return set_outcome(Verdict::error, "interrupted by the user");
      if (!step(s, preamble) || outcome_.verdict != Verdict::pass) return;
    }
  }

  bool need_trigger(const std::string& what) {
    if (env_.enb_sut->control) return true;
    set_outcome(Verdict::none, "the profile gives no eNB trigger to " + what);
    return false;
  }

  bool step(const Step& s, bool preamble) {
    const std::string where = tc_.source_file + ":" + std::to_string(s.line);
    const auto& p = *env_.profile;
    switch (s.kind) {
      case StepKind::attach: {  // the UE arrives at the eNB; the MME sets its context up
        EnbCaseUe& ue = ue_named(s.role);
        if (!need_trigger("make a UE arrive")) return false;
        ue.waiting_initial = true;
        const std::string reply = control_until_ok("ue-connect " + to_hex(view_of(ue.ue->attach_request())), guard(s));
        if (reply.rfind("ok", 0) != 0) return set_outcome(Verdict::inconc, "preamble: the eNB did not take the UE: " + reply), false;
        if (!wait_for("InitialUEMessage", guard(s)) || !ue.enb_ue_s1ap_id)
          return set_outcome(Verdict::inconc, "preamble: no INITIAL UE MESSAGE for " + ue.name + " (" + where + ")"), false;
        s1ap::InitialContextSetupRequest ics;
        ics.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        ics.enb_ue_s1ap_id = *ue.enb_ue_s1ap_id;
        ics.ue_ambr = {100000000, 50000000};
        s1ap::ERabToBeSetup bearer;
        bearer.e_rab_id = 5;  // the default bearer (TS 24.301: EPS bearer identity 5 is the first)
        std::array<std::uint8_t, 4> v4{};
        if (::inet_pton(AF_INET, p.runner_address.c_str(), v4.data()) == 1) bearer.transport_layer_address.assign(v4.begin(), v4.end());
        else bearer.transport_layer_address = {127, 0, 0, 1};
        bearer.gtp_teid = 0x1000 + ue.mme_ue_s1ap_id;
        ics.e_rabs.push_back(bearer);
        ics.ue_security_capabilities = capabilities_of(p);
        ue.key_round = 0;
        const auto keys = roles::ue_keys(ue.k, ue.opc, security::ServingNetworkId::from_digits(p.mcc, p.mnc), ue.key_round);
        std::copy(keys.kenb.data(), keys.kenb.data() + 32, ics.security_key.begin());
        if (auto error = send("InitialContextSetupRequest with SecurityKey " + key_text(ics.security_key), ics))
          return set_outcome(Verdict::error, *error), false;
        std::optional<std::size_t> got;
        pump_until([&] {
          got = find({"InitialContextSetupResponse", {}}, false);
          return got || find({"InitialContextSetupFailure", {}}, false) || outcome_.verdict != Verdict::pass;
        }, std::chrono::steady_clock::now() + guard(s));
        if (!got) return set_outcome(Verdict::inconc, "preamble: no INITIAL CONTEXT SETUP RESPONSE for " + ue.name + " (" + where + ")"), false;
        arrivals_[*got].consumed = true;
        ue.connected = true;
        return outcome_.verdict == Verdict::pass;
      }
      case StepKind::detach: {  // the MME releases the UE's context
        EnbCaseUe& ue = ue_named(s.role);
        if (!ue.enb_ue_s1ap_id) return true;
        s1ap::UeContextReleaseCommand c;
        c.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        c.enb_ue_s1ap_id = *ue.enb_ue_s1ap_id;
        c.cause = {s1ap::CauseGroup::nas, 0};  // normal-release (TS 36.413 9.2.1.3)
        if (auto error = send("UEContextReleaseCommand", c)) return set_outcome(Verdict::error, *error), false;
        if (!pump_until([&] { return !ue.enb_ue_s1ap_id; }, std::chrono::steady_clock::now() + guard(s)))
          return set_outcome(Verdict::inconc, "no UE CONTEXT RELEASE COMPLETE for " + ue.name), false;
        return true;
      }
      case StepKind::send: {
        EnbCaseUe& ue = ue_named(s.ue);
        if (!ue.enb_ue_s1ap_id) return set_outcome(Verdict::error, where + ": " + ue.name + " has no S1 connection at the eNB"), false;
        const std::uint32_t mme_id = ue.mme_ue_s1ap_id, enb_id = *ue.enb_ue_s1ap_id;
        std::optional<std::string> error;
        if (same_name(s.pattern.name, "UEContextModificationRequest")) {
          // A new KeNB from the next KASME: what a re-authentication gives (TS 33.401 7.2.9.2).
          const auto keys = roles::ue_keys(ue.k, ue.opc, security::ServingNetworkId::from_digits(p.mcc, p.mnc), ++ue.key_round);
          s1ap::UeContextModificationRequest u;
          u.mme_ue_s1ap_id = mme_id;
          u.enb_ue_s1ap_id = enb_id;
          s1ap::Key256 k{};
          std::copy(keys.kenb.data(), keys.kenb.data() + 32, k.begin());
          u.security_key = k;
          error = send("UEContextModificationRequest with SecurityKey " + key_text(k), u);
        } else if (same_name(s.pattern.name, "HandoverCommand")) {
          s1ap::HandoverCommand c;
          c.mme_ue_s1ap_id = mme_id;
          c.enb_ue_s1ap_id = enb_id;
          // The target's container (9.2.1.57): no radio here, the eNB under test is not judged on
          // what it tells the UE, but the pcap must dissect.
          c.target_to_source_container = target_to_source_container();
          error = send("HandoverCommand", c);
        } else if (same_name(s.pattern.name, "HandoverPreparationFailure")) {
          s1ap::HandoverPreparationFailure f;
          f.mme_ue_s1ap_id = mme_id;
          f.enb_ue_s1ap_id = enb_id;
          f.cause = {s1ap::CauseGroup::radio_network, 7};  // ho-target-not-allowed
          error = send("HandoverPreparationFailure", f);
        } else {  // UEContextReleaseCommand (enb_sut_sendable allows nothing else)
          s1ap::UeContextReleaseCommand c;
          c.mme_ue_s1ap_id = mme_id;
          c.enb_ue_s1ap_id = enb_id;
          c.cause = {s1ap::CauseGroup::radio_network, 2};  // successful-handover
          error = send("UEContextReleaseCommand", c);
        }
        if (error) set_outcome(Verdict::error, *error);
        return outcome_.verdict == Verdict::pass;
      }
      case StepKind::expect: {
        std::optional<std::size_t> got;
        pump_until([&] { return (got = find(s.pattern, true)).has_value() || outcome_.verdict != Verdict::pass; },
                   std::chrono::steady_clock::now() + guard(s));
        if (outcome_.verdict != Verdict::pass) return false;
        if (!got) {
          const std::string why = "no " + s.pattern.name + " at the MME within " + std::to_string(guard(s).count()) + " ms (" + where + ")";
          if (env_.stop && env_.stop->load()) set_outcome(Verdict::error, "interrupted by the user");
          else set_outcome(preamble || s.inconc_on_timeout ? Verdict::inconc : Verdict::fail, why, s.rule);
          return false;
        }
        EnbArrival& a = arrivals_[*got];
        a.consumed = true;
        if (const std::string bad = mismatch(a, s.pattern); !bad.empty())
          return set_outcome(preamble ? Verdict::inconc : Verdict::fail, a.summary + ": " + bad + " (" + where + ")", s.rule), false;
        note("mme", TimelineEntry::Kind::check_passed, a.summary + " as expected");
        return true;
      }
      case StepKind::expect_none: {
        const auto window = s.timeout.value_or(p.timers.quiet);
        std::optional<std::size_t> got;
        pump_until([&] { return (got = find(s.pattern, false)).has_value(); }, std::chrono::steady_clock::now() + window);
        if (got) {
          arrivals_[*got].consumed = true;
          return set_outcome(Verdict::fail, arrivals_[*got].summary + " arrived at the MME where none was allowed (" + where + ")", s.rule), false;
        }
        if (env_.stop && env_.stop->load()) return false;
        note("mme", TimelineEntry::Kind::check_passed, "no " + s.pattern.name + " for " + std::to_string(window.count()) + " ms");
        return true;
      }
      case StepKind::trigger: {
        EnbCaseUe& ue = ue_named(s.ue);
        if (!need_trigger(s.action)) return false;
        if (!ue.enb_ue_s1ap_id) return set_outcome(Verdict::error, where + ": " + ue.name + " has no S1 connection at the eNB"), false;
        if (s.action == "await-reconfiguration") return await_reconfiguration(ue, guard(s), where);
        std::string line = s.action + " " + std::to_string(*ue.enb_ue_s1ap_id);
        if (s.action == "handover") {
          // Towards a neighbour: the next eNB id in the SUT's PLMN, the SUT's first TAC.
          const auto& setup = env_.enb_sut->mme->enb_setup();
          const std::uint32_t target = (setup.global_enb_id.id + 1) & 0xFFFFF;
          const std::uint16_t tac = setup.supported_tas.empty() ? p.tacs.front() : setup.supported_tas.front().tac;
          line += " " + std::to_string(target) + " " + std::to_string(tac);
        }
        const std::string reply = control_until_ok(line, guard(s));
        if (reply.rfind("ok", 0) != 0) return set_outcome(Verdict::inconc, "the eNB did not accept the trigger '" + line + "': " + reply), false;
        return true;
      }
      default:
        return set_outcome(Verdict::error, where + ": not a step of an eNB-SUT case"), false;
    }
  }

  const TestCase& tc_;
  const Environment& env_;
  CaseResult& result_;
  std::vector<EnbCaseUe> ues_;
  std::vector<EnbArrival> arrivals_;
  Outcome outcome_;
  bool finished_body_ = false;
};

}  // namespace

void run_enb_sut_case(const TestCase& tc, const Environment& env, CaseResult& result) {
  if (!env.enb_sut) throw std::logic_error("an eNB-SUT case without the run's MME");
  // One case at a time on the eNB's association; its messages go to this case's tap meanwhile.
  std::lock_guard turn(env.enb_sut->turn);
  const auto case_tap = env.tap;
  const int forward = env.enb_sut->tap->add([case_tap](const transport::TapRecord& r) { case_tap->report(r); });
  try {
    EnbSutRun run(tc, env, result);
    run.run();
  } catch (...) {
    env.enb_sut->tap->remove(forward);
    throw;
  }
  env.enb_sut->tap->remove(forward);
}

}  // namespace concur::scenario::detail
