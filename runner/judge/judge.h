// The judge: captured (or live) messages in, verdicts of TS 33.401 clause 7.2.10 out. It decodes
// each message with the codecs, deciphers NAS when keys are known, maps what it decoded to the
// monitor's events (the adapter, *_events.cpp) and feeds the one rule monitor. Both feeds use it:
// `concur replay` through judge_capture(), a live run through Judge::feed() per message.
//
//   concur::judge::Judge j(options);
//   for (const concur::capture::CapturedMessage& m : messages) j.feed(m);
//   concur::judge::Judgement verdicts = j.finish();
//   std::cout << concur::judge::format_judgement(verdicts);
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capture/captured_message.h"
#include "judge/key_material.h"
#include "monitor/monitor_config.h"
#include "monitor/verdict.h"

namespace concur::judge {

/// Names a node of the capture: messages from/to `address` (and `port`, when given) get `label`
/// ("MME", "eNB1", "MME-peer", "SGSN"), the labels the SUT profile and the monitor speak in.
struct NodeLabel {
  capture::IpAddress address;
  std::optional<std::uint16_t> port;
  std::string label;
};

struct JudgeOptions {
  monitor::SutProfile sut;
  /// Empty: labels are derived. The S1AP side on port 36412 is "MME", the eNBs "eNB1", "eNB2", ...
  /// in order of appearance; a GTPv2-C node with the MME's address is "MME", any other "MME-peer"
  /// (S10) or "SGSN" (S3, told by the MM Context or F-TEID interface type).
  std::vector<NodeLabel> nodes;
  const KeyMaterial* keys = nullptr;  ///< optional; not owned. Without it ciphered NAS is not inspectable.
  /// UDP ports that carry GTPv2-C besides 2123 (judge_capture only): nodes that bound another port,
  /// e.g. `concur run`'s S10/S3 endpoints on free loopback ports, are otherwise plain UDP.
  std::vector<std::uint16_t> gtpv2c_ports;
  /// Keep one TraceEntry per message (message ladders, reports). A benchmark may switch it off.
  bool keep_trace = true;
  /// Read S1AP with the codec's sparse decode (only the ids, NAS-PDU, TAI and SecurityKey the
  /// adapter uses), falling back to the full decode for the messages it does not cover and for
  /// anything unusual. Off: every PDU is decoded fully. The verdicts are the same (tests/judge);
  /// only a PDU whose unread IEs are malformed counts as a decode error in the full mode alone.
  bool sparse_s1ap = true;
};

/// One decoded message (a NAS PDU inside S1AP is an entry of its own, right after its carrier).
struct TraceEntry {
  std::uint64_t frame = 0;
  std::chrono::nanoseconds time{0};  ///< since the first message
  std::string from;
  std::string to;
  std::string name;                   ///< as the specification spells it
  std::string summary;                ///< one line: ids, eKSI, NCC, ...
  std::optional<std::string> problem;  ///< decode error or "not inspectable", with field and offset
  std::optional<std::size_t> event;   ///< monitor event index, when the message became one
  std::optional<std::size_t> ue;      ///< monitor UE context of that event
};

struct Judgement {
  std::vector<TraceEntry> trace;
  std::vector<monitor::RuleSummary> rules;
  /// Decode errors, NAS that could not be inspected, capture warnings and reader errors, each
  /// naming the frame, field and offset.
  std::vector<std::string> problems;
  std::size_t messages = 0;           ///< messages fed (S1AP, GTPv2-C, Diameter, other)
  std::size_t decode_errors = 0;      ///< messages (or carried NAS PDUs) that did not decode
  std::size_t not_inspectable = 0;    ///< ciphered NAS PDUs that could not be deciphered
  std::size_t deciphered = 0;         ///< ciphered NAS PDUs deciphered with known keys
  /// The capture could not be read (missing file, corrupt header): an input error, not a verdict.
  std::optional<std::string> input_error;
};

class Judge {
 public:
  explicit Judge(JudgeOptions options);
  ~Judge();
  Judge(const Judge&) = delete;
  Judge& operator=(const Judge&) = delete;

  /// One message, in capture order. Never throws on malformed input: problems are recorded.
  void feed(const capture::CapturedMessage& message);
  /// Records a problem the feed found outside the messages (a capture warning, a reader error).
  void note_problem(std::string problem);
  /// End of input: the monitor judges what never happened. Call once.
  Judgement finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// Reads a pcap/pcapng file and judges it. A reader error (missing file, corrupt header or record)
/// sets `input_error` naming the file and offset; messages read before a corrupt record are judged.
Judgement judge_capture(const std::string& path, const JudgeOptions& options);

/// The monitor's per-rule report followed by the problems, as `concur replay` prints it.
std::string format_judgement(const Judgement& j);

}  // namespace concur::judge
