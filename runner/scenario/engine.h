// Runs one test case against the SUT with emulated roles: connects the eNBs, plays the preamble,
// the steps and the postamble, and returns the verdict of the case's own expectations, the
// timeline a person reads, and every message sent and received (for the pcap and the judge).
//
// The roles behave like real nodes unless a step says otherwise (behaviour.cpp): the UE answers
// AUTHENTICATION REQUEST and SECURITY MODE COMMAND, the eNB answers INITIAL CONTEXT SETUP, UE
// CONTEXT MODIFICATION, HANDOVER REQUEST and UE CONTEXT RELEASE. <hold> keeps one such answer
// back until <release>; <answer> replaces one by its failure form.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "profile/sut_profile.h"
#include "roles/gtp_peer.h"
#include "scenario/enb_sut.h"
#include "scenario/test_case.h"
#include "transport/socket_address.h"
#include "transport/tap.h"

namespace concur::scenario {

/// Conformance-testing verdicts (DESIGN.md).
enum class Verdict { pass, fail, inconc, none, error };
const char* to_string(Verdict v);
/// The worse of two verdicts (error > fail > inconc > pass > none).
Verdict worse(Verdict a, Verdict b);

struct TimelineEntry {
  enum class Kind { sent, received, held, released, note, check_passed, check_failed };
  std::chrono::system_clock::time_point time;
  std::string role;  ///< the runner's role the line is about ("source", "ue", "runner")
  Kind kind = Kind::note;
  std::string text;
};
const char* to_string(TimelineEntry::Kind k);

struct CaseResult {
  std::string id;
  Verdict verdict = Verdict::pass;
  std::string reason;  ///< why, for everything but pass
  std::string rule;    ///< the rule a fail is about (the step's rule, else the case's first)
  std::vector<TimelineEntry> timeline;
  std::vector<transport::TapRecord> messages;  ///< every message sent and received, in order
  std::chrono::milliseconds duration{0};
};

/// What one case run needs from the runner. Subscribers are taken by parallel slot and eNB ids by
/// case number, so cases running at once never share a UE or an eNB.
struct Environment {
  const profile::SutProfile* profile = nullptr;
  transport::SocketAddress sut_s1;
  std::size_t slot = 0;
  /// Subscribers each slot owns: the most UEs any case of the run has (subscribers_needed / slots).
  /// A slot's UEs are subscribers [slot * this, slot * this + UEs of the case), so a case with
  /// fewer UEs never takes a subscriber of the next slot's case.
  std::size_t subscribers_per_slot = 1;
  /// Position of the case in the run. eNB ids are taken by it, not by slot: a SUT may notice an
  /// eNB's departure after the next case's eNB with the same Global eNB ID already arrived.
  std::size_t case_number = 0;
  std::shared_ptr<transport::Tap> tap;  ///< every association of the case reports here
  /// The run's S10 and S3 endpoints (the runner's peer MME and SGSN), shared by parallel cases;
  /// null when the profile does not declare s10 / s3.
  roles::GtpPort* s10 = nullptr;
  roles::GtpPort* s3 = nullptr;
  std::optional<transport::SocketAddress> sut_gtpc;  ///< where a peer MME sends the SUT a relocation (S10)
  /// Makes the SUT re-authenticate IMSI (profile's trigger); returns the SUT's reply line,
  /// starting with "ok" when it accepted.
  std::function<std::string(const std::string& imsi)> reauth;
  /// eNB SUT (profile kind enb): the runner's MME and the eNB trigger; cases with an <mme> role.
  EnbSut* enb_sut = nullptr;
  const std::atomic<bool>* stop = nullptr;  ///< set on Ctrl-C: the case ends as soon as it can
  bool show_keys = false;
};

/// A reason when the profile lacks a PICS the case needs (verdict `none`).
std::optional<std::string> not_applicable(const TestCase& tc, const profile::SutProfile& profile);

/// Which of the profile's subscribers (0-based) UE `u` of a case with `ues` UEs takes in `env`'s
/// slot: each slot owns `env.subscribers_per_slot` of them, whatever the case's own count.
std::size_t subscriber_index(const Environment& env, std::size_t ues, std::size_t u);
/// How many subscribers `slots` parallel slots need for these cases.
std::size_t subscribers_needed(const std::vector<TestCase>& cases, std::size_t slots);

CaseResult run_case(const TestCase& tc, const Environment& env);

}  // namespace concur::scenario
