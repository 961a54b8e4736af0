#include "cli/decode_command.h"

#include <ctime>
#include <fstream>
#include <map>
#include <ostream>
#include <stdexcept>
#include <tuple>

#include "capture/capture_reader.h"
#include "cli/json_writer.h"
#include "trace/decoded_message.h"

namespace concur::cli {
namespace {

constexpr const char* kUsage =
    "usage: concur decode [--stats [--json]] [--s1ap-port N] [--s1ap-ppid N] [--gtpv2c-port N] CAPTURE\n"
    "  Decodes every S1AP, NAS-EPS (inside S1AP), GTPv2-C and Diameter message of a pcap or pcapng file.\n"
    "  Without --stats: one line per message, tab-separated:\n"
    "    frame  time(UTC)  source  destination  protocol  message  fields\n"
    "  --stats   the count per protocol and message type instead (--json: as JSON)\n"
    "  --s1ap-port/--s1ap-ppid/--gtpv2c-port  add a port or PPID to the defaults (36412, 18, 2123)\n"
    "  Exit status: 0 all decoded; 1 a message failed to decode or the capture is corrupt (reasons on\n"
    "  stderr; everything before it is still printed); 2 usage error.\n";

struct Options {
  bool stats = false;
  bool json = false;
  std::string capture;
  capture::CaptureOptions reader;
};

std::string utc_time(std::int64_t ns) {
  const std::time_t secs = static_cast<std::time_t>(ns / 1000000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%06lldZ", static_cast<long long>((ns % 1000000000) / 1000));
  return std::string(buf) + frac;
}

unsigned long number_arg(const std::vector<std::string>& args, std::size_t& i, const std::string& name,
                         unsigned long max) {
  if (i + 1 >= args.size()) throw std::invalid_argument(name + " needs a number");
  const std::string& v = args[++i];
  std::size_t used = 0;
  unsigned long n = 0;
  try {
    n = std::stoul(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v.size() || v.empty() || n > max) {
    throw std::invalid_argument(name + ": '" + v + "' is not a number from 0 to " + std::to_string(max));
  }
  return n;
}

Options parse(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--stats") {
      o.stats = true;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--s1ap-port") {
      o.reader.classify.s1ap_ports.push_back(static_cast<std::uint16_t>(number_arg(args, i, a, 65535)));
    } else if (a == "--s1ap-ppid") {
      o.reader.classify.s1ap_ppids.push_back(static_cast<std::uint32_t>(number_arg(args, i, a, 0xffffffffUL)));
    } else if (a == "--gtpv2c-port") {
      o.reader.classify.gtpv2c_ports.push_back(static_cast<std::uint16_t>(number_arg(args, i, a, 65535)));
    } else if (!a.empty() && a[0] == '-') {
      throw std::invalid_argument("unknown option '" + a + "'");
    } else if (o.capture.empty()) {
      o.capture = a;
    } else {
      throw std::invalid_argument("one capture file at a time ('" + o.capture + "' and '" + a + "')");
    }
  }
  if (o.capture.empty()) throw std::invalid_argument("no capture file given");
  if (o.json && !o.stats) throw std::invalid_argument("--json goes with --stats");
  return o;
}

struct StatsKey {
  trace::Protocol protocol;
  std::string message;
  auto operator<=>(const StatsKey&) const = default;
};

void print_stats(const Options& o, const std::map<StatsKey, std::uint64_t>& counts, std::uint64_t decode_errors,
                 const capture::CaptureReader& reader, std::ostream& out) {
  std::map<trace::Protocol, std::uint64_t> totals;
  for (const auto& [k, n] : counts) totals[k.protocol] += n;
  if (!o.json) {
    out << "# concur decode --stats " << o.capture << "\n";
    out << "protocol\tmessage\tcount\n";
    for (const auto& [k, n] : counts) out << to_string(k.protocol) << '\t' << k.message << '\t' << n << '\n';
    for (const auto& [p, n] : totals) out << "total\t" << to_string(p) << '\t' << n << '\n';
    out << "decode_errors\t" << decode_errors << '\n';
    out << "capture_warnings\t" << reader.warning_count() << '\n';
    out << "capture_error\t" << (reader.error() ? reader.error()->to_string() : "none") << '\n';
    return;
  }
  out << "{\n  \"capture\": " << json_string(o.capture) << ",\n  \"messages\": [";
  bool first = true;
  for (const auto& [k, n] : counts) {
    out << (first ? "\n" : ",\n") << "    {\"protocol\": " << json_string(to_string(k.protocol))
        << ", \"message\": " << json_string(k.message) << ", \"count\": " << n << "}";
    first = false;
  }
  out << "\n  ],\n  \"totals\": {";
  first = true;
  for (const auto& [p, n] : totals) {
    out << (first ? "" : ", ") << json_string(to_string(p)) << ": " << n;
    first = false;
  }
  out << "},\n  \"decode_errors\": " << decode_errors << ",\n  \"capture_warnings\": " << reader.warning_count()
      << ",\n  \"capture_error\": " << (reader.error() ? json_string(reader.error()->to_string()) : "null") << "\n}\n";
}

}  // namespace

int decode_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      out << kUsage;
      return 0;
    }
  }
  Options o;
  try {
    o = parse(args);
  } catch (const std::invalid_argument& e) {
    err << "concur decode: " << e.what() << "\n" << kUsage;
    return 2;
  }

  capture::CaptureReader reader(o.capture, o.reader);
  if (reader.error() && reader.error()->frame == 0 && reader.error()->offset == 0 && !std::ifstream(o.capture)) {
    err << "concur decode: " << reader.error()->to_string() << "\n";
    return 2;
  }

  std::map<StatsKey, std::uint64_t> counts;
  std::uint64_t decode_errors = 0;
  while (auto captured = reader.next()) {
    for (const trace::DecodedMessage& d : trace::decode(*captured)) {
      ++counts[StatsKey{d.protocol, d.name}];
      if (d.error) {
        ++decode_errors;
        err << o.capture << ": frame " << d.frame_number << ": " << to_string(d.protocol) << ' ' << d.name << ": "
            << d.error->to_string() << "\n";
      }
      if (!o.stats) {
        out << d.frame_number << '\t' << utc_time(d.timestamp_ns) << '\t' << d.src << '\t' << d.dst << '\t'
            << to_string(d.protocol) << '\t' << (d.depth ? "  " : "") << d.name << '\t'
            << (d.error ? "DECODE ERROR: " + d.error->to_string() : d.fields) << '\n';
      }
    }
  }
  for (const auto& w : reader.warnings()) err << o.capture << ": warning: " << w.to_string() << "\n";
  if (reader.error()) err << "concur decode: " << reader.error()->to_string() << "\n";
  if (o.stats) print_stats(o, counts, decode_errors, reader, out);
  return (decode_errors > 0 || reader.error()) ? 1 : 0;
}

}  // namespace concur::cli
