// The Judge: decode (codecs) -> open NAS (keys) -> adapt (events) -> monitor. Also the trace of
// what was seen and the problems met, for reports.
#include "judge/judge.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "capture/capture_reader.h"
#include "codec/gtpv2/summary.h"
#include "codec/nas/summary.h"
#include "codec/s1ap/sparse.h"
#include "judge/adapter.h"
#include "judge/nas_deciphering.h"
#include "judge/node_labels.h"
#include "monitor/monitor.h"
#include "monitor/report.h"
#include "monitor/security_kdf.h"

namespace concur::judge {
namespace {

/// KASMEs for the monitor's exact checks: those derived from AKA runs in the capture, then the
/// key file's.
class JudgeKeySource final : public monitor::KeySource {
 public:
  explicit JudgeKeySource(const KeyMaterial* keys) : keys_(keys) {}
  void add(const std::string& imsi, monitor::Ksi eksi, const monitor::Key256& kasme) { derived_.add(imsi, eksi, kasme); }
  std::optional<monitor::Key256> kasme(std::string_view imsi, monitor::Ksi eksi) const override {
    if (auto k = derived_.kasme(imsi, eksi)) return k;
    return keys_ ? keys_->kasme(imsi, eksi) : std::nullopt;
  }
  std::optional<monitor::Key256> replaced_kasme(std::string_view imsi, monitor::Ksi eksi) const override {
    return derived_.replaced_kasme(imsi, eksi);  // a key file names one KASME per eKSI
  }

 private:
  const KeyMaterial* keys_;
  monitor::KasmeTable derived_;
};

/// The rules whose situation starts or ends with a NAS message (SMC, SMC COMPLETE / REJECT): a
/// NAS PDU nobody could read may be exactly that message, so these rules may not pass on a UE
/// that had one (issue 6: "rules that depend on it say inconc, never pass").
constexpr monitor::Rule kNasDependentRules[] = {monitor::Rule::r1, monitor::Rule::r2, monitor::Rule::r3,
                                                monitor::Rule::r6, monitor::Rule::r8};

std::string frame_text(std::uint64_t frame) { return "frame " + std::to_string(frame); }

}  // namespace

class Judge::Impl {
 public:
  explicit Impl(JudgeOptions options)
      : options_(std::move(options)),
        key_source_(options_.keys),
        monitor_(make_config()),
        labels_(options_.nodes),
        nas_(options_.keys, [this](const std::string& imsi, monitor::Ksi ksi, const monitor::Key256& k) {
          key_source_.add(imsi, ksi, k);
        }) {}

  void feed(const capture::CapturedMessage& m) {
    ++out_.messages;
    if (!t0_) t0_ = m.timestamp_ns;
    try {
      switch (m.protocol) {
        case capture::Protocol::s1ap: on_s1ap(m); break;
        case capture::Protocol::gtpv2c: on_gtp(m); break;
        case capture::Protocol::diameter: entry(m, m.src.to_string(), m.dst.to_string(), "Diameter message"); break;
        case capture::Protocol::unclassified: entry(m, m.src.to_string(), m.dst.to_string(), "unclassified"); break;
      }
    } catch (const std::exception& e) {
      // Decoders return errors as values; this is a last line so that a live run never dies on
      // one message. It counts as a decode error: the message was not judged.
      ++out_.decode_errors;
      out_.problems.push_back(frame_text(m.frame_number) + ": not judged, internal error: " + e.what());
    }
  }

  void note(std::string problem) { out_.problems.push_back(std::move(problem)); }

  Judgement finish() {
    release_held_gtp();
    out_.rules = monitor_.summary();
    no_pass_without_nas();
    for (TraceEntry& t : out_.trace) {
      if (t.event) t.ue = monitor_.ue_of_event(*t.event);
    }
    return std::move(out_);
  }

 private:
  monitor::MonitorConfig make_config() {
    monitor::MonitorConfig c;
    c.sut = options_.sut;
    c.kdf = &kdf_;
    c.keys = &key_source_;
    return c;
  }

  std::chrono::nanoseconds since_start(const capture::CapturedMessage& m) const {
    return std::chrono::nanoseconds(m.timestamp_ns - t0_.value_or(m.timestamp_ns));
  }

  /// A trace entry (when kept); returns its index or SIZE_MAX.
  std::size_t entry(const capture::CapturedMessage& m, std::string from, std::string to, std::string name,
                    std::string summary = {}) {
    if (!options_.keep_trace) return SIZE_MAX;
    TraceEntry t;
    t.frame = m.frame_number;
    t.time = since_start(m);
    t.from = std::move(from);
    t.to = std::move(to);
    t.name = std::move(name);
    t.summary = std::move(summary);
    out_.trace.push_back(std::move(t));
    return out_.trace.size() - 1;
  }

  void problem_at(std::size_t trace_index, std::string text) {
    if (trace_index != SIZE_MAX) out_.trace[trace_index].problem = text;
    out_.problems.push_back(std::move(text));
  }

  void decode_problem(const capture::CapturedMessage& m, std::size_t trace_index, const std::string& what,
                      const DecodeError& e) {
    ++out_.decode_errors;
    problem_at(trace_index, frame_text(m.frame_number) + ": " + what + ": " + e.to_string());
  }

  void emit(const capture::CapturedMessage& m, std::size_t trace_index, const std::string& from, const std::string& to,
            monitor::UeIds ids, monitor::EventBody body) {
    monitor::Event e;
    e.index = next_event_++;
    e.frame = m.frame_number;
    e.time = since_start(m);
    e.from = from;
    e.to = to;
    e.ids = std::move(ids);
    e.body = std::move(body);
    monitor_.feed(e);
    if (trace_index != SIZE_MAX) out_.trace[trace_index].event = e.index;
  }

  // ---- S1AP and the NAS it carries --------------------------------------------------------

  /// The NAS state of the UE a UE-associated S1AP message belongs to. MME-UE-S1AP-IDs are unique
  /// within the MME, eNB-UE-S1AP-IDs within the eNB's association; an INITIAL UE MESSAGE starts a
  /// new connection (the eNB may reuse an id after a release).
  UeNasState& nas_ue(const monitor::S1UeIds& ids, bool initial, std::optional<std::uint32_t> source_mme_id) {
    std::optional<std::size_t> found;
    if (!initial) {
      for (auto mme : {ids.mme_ue_s1ap_id, source_mme_id}) {
        if (found || !mme) continue;
        if (auto it = by_mme_.find(*mme); it != by_mme_.end()) found = it->second;
      }
      if (!found && ids.enb_ue_s1ap_id) {
        if (auto it = by_enb_.find({ids.association, *ids.enb_ue_s1ap_id}); it != by_enb_.end()) found = it->second;
      }
    }
    if (!found) {
      nas_ues_.emplace_back();
      found = nas_ues_.size() - 1;
    }
    if (ids.mme_ue_s1ap_id) by_mme_[*ids.mme_ue_s1ap_id] = *found;
    if (ids.enb_ue_s1ap_id) by_enb_[{ids.association, *ids.enb_ue_s1ap_id}] = *found;
    return nas_ues_[*found];
  }

  Result<s1ap::S1apMessage> decode_s1ap(ByteView bytes) const {
    if (options_.sparse_s1ap) {
      if (std::optional<s1ap::S1apMessage> sparse = s1ap::decode_sparse(bytes)) return std::move(*sparse);
    }
    return s1ap::decode_pdu(bytes);
  }

  void on_s1ap(const capture::CapturedMessage& m) {
    const ByteView bytes = view_of(m.bytes);
    Result<s1ap::S1apMessage> msg = decode_s1ap(bytes);
    const NodeLabels::S1Ends ends =
        labels_.s1ap(m.src, m.dst, msg.ok() ? s1ap_sent_by_mme(*msg) : std::nullopt);
    if (!held_gtp_.empty() && labels_.mme_known()) release_held_gtp();
    const std::size_t t = entry(m, ends.from, ends.to, s1ap_name(bytes));
    if (!msg.ok()) {
      decode_problem(m, t, "S1AP " + s1ap_name(bytes), msg.error());
      return;
    }
    const monitor::S1UeIds s1 = s1ap_ue_ids(*msg, ends.association);
    if (t != SIZE_MAX) out_.trace[t].summary = s1_summary(s1);
    const std::vector<ByteView> nas_pdus = s1ap_nas_pdus(*msg);
    const auto tai = s1ap_reported_tai(*msg);
    const bool ue_associated = s1.mme_ue_s1ap_id || s1.enb_ue_s1ap_id;
    UeNasState* ue = nullptr;
    if (ue_associated && (!nas_pdus.empty() || tai)) {
      const auto* ps = std::get_if<s1ap::PathSwitchRequest>(&*msg);
      ue = &nas_ue(s1, std::holds_alternative<s1ap::InitialUeMessage>(*msg),
                   ps ? std::optional(ps->source_mme_ue_s1ap_id) : std::nullopt);
      if (tai) {
        try {
          ue->serving_network = security::ServingNetworkId::from_plmn_identity(tai->plmn);
        } catch (const std::invalid_argument& e) {
          problem_at(t, frame_text(m.frame_number) + ": S1AP TAI PLMN identity: " + e.what());
        }
      }
    }
    if (auto body = s1ap_event_body(*msg)) {
      monitor::UeIds ids;
      ids.s1 = s1;
      emit(m, t, ends.from, ends.to, std::move(ids), std::move(*body));
    }
    if (ue == nullptr) return;
    for (ByteView nas_bytes : nas_pdus) on_nas(m, ends, s1, *ue, nas_bytes);
  }

  static std::string s1_summary(const monitor::S1UeIds& s1) {
    std::string s;
    if (s1.mme_ue_s1ap_id) s += "mme_ue=" + std::to_string(*s1.mme_ue_s1ap_id);
    if (s1.enb_ue_s1ap_id) s += std::string(s.empty() ? "" : " ") + "enb_ue=" + std::to_string(*s1.enb_ue_s1ap_id);
    return s;
  }

  void on_nas(const capture::CapturedMessage& m, const NodeLabels::S1Ends& ends, const monitor::S1UeIds& s1,
              UeNasState& ue, ByteView bytes) {
    const auto direction = ends.downlink ? security::Direction::downlink : security::Direction::uplink;
    OpenedNas opened = nas_.open(ue, bytes, direction);
    std::size_t t = SIZE_MAX;
    if (options_.keep_trace) {
      std::string name = "NAS-PDU", summary;
      if (opened.pdu) {
        const nas::NasSummary s = nas::summarise(*opened.pdu);
        name = opened.smc_complete_by_header ? "Security mode complete (by its header type 4)" : s.name;
        summary = s.to_string();
      }
      t = entry(m, ends.from, ends.to, name, summary);
    }
    if (opened.error) {
      decode_problem(m, t, "NAS-EPS PDU in S1AP", *opened.error);
      // Header type 4 uplink is a SECURITY MODE COMPLETE whatever its content (TS 24.301 9.3.1):
      // dropping it would leave the SMC endless and fail rule 1 on the INITIAL CONTEXT SETUP the
      // MME rightly sent after it. The content error stays reported above.
      if (!opened.smc_complete_by_header) return;
    }
    if (opened.deciphered) ++out_.deciphered;
    if (opened.not_inspectable) {
      ++out_.not_inspectable;
      unread_nas_.emplace_back(ue_on_leg(s1), s1);
      problem_at(t, frame_text(m.frame_number) + ": NAS-EPS PDU " + ends.from + "->" + ends.to +
                        " not inspectable: " + opened.note);
    } else if (!opened.note.empty()) {
      problem_at(t, frame_text(m.frame_number) + ": NAS-EPS PDU " + ends.from + "->" + ends.to + ": " + opened.note);
    }
    std::optional<monitor::EventBody> body;
    if (opened.smc_complete_by_header) {
      body = monitor::SecurityModeComplete{};
    } else if (opened.pdu && opened.pdu->message) {
      body = nas_event_body(*opened.pdu->message);
    } else if (opened.pdu && opened.pdu->service_request) {
      body = nas_service_request_body(*opened.pdu->service_request);
    }
    if (!body) return;
    monitor::UeIds ids;
    ids.s1 = s1;
    ids.imsi = ue.imsi ? ue.imsi : nas_.imsi_for(ue);
    ids.guti = ue.guti;
    emit(m, t, ends.from, ends.to, std::move(ids), std::move(*body));
  }

  // ---- GTPv2-C -----------------------------------------------------------------------------

  void on_gtp(const capture::CapturedMessage& m) {
    Result<gtpv2::GtpMessage> msg = gtpv2::decode(view_of(m.bytes));
    if (!msg.ok()) {
      const std::size_t t = entry(m, m.src.to_string(), m.dst.to_string(), "GTPv2-C message");
      decode_problem(m, t, "GTPv2-C", msg.error());
      return;
    }
    GtpFacts facts = gtp_facts(*msg);
    const NodeLabels::GtpEnds ends = labels_.gtp(m.src, m.dst, facts.s3);
    const std::size_t t = entry(m, ends.from, ends.to, gtpv2::message_name(*msg),
                                options_.keep_trace ? gtpv2::summarise(*msg).to_string() : std::string());
    if (facts.error) {
      decode_problem(m, t, "GTPv2-C " + gtpv2::message_name(*msg), *facts.error);
      return;
    }
    if (!facts.body) return;
    if (!ends.has_mme && !labels_.mme_known() && held_gtp_.size() < kMaxHeldGtp) {
      // A target MME's capture may start with the relocation from its peer, before any S1AP shows
      // which address is the MME: hold the message until it does (or the capture ends).
      capture::CapturedMessage header = m;
      header.bytes.clear();
      held_gtp_.push_back(HeldGtp{std::move(header), std::move(facts), gtpv2::message_name(*msg), t});
      return;
    }
    judge_gtp(m, ends, std::move(facts), gtpv2::message_name(*msg), t);
  }

  void judge_gtp(const capture::CapturedMessage& m, const NodeLabels::GtpEnds& ends, GtpFacts facts,
                 const std::string& name, std::size_t t) {
    if (!ends.has_mme) {
      problem_at(t, frame_text(m.frame_number) + ": GTPv2-C " + name + " between " + m.src.to_string() + " and " +
                        m.dst.to_string() +
                        ": neither end is known as the MME under test (give node labels in the profile); not judged");
      return;
    }
    monitor::UeIds ids;
    ids.gtp = facts.ids;
    ids.imsi = facts.imsi;
    emit(m, t, ends.from, ends.to, std::move(ids), std::move(*facts.body));
  }

  /// Judges the held GTPv2-C messages, in capture order, now that labels can be given (or not).
  void release_held_gtp() {
    std::vector<HeldGtp> held = std::move(held_gtp_);
    held_gtp_.clear();
    for (HeldGtp& h : held) {
      const NodeLabels::GtpEnds ends = labels_.gtp(h.message.src, h.message.dst, h.facts.s3);
      if (h.trace != SIZE_MAX) {
        out_.trace[h.trace].from = ends.from;
        out_.trace[h.trace].to = ends.to;
      }
      judge_gtp(h.message, ends, std::move(h.facts), h.name, h.trace);
    }
  }

  // ---- verdicts ----------------------------------------------------------------------------

  /// The monitor's UE context that holds the S1 connection `s1` now, if any.
  std::optional<std::size_t> ue_on_leg(const monitor::S1UeIds& s1) const { return monitor_.ue_holding(s1); }

  /// A UE with NAS nobody could read cannot pass a NAS-dependent rule: its pass becomes inconc.
  void no_pass_without_nas() {
    if (unread_nas_.empty()) return;
    std::map<std::string, std::size_t> unread_by_ue;  // UE context label -> PDUs not inspectable
    const auto& ues = monitor_.ue_contexts();
    for (const auto& [ue, s1] : unread_nas_) {
      // Attributed when it was seen; a connection the monitor met only later is looked up now.
      const std::optional<std::size_t> id = ue ? ue : ue_on_leg(s1);
      if (id && *id < ues.size()) ++unread_by_ue[ues[*id].label];
    }
    for (monitor::RuleSummary& s : out_.rules) {
      if (std::find(std::begin(kNasDependentRules), std::end(kNasDependentRules), s.rule) ==
          std::end(kNasDependentRules)) {
        continue;
      }
      for (monitor::UeRuleVerdict& v : s.per_ue) {
        auto it = unread_by_ue.find(v.ue);
        if (it == unread_by_ue.end() || v.verdict != monitor::Verdict::pass) continue;
        monitor::Finding f;
        f.rule = s.rule;
        f.verdict = monitor::Verdict::inconc;
        f.without_keys = true;
        f.reason = std::to_string(it->second) +
                   " NAS PDU(s) of this UE were ciphered and could not be deciphered (no keys): a NAS SECURITY "
                   "MODE procedure among them cannot be excluded, so the rule cannot pass";
        v.findings.insert(v.findings.begin(), std::move(f));
        v.verdict = monitor::Verdict::inconc;
      }
      s.count_by_verdict = {};
      s.verdict = monitor::Verdict::none;
      for (const monitor::UeRuleVerdict& v : s.per_ue) {
        ++s.count_by_verdict[static_cast<std::size_t>(v.verdict)];
        s.verdict = monitor::combine(s.verdict, v.verdict);
      }
    }
  }

  JudgeOptions options_;
  JudgeKeySource key_source_;
  monitor::SecurityLibraryKdf kdf_;
  monitor::Monitor monitor_;
  NodeLabels labels_;
  NasDeciphering nas_;
  Judgement out_;
  std::optional<std::int64_t> t0_;
  std::size_t next_event_ = 0;
  std::vector<UeNasState> nas_ues_;
  std::map<std::uint32_t, std::size_t> by_mme_;
  std::map<std::pair<std::string, std::uint32_t>, std::size_t> by_enb_;
  struct HeldGtp {
    capture::CapturedMessage message;  ///< without its bytes
    GtpFacts facts;
    std::string name;
    std::size_t trace = SIZE_MAX;
  };
  static constexpr std::size_t kMaxHeldGtp = 10'000;
  std::vector<HeldGtp> held_gtp_;
  /// NAS PDUs not inspectable: the UE context they belonged to when seen, and their S1 ids.
  std::vector<std::pair<std::optional<std::size_t>, monitor::S1UeIds>> unread_nas_;
};

Judge::Judge(JudgeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Judge::~Judge() = default;
void Judge::feed(const capture::CapturedMessage& message) { impl_->feed(message); }
void Judge::note_problem(std::string problem) { impl_->note(std::move(problem)); }
Judgement Judge::finish() { return impl_->finish(); }

Judgement judge_capture(const std::string& path, const JudgeOptions& options) {
  Judge judge(options);
  capture::CaptureOptions capture_options;
  for (std::uint16_t port : options.gtpv2c_ports) capture_options.classify.gtpv2c_ports.push_back(port);
  capture::CaptureReader reader(path, capture_options);
  while (auto m = reader.next()) judge.feed(*m);
  for (const capture::FrameWarning& w : reader.warnings()) judge.note_problem("capture: " + w.to_string());
  if (reader.warning_count() > reader.warnings().size()) {
    judge.note_problem("capture: " + std::to_string(reader.warning_count() - reader.warnings().size()) +
                       " further warnings not listed");
  }
  std::optional<std::string> input_error;
  if (const auto& e = reader.error()) {
    judge.note_problem("capture: " + e->to_string());
    // Nothing could be read at all (missing file, bad file header): an input error, not a verdict.
    if (e->frame == 0) input_error = e->to_string();
  }
  Judgement j = judge.finish();
  j.input_error = input_error;
  return j;
}

std::string format_judgement(const Judgement& j) {
  std::ostringstream o;
  o << monitor::format_report(j.rules);
  o << "messages: " << j.messages << ", decode errors: " << j.decode_errors
    << ", NAS PDUs deciphered: " << j.deciphered << ", NAS PDUs not inspectable: " << j.not_inspectable << "\n";
  if (!j.problems.empty()) {
    o << "problems (" << j.problems.size() << "):\n";
    for (const std::string& p : j.problems) o << "  " << p << "\n";
  }
  return o.str();
}

}  // namespace concur::judge
