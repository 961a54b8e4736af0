// The example captures in captures/reference/ were made by `concur run` against the reference MME,
// conformant and faulty (`--violate Rn`); each has the per-rule verdicts its live run judged in
// NAME.expected. Replayed through the judge with the subscribers' keys, every one must give the
// same verdict for every rule, with no decode error (captures/README.md says how they were made).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "judge/judge.h"
#include "judge/key_material.h"
#include "judge/profile_file.h"
#include "monitor/verdict.h"

namespace concur::judge {
namespace {

namespace fs = std::filesystem;

const fs::path kCaptures = fs::path(CONCUR_SOURCE_DIR) / "captures" / "reference";

std::vector<std::string> committed_captures() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kCaptures, ec))
    if (e.path().extension() == ".pcap") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// "R3 fail" lines: the verdict of each rule.
std::map<std::string, std::string> expected_verdicts(const fs::path& file) {
  std::map<std::string, std::string> out;
  std::ifstream in(file);
  std::string rule, verdict;
  while (in >> rule >> verdict) out[rule] = verdict;
  return out;
}

class CommittedCapture : public ::testing::TestWithParam<std::string> {};

TEST_P(CommittedCapture, replays_to_the_verdicts_its_live_run_judged) {
  const fs::path pcap = kCaptures / (GetParam() + ".pcap");
  const auto expected = expected_verdicts(kCaptures / (GetParam() + ".expected"));
  ASSERT_EQ(expected.size(), 9u) << "one verdict per rule R1..R9 in " << GetParam() << ".expected";
  const KeyMaterial keys = read_key_file((kCaptures / "subscribers.keys").string());
  JudgeOptions options;
  options.keys = &keys;
  // NAME.profile.xml, when present: the SUT role (an eNB capture) and the GTPv2-C ports the run bound.
  const fs::path profile = kCaptures / (GetParam() + ".profile.xml");
  if (fs::exists(profile)) read_replay_profile(profile.string(), options);
  const Judgement j = judge_capture(pcap.string(), options);
  ASSERT_FALSE(j.input_error) << *j.input_error;
  EXPECT_EQ(j.decode_errors, 0u) << format_judgement(j);
  EXPECT_EQ(j.not_inspectable, 0u) << format_judgement(j);
  std::map<std::string, std::string> seen;
  for (const auto& r : j.rules) seen[monitor::rule_name(r.rule)] = std::string(monitor::to_string(r.verdict));
  EXPECT_EQ(seen, expected) << format_judgement(j);
}

INSTANTIATE_TEST_SUITE_P(ReferenceMme, CommittedCapture, ::testing::ValuesIn(committed_captures()),
                         [](const auto& test_param) {
                           std::string n = test_param.param;
                           for (char& c : n) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(CommittedCaptures, cover_the_conformant_sut_and_the_faulty_variants_of_rules_1_to_3_and_5_to_9) {
  const auto names = committed_captures();
  for (const std::string prefix : {"conformant-", "violate-R1-", "violate-R2-", "violate-R3-", "conformant-R5-", "violate-R5-",
                                   "conformant-R6-", "violate-R6-", "conformant-R7-", "violate-R7-", "conformant-R8-",
                                   "violate-R8-", "conformant-R9-", "violate-R9-"}) {
    EXPECT_TRUE(std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.rfind(prefix, 0) == 0; }))
        << "no capture named " << prefix << "* in " << kCaptures;
  }
}

// The R3 variant restarts its AS chain from the new KASME on SECURITY MODE COMPLETE, from the
// KeNB of the UE CONTEXT MODIFICATION it sent: with keys, the judge must name that chain, not
// report an NH "on neither chain" (which would fail the rule for the wrong reason).
TEST(CommittedCaptures, the_r3_variants_nh_is_placed_on_the_new_kasmes_chain_with_keys) {
  const KeyMaterial keys = read_key_file((kCaptures / "subscribers.keys").string());
  for (const std::string name : {"violate-R3-handover-after-smc-complete", "violate-R3-path-switch-after-smc-complete"}) {
    JudgeOptions options;
    options.keys = &keys;
    const Judgement j = judge_capture((kCaptures / (name + ".pcap")).string(), options);
    ASSERT_FALSE(j.input_error) << *j.input_error;
    std::vector<std::string> reasons;
    for (const auto& r : j.rules)
      if (r.rule == monitor::Rule::r3)
        for (const auto& ue : r.per_ue)
          for (const auto& f : ue.findings)
            if (f.verdict == monitor::Verdict::fail && !f.without_keys) reasons.push_back(f.reason);
    ASSERT_FALSE(reasons.empty()) << name << ": no key-aware R3 failure\n" << format_judgement(j);
    for (const auto& reason : reasons) {
      EXPECT_NE(reason.find("derived from the new KASME"), std::string::npos) << name << ": " << reason;
      EXPECT_EQ(reason.find("nor on the new KASME's"), std::string::npos) << name << ": " << reason;
    }
  }
}

// `concur run` judges the live R9 case with only the SUT's own ends labelled (its S1 port and its
// GTPv2-C port, both "MME") and the peer MME on the same loopback address: the peer's end must
// not be taken for the MME, or the FORWARD RELOCATION REQUEST reads as MME to MME and R9 goes
// inconc where the case passes (ports from the capture and reference-mme.log of that run).
TEST(CommittedCaptures, r9_is_judged_alike_when_only_the_suts_own_ports_are_labelled_as_in_the_live_run) {
  const KeyMaterial keys = read_key_file((kCaptures / "subscribers.keys").string());
  for (const auto& [name, verdict] : {std::pair{"conformant-R9-target-mme-keeps-the-old-chain-until-the-ucm", monitor::Verdict::pass},
                                      std::pair{"violate-R9-target-mme-keeps-the-old-chain-until-the-ucm", monitor::Verdict::fail}}) {
    JudgeOptions from_profile;
    read_replay_profile((kCaptures / (std::string(name) + ".profile.xml")).string(), from_profile);
    JudgeOptions options;
    options.keys = &keys;
    options.gtpv2c_ports = from_profile.gtpv2c_ports;
    for (const NodeLabel& n : from_profile.nodes)
      if (n.label == "MME") options.nodes.push_back(n);  // the SUT's GTPv2-C end only, as run_judging gives it
    ASSERT_EQ(options.nodes.size(), 1u) << name;
    const Judgement j = judge_capture((kCaptures / (std::string(name) + ".pcap")).string(), options);
    ASSERT_FALSE(j.input_error) << *j.input_error;
    for (const auto& r : j.rules) {
      if (r.rule == monitor::Rule::r9) {
        EXPECT_EQ(r.verdict, verdict) << name << "\n" << format_judgement(j);
      }
    }
  }
}

}  // namespace
}  // namespace concur::judge
