// The real captures of ../shared/captures/real/ (referenced, never copied): replayed with zero
// fail verdicts and zero decode errors, and for every inconc rule the report says why.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "judge/judge.h"

namespace concur::judge {
namespace {

namespace fs = std::filesystem;

fs::path real_dir() {
  const char* env = std::getenv("CONCUR_SHARED_DIR");
  return fs::path(env ? env : CONCUR_SHARED_DIR) / "captures" / "real";
}

TEST(RealCaptures, replay_with_no_fail_no_decode_error_and_a_reason_for_every_inconc_rule) {
  const fs::path dir = real_dir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no real captures at " << dir << " (set CONCUR_SHARED_DIR)";
  std::size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".pcap" && ext != ".pcapng") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const Judgement j = judge_capture(entry.path().string(), JudgeOptions{});
    const std::string report = format_judgement(j);
    EXPECT_FALSE(j.input_error.has_value()) << report;
    EXPECT_EQ(j.decode_errors, 0u) << report;
    for (const monitor::RuleSummary& s : j.rules) {
      EXPECT_NE(s.verdict, monitor::Verdict::fail) << report;
      if (s.verdict == monitor::Verdict::inconc) {
        EXPECT_THAT(report, ::testing::HasSubstr("situation not met: " + std::string(monitor::rule_situation(s.rule))))
            << monitor::rule_name(s.rule);
        for (const monitor::UeRuleVerdict& u : s.per_ue) {
          if (u.verdict != monitor::Verdict::inconc) continue;
          bool has_reason = false;
          for (const monitor::Finding& f : u.findings) has_reason |= f.verdict == u.verdict && !f.reason.empty();
          EXPECT_TRUE(has_reason) << monitor::rule_name(s.rule) << " " << u.ue << " is inconc without a reason";
        }
      }
    }
    ++replayed;
  }
  EXPECT_GT(replayed, 0u);
}

}  // namespace
}  // namespace concur::judge
