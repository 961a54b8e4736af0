// `concur run`: the product's main job. Loads the SUT profile (or starts the reference MME and
// the reference eNB from the shipped reference profiles), runs every applicable test case against
// the SUT it is for (MME cases against the MME; rule-5 cases against the eNB, whose MME the
// runner plays) — MME cases in parallel slots with distinct UEs and eNBs when --jobs asks — records one pcap per case from the roles' tap, and
// writes JUnit XML and a summary. Ctrl-C ends the running cases at their next wait and still
// writes valid reports of what ran. When the SUT has S6a / S11, the emulated HSS and SGW-C run for
// the whole run (cli/core_roles.h).
#include "cli/run_command.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <mutex>
#include <ostream>
#include <regex>
#include <thread>

#include "cli/core_roles.h"
#include "cli/enb_sut_session.h"
#include "cli/pcap_guide.h"
#include "cli/reference_sut.h"
#include "cli/run_html.h"
#include "cli/run_judging.h"
#include "cli/run_report.h"
#include "profile/sut_profile.h"
#include "report/html_report.h"
#include "scenario/engine.h"
#include "scenario/test_case.h"
#include "transport/pcap_recorder.h"

namespace concur::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_interrupt(int) { g_stop.store(true); }

constexpr const char* kUsage =
    "usage: concur run [--profile FILE | --reference [--violate Rn]] [--filter PATTERN] [--jobs N]\n"
    "                  [--out DIR] [--cases DIR] [--show-keys]\n"
    "  --reference      start the built-in reference MME and eNB on loopback and test them (the default)\n"
    "  --violate Rn     ... as their fault-injected variant for rule n (repeatable; R5 goes to the eNB)\n"
    "  --profile FILE   test the SUT (an MME or an eNB) this profile describes (testcases/README.md)\n"
    "  --filter PATTERN test cases whose id matches the glob, or a rule (R3)\n"
    "  --jobs N         run N cases at once, each with its own UE and eNBs\n"
    "  --out DIR        reports folder (default reports/): junit.xml, summary.txt, pcap/<case>.pcap\n"
    "  --show-keys      print keys in full in reports instead of fingerprints\n"
    "exit: 0 nothing failed, 1 a test case failed, 2 usage or profile error, 3 the tester broke\n";

struct Options {
  std::string profile;
  bool reference = false;
  std::vector<std::string> violations;
  std::string filter;
  std::size_t jobs = 1;
  std::string out = "reports";
  std::string cases;
  bool show_keys = false;
};

std::optional<std::string> parse(const std::vector<std::string>& args, Options& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--reference") {
      o.reference = true;
    } else if (a == "--show-keys") {
      o.show_keys = true;
    } else if (a == "--profile" && has_value) {
      o.profile = args[++i];
    } else if (a == "--violate" && has_value) {
      o.violations.push_back(args[++i]);
      if (!std::regex_match(o.violations.back(), std::regex("R[1-9]"))) return "--violate takes R1..R9, not '" + o.violations.back() + "'";
    } else if (a == "--filter" && has_value) {
      o.filter = args[++i];
    } else if (a == "--out" && has_value) {
      o.out = args[++i];
    } else if (a == "--cases" && has_value) {
      o.cases = args[++i];
    } else if (a == "--jobs" && has_value) {
      const std::string v = args[++i];
      if (!std::regex_match(v, std::regex("[0-9]{1,2}")) || std::stoul(v) == 0 || std::stoul(v) > 16)
        return "--jobs takes 1..16, not '" + v + "'";
      o.jobs = std::stoul(v);
    } else {
      return "unknown or incomplete argument '" + a + "'";
    }
  }
  if (!o.profile.empty() && o.reference) return "--profile and --reference exclude each other";
  if (!o.violations.empty() && !o.profile.empty()) return "--violate only applies to the reference MME and eNB (--reference)";
  if (o.profile.empty()) o.reference = true;
  return std::nullopt;
}

std::string file_safe(const std::string& id) {
  std::string s = id;
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  return s;
}

}  // namespace

std::string default_testcases_dir() {
  if (const char* env = std::getenv("CONCUR_TESTCASES"); env && *env) return env;
#ifdef CONCUR_TESTCASES_DIR
  return CONCUR_TESTCASES_DIR;
#else
  return "testcases";
#endif
}

std::string reference_profile_path(const std::string& testcases_dir) { return testcases_dir + "/profiles/reference.xml"; }
std::string reference_enb_profile_path(const std::string& testcases_dir) { return testcases_dir + "/profiles/reference-enb.xml"; }

int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Options o;
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    out << kUsage;
    return 0;
  }
  if (auto why = parse(args, o)) {
    err << "concur run: " << *why << "\n" << kUsage;
    return 2;
  }
  const std::string cases_dir = o.cases.empty() ? default_testcases_dir() : o.cases;
  // An MME profile for the MME cases, an eNB profile for the eNB (rule 5) cases; --reference has both.
  std::optional<profile::SutProfile> mme_profile, enb_profile;
  std::vector<scenario::TestCase> all;
  try {
    if (o.reference) {
      mme_profile = profile::load_profile(reference_profile_path(cases_dir));
      if (std::filesystem::exists(reference_enb_profile_path(cases_dir))) enb_profile = profile::load_profile(reference_enb_profile_path(cases_dir));
    } else {
      auto p = profile::load_profile(o.profile);
      (p.kind == profile::SutKind::enb ? enb_profile : mme_profile) = std::move(p);
    }
    all = scenario::load_test_cases(cases_dir);
  } catch (const std::exception& e) {
    err << "concur run: " << e.what() << "\n";
    return 2;
  }
  // A case runs against the SUT it is for; with one profile, the other SUT's cases are not run.
  std::vector<const scenario::TestCase*> selected;
  for (const auto& tc : all)
    if (scenario::matches_filter(tc, o.filter) && (tc.sut_is_enb() ? enb_profile : mme_profile)) selected.push_back(&tc);
  if (selected.empty()) {
    err << "concur run: no test case matches '" << o.filter << "' in " << cases_dir << " for the "
        << (o.reference ? "reference MME and eNB" : o.profile) << "\n";
    return 2;
  }
  const profile::SutProfile& profile = mme_profile ? *mme_profile : *enb_profile;  // the report's headline
  bool any_mme_case = false, any_enb_case = false;
  std::vector<scenario::TestCase> mme_cases, enb_cases;
  for (const auto* tc : selected) (tc->sut_is_enb() ? enb_cases : mme_cases).push_back(*tc);
  any_mme_case = !mme_cases.empty();
  any_enb_case = !enb_cases.empty();
  // MME cases run in parallel slots with distinct UEs; eNB cases take turns on the eNB's one association.
  if (any_mme_case && scenario::subscribers_needed(mme_cases, o.jobs) > mme_profile->subscribers.size()) {
    err << "concur run: --jobs " << o.jobs << " needs " << scenario::subscribers_needed(mme_cases, o.jobs)
        << " subscribers (distinct UEs per parallel case); " << mme_profile->source_file << " has " << mme_profile->subscribers.size() << "\n";
    return 2;
  }
  if (any_enb_case && scenario::subscribers_needed(enb_cases, 1) > enb_profile->subscribers.size()) {
    err << "concur run: the eNB cases need " << scenario::subscribers_needed(enb_cases, 1) << " subscribers; "
        << enb_profile->source_file << " has " << enb_profile->subscribers.size() << "\n";
    return 2;
  }
  // Rule 5 binds the eNB: --violate R5 goes to the reference eNB, every other rule to the MME.
  std::vector<std::string> mme_violations, enb_violations;
  for (const auto& v : o.violations) (v == "R5" ? enb_violations : mme_violations).push_back(v);
  // A variant whose SUT no selected case talks to would be silently ignored: say so.
  for (const auto& v : o.violations)
    if (v == "R5" ? !any_enb_case : !any_mme_case)
      err << "concur run: warning: --violate " << v << " has no effect: no selected case runs against the reference "
          << (v == "R5" ? "eNB" : "MME") << (o.filter.empty() ? "" : " (--filter '" + o.filter + "')") << "\n";

  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(o.out) / "pcap", ec);
  if (ec) {
    err << "concur run: cannot create " << o.out << ": " << ec.message() << "\n";
    return 2;
  }

  struct sigaction sa {}, old_int {}, old_term {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  g_stop.store(false);
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  std::signal(SIGPIPE, SIG_IGN);
  struct RestoreSignals {
    struct sigaction i, t;
    ~RestoreSignals() {
      sigaction(SIGINT, &i, nullptr);
      sigaction(SIGTERM, &t, nullptr);
    }
  } restore{old_int, old_term};

  // --- the core nodes the MME under test needs (HSS on S6a, SGW-C on S11), up before it connects to them
  std::unique_ptr<CoreRoles> core;
  if (any_mme_case && (mme_profile->hss || mme_profile->sgw)) {
    try {
      core = std::make_unique<CoreRoles>(*mme_profile);
    } catch (const CoreRolesError& e) {
      err << "concur run: " << e.what() << "\n";
      return 2;
    }
    out << core->describe();
  }

  // --- the runner's peer MME (S10) and SGSN (S3): one endpoint each for the run, bound before
  // the SUT starts so the reference MME's configuration can point at them.
  std::unique_ptr<roles::GtpPort> s10_port, s3_port;
  try {
    if (mme_profile && mme_profile->capabilities.s10 && mme_profile->peer_mme)
      s10_port = std::make_unique<roles::GtpPort>("peer MME", transport::SocketAddress{mme_profile->runner_address, mme_profile->peer_mme->port},
                                                  transport::GtpcTimers{});
    if (mme_profile && mme_profile->capabilities.s3 && mme_profile->sgsn)
      s3_port = std::make_unique<roles::GtpPort>("SGSN", transport::SocketAddress{mme_profile->runner_address, mme_profile->sgsn->port},
                                                 transport::GtpcTimers{});
  } catch (const std::exception& e) {
    err << "concur run: cannot bind the runner's GTPv2-C endpoint on " << mme_profile->runner_address << ": " << e.what() << "\n";
    return 3;
  }
  GtpcPeers gtpc_peers;
  if (s10_port) gtpc_peers.peer_mme = s10_port->local();
  if (s3_port) gtpc_peers.sgsn = s3_port->local();
  std::optional<transport::SocketAddress> sut_gtpc;
  if (mme_profile && mme_profile->s10) sut_gtpc = transport::SocketAddress{mme_profile->s10->address, mme_profile->s10->port};
  else if (mme_profile && mme_profile->s3) sut_gtpc = transport::SocketAddress{mme_profile->s3->address, mme_profile->s3->port};

  // --- the SUTs
  std::unique_ptr<ReferenceSut> sut;
  std::unique_ptr<EnbSutSession> enb_session;
  std::string work_dir;
  transport::SocketAddress sut_s1;
  std::string control_socket;
  if (mme_profile) {
    sut_s1 = {mme_profile->s1.address, mme_profile->s1.port};
    control_socket = mme_profile->reauth.path;
  }
  const bool need_work_dir = (o.reference && any_mme_case) ||
                             (any_enb_case && enb_profile->enb_trigger.kind == profile::EnbTrigger::Kind::control_socket &&
                              enb_profile->enb_trigger.path.empty());
  if (need_work_dir) {
    char tmpl[] = "/tmp/concur-run-XXXXXX";
    if (!::mkdtemp(tmpl)) {
      err << "concur run: cannot create a work folder in /tmp\n";
      return 3;
    }
    work_dir = tmpl;
  }
  if (o.reference && any_mme_case) {
    auto started = ReferenceSut::start(*mme_profile, mme_violations, work_dir,
                                       std::filesystem::absolute(std::filesystem::path(o.out) / "reference-mme.pcap").string(), gtpc_peers);
    if (!started.sut) {
      err << "concur run: " << (started.refused ? "the reference MME refused its arguments: " : "") << started.error << "\n";
      std::filesystem::remove_all(work_dir, ec);
      return started.refused ? 2 : 3;
    }
    sut = std::move(started.sut);
    sut_s1 = sut->s1();
    mme_profile->s1.udp_encapsulation_port = sut->udp_encapsulation_port();
    control_socket = sut->control_socket();
    if (sut->gtpc()) sut_gtpc = sut->gtpc();
    out << "reference MME listening on " << sut_s1.to_string() << " (UDP encapsulation port " << sut->udp_encapsulation_port() << ")"
        << (mme_violations.empty() ? "" : ", violating") ;
    for (const auto& v : mme_violations) out << " " << v;
    out << "\n";
  }
  transport::SocketAddress enb_s1;
  if (any_enb_case) {
    auto opened = EnbSutSession::open(*enb_profile, enb_violations, work_dir,
                                      std::filesystem::absolute(std::filesystem::path(o.out) / "reference-enb.pcap").string());
    if (!opened.session) {
      err << "concur run: " << (opened.refused ? "the reference eNB refused its arguments: " : "") << opened.error << "\n";
      sut.reset();
      if (!work_dir.empty()) std::filesystem::remove_all(work_dir, ec);
      return opened.refused ? 2 : 3;
    }
    enb_session = std::move(opened.session);
    enb_s1 = enb_session->enb_address();
    out << (enb_session->reference_started() ? "reference eNB" : "eNB") << " connected from " << enb_s1.to_string()
        << " to the runner's MME, S1 SETUP done" << (enb_violations.empty() ? "" : ", violating");
    for (const auto& v : enb_violations) out << " " << v;
    out << "\n";
  }
  std::function<std::string(const std::string&)> reauth;
  if (mme_profile && mme_profile->reauth.kind == profile::ReauthTrigger::Kind::control_socket && !control_socket.empty())
    reauth = [control_socket](const std::string& imsi) {
      const std::string reply = control_request(control_socket, "reauth " + imsi, std::chrono::milliseconds(3000));
      return reply.empty() ? std::string("error: no reply from ") + control_socket : reply;
    };

  if (core && mme_profile->hss && mme_profile->hss->peer_wait.count() > 0) {
    const auto& hss = *mme_profile->hss;
    const double seconds = static_cast<double>(hss.peer_wait.count()) / 1000.0;
    out << "waiting up to " << seconds << " s for the SUT to open S6a to the emulated HSS\n" << std::flush;
    if (core->wait_for_s6a_peer(hss.peer_wait, &g_stop))
      out << "S6a up: the SUT's capabilities exchange was answered\n";
    else if (!g_stop.load())
      err << "concur run: warning: the SUT did not open S6a to the emulated HSS at " << core->hss()->to_string() << " within " << seconds
          << " s (profile <runner><hss peer-wait-ms>); attaches will fail until it does\n";
  }

  // --- the cases, in parallel slots
  std::string sut_names = any_mme_case ? mme_profile->name : "";  // "reference-mme and reference-enb"
  if (any_enb_case) sut_names += (sut_names.empty() ? "" : " and ") + enb_profile->name;
  out << "running " << selected.size() << " test case(s) against " << sut_names << " with " << o.jobs << " job(s)\n" << std::flush;
  std::vector<std::optional<JudgedCase>> results(selected.size());
  const auto run_start = std::chrono::system_clock::now();
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<int> running{static_cast<int>(o.jobs)};
  std::mutex print_mutex;
  std::mutex end_mutex;
  std::condition_variable ended;
  const auto worker = [&](std::size_t slot) {
    for (;;) {
      if (g_stop.load()) break;
      const std::size_t i = next++;
      if (i >= selected.size()) break;
      const auto& tc = *selected[i];
      RanCase ran;
      ran.test_case = &tc;
      auto tap = std::make_shared<transport::Tap>();
      const std::string pcap_rel = "pcap/" + file_safe(tc.id) + ".pcap";
      std::unique_ptr<transport::PcapRecorder> recorder;
      try {
        recorder = std::make_unique<transport::PcapRecorder>((std::filesystem::path(o.out) / pcap_rel).string());
        recorder->attach(tap);
        ran.pcap = pcap_rel;
      } catch (const std::exception& e) {
        std::lock_guard lock(print_mutex);
        err << "concur run: no pcap for " << tc.id << ": " << e.what() << "\n";
      }
      scenario::Environment env;
      const bool for_enb = tc.sut_is_enb();
      const profile::SutProfile& case_profile = for_enb ? *enb_profile : *mme_profile;
      env.profile = &case_profile;
      env.sut_s1 = for_enb ? enb_s1 : sut_s1;
      env.enb_sut = for_enb ? &enb_session->link() : nullptr;
      env.slot = slot;
      env.subscribers_per_slot = scenario::subscribers_needed(for_enb ? enb_cases : mme_cases, 1);
      env.case_number = i;
      env.tap = tap;
      env.s10 = s10_port.get();
      env.s3 = s3_port.get();
      env.sut_gtpc = sut_gtpc;
      env.reauth = reauth;
      env.stop = &g_stop;
      env.show_keys = o.show_keys;
      {
        // S6a and S11 of this case's time go into its pcap and its judged messages alike.
        CoreRoles::Feed core_traffic = core && !for_enb ? core->feed(tap) : CoreRoles::Feed{};
        ran.result = scenario::run_case(tc, env);
      }
      CaseJudgement judgement;
      if (ran.result.verdict != scenario::Verdict::none) {
        try {
          judgement = judge_case(tc, ran.result, case_profile, env.sut_s1, for_enb ? std::nullopt : sut_gtpc);
          apply_judgement(ran.result, judgement);
        } catch (const std::exception& e) {
          ran.result.verdict = scenario::Verdict::error;
          ran.result.reason = std::string("the rule monitor broke: ") + e.what();
        }
      }
      if (recorder) {
        recorder->detach();
        recorder->flush();
        if (recorder->packets_written() == 0) {
          // A case that sent nothing (not applicable to the profile, or stopped before its first
          // message) leaves no capture rather than an empty one a person would open for nothing.
          recorder.reset();
          std::error_code gone;
          std::filesystem::remove(std::filesystem::path(o.out) / pcap_rel, gone);
          ran.pcap.clear();
        }
      }
      std::lock_guard lock(print_mutex);
      const std::size_t n = ++done;
      out << "[" << std::setw(2) << n << "/" << selected.size() << "] " << std::left << std::setw(7)
          << scenario::to_string(ran.result.verdict) << std::right << " " << tc.id << " (" << std::fixed << std::setprecision(1)
          << static_cast<double>(ran.result.duration.count()) / 1000.0 << " s)\n";
      if (!ran.result.reason.empty()) out << "        " << ran.result.reason << "\n";
      out << std::flush;
      results[i] = JudgedCase{std::move(ran), std::move(judgement)};
    }
    {
      std::lock_guard lock(end_mutex);
      --running;
    }
    ended.notify_all();
  };
  std::vector<std::thread> threads;
  for (std::size_t s = 0; s < o.jobs; ++s) threads.emplace_back(worker, s);
  // The reference SUTs' decision logs must be read while they run, or their pipes fill and they block.
  while (running.load() > 0) {
    if (sut || enb_session) {
      // Only one of the two waits: the other child is drained at once, every round.
      if (sut) sut->pump_output(std::chrono::milliseconds(enb_session ? 0 : 100));
      if (enb_session) enb_session->pump_output(std::chrono::milliseconds(sut ? 50 : 100));
    } else {
      std::unique_lock lock(end_mutex);
      ended.wait_for(lock, std::chrono::milliseconds(100), [&] { return running.load() == 0; });
    }
  }
  for (auto& t : threads) t.join();

  // --- reports of what ran
  std::vector<RanCase> ran;
  std::vector<JudgedCase> judged;
  for (auto& r : results)
    if (r) {
      ran.push_back(r->ran);
      judged.push_back(std::move(*r));
    }
  const bool interrupted = g_stop.load();
  if (sut) {
    std::ofstream(std::filesystem::path(o.out) / "reference-mme.log") << sut->transcript();
    sut.reset();  // SIGTERM by PID, bounded wait
  }
  // Where the core roles listened, for pcap/README.txt, before they go.
  const std::optional<transport::SocketAddress> core_sgw = core ? core->sgw() : std::nullopt;
  const std::optional<transport::SocketAddress> core_hss = core ? core->hss() : std::nullopt;
  core.reset();  // closes the SUT's S6a connection and the S11 socket
  if (enb_session) {
    if (enb_session->reference_started()) std::ofstream(std::filesystem::path(o.out) / "reference-enb.log") << enb_session->transcript();
    enb_session.reset();  // the association shut down, the reference eNB stopped by PID
  }
  if (!work_dir.empty()) std::filesystem::remove_all(work_dir, ec);
  {
    std::ofstream junit(std::filesystem::path(o.out) / "junit.xml");
    write_junit(junit, ran, "concur run against " + sut_names);
  }
  {
    std::ofstream summary(std::filesystem::path(o.out) / "summary.txt");
    write_summary(summary, ran);
  }
  {
    std::vector<CapturedEndpoint> endpoints;
    if (sut_gtpc) endpoints.push_back({"SUT MME (S10/S3)", "gtpv2", *sut_gtpc});
    if (s10_port) endpoints.push_back({"runner's peer MME (S10)", "gtpv2", s10_port->local()});
    if (s3_port) endpoints.push_back({"runner's SGSN (S3)", "gtpv2", s3_port->local()});
    if (core_sgw) endpoints.push_back({"runner's SGW-C (S11)", "gtpv2", *core_sgw});
    if (core_hss) endpoints.push_back({"runner's HSS (S6a)", "diameter", *core_hss});
    std::filesystem::create_directories(std::filesystem::path(o.out) / "pcap", ec);
    std::ofstream guide(std::filesystem::path(o.out) / "pcap" / "README.txt");
    write_pcap_guide(guide, endpoints);
  }
  try {
    const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now() - run_start);
    std::optional<std::string> violate;
    for (const auto& v : o.violations) violate = violate ? *violate + " " + v : v;
    profile::SutProfile headline = profile;  // the report names every SUT the run tested
    headline.name = sut_names;
    report::write_html_report(html_run_report(judged, headline, o.profile, run_start, duration, violate),
                              std::filesystem::path(o.out) / "report.html");
  } catch (const std::exception& e) {
    err << "concur run: the HTML report could not be written: " << e.what() << "\n";
  }
  write_summary(out, ran);
  out << "reports in " << o.out << "/ (report.html, junit.xml, summary.txt, pcap/ with README.txt)\n";
  bool failed = false, broke = false;
  for (const auto& r : ran) {
    failed |= r.result.verdict == scenario::Verdict::fail;
    broke |= r.result.verdict == scenario::Verdict::error;
  }
  if (interrupted) {
    err << "concur run: interrupted; " << ran.size() << " of " << selected.size() << " test cases ran\n";
    return failed ? 1 : 3;
  }
  return failed ? 1 : broke ? 3 : 0;
}

}  // namespace concur::cli
