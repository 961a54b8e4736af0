// The step interpreter: preamble, steps, postamble; guard timers on every wait; the verdict of
// the case's own expectations. The first non-pass outcome ends the steps; the postamble always
// runs so the SUT is left clean for the next case.
#include "scenario/engine.h"

#include <algorithm>
#include <sstream>

#include "scenario/case_run.h"
#include "scenario/handover_containers.h"
#include "scenario/message_names.h"
#include "transport/sctp.h"

namespace concur::scenario {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "fail";
    case Verdict::inconc: return "inconc";
    case Verdict::none: return "none";
    case Verdict::error: return "error";
  }
  return "?";
}

Verdict worse(Verdict a, Verdict b) {
  const auto rank = [](Verdict v) {
    switch (v) {
      case Verdict::none: return 0;
      case Verdict::pass: return 1;
      case Verdict::inconc: return 2;
      case Verdict::fail: return 3;
      case Verdict::error: return 4;
    }
    return 4;
  };
  return rank(a) >= rank(b) ? a : b;
}

const char* to_string(TimelineEntry::Kind k) {
  switch (k) {
    case TimelineEntry::Kind::sent: return "sent";
    case TimelineEntry::Kind::received: return "received";
    case TimelineEntry::Kind::held: return "held";
    case TimelineEntry::Kind::released: return "released";
    case TimelineEntry::Kind::note: return "note";
    case TimelineEntry::Kind::check_passed: return "check-passed";
    case TimelineEntry::Kind::check_failed: return "check-failed";
  }
  return "?";
}

std::optional<std::string> not_applicable(const TestCase& tc, const profile::SutProfile& profile) {
  if (tc.sut_is_enb() != (profile.kind == profile::SutKind::enb))
    return std::string("the case tests ") + (tc.sut_is_enb() ? "an eNB" : "an MME") + "; the profile describes " +
           (profile.kind == profile::SutKind::enb ? "an eNB" : "an MME");
  for (const auto& p : tc.pics)
    if (!profile.has_pics(p)) return "the SUT profile does not declare PICS '" + p + "'";
  return std::nullopt;
}

std::size_t subscriber_index(const Environment& env, std::size_t ues, std::size_t u) {
  return env.slot * std::max(env.subscribers_per_slot, ues) + u;
}

std::size_t subscribers_needed(const std::vector<TestCase>& cases, std::size_t slots) {
  std::size_t per_case = 0;
  for (const auto& tc : cases) per_case = std::max(per_case, tc.ue_names().size());
  return per_case * slots;
}

CaseResult run_case(const TestCase& tc, const Environment& env) {
  CaseResult result;
  result.id = tc.id;
  const auto started = std::chrono::steady_clock::now();
  if (auto why = not_applicable(tc, *env.profile)) {
    result.verdict = Verdict::none;
    result.reason = *why;
    return result;
  }
  std::mutex messages_mutex;
  const int observer = env.tap->add([&](const transport::TapRecord& r) {
    std::lock_guard lock(messages_mutex);
    result.messages.push_back(r);
  });
  try {
    if (tc.sut_is_enb()) {
      detail::run_enb_sut_case(tc, env, result);  // enb_sut_run.cpp
    } else {
      detail::CaseRun run(tc, env, result);
      run.run();
    }
  } catch (const std::exception& e) {
    result.verdict = Verdict::error;
    result.reason = std::string("the tester broke: ") + e.what();
  }
  env.tap->remove(observer);
  std::lock_guard lock(messages_mutex);
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return result;
}

namespace detail {

CaseRun::CaseRun(const TestCase& t, const Environment& e, CaseResult& result) : tc(t), env(e), result_(result) {
  const auto& p = *env.profile;
  for (const auto& name : tc.enb_names()) {
    EnbSlot slot;
    slot.name = name;
    enbs.push_back(std::move(slot));
  }
  const auto ue_names = tc.ue_names();
  for (std::size_t u = 0; u < ue_names.size(); ++u) {
    const std::size_t index = subscriber_index(env, ue_names.size(), u);
    if (index >= p.subscribers.size())
      throw std::runtime_error("slot " + std::to_string(env.slot) + " needs subscriber #" + std::to_string(index + 1) +
                               " but the profile has " + std::to_string(p.subscribers.size()));
    const auto& sub = p.subscribers[index];
    roles::UsimConfig usim;
    usim.imsi = sub.imsi;
    usim.k = sub.k;
    usim.opc = sub.opc ? *sub.opc : security::Milenage::opc_from_op(sub.k, *sub.op);
    usim.mcc = p.mcc;
    usim.mnc = p.mnc;
    UeSlot ue;
    ue.name = ue_names[u];
    ue.ue = std::make_unique<roles::Ue>(std::move(usim));
    ue.home_enb = enb_index(tc.role(ue.name)->enb);
    ues.push_back(std::move(ue));
  }
  join_gtp_roles();
}

void CaseRun::note(const std::string& role, TimelineEntry::Kind kind, const std::string& text) {
  result_.timeline.push_back({std::chrono::system_clock::now(), role, kind, text});
}

void CaseRun::set_outcome(Verdict v, const std::string& reason, const std::string& rule) {
  if (outcome_.verdict != Verdict::pass) return;  // the first non-pass outcome is the one that counts
  outcome_ = {v, reason, rule.empty() && !tc.rules.empty() ? tc.rules.front() : rule};
  note("runner", v == Verdict::fail ? TimelineEntry::Kind::check_failed : TimelineEntry::Kind::note,
       std::string(to_string(v)) + ": " + reason);
}

std::string CaseRun::key_text(const std::array<std::uint8_t, 32>& key) const {
  if (env.show_keys) return to_hex(ByteView(key.data(), key.size()));
  return security::Key256(key).fingerprint();
}

std::size_t CaseRun::enb_index(const std::string& name) const {
  for (std::size_t i = 0; i < enbs.size(); ++i)
    if (enbs[i].name == name) return i;
  throw std::logic_error("no eNB role " + name);
}

UeSlot& CaseRun::ue_named(const std::string& name) {
  for (auto& u : ues)
    if (u.name == name) return u;
  throw std::logic_error("no UE role " + name);
}

UeSlot* CaseRun::ue_by_leg(std::size_t enb, std::uint32_t enb_ue_s1ap_id) {
  for (auto& u : ues) {
    if (u.leg && u.leg->enb == enb && u.leg->enb_ue_s1ap_id == enb_ue_s1ap_id) return &u;
    if (u.target_leg && u.target_leg->enb == enb && u.target_leg->enb_ue_s1ap_id == enb_ue_s1ap_id) return &u;
  }
  return nullptr;
}

UeSlot* CaseRun::ue_by_mme_id(std::uint32_t mme_ue_s1ap_id) {
  for (auto& u : ues)
    if (u.mme_ue_s1ap_id != 0 && u.mme_ue_s1ap_id == mme_ue_s1ap_id) return &u;
  for (auto& u : ues)
    if (u.target_mme_ue_s1ap_id != 0 && u.target_mme_ue_s1ap_id == mme_ue_s1ap_id) return &u;
  return nullptr;
}

UeSlot* CaseRun::ue_for_handover_request(std::size_t enb_index, std::uint32_t mme_ue_s1ap_id) {
  if (UeSlot* u = ue_by_mme_id(mme_ue_s1ap_id)) return u;
  for (auto& u : ues)
    if (u.handover_target_enb == enb_index) return &u;
  return nullptr;
}

std::optional<std::string> CaseRun::answer_override(const std::string& role, const std::string& incoming) {
  for (auto it = answers_.begin(); it != answers_.end(); ++it) {
    if (std::get<0>(*it) == role && same_name(std::get<1>(*it), incoming)) {
      std::string with = std::get<2>(*it);
      answers_.erase(it);
      return with;
    }
  }
  return std::nullopt;
}

std::size_t CaseRun::add_arrival(Arrival a) {
  note(a.role, TimelineEntry::Kind::received, a.summary);
  arrivals_.push_back(std::move(a));
  return arrivals_.size() - 1;
}

void CaseRun::emit(Emission e) {
  // A hold stays armed until its release: a retransmitted request (e.g. T3460 resending the
  // SMC) gets its answer held back too, so the window the case opened stays open.
  for (auto it = holds_armed_.begin(); it != holds_armed_.end(); ++it) {
    if ((it->first == "*" || it->first == e.role) && same_name(it->second, e.name)) {
      note(e.role, TimelineEntry::Kind::held, e.summary + " (held back)");
      held_.push_back(std::move(e));
      return;
    }
  }
  note(e.role, TimelineEntry::Kind::sent, e.summary);
  if (auto error = e.send()) set_outcome(Verdict::error, *error);
}

std::optional<std::string> CaseRun::send_s1ap(std::size_t enb, const s1ap::S1apMessage& m) {
  if (!enbs[enb].enb || !enbs[enb].alive) return "eNB " + enbs[enb].name + " has no association to the SUT";
  return enbs[enb].enb->send(m);
}

std::optional<std::string> CaseRun::send_uplink_nas(UeSlot& ue, const Bytes& pdu) {
  if (!ue.leg) return "UE " + ue.name + " has no S1 connection to send NAS on";
  const auto& enb = enbs[ue.leg->enb];
  s1ap::UplinkNasTransport ul;
  ul.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
  ul.enb_ue_s1ap_id = ue.leg->enb_ue_s1ap_id;
  ul.nas_pdu = pdu;
  ul.eutran_cgi = enb.enb->identity().ecgi;
  ul.tai = enb.enb->identity().tai;
  return send_s1ap(ue.leg->enb, ul);
}

namespace {
constexpr std::size_t kEnbsPerCase = 8;
constexpr std::size_t kEnbIdSpan = 1 << 16;  // wraps long before the 20-bit macro eNB id ends
}  // namespace

bool CaseRun::connect_enbs() {
  const auto& p = *env.profile;
  const s1ap::Plmn plmn = roles::plmn_of(p.mcc, p.mnc);
  transport::SctpOptions o;
  o.backend = transport::parse_sctp_backend(p.s1.sctp_backend);
  o.remote_udp_encapsulation_port = p.s1.udp_encapsulation_port;
  o.connect_timeout = p.timers.guard;
  o.tap = env.tap;
  for (std::size_t k = 0; k < enbs.size(); ++k) {
    const std::uint32_t id = p.first_enb_id + static_cast<std::uint32_t>((kEnbsPerCase * env.case_number + k) % kEnbIdSpan);
    const std::uint16_t tac = p.tacs[k % p.tacs.size()];
    std::string why;
    enbs[k].enb = roles::Enb::connect(roles::make_enb_identity(plmn, id, tac, "concur-" + enbs[k].name + "-" + std::to_string(id)),
                                      env.sut_s1, o, p.runner_address, why);
    if (!enbs[k].enb) {
      set_outcome(Verdict::error, why);
      return false;
    }
    enbs[k].alive = true;
    enbs[k].next_enb_ue_s1ap_id = 1 + 100 * static_cast<std::uint32_t>(env.slot);
    note(enbs[k].name, TimelineEntry::Kind::note,
         "SCTP association up (eNB id " + std::to_string(id) + ", TAC " + std::to_string(tac) + ")");
  }
  return true;
}

void CaseRun::run() {
  note("runner", TimelineEntry::Kind::note, tc.id + ": " + tc.purpose);
  if (connect_enbs()) {
    execute(tc.preamble, true, false);
    // The steps judge what happens after the preamble: what arrived during it (the attach's
    // own SMC, say) is not there for them to match.
    for (auto& a : arrivals_) a.consumed = true;
    if (outcome_.verdict == Verdict::pass) execute(tc.body, false, false);
    finished_body_ = true;
    // The postamble never changes the verdict: it only leaves the SUT clean for the next case.
    const Outcome before = outcome_;
    outcome_ = {};
    if (tc.default_postamble) {
      for (auto& u : ues) {
        if (!u.leg || !u.mme_ue_s1ap_id) continue;
        Step detach;
        detach.kind = StepKind::detach;
        detach.role = u.name;
        step(detach, false);
      }
    } else {
      execute(tc.postamble, false, true);
    }
    if (outcome_.verdict != Verdict::pass) note("runner", TimelineEntry::Kind::note, "postamble did not complete: " + outcome_.reason);
    outcome_ = before;
  }
  close_enbs();
  result_.verdict = outcome_.verdict;
  result_.reason = outcome_.reason;
  result_.rule = outcome_.verdict == Verdict::pass ? "" : outcome_.rule;
  if (result_.verdict == Verdict::pass) note("runner", TimelineEntry::Kind::check_passed, "every expectation of the case held");
}

void CaseRun::execute(const std::vector<Step>& steps, bool preamble, bool postamble) {
  for (const auto& s : steps) {
    if (env.stop && env.stop->load()) {
      set_outcome(Verdict::error, "interrupted by the user");
      return;
    }
    if (!step(s, preamble) || outcome_.verdict != Verdict::pass) {
      if (postamble) continue;  // best effort: try the rest
      return;
    }
  }
}

std::chrono::milliseconds CaseRun::guard(const Step& s) const { return s.timeout.value_or(env.profile->timers.guard); }

void CaseRun::pump_once(std::chrono::milliseconds timeout) {
  if (!gtps.empty()) {
    // S10/S3 share the wait: short SCTP slices, the GTPv2-C roles read in between.
    pump_gtp();
    timeout = std::min(timeout, std::chrono::milliseconds(10));
  }
  std::vector<transport::SctpAssociation*> assocs;
  for (auto& e : enbs) assocs.push_back(e.enb && e.alive ? &e.enb->association() : nullptr);
  const auto any = transport::sctp_receive_any(assocs, timeout, receive_start_);
  if (any.event.kind == transport::SctpEventKind::timeout) return;
  receive_start_ = (any.index + 1) % enbs.size();
  EnbSlot& enb = enbs[any.index];
  if (any.event.kind != transport::SctpEventKind::message) {
    enb.alive = enb.enb->association().alive();
    const std::string what = std::string("SCTP ") + transport::to_string(any.event.kind) +
                             (any.event.detail.empty() ? "" : " (" + any.event.detail + ")");
    note(enb.name, TimelineEntry::Kind::note, what);
    if (!enb.alive && !finished_body_) set_outcome(Verdict::fail, "the SUT ended eNB " + enb.name + "'s association: " + what);
    return;
  }
  auto m = s1ap::decode_pdu(view_of(any.event.bytes));
  if (!m) {
    Arrival a;
    a.role = enb.name;
    a.name = "undecodable";
    a.summary = "undecodable S1AP: " + m.error().to_string();
    add_arrival(std::move(a));
    if (!finished_body_) set_outcome(Verdict::fail, "the SUT sent S1AP that does not decode: " + m.error().to_string());
    return;
  }
  on_s1ap(any.index, *m);
}

bool CaseRun::pump_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point until) {
  while (!done()) {
    if (env.stop && env.stop->load()) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pump_once(std::min(left, std::chrono::milliseconds(200)));
  }
  return true;
}

std::optional<std::size_t> CaseRun::find_arrival(const std::string& role, const MessagePattern& p, bool consume_skipped) {
  for (std::size_t i = 0; i < arrivals_.size(); ++i) {
    auto& a = arrivals_[i];
    if (a.consumed || (role != "*" && a.role != role)) continue;
    if (p.name == "*" || same_name(a.name, p.name)) return i;
    if (consume_skipped) a.consumed = true;  // passed over: handled by the role's behaviour
  }
  return std::nullopt;
}

std::string CaseRun::mismatch(const Arrival& a, const MessagePattern& p) const {
  for (const auto& f : p.fields) {
    const auto it = a.fields.find(f.name);
    if (it == a.fields.end()) return "field " + f.name + " is absent";
    if (f.value != "*" && normalized(it->second) != normalized(f.value) &&
        !(f.name == "nh-from" && normalized(it->second).rfind(normalized(f.value), 0) == 0))
      return "field " + f.name + " is '" + it->second + "', expected '" + f.value + "'";
  }
  return "";
}

bool CaseRun::step(const Step& s, bool preamble) {
  const auto deadline = [&](std::chrono::milliseconds d) { return std::chrono::steady_clock::now() + d; };
  const std::string where = tc.source_file + ":" + std::to_string(s.line);
  switch (s.kind) {
    case StepKind::s1_setup: {
      const std::size_t e = enb_index(s.role);
      note(s.role, TimelineEntry::Kind::sent, "S1SetupRequest");
      if (auto error = send_s1ap(e, enbs[e].enb->s1_setup_request())) {
        set_outcome(Verdict::error, *error);
        return false;
      }
      MessagePattern ok{"S1SetupResponse", {}};
      MessagePattern refused{"S1SetupFailure", {}};
      std::optional<std::size_t> got;
      pump_until([&] { return (got = find_arrival(s.role, ok, false)) || find_arrival(s.role, refused, false); }, deadline(guard(s)));
      if (!got) {
        set_outcome(Verdict::inconc, "preamble: no S1 SETUP RESPONSE at " + s.role + " (" + where + ")");
        return false;
      }
      arrivals_[*got].consumed = true;
      return true;
    }
    case StepKind::attach: {
      UeSlot& ue = ue_named(s.role);
      EnbSlot& enb = enbs[ue.home_enb];
      ue.leg = UeLeg{ue.home_enb, enb.next_enb_ue_s1ap_id++};
      s1ap::InitialUeMessage initial;
      initial.enb_ue_s1ap_id = ue.leg->enb_ue_s1ap_id;
      initial.nas_pdu = ue.ue->attach_request();
      initial.tai = enb.enb->identity().tai;
      initial.eutran_cgi = enb.enb->identity().ecgi;
      initial.rrc_establishment_cause = 3;  // mo-Signalling (TS 36.413 9.2.1.3a)
      note(ue.name, TimelineEntry::Kind::sent, "InitialUEMessage(AttachRequest, IMSI " + ue.ue->imsi() + ")");
      if (auto error = send_s1ap(ue.home_enb, initial)) {
        set_outcome(Verdict::error, *error);
        return false;
      }
      if (!pump_until([&] { return ue.attach_complete_sent || outcome_.verdict != Verdict::pass; }, deadline(guard(s)))) {
        set_outcome(Verdict::inconc, "preamble: the attach of " + ue.name + " did not reach ATTACH COMPLETE (" + where + ")");
        return false;
      }
      return outcome_.verdict == Verdict::pass;
    }
    case StepKind::detach: {
      UeSlot& ue = ue_named(s.role);
      if (!ue.leg) return true;
      const Bytes pdu = ue.ue->detach_request();
      ue.release_seen = false;
      emit({ue.name, "DetachRequest", "UplinkNASTransport(DetachRequest, switch-off)", [this, &ue, pdu] { return send_uplink_nas(ue, pdu); }});
      if (!pump_until([&] { return ue.release_seen; }, deadline(guard(s)))) {
        set_outcome(Verdict::inconc, "no UE CONTEXT RELEASE COMMAND after the DETACH REQUEST of " + ue.name);
        return false;
      }
      return true;
    }
    case StepKind::send: {
      if (!tc.role(s.role)->gtp.empty()) return send_from_gtp(s);
      UeSlot& ue = ue_named(s.ue);
      const std::size_t from = enb_index(s.role);
      const auto& from_id = enbs[from].enb->identity();
      if (same_name(s.pattern.name, "HandoverRequired")) {
        if (!ue.leg || ue.leg->enb != from) return set_outcome(Verdict::error, where + ": " + ue.name + " is not served by " + s.role), false;
        s1ap::HandoverRequired r;
        r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        r.enb_ue_s1ap_id = ue.leg->enb_ue_s1ap_id;
        r.handover_type = s1ap::HandoverType::intralte;
        r.cause = {s1ap::CauseGroup::radio_network, 16};  // handover-desirable-for-radio-reason
        if (!target_gtp_role(s, r)) {
          const auto& target = enbs[enb_index(s.target)].enb->identity();
          r.target_id = s1ap::TargetEnb{target.id, target.tai};
          r.source_to_target_container = source_to_target_container(from_id.ecgi, target.ecgi);
          ue.handover_target_enb = enb_index(s.target);
        }
        ue.target_mme_ue_s1ap_id = 0;
        emit({s.role, "HandoverRequired", "HandoverRequired(to " + s.target + ")", [this, from, r] { return send_s1ap(from, r); }});
      } else if (same_name(s.pattern.name, "HandoverNotify")) {
        if (!ue.target_leg || ue.target_leg->enb != from)
          return set_outcome(Verdict::error, where + ": no handover of " + ue.name + " prepared at " + s.role), false;
        s1ap::HandoverNotify n;
        if (ue.target_mme_ue_s1ap_id != 0) ue.mme_ue_s1ap_id = ue.target_mme_ue_s1ap_id;  // the target connection's ID from now on
        ue.target_mme_ue_s1ap_id = 0;
        ue.handover_target_enb.reset();
        n.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        n.enb_ue_s1ap_id = ue.target_leg->enb_ue_s1ap_id;
        n.eutran_cgi = from_id.ecgi;
        n.tai = from_id.tai;
        ue.leg = ue.target_leg;
        ue.target_leg.reset();
        emit({s.role, "HandoverNotify", "HandoverNotify", [this, from, n] { return send_s1ap(from, n); }});
      } else if (same_name(s.pattern.name, "HandoverCancel")) {
        if (!ue.leg || ue.leg->enb != from) return set_outcome(Verdict::error, where + ": " + ue.name + " is not served by " + s.role), false;
        s1ap::HandoverCancel c;
        c.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        c.enb_ue_s1ap_id = ue.leg->enb_ue_s1ap_id;
        c.cause = {s1ap::CauseGroup::radio_network, 4};  // handover-cancelled
        ue.target_leg.reset();
        ue.handover_target_enb.reset();
        emit({s.role, "HandoverCancel", "HandoverCancel", [this, from, c] { return send_s1ap(from, c); }});
      } else if (same_name(s.pattern.name, "UEContextReleaseRequest")) {
        // The eNB asks the MME to release the UE (TS 36.413 8.3.2), e.g. while a procedure is held.
        if (!ue.leg || ue.leg->enb != from) return set_outcome(Verdict::error, where + ": " + ue.name + " is not served by " + s.role), false;
        s1ap::UeContextReleaseRequest r;
        r.mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        r.enb_ue_s1ap_id = ue.leg->enb_ue_s1ap_id;
        r.cause = {s1ap::CauseGroup::radio_network, 20};  // user-inactivity (TS 36.413 9.2.1.3)
        emit({s.role, "UEContextReleaseRequest", "UEContextReleaseRequest", [this, from, r] { return send_s1ap(from, r); }});
      } else if (same_name(s.pattern.name, "ServiceRequest")) {
        // The UE in ECM-IDLE comes back through `from`: INITIAL UE MESSAGE(SERVICE REQUEST), S-TMSI.
        if (ue.leg) return set_outcome(Verdict::error, where + ": " + ue.name + " is not in ECM-IDLE"), false;
        const auto pdu = ue.ue->service_request();
        if (!pdu || !ue.ue->guti()) return set_outcome(Verdict::error, where + ": " + ue.name + " has no NAS context or GUTI"), false;
        ue.leg = UeLeg{from, enbs[from].next_enb_ue_s1ap_id++};
        s1ap::InitialUeMessage initial;
        initial.enb_ue_s1ap_id = ue.leg->enb_ue_s1ap_id;
        initial.nas_pdu = *pdu;
        initial.tai = from_id.tai;
        initial.eutran_cgi = from_id.ecgi;
        initial.rrc_establishment_cause = 4;  // mo-Data (TS 36.413 9.2.1.3a)
        initial.s_tmsi = s1ap::STmsi{ue.ue->guti()->mme_code, ue.ue->guti()->m_tmsi};
        emit({s.role, "ServiceRequest", "InitialUEMessage(ServiceRequest)", [this, from, initial] { return send_s1ap(from, initial); }});
      } else {  // PathSwitchRequest: the UE arrived at `from` over X2
        s1ap::PathSwitchRequest p;
        p.enb_ue_s1ap_id = enbs[from].next_enb_ue_s1ap_id++;
        p.e_rabs_to_switch_dl.push_back({5, {127, 0, 0, 20}, 0x7000 + p.enb_ue_s1ap_id});
        p.source_mme_ue_s1ap_id = ue.mme_ue_s1ap_id;
        p.eutran_cgi = from_id.ecgi;
        p.tai = from_id.tai;
        p.ue_security_capabilities = {0xC000, 0xC000};  // 128-EEA1/2, 128-EIA1/2 (TS 36.413 9.2.1.40)
        ue.leg = UeLeg{from, p.enb_ue_s1ap_id};
        emit({s.role, "PathSwitchRequest", "PathSwitchRequest", [this, from, p] { return send_s1ap(from, p); }});
      }
      return outcome_.verdict == Verdict::pass;
    }
    case StepKind::expect: {
      std::optional<std::size_t> got;
      pump_until([&] { return (got = find_arrival(s.role, s.pattern, !s.leave_passed_over)).has_value() || outcome_.verdict != Verdict::pass; },
                 deadline(guard(s)));
      if (outcome_.verdict != Verdict::pass) return false;
      if (!got) return expect_timed_out(s, preamble), false;
      return expect_arrived(s, *got, preamble);
    }
    case StepKind::expect_none: {
      const auto window = s.timeout.value_or(env.profile->timers.quiet);
      std::optional<std::size_t> got;
      pump_until([&] { return (got = find_arrival(s.role, s.pattern, false)).has_value(); }, deadline(window));
      if (got) return expect_none_arrived(s, *got), false;
      if (env.stop && env.stop->load()) return false;
      note(s.role, TimelineEntry::Kind::check_passed, "no " + s.pattern.name + " for " + std::to_string(window.count()) + " ms");
      return true;
    }
    case StepKind::parallel:
      return run_parallel(s);
    case StepKind::hold:
      holds_armed_.push_back({s.role, s.pattern.name});
      return true;
    case StepKind::release: {
      holds_armed_.erase(std::remove_if(holds_armed_.begin(), holds_armed_.end(),
                                        [&](const auto& h) { return h.first == s.role && same_name(h.second, s.pattern.name); }),
                         holds_armed_.end());
      std::vector<Emission> now;
      for (auto it = held_.begin(); it != held_.end();) {
        if ((s.role == "*" || it->role == s.role) && same_name(it->name, s.pattern.name)) {
          now.push_back(std::move(*it));
          it = held_.erase(it);
        } else {
          ++it;
        }
      }
      if (now.empty()) {
        set_outcome(Verdict::inconc, s.inconc_reason + s.role + " holds no " + s.pattern.name + " to release: the SUT never asked for it (" + where + ")");
        return false;
      }
      for (auto& e : now) {
        // An explored event whose UE has left E-UTRAN by the time it comes (the other sequence's
        // relocation completed first, e.g. an SMC COMPLETE after the FORWARD RELOCATION COMPLETE
        // NOTIFICATION): the UE cannot send it, so that ordering cannot happen with this SUT.
        if (!s.inconc_reason.empty()) {
          const auto ue = std::find_if(ues.begin(), ues.end(), [&](const UeSlot& u) { return u.name == e.role; });
          if (ue != ues.end() && !ue->leg) {
            set_outcome(Verdict::inconc, s.inconc_reason + "UE " + ue->name + " has no S1 connection any more to send its " + s.pattern.name + " on (" + where + ")");
            return false;
          }
        }
        note(e.role, TimelineEntry::Kind::released, e.summary + " (released)");
        if (auto error = e.send()) set_outcome(Verdict::error, *error);
      }
      return outcome_.verdict == Verdict::pass;
    }
    case StepKind::answer:
      answers_.push_back({s.role, s.pattern.name, s.with});
      return true;
    case StepKind::trigger: {
      UeSlot& ue = ue_named(s.ue);
      if (env.profile->reauth.kind == profile::ReauthTrigger::Kind::tau_failing_integrity) {
        // The UE's own trigger: nothing to retry, the MME's answer (an AKA, or not) is what the
        // steps after this one expect.
        if (!ue.leg) return set_outcome(Verdict::error, ue.name + " is not in ECM-CONNECTED: no reauth trigger over its S1 leg"), false;
        const auto pdu = ue.ue->tracking_area_update_request_failing_integrity();
        if (!pdu) return set_outcome(Verdict::inconc, ue.name + " has no NAS context or GUTI to send a TRACKING AREA UPDATE REQUEST with"), false;
        emit({ue.name, "TrackingAreaUpdateRequest", "UplinkNASTransport(TrackingAreaUpdateRequest, MAC failing: reauth trigger)",
              [this, &ue, bytes = *pdu] { return send_uplink_nas(ue, bytes); }});
        return outcome_.verdict == Verdict::pass;
      }
      if (!env.reauth) return set_outcome(Verdict::none, "the profile gives no way to trigger a re-authentication"), false;
      // The SUT reads its trigger and S1 independently: a refusal just after the attach may only
      // mean it has not processed the last S1 message yet. Retry within the guard time.
      const auto until = deadline(guard(s));
      std::string reply;
      for (;;) {
        reply = env.reauth(ue.ue->imsi());
        if (reply.rfind("ok", 0) == 0) break;
        if (std::chrono::steady_clock::now() >= until || (env.stop && env.stop->load())) break;
        pump_until([] { return false; }, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
      }
      note("runner", TimelineEntry::Kind::note, "trigger reauth " + ue.ue->imsi() + ": " + reply);
      if (reply.rfind("ok", 0) != 0) {
        set_outcome(Verdict::inconc, "the SUT did not accept the re-authentication trigger: " + reply);
        return false;
      }
      return true;
    }
  }
  return true;
}

void CaseRun::expect_timed_out(const Step& s, bool preamble) {
  const std::string where = tc.source_file + ":" + std::to_string(s.line);
  const std::string why = "no " + s.pattern.name + " at " + s.role + " within " + std::to_string(guard(s).count()) + " ms (" + where + ")";
  if (env.stop && env.stop->load()) set_outcome(Verdict::error, "interrupted by the user");
  else if (preamble || s.inconc_on_timeout) set_outcome(Verdict::inconc, s.inconc_reason + why, s.rule);
  else set_outcome(Verdict::fail, why, s.rule);
}

bool CaseRun::expect_arrived(const Step& s, std::size_t got, bool preamble) {
  Arrival& a = arrivals_[got];
  a.consumed = true;
  if (const std::string bad = mismatch(a, s.pattern); !bad.empty()) {
    set_outcome(preamble ? Verdict::inconc : Verdict::fail,
                a.summary + " at " + s.role + ": " + bad + " (" + tc.source_file + ":" + std::to_string(s.line) + ")", s.rule);
    return false;
  }
  if (!s.pattern.fields.empty()) note(a.role, TimelineEntry::Kind::check_passed, a.summary + " matches");
  return true;
}

void CaseRun::expect_none_arrived(const Step& s, std::size_t got) {
  arrivals_[got].consumed = true;
  set_outcome(s.inconc_on_arrival ? Verdict::inconc : Verdict::fail,
              arrivals_[got].summary + " arrived at " + arrivals_[got].role + " where none was allowed (" + tc.source_file + ":" +
                  std::to_string(s.line) + ")" + (s.inconc_on_arrival ? ": the window of this case was never reached" : ""),
              s.rule);
}

bool CaseRun::run_parallel(const Step& s) {
  using Clock = std::chrono::steady_clock;
  struct Cursor {
    std::size_t next = 0;
    Clock::time_point started;  ///< when the cursor reached its current step: its guard runs from here
  };
  std::vector<Cursor> cursors(s.branches.size(), Cursor{0, Clock::now()});
  for (;;) {
    if (env.stop && env.stop->load()) return set_outcome(Verdict::error, "interrupted by the user"), false;
    bool progressed = false;
    bool all_done = true;
    auto wake = Clock::now() + std::chrono::milliseconds(200);
    for (std::size_t b = 0; b < s.branches.size(); ++b) {
      Cursor& c = cursors[b];
      const auto& steps = s.branches[b];
      if (c.next == steps.size()) continue;
      all_done = false;
      const Step& st = steps[c.next];
      bool done = false;
      if (st.kind == StepKind::expect) {
        // Passed-over arrivals stay: another branch may be waiting for one of them.
        if (const auto got = find_arrival(st.role, st.pattern, false)) {
          if (!expect_arrived(st, *got, false)) return false;
          done = true;
        } else if (Clock::now() >= c.started + guard(st)) {
          return expect_timed_out(st, false), false;
        } else {
          wake = std::min(wake, c.started + guard(st));
        }
      } else if (st.kind == StepKind::expect_none) {
        const auto window = st.timeout.value_or(env.profile->timers.quiet);
        if (const auto got = find_arrival(st.role, st.pattern, false)) return expect_none_arrived(st, *got), false;
        if (Clock::now() >= c.started + window) {
          note(st.role, TimelineEntry::Kind::check_passed, "no " + st.pattern.name + " for " + std::to_string(window.count()) + " ms");
          done = true;
        } else {
          wake = std::min(wake, c.started + window);
        }
      } else {  // acts at once (send, hold, release, answer, trigger): the reader allows nothing else
        if (!step(st, false) || outcome_.verdict != Verdict::pass) return false;
        done = true;
      }
      if (done) {
        ++c.next;
        c.started = Clock::now();
        progressed = true;
      }
    }
    if (all_done) return true;
    if (outcome_.verdict != Verdict::pass) return false;
    if (progressed) continue;  // a step done may let another branch on at once (a release, a send)
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(wake - Clock::now());
    pump_once(std::max(left, std::chrono::milliseconds(1)));
  }
}

void CaseRun::close_enbs() {
  // SHUTDOWN for each association that is up. It completes in the background: the transport keeps
  // the socket open until the handshake is over (Stack::retire), so nothing here waits for it.
  // (The bounded wait that stood here never ran: an association is not alive() once it shuts
  // down.) One still connecting cannot shut down and is aborted.
  for (auto& e : enbs) {
    if (!e.enb) continue;
    if (e.alive) e.enb->close();
    if (e.enb->association().alive()) e.enb->association().abort();
    e.alive = false;
  }
}

}  // namespace detail
}  // namespace concur::scenario
