// The judge reads most S1AP PDUs with the codec's sparse decode (JudgeOptions::sparse_s1ap) and
// the rest with the full decoder. This proves the two give the adapter the same facts for every
// S1AP PDU of the committed captures, the real captures (when present) and a generated ladder
// with handover, re-authentication and UCM; and that whole judgements are identical either way.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "capture/capture_reader.h"
#include "capture_ladder.h"
#include "codec/s1ap/sparse.h"
#include "judge/adapter.h"
#include "judge/judge.h"
#include "judge/key_material.h"
#include "judge/profile_file.h"

namespace concur::judge {
namespace {

namespace fs = std::filesystem;

struct Capture {
  fs::path pcap;
  fs::path profile;  ///< NAME.profile.xml, when there is one
};

std::vector<Capture> captures_in(const fs::path& dir) {
  std::vector<Capture> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string ext = e.path().extension().string();
    if (ext != ".pcap" && ext != ".pcapng") continue;
    fs::path profile = e.path();
    profile.replace_extension(".profile.xml");
    out.push_back({e.path(), fs::exists(profile) ? profile : fs::path()});
  }
  std::sort(out.begin(), out.end(), [](const Capture& a, const Capture& b) { return a.pcap < b.pcap; });
  return out;
}

std::vector<Capture> committed() { return captures_in(fs::path(CONCUR_SOURCE_DIR) / "captures" / "reference"); }
fs::path real_dir() {
  const char* env = std::getenv("CONCUR_SHARED_DIR");
  return fs::path(env ? env : CONCUR_SHARED_DIR) / "captures" / "real";
}

/// A ladder of 12 UEs as bench/judge writes it, plus the UCM failure and inter-MME handover.
class Ladder {
 public:
  Ladder() : path_((fs::temp_directory_path() / ("concur_sparse_s1ap_" + std::to_string(::getpid()) + ".pcap")).string()) {
    test::CaptureLadder l(path_);
    for (std::uint32_t i = 0; i < 12; ++i) {
      test::LadderUe ue;
      ue.enb = static_cast<int>(i % 3) + 1;
      ue.mme_ue_s1ap_id = 100 + i;
      ue.enb_ue_s1ap_id = 7 + i;
      l.attach(ue, 0);
      l.s1_handover(ue, static_cast<int>((i + 1) % 3) + 1, l.next_nh(ue));
      l.authenticate(ue, 1);
      l.security_mode_command(ue, 1);
      l.security_mode_complete(ue);
      l.ue_context_modification_request(ue);
      if (i % 4 == 3) {
        l.ue_context_modification_failure(ue);
      } else {
        l.ue_context_modification_response(ue);
      }
      if (i % 5 == 4) l.handover_required_inter_mme(ue);
      l.release(ue);
    }
  }
  ~Ladder() { fs::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// What the adapter takes from one S1AP message, as text (event bodies have no operator==).
std::string adapter_view(const s1ap::S1apMessage& m) {
  std::ostringstream o;
  const auto by_mme = s1ap_sent_by_mme(m);
  o << "index " << m.index() << " by_mme " << (by_mme ? (*by_mme ? "yes" : "no") : "?");
  const monitor::S1UeIds ids = s1ap_ue_ids(m, "eNB");
  o << " mme " << (ids.mme_ue_s1ap_id ? std::to_string(*ids.mme_ue_s1ap_id) : "-") << " enb "
    << (ids.enb_ue_s1ap_id ? std::to_string(*ids.enb_ue_s1ap_id) : "-");
  for (ByteView nas : s1ap_nas_pdus(m)) o << " nas " << to_hex(nas);
  if (const auto tai = s1ap_reported_tai(m)) o << " tai " << plmn_digits(tai->plmn) << "/" << tai->tac;
  if (const auto* ps = std::get_if<s1ap::PathSwitchRequest>(&m)) o << " source_mme " << ps->source_mme_ue_s1ap_id;
  if (const auto body = s1ap_event_body(m)) {
    monitor::Event e;
    e.body = *body;
    o << " event " << body->index() << " " << monitor::describe(e);
    if (const auto* ucm = std::get_if<monitor::UeContextModificationRequest>(&*body)) {
      o << " key " << (ucm->security_key ? to_hex(ByteView(ucm->security_key->data(), 32)) : "-");
    }
    if (const auto* ics = std::get_if<monitor::InitialContextSetupRequest>(&*body)) {
      o << " key " << to_hex(ByteView(ics->security_key.data(), 32));
    }
    if (const auto* hr = std::get_if<monitor::HandoverRequired>(&*body)) {
      o << " type " << static_cast<int>(hr->type) << " target "
        << (hr->target_tai ? hr->target_tai->plmn + "/" + std::to_string(hr->target_tai->tac) : "-");
    }
    if (const auto* hq = std::get_if<monitor::HandoverRequest>(&*body)) {
      o << " type " << static_cast<int>(hq->type) << " ncc " << int(hq->security_context.ncc) << " nh "
        << to_hex(ByteView(hq->security_context.nh.data(), 32));
    }
  }
  return o.str();
}

struct Compared {
  std::size_t s1ap = 0;
  std::size_t sparse = 0;
};

/// Every S1AP PDU of the capture: where the sparse decode gives a message, the full decoder
/// gives one too and the adapter sees the same in both.
Compared compare_every_pdu(const std::string& path) {
  Compared c;
  capture::CaptureReader reader(path);
  while (auto m = reader.next()) {
    if (m->protocol != capture::Protocol::s1ap) continue;
    ++c.s1ap;
    const ByteView bytes = view_of(m->bytes);
    const std::optional<s1ap::S1apMessage> sparse = s1ap::decode_sparse(bytes);
    if (!sparse) continue;
    ++c.sparse;
    const Result<s1ap::S1apMessage> full = s1ap::decode_pdu(bytes);
    EXPECT_TRUE(full.ok()) << path << " frame " << m->frame_number << ": " << full.error().to_string();
    if (!full.ok()) continue;
    EXPECT_EQ(adapter_view(*sparse), adapter_view(*full)) << path << " frame " << m->frame_number;
  }
  return c;
}

/// The judgement as text: per-rule report with evidence, counts, problems, and the trace.
std::string judged(const std::string& path, JudgeOptions options, bool sparse) {
  options.sparse_s1ap = sparse;
  const Judgement j = judge_capture(path, options);
  std::ostringstream o;
  o << format_judgement(j);
  for (const TraceEntry& t : j.trace) {
    o << t.frame << " " << t.time.count() << " " << t.from << ">" << t.to << " " << t.name << " [" << t.summary << "] "
      << t.problem.value_or("") << " event " << (t.event ? std::to_string(*t.event) : "-") << " ue "
      << (t.ue ? std::to_string(*t.ue) : "-") << "\n";
  }
  return o.str();
}

JudgeOptions options_for(const Capture& c, const KeyMaterial* keys) {
  JudgeOptions o;
  o.keys = keys;
  if (!c.profile.empty()) read_replay_profile(c.profile.string(), o);
  return o;
}

TEST(SparseS1ap, gives_the_adapter_what_the_full_decoder_gives_for_every_pdu_of_the_committed_captures) {
  const auto all = committed();
  ASSERT_FALSE(all.empty());
  Compared total;
  for (const Capture& c : all) {
    const Compared one = compare_every_pdu(c.pcap.string());
    total.s1ap += one.s1ap;
    total.sparse += one.sparse;
  }
  // Most S1AP messages there are NAS transports and responses: the sparse decode must cover them.
  EXPECT_GT(total.sparse * 2, total.s1ap) << total.sparse << " of " << total.s1ap;
}

TEST(SparseS1ap, gives_the_adapter_what_the_full_decoder_gives_for_every_pdu_of_the_real_captures) {
  const auto all = captures_in(real_dir());
  if (all.empty()) GTEST_SKIP() << "no real captures at " << real_dir() << " (set CONCUR_SHARED_DIR)";
  Compared total;
  for (const Capture& c : all) {
    const Compared one = compare_every_pdu(c.pcap.string());
    total.s1ap += one.s1ap;
    total.sparse += one.sparse;
  }
  EXPECT_GT(total.sparse, 0u) << "of " << total.s1ap;
}

TEST(SparseS1ap, gives_the_adapter_what_the_full_decoder_gives_for_every_pdu_of_a_generated_ladder) {
  const Ladder ladder;
  const Compared c = compare_every_pdu(ladder.path());
  EXPECT_GT(c.s1ap, 200u);
  EXPECT_GT(c.sparse * 2, c.s1ap) << c.sparse << " of " << c.s1ap;
}

TEST(SparseS1ap, judges_every_committed_capture_exactly_as_the_full_decoder_does) {
  const KeyMaterial keys =
      read_key_file((fs::path(CONCUR_SOURCE_DIR) / "captures" / "reference" / "subscribers.keys").string());
  for (const Capture& c : committed()) {
    SCOPED_TRACE(c.pcap.filename().string());
    for (const KeyMaterial* k : {&keys, static_cast<const KeyMaterial*>(nullptr)}) {
      const JudgeOptions o = options_for(c, k);
      EXPECT_EQ(judged(c.pcap.string(), o, true), judged(c.pcap.string(), o, false));
    }
  }
}

TEST(SparseS1ap, judges_every_real_capture_exactly_as_the_full_decoder_does) {
  const auto all = captures_in(real_dir());
  if (all.empty()) GTEST_SKIP() << "no real captures at " << real_dir() << " (set CONCUR_SHARED_DIR)";
  for (const Capture& c : all) {
    SCOPED_TRACE(c.pcap.filename().string());
    const JudgeOptions o = options_for(c, nullptr);
    EXPECT_EQ(judged(c.pcap.string(), o, true), judged(c.pcap.string(), o, false));
  }
}

TEST(SparseS1ap, judges_a_generated_ladder_with_and_without_keys_exactly_as_the_full_decoder_does) {
  const Ladder ladder;
  const KeyMaterial keys = parse_key_file(test::key_file_text(), "ladder keys");
  for (const KeyMaterial* k : {&keys, static_cast<const KeyMaterial*>(nullptr)}) {
    JudgeOptions o;
    o.keys = k;
    const std::string sparse = judged(ladder.path(), o, true);
    EXPECT_EQ(sparse, judged(ladder.path(), o, false));
    EXPECT_NE(sparse.find("R1"), std::string::npos);  // a report was written at all
  }
}

}  // namespace
}  // namespace concur::judge
