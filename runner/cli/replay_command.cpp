#include "cli/replay_command.h"

#include <chrono>
#include <fstream>
#include <optional>
#include <ostream>

#include "judge/judge.h"
#include "judge/key_material.h"
#include "judge/profile_file.h"
#include "monitor/report.h"
#include "report/junit.h"

namespace concur::cli {
namespace {

constexpr const char* kUsage =
    "usage: concur replay CAPTURE [--keys FILE] [--profile FILE] [--junit FILE] [--report FILE]\n"
    "  Judges a pcap/pcapng capture against the rules of TS 33.401 7.2.10 (R1-R9): per-rule\n"
    "  verdicts with evidence on standard output.\n"
    "  --keys FILE     subscriber K/OPc and/or KASME per IMSI and eKSI (runner/judge/README.md):\n"
    "                  deciphers NAS and enables the exact NH/KeNB checks\n"
    "  --profile FILE  SUT role, capabilities, served TAIs, node labels (minimal replay profile XML)\n"
    "  --junit FILE    JUnit XML: one testsuite per rule, one testcase per rule and UE context\n"
    "  --report FILE   the printed report, also written to FILE\n"
    "  exit status: 0 no rule failed, 1 a rule failed, 2 usage or input error\n";

struct Arguments {
  std::string capture;
  std::optional<std::string> keys, profile, junit, report;
};

/// nullopt (after printing why) on a usage error.
std::optional<Arguments> parse(const std::vector<std::string>& args, std::ostream& err) {
  Arguments a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::optional<std::string>& into) {
      if (i + 1 >= args.size()) {
        err << "concur replay: " << arg << " needs a file name\n" << kUsage;
        return false;
      }
      into = args[++i];
      return true;
    };
    if (arg == "--keys") {
      if (!value(a.keys)) return std::nullopt;
    } else if (arg == "--profile") {
      if (!value(a.profile)) return std::nullopt;
    } else if (arg == "--junit") {
      if (!value(a.junit)) return std::nullopt;
    } else if (arg == "--report") {
      if (!value(a.report)) return std::nullopt;
    } else if (arg.starts_with("-") && arg != "-") {
      err << "concur replay: unknown option '" << arg << "'\n" << kUsage;
      return std::nullopt;
    } else if (a.capture.empty()) {
      a.capture = arg;
    } else {
      err << "concur replay: one capture at a time ('" << a.capture << "' and '" << arg << "')\n" << kUsage;
      return std::nullopt;
    }
  }
  if (a.capture.empty()) {
    err << "concur replay: no capture given\n" << kUsage;
    return std::nullopt;
  }
  return a;
}

}  // namespace

int replay_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
    out << kUsage;
    return 0;
  }
  const std::optional<Arguments> a = parse(args, err);
  if (!a) return 2;

  judge::JudgeOptions options;
  judge::KeyMaterial keys;
  try {
    if (a->keys) {
      keys = judge::read_key_file(*a->keys);
      options.keys = &keys;
    }
    if (a->profile) judge::read_replay_profile(*a->profile, options);
  } catch (const std::runtime_error& e) {  // KeyFileError, ProfileError
    err << "concur replay: " << e.what() << "\n";
    return 2;
  }

  const auto started = std::chrono::steady_clock::now();
  const judge::Judgement j = judge::judge_capture(a->capture, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (j.input_error) {
    err << "concur replay: " << *j.input_error << "\n";
    return 2;
  }

  const std::string text = "concur replay " + a->capture + "\n" + judge::format_judgement(j);
  out << text;
  try {
    if (a->report) {
      std::ofstream f(*a->report, std::ios::binary);
      if (!(f << text) || !f.flush()) throw std::runtime_error(*a->report + ": cannot write the report");
    }
    if (a->junit) report::write_junit(*a->junit, j.rules, report::JunitRun{"concur.replay", seconds});
  } catch (const std::runtime_error& e) {
    err << "concur replay: " << e.what() << "\n";
    return 2;
  }
  return monitor::overall_verdict(j.rules) == monitor::Verdict::fail ? 1 : 0;
}

}  // namespace concur::cli
