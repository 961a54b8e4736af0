#include "support/tshark_judge.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "capture/pcap_writer.h"
#include "support/subprocess.h"

namespace concur::test {
namespace {

using capture::Endpoint;
using capture::LinkType;
using capture::PcapWriter;

constexpr auto kTsharkLimit = std::chrono::seconds(120);
constexpr char kAggregator = '\x1f';  // a separator no field value contains
// Dissect bare NAS PDUs: user DLT 0 (147) carries nas-eps.
const char* const kNasUserDlt = R"x(uat:user_dlts:"User 0 (DLT=147)","nas-eps","0","","0","")x";
constexpr unsigned long kSeverityError = 8388608;  // PI_ERROR in Wireshark's expert.h

std::string make_temp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/concur-tshark-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("tshark judge: mkdtemp failed for " + tmpl);
  return tmpl;
}

std::vector<std::string> base_args(const Dissection& d) {
  return {"tshark", "-n", "-r", d.pcap_path, "-o", kNasUserDlt, "-o", "sctp.reassembly:TRUE"};
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

ProcessResult run_tshark(const std::vector<std::string>& args) {
  ProcessResult r = run_process(args, kTsharkLimit);
  if (r.timed_out) throw std::runtime_error("tshark overran its time limit");
  if (r.exit_code != 0) throw std::runtime_error("tshark failed (exit " + std::to_string(r.exit_code) + "): " + r.err);
  return r;
}

}  // namespace

const std::vector<std::string>& Dissection::values(std::size_t i, const std::string& name) const {
  static const std::vector<std::string> none;
  if (i >= fields.size()) return none;
  auto it = fields[i].find(name);
  return it == fields[i].end() ? none : it->second;
}

std::optional<std::string> tshark_unusable() {
  ProcessResult r = run_process({"tshark", "--version"}, std::chrono::seconds(30));
  if (r.exit_code != 0) return "tshark is not installed or does not run (scripts/setup.sh installs it)";
  return std::nullopt;
}

Dissection tshark_dissect(Carrier carrier, const std::vector<Bytes>& messages,
                          const std::vector<std::string>& field_names) {
  Dissection d;
  d.pcap_path = make_temp_dir() + "/judge.pcap";
  {
    PcapWriter w(d.pcap_path, carrier == Carrier::nas ? LinkType::user0 : LinkType::ethernet);
    auto t = PcapWriter::Clock::now();
    const Endpoint enb{"127.0.1.1", 36412}, mme{"127.0.0.1", 36412};
    const Endpoint gtp_a{"127.0.0.1", 2123}, gtp_b{"127.0.0.2", 2123};
    const Endpoint dia_client{"127.0.0.1", 40000}, dia_server{"127.0.0.3", 3868};
    for (const Bytes& m : messages) {
      t += std::chrono::milliseconds(1);
      switch (carrier) {
        case Carrier::s1ap_sctp: w.sctp_data(t, enb, mme, 1, 18, view_of(m)); break;
        case Carrier::gtpv2_udp: w.udp(t, gtp_a, gtp_b, view_of(m)); break;
        case Carrier::diameter_tcp: w.tcp(t, dia_client, dia_server, view_of(m)); break;
        case Carrier::nas: w.raw(t, view_of(m)); break;
      }
    }
  }

  // Pass 1: the fields asked for, plus the expert severities and messages of every packet.
  std::vector<std::string> args = base_args(d);
  for (const char* a : {"-T", "fields", "-E", "header=n", "-E", "separator=/t", "-E", "occurrence=a"}) args.push_back(a);
  args.push_back("-E");
  args.push_back(std::string("aggregator=") + kAggregator);
  std::vector<std::string> all_fields = {"_ws.expert.severity", "_ws.expert.message"};
  all_fields.insert(all_fields.end(), field_names.begin(), field_names.end());
  for (const auto& f : all_fields) {
    args.push_back("-e");
    args.push_back(f);
  }
  const ProcessResult fields = run_tshark(args);
  std::istringstream lines(fields.out);
  std::string line;
  while (std::getline(lines, line)) {
    const std::vector<std::string> cols = split(line, '\t');
    std::map<std::string, std::vector<std::string>> packet;
    for (std::size_t c = 0; c < all_fields.size() && c < cols.size(); ++c) {
      if (!cols[c].empty()) packet[all_fields[c]] = split(cols[c], kAggregator);
    }
    const auto& sev = packet["_ws.expert.severity"];
    const auto& msg = packet["_ws.expert.message"];
    for (std::size_t k = 0; k < sev.size(); ++k) {
      if (std::strtoul(sev[k].c_str(), nullptr, 10) == kSeverityError) {
        ++d.expert_errors;
        d.expert_texts.push_back("packet " + std::to_string(d.fields.size() + 1) + ": " + (k < msg.size() ? msg[k] : "?"));
      }
    }
    d.fields.push_back(std::move(packet));
  }
  d.packets = d.fields.size();

  // Pass 2: packets where a dissector threw (shown as "Malformed Packet").
  args = base_args(d);
  for (const char* a : {"-Y", "_ws.malformed", "-T", "fields", "-e", "frame.number"}) args.push_back(a);
  const ProcessResult malformed = run_tshark(args);
  std::istringstream mlines(malformed.out);
  while (std::getline(mlines, line)) {
    if (!line.empty()) {
      ++d.malformed;
      d.expert_texts.push_back("packet " + line + ": Malformed Packet");
    }
  }
  return d;
}

std::string tshark_verbose(const Dissection& d) {
  std::vector<std::string> args = base_args(d);
  args.push_back("-V");
  return run_process(args, kTsharkLimit).out;
}

}  // namespace concur::test
