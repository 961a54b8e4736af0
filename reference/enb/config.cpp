#include "config.h"

#include <arpa/inet.h>
#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace concur::reference::enb {
namespace {

/// Line of a byte offset in the file text (pugixml reports offsets, people read lines).
std::size_t line_of(const std::string& text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto end = text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

/// Attribute access that names "element@attribute" and the line in every error.
class Fields {
 public:
  Fields(std::string file, const std::string& text) : file_(std::move(file)), text_(text) {}

  [[noreturn]] void fail(const pugi::xml_node& n, const std::string& field, const std::string& reason) const {
    throw ConfigError(file_, line_of(text_, n.offset_debug()), field, reason);
  }
  static std::string name(const pugi::xml_node& n, const char* attr) { return std::string(n.name()) + "@" + attr; }

  std::string text(const pugi::xml_node& n, const char* attr, const std::string& fallback) const {
    const auto a = n.attribute(attr);
    return a ? std::string(a.value()) : fallback;
  }

  std::uint64_t number(const pugi::xml_node& n, const char* attr, std::uint64_t max, std::uint64_t fallback) const {
    const auto a = n.attribute(attr);
    if (!a) return fallback;
    std::string_view v = a.value();
    int base = 10;
    if (v.starts_with("0x") || v.starts_with("0X")) {
      base = 16;
      v.remove_prefix(2);
    }
    std::uint64_t out = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out, base);
    if (v.empty() || ec != std::errc() || p != v.data() + v.size())
      fail(n, name(n, attr), "'" + std::string(a.value()) + "' is not a number");
    if (out > max) fail(n, name(n, attr), std::string(a.value()) + " is above the maximum " + std::to_string(max));
    return out;
  }

  bool boolean(const pugi::xml_node& n, const char* attr, bool fallback) const {
    const auto a = n.attribute(attr);
    if (!a) return fallback;
    const std::string v = a.value();
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    fail(n, name(n, attr), "'" + v + "' is not true or false");
  }

  std::string digits(const pugi::xml_node& n, const char* attr, std::size_t min, std::size_t max) const {
    const std::string v = text(n, attr, "");
    if (v.size() < min || v.size() > max || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(n, name(n, attr), "'" + v + "' must be " + std::to_string(min) + ".." + std::to_string(max) + " decimal digits");
    return v;
  }

  std::chrono::milliseconds millis(const pugi::xml_node& n, const char* attr, std::chrono::milliseconds fallback) const {
    return std::chrono::milliseconds(number(n, attr, 600000, static_cast<std::uint64_t>(fallback.count())));
  }

 private:
  std::string file_;
  const std::string& text_;
};

}  // namespace

s1ap::Plmn plmn_octets(const std::string& mcc, const std::string& mnc) {
  const auto d = [](char c) { return static_cast<std::uint8_t>(c - '0'); };
  const std::uint8_t mnc3 = mnc.size() == 3 ? d(mnc[2]) : 0xF;
  return {static_cast<std::uint8_t>(d(mcc[1]) << 4 | d(mcc[0])), static_cast<std::uint8_t>(mnc3 << 4 | d(mcc[2])),
          static_cast<std::uint8_t>(d(mnc[1]) << 4 | d(mnc[0]))};
}

EnbConfig load_config(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ConfigError(path, 0, "file", "cannot be opened");
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) throw ConfigError(path, line_of(text, parsed.offset), "xml", parsed.description());
  const Fields r(path, text);
  const auto root = doc.child("enb");
  if (!root) throw ConfigError(path, 1, "enb", "the root element must be <enb>");

  EnbConfig c;
  c.source_file = path;
  c.enb_name = r.text(root, "name", c.enb_name);

  const auto s1 = root.child("s1");
  if (!s1) r.fail(root, "s1", "missing: <s1 mme_address=... mme_port=... backend=.../>");
  if (!s1.attribute("mme_address")) r.fail(s1, "s1@mme_address", "missing");
  c.mme_address = r.text(s1, "mme_address", c.mme_address);
  c.mme_port = static_cast<std::uint16_t>(r.number(s1, "mme_port", 65535, c.mme_port));
  c.sctp_backend = r.text(s1, "backend", c.sctp_backend);
  static const char* kBackends[] = {"automatic", "kernel", "userspace_udp", "userspace_raw"};
  if (std::none_of(std::begin(kBackends), std::end(kBackends), [&](const char* b) { return c.sctp_backend == b; }))
    r.fail(s1, "s1@backend", "'" + c.sctp_backend + "' is not one of automatic, kernel, userspace_udp, userspace_raw");
  c.mme_udp_port = static_cast<std::uint16_t>(r.number(s1, "mme_udp_port", 65535, c.mme_udp_port));
  c.local_address = r.text(s1, "local_address", c.local_address);
  c.local_udp_port = static_cast<std::uint16_t>(r.number(s1, "udp_port", 65535, c.local_udp_port));

  const auto plmn = root.child("plmn");
  if (!plmn) r.fail(root, "plmn", "missing: <plmn mcc=\"001\" mnc=\"01\"/>");
  c.mcc = r.digits(plmn, "mcc", 3, 3);
  c.mnc = r.digits(plmn, "mnc", 2, 3);

  if (const auto cell = root.child("cell")) {
    c.enb_id = static_cast<std::uint32_t>(r.number(cell, "enb_id", 0xFFFFF, c.enb_id));  // 20-bit macro eNB ID
    c.cell = static_cast<std::uint8_t>(r.number(cell, "cell", 0xFF, c.cell));
    c.tac = static_cast<std::uint16_t>(r.number(cell, "tac", 0xFFFF, c.tac));
    c.pci = static_cast<std::uint16_t>(r.number(cell, "pci", 503, c.pci));
    c.earfcn_dl = static_cast<std::uint32_t>(r.number(cell, "earfcn_dl", 262143, c.earfcn_dl));
  }
  if (const auto s1u = root.child("s1u")) {
    c.s1u_address = r.text(s1u, "address", c.s1u_address);
    in_addr a{};
    if (::inet_pton(AF_INET, c.s1u_address.c_str(), &a) != 1)
      r.fail(s1u, "s1u@address", "'" + c.s1u_address + "' is not an IPv4 address");
  }
  if (const auto rc = root.child("reconfiguration")) {
    c.reconfiguration.duration = r.millis(rc, "duration_ms", c.reconfiguration.duration);
    c.reconfiguration.held = r.boolean(rc, "hold", c.reconfiguration.held);
  }
  if (const auto t = root.child("timers")) {
    c.timers.ts1relocprep = r.millis(t, "ts1relocprep_ms", c.timers.ts1relocprep);
    c.timers.ts1relocoverall = r.millis(t, "ts1relocoverall_ms", c.timers.ts1relocoverall);
    c.timers.handover_queue = r.millis(t, "handover_queue_ms", c.timers.handover_queue);
  }
  if (const auto ctl = root.child("control")) {
    if (!ctl.attribute("socket")) r.fail(ctl, "control@socket", "missing");
    c.control_socket = r.text(ctl, "socket", "");
  }
  if (const auto cap = root.child("capture")) {
    if (!cap.attribute("pcap")) r.fail(cap, "capture@pcap", "missing");
    c.pcap_path = r.text(cap, "pcap", "");
  }
  return c;
}

}  // namespace concur::reference::enb
