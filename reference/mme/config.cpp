#include "config.h"

#include <arpa/inet.h>

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "common/bytes.h"

namespace concur::reference {
namespace {

/// Line of a byte offset in the file text (pugixml reports offsets, people read lines).
std::size_t line_of(const std::string& text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto end = text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

class Reader {
 public:
  Reader(std::string file, std::string text) : file_(std::move(file)), text_(std::move(text)) {}

  [[noreturn]] void fail(const pugi::xml_node& n, const std::string& field, const std::string& reason) const {
    throw ConfigError(file_, line_of(text_, n.offset_debug()), field, reason);
  }

  std::string text_attr(const pugi::xml_node& n, const char* name, bool required, const std::string& fallback = "") const {
    const auto a = n.attribute(name);
    if (!a) {
      if (required) fail(n, std::string(n.name()) + "@" + name, "missing");
      return fallback;
    }
    return a.value();
  }

  std::uint64_t number(const pugi::xml_node& n, const char* name, std::uint64_t max, bool required,
                       std::uint64_t fallback) const {
    const auto a = n.attribute(name);
    if (!a) {
      if (required) fail(n, std::string(n.name()) + "@" + name, "missing");
      return fallback;
    }
    const std::string v = a.value();
    std::uint64_t out = 0;
    int base = 10;
    std::string_view digits = v;
    if (digits.starts_with("0x") || digits.starts_with("0X")) {
      base = 16;
      digits.remove_prefix(2);
    }
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out, base);
    if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size())
      fail(n, std::string(n.name()) + "@" + name, "'" + v + "' is not a number");
    if (out > max) fail(n, std::string(n.name()) + "@" + name, v + " is above the maximum " + std::to_string(max));
    return out;
  }

  template <std::size_t N>
  std::array<std::uint8_t, N> hex(const pugi::xml_node& n, const char* name, bool required,
                                  std::array<std::uint8_t, N> fallback) const {
    const auto a = n.attribute(name);
    if (!a) {
      if (required) fail(n, std::string(n.name()) + "@" + name, "missing");
      return fallback;
    }
    Bytes b;
    try {
      b = from_hex(a.value());
    } catch (const std::exception&) {
      fail(n, std::string(n.name()) + "@" + name, "not hexadecimal");
    }
    if (b.size() != N) fail(n, std::string(n.name()) + "@" + name, "must be " + std::to_string(N) + " octets in hex");
    std::array<std::uint8_t, N> out{};
    std::copy(b.begin(), b.end(), out.begin());
    return out;
  }

  /// An IPv4 address in dotted form (S11 F-TEIDs carry IPv4 here).
  std::string ipv4(const pugi::xml_node& n, const char* name) const {
    const std::string v = text_attr(n, name, true);
    in_addr a{};
    if (::inet_pton(AF_INET, v.c_str(), &a) != 1)
      fail(n, std::string(n.name()) + "@" + name, "'" + v + "' is not an IPv4 address");
    return v;
  }

  std::string digits(const pugi::xml_node& n, const char* name, std::size_t min, std::size_t max) const {
    const std::string v = text_attr(n, name, true);
    if (v.size() < min || v.size() > max || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(n, std::string(n.name()) + "@" + name,
           "'" + v + "' must be " + std::to_string(min) + ".." + std::to_string(max) + " decimal digits");
    return v;
  }

 private:
  std::string file_;
  std::string text_;
};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(std::remove_if(item.begin(), item.end(), [](char c) { return c == ' '; }), item.end());
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

std::array<std::uint8_t, 3> plmn_octets(const std::string& mcc, const std::string& mnc) {
  const auto d = [](char c) { return static_cast<std::uint8_t>(c - '0'); };
  const std::uint8_t mnc3 = mnc.size() == 3 ? d(mnc[2]) : 0xF;
  return {static_cast<std::uint8_t>(d(mcc[1]) << 4 | d(mcc[0])), static_cast<std::uint8_t>(mnc3 << 4 | d(mcc[2])),
          static_cast<std::uint8_t>(d(mnc[1]) << 4 | d(mnc[0]))};
}

MmeConfig load_config(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ConfigError(path, 0, "file", "cannot be opened");
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) throw ConfigError(path, line_of(text, parsed.offset), "xml", parsed.description());
  Reader r(path, text);
  const auto root = doc.child("mme");
  if (!root) throw ConfigError(path, 1, "mme", "the root element must be <mme>");

  MmeConfig c;
  c.source_file = path;
  c.mme_name = r.text_attr(root, "name", false, c.mme_name);

  const auto s1 = root.child("s1");
  if (!s1) r.fail(root, "s1", "missing: <s1 address=... port=... backend=.../>");
  c.s1_address = r.text_attr(s1, "address", true);
  c.s1_port = static_cast<std::uint16_t>(r.number(s1, "port", 65535, false, 36412));
  c.sctp_backend = r.text_attr(s1, "backend", false, "automatic");
  static const char* kBackends[] = {"automatic", "kernel", "userspace_udp", "userspace_raw"};
  if (std::none_of(std::begin(kBackends), std::end(kBackends), [&](const char* b) { return c.sctp_backend == b; }))
    r.fail(s1, "s1@backend", "'" + c.sctp_backend + "' is not one of automatic, kernel, userspace_udp, userspace_raw");
  c.udp_encapsulation_port = static_cast<std::uint16_t>(r.number(s1, "udp_port", 65535, false, 0));

  const auto plmn = root.child("plmn");
  if (!plmn) r.fail(root, "plmn", "missing: <plmn mcc=\"001\" mnc=\"01\"/>");
  c.mcc = r.digits(plmn, "mcc", 3, 3);
  c.mnc = r.digits(plmn, "mnc", 2, 3);

  if (const auto id = root.child("mme_id")) {
    c.mme_group_id = static_cast<std::uint16_t>(r.number(id, "group", 0xFFFF, true, 0));
    c.mme_code = static_cast<std::uint8_t>(r.number(id, "code", 0xFF, true, 0));
  }
  for (const auto tai : root.children("tai")) c.served_tacs.push_back(static_cast<std::uint16_t>(r.number(tai, "tac", 0xFFFF, true, 0)));
  if (c.served_tacs.empty()) r.fail(root, "tai", "at least one served <tai tac=.../> is needed");

  if (const auto nas = root.child("nas")) {
    if (nas.attribute("integrity")) {
      c.integrity_preference.clear();
      for (const auto& a : split_list(nas.attribute("integrity").value())) {
        if (a == "eia1") c.integrity_preference.push_back(security::IntegrityAlgorithm::eia1);
        else if (a == "eia2") c.integrity_preference.push_back(security::IntegrityAlgorithm::eia2);
        else if (a == "eia3") c.integrity_preference.push_back(security::IntegrityAlgorithm::eia3);
        else r.fail(nas, "nas@integrity", "'" + a + "' is not eia1, eia2 or eia3 (EIA0 is for emergency calls only)");
      }
    }
    if (nas.attribute("ciphering")) {
      c.ciphering_preference.clear();
      for (const auto& a : split_list(nas.attribute("ciphering").value())) {
        if (a == "eea0") c.ciphering_preference.push_back(security::CipheringAlgorithm::eea0);
        else if (a == "eea1") c.ciphering_preference.push_back(security::CipheringAlgorithm::eea1);
        else if (a == "eea2") c.ciphering_preference.push_back(security::CipheringAlgorithm::eea2);
        else if (a == "eea3") c.ciphering_preference.push_back(security::CipheringAlgorithm::eea3);
        else r.fail(nas, "nas@ciphering", "'" + a + "' is not eea0, eea1, eea2 or eea3");
      }
    }
    if (c.integrity_preference.empty()) r.fail(nas, "nas@integrity", "empty list");
    if (c.ciphering_preference.empty()) r.fail(nas, "nas@ciphering", "empty list");
  }

  if (const auto t = root.child("timers")) {
    c.timers.t3460 = std::chrono::milliseconds(r.number(t, "t3460_ms", 600000, false, c.timers.t3460.count()));
    c.timers.s1ap_guard = std::chrono::milliseconds(r.number(t, "s1ap_guard_ms", 600000, false, c.timers.s1ap_guard.count()));
    c.timers.rule_wait = std::chrono::milliseconds(r.number(t, "rule_wait_ms", 600000, false, c.timers.rule_wait.count()));
  }

  if (const auto t = root.child("reauth")) {
    const auto flag = [&](const char* name, bool fallback) {
      const std::string v = r.text_attr(t, name, false, fallback ? "true" : "false");
      if (v != "true" && v != "false") r.fail(t, std::string("reauth@") + name, "'" + v + "' is not true or false");
      return v == "true";
    };
    c.reauth_triggers.every_tau = flag("every_tau", c.reauth_triggers.every_tau);
    c.reauth_triggers.tau_without_valid_ksi = flag("tau_without_valid_ksi", c.reauth_triggers.tau_without_valid_ksi);
    c.reauth_triggers.every_nth_event = static_cast<unsigned>(r.number(t, "every_nth_event", 1000000, false, 0));
  }

  for (const auto s : root.children("subscriber")) {
    SubscriberConfig sub;
    sub.imsi = r.digits(s, "imsi", 6, 15);
    sub.k = security::Key128(r.hex<16>(s, "k", true, {}));
    sub.opc = security::Key128(r.hex<16>(s, "opc", true, {}));
    sub.amf = r.hex<2>(s, "amf", false, {0x80, 0x00});
    sub.sqn = r.number(s, "sqn", (std::uint64_t{1} << 48) - 1, false, 0);
    for (const auto& other : c.subscribers)
      if (other.imsi == sub.imsi) r.fail(s, "subscriber@imsi", sub.imsi + " appears twice");
    c.subscribers.push_back(std::move(sub));
  }

  if (const auto g = root.child("gtpc")) {
    GtpcConfig gc;
    gc.address = r.text_attr(g, "address", true);
    gc.port = static_cast<std::uint16_t>(r.number(g, "port", 65535, false, 2123));
    gc.t3_response = std::chrono::milliseconds(r.number(g, "t3_ms", 600000, false, gc.t3_response.count()));
    gc.n3_requests = static_cast<int>(r.number(g, "n3", 10, false, 3));
    for (const auto peer : g.children("peer_mme")) {
      PeerMmeConfig p{r.text_attr(peer, "address", true), static_cast<std::uint16_t>(r.number(peer, "port", 65535, false, 2123)), {}};
      for (const auto tai : peer.children("tai")) p.tacs.push_back(static_cast<std::uint16_t>(r.number(tai, "tac", 0xFFFF, true, 0)));
      if (p.tacs.empty()) r.fail(peer, "peer_mme/tai", "a peer MME needs at least one <tai tac=.../> it serves");
      gc.peer_mmes.push_back(std::move(p));
    }
    for (const auto sgsn : g.children("sgsn")) {
      SgsnConfig s{r.text_attr(sgsn, "address", true), static_cast<std::uint16_t>(r.number(sgsn, "port", 65535, false, 2123)), {}};
      for (const auto ra : sgsn.children("rai")) {
        RoutingAreaConfig a;
        a.lac = static_cast<std::uint16_t>(r.number(ra, "lac", 0xFFFF, true, 0));
        if (ra.attribute("rac")) a.rac = static_cast<std::uint8_t>(r.number(ra, "rac", 0xFF, true, 0));
        if (ra.attribute("rnc")) a.rnc_id = static_cast<std::uint16_t>(r.number(ra, "rnc", 0xFFFF, true, 0));
        s.areas.push_back(a);
      }
      if (s.areas.empty()) r.fail(sgsn, "sgsn/rai", "an SGSN needs at least one <rai lac=... [rac=...] [rnc=...]/>");
      gc.sgsns.push_back(std::move(s));
    }
    c.gtpc = std::move(gc);
  }
  if (const auto g = root.child("s11")) {
    S11Config sc;
    sc.address = r.ipv4(g, "address");
    sc.port = static_cast<std::uint16_t>(r.number(g, "port", 65535, false, 2123));
    sc.t3_response = std::chrono::milliseconds(r.number(g, "t3_ms", 600000, false, sc.t3_response.count()));
    sc.n3_requests = static_cast<int>(r.number(g, "n3", 10, false, 3));
    const auto sgw = g.child("sgw");
    if (!sgw) r.fail(g, "s11/sgw", "missing: <sgw address=\"...\" port=\"2123\"/> inside <s11>");
    if (sgw.next_sibling("sgw")) r.fail(sgw.next_sibling("sgw"), "s11/sgw", "only one SGW is supported");
    sc.sgw_address = r.ipv4(sgw, "address");
    sc.sgw_port = static_cast<std::uint16_t>(r.number(sgw, "port", 65535, false, 2123));
    if (sc.sgw_port == 0) r.fail(sgw, "sgw@port", "0 is not a port the SGW can listen on");
    c.s11 = std::move(sc);
  }
  if (const auto cap = root.child("capture")) c.pcap_path = r.text_attr(cap, "pcap", true);
  if (const auto ctl = root.child("control")) c.control_socket = r.text_attr(ctl, "socket", true);
  return c;
}

}  // namespace concur::reference
