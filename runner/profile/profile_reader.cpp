// Loading a SUT profile: pugixml for the syntax, then every field checked with an error that
// names the file, the line and the field, so a lab engineer fixes the profile without the source.
#include <cerrno>
#include <cstring>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "common/bytes.h"
#include "profile/sut_profile.h"

namespace concur::profile {
namespace {

std::size_t line_of(const std::string& text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto end = text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

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

/// Field readers bound to one file's text, so every error can name its line.
class Reader {
 public:
  Reader(std::string file, const std::string& text) : file_(std::move(file)), text_(text) {}

  std::size_t line(const pugi::xml_node& n) const { return line_of(text_, n.offset_debug()); }

  [[noreturn]] void fail(const pugi::xml_node& n, const std::string& field, const std::string& reason) const {
    throw ProfileError(file_, line(n), field, reason);
  }

  static std::string field(const pugi::xml_node& n, const char* attr) { return std::string(n.name()) + "@" + attr; }

  /// Attributes not in `allowed` are typos: refusing them beats silently ignoring a setting.
  void only(const pugi::xml_node& n, std::initializer_list<const char*> allowed) const {
    for (const auto a : n.attributes()) {
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* x) { return std::string_view(x) == a.name(); })) {
        std::string list;
        for (const char* x : allowed) list += std::string(list.empty() ? "" : ", ") + x;
        fail(n, field(n, a.name()), "unknown attribute (known: " + list + ")");
      }
    }
  }

  std::optional<std::string> text(const pugi::xml_node& n, const char* attr, bool required) const {
    const auto a = n.attribute(attr);
    if (!a) {
      if (required) fail(n, field(n, attr), "missing");
      return std::nullopt;
    }
    return std::string(a.value());
  }

  std::uint64_t number(const pugi::xml_node& n, const char* attr, std::uint64_t max, std::optional<std::uint64_t> fallback) const {
    const auto v = text(n, attr, !fallback.has_value());
    if (!v) return *fallback;
    std::string_view digits = *v;
    int base = 10;
    if (digits.starts_with("0x") || digits.starts_with("0X")) {
      base = 16;
      digits.remove_prefix(2);
    }
    std::uint64_t out = 0;
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out, base);
    if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size())
      fail(n, field(n, attr), "'" + *v + "' is not a number");
    if (out > max) fail(n, field(n, attr), *v + " is above the maximum " + std::to_string(max));
    return out;
  }

  bool flag(const pugi::xml_node& n, const char* attr) const {
    const auto v = text(n, attr, false);
    if (!v || *v == "false" || *v == "no" || *v == "0") return false;
    if (*v == "true" || *v == "yes" || *v == "1") return true;
    fail(n, field(n, attr), "'" + *v + "' is not true or false");
  }

  std::string digits(const pugi::xml_node& n, const char* attr, std::size_t min, std::size_t max) const {
    const std::string v = *text(n, attr, true);
    if (v.size() < min || v.size() > max || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(n, field(n, attr), "'" + v + "' must be " + std::to_string(min) + ".." + std::to_string(max) + " decimal digits");
    return v;
  }

  /// Hex of exactly N octets. The value itself never appears in the error: it may be a key.
  template <std::size_t N>
  std::optional<std::array<std::uint8_t, N>> hex(const pugi::xml_node& n, const char* attr, bool required) const {
    const auto v = text(n, attr, required);
    if (!v) return std::nullopt;
    Bytes b;
    try {
      b = from_hex(*v);
    } catch (const std::exception&) {
      fail(n, field(n, attr), "not hexadecimal");
    }
    if (b.size() != N) fail(n, field(n, attr), "must be " + std::to_string(N) + " octets (" + std::to_string(2 * N) + " hex digits), has " + std::to_string(b.size()));
    std::array<std::uint8_t, N> out{};
    std::copy(b.begin(), b.end(), out.begin());
    return out;
  }

  std::string address(const pugi::xml_node& n, const char* attr) const {
    const std::string v = *text(n, attr, true);
    const bool v4 = std::count(v.begin(), v.end(), '.') == 3 &&
                    std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    const bool v6 = v.find(':') != std::string::npos &&
                    std::all_of(v.begin(), v.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; });
    if (!v4 && !v6) fail(n, field(n, attr), "'" + v + "' is not a numeric IPv4 or IPv6 address");
    return v;
  }

  Endpoint endpoint(const pugi::xml_node& n) const {
    only(n, {"address", "port"});
    return {address(n, "address"), static_cast<std::uint16_t>(number(n, "port", 65535, std::nullopt))};
  }

  std::chrono::milliseconds ms(const pugi::xml_node& n, const char* attr, std::chrono::milliseconds fallback) const {
    const auto v = number(n, attr, 600000, static_cast<std::uint64_t>(fallback.count()));
    if (v == 0) fail(n, field(n, attr), "must be above 0");
    return std::chrono::milliseconds(v);
  }

 private:
  std::string file_;
  const std::string& text_;
};

/// <sut><enb listen-address=.. listen-port=.. backend=.. udp-port=../></sut>: the SUT is an eNB
/// and the runner plays its MME.
void read_enb_sut(const Reader& r, const pugi::xml_node& sut, const pugi::xml_node& enb, SutProfile& p) {
  for (const auto child : sut.children())
    if (child.type() == pugi::node_element && std::string_view(child.name()) != "enb")
      r.fail(child, std::string("sut/") + child.name(), "an eNB SUT has only <enb .../> (the runner is its MME)");
  r.only(enb, {"listen-address", "listen-port", "backend", "udp-port"});
  p.kind = SutKind::enb;
  p.enb.listen.address = r.address(enb, "listen-address");
  p.enb.listen.port = static_cast<std::uint16_t>(r.number(enb, "listen-port", 65535, 36412));
  p.enb.sctp_backend = r.text(enb, "backend", false).value_or("automatic");
  static const char* kBackends[] = {"automatic", "kernel", "userspace_udp", "userspace_raw"};
  if (std::none_of(std::begin(kBackends), std::end(kBackends), [&](const char* b) { return p.enb.sctp_backend == b; }))
    r.fail(enb, "enb@backend", "'" + p.enb.sctp_backend + "' is not one of automatic, kernel, userspace_udp, userspace_raw");
  p.enb.udp_encapsulation_port = static_cast<std::uint16_t>(r.number(enb, "udp-port", 65535, 0));
}

void read_sut(const Reader& r, const pugi::xml_node& sut, SutProfile& p) {
  r.only(sut, {});
  if (const auto enb = sut.child("enb")) return read_enb_sut(r, sut, enb, p);
  const auto s1 = sut.child("s1");
  if (!s1) r.fail(sut, "sut/s1", "missing: <s1 address=... port=.../> (an MME) or <enb listen-address=.../> (an eNB)");
  r.only(s1, {"address", "port", "backend", "udp-port"});
  p.s1.address = r.address(s1, "address");
  p.s1.port = static_cast<std::uint16_t>(r.number(s1, "port", 65535, 36412));
  p.s1.sctp_backend = r.text(s1, "backend", false).value_or("automatic");
  static const char* kBackends[] = {"automatic", "kernel", "userspace_udp", "userspace_raw"};
  if (std::none_of(std::begin(kBackends), std::end(kBackends), [&](const char* b) { return p.s1.sctp_backend == b; }))
    r.fail(s1, "s1@backend", "'" + p.s1.sctp_backend + "' is not one of automatic, kernel, userspace_udp, userspace_raw");
  p.s1.udp_encapsulation_port = static_cast<std::uint16_t>(r.number(s1, "udp-port", 65535, 9899));
  for (const auto child : sut.children()) {
    const std::string name = child.name();
    if (name == "s1") continue;
    if (name == "s10") p.s10 = r.endpoint(child);
    else if (name == "s3") p.s3 = r.endpoint(child);
    else if (name == "s11") p.s11 = r.endpoint(child);
    else if (name == "s6a") p.s6a = r.endpoint(child);
    else if (child.type() == pugi::node_element) r.fail(child, "sut/" + name, "unknown interface (known: s1, s10, s3, s11, s6a)");
  }
}

std::vector<std::uint16_t> tac_list(const Reader& r, const pugi::xml_node& n, const char* attr) {
  std::vector<std::uint16_t> out;
  for (const auto& t : split_list(r.text(n, attr, true).value())) {
    std::uint32_t v = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size() || v > 0xFFFF)
      r.fail(n, Reader::field(n, attr), "'" + t + "' is not a TAC (0..65535)");
    out.push_back(static_cast<std::uint16_t>(v));
  }
  if (out.empty()) r.fail(n, Reader::field(n, attr), "empty list");
  return out;
}

/// <runner address=...> with the nodes the runner plays on GTPv2-C: <peer-mme port tacs/> (S10)
/// and <sgsn port lac rac/> (S3), both on the runner's address; and the optional <hss .../> /
/// <sgw .../> (the runner's side of S6a and S11): only their presence is checked here,
/// `resolve_core_roles` fills in their settings once the whole file (SUT interfaces, PLMN) is known.
void read_runner(const Reader& r, const pugi::xml_node& runner, SutProfile& p) {
  r.only(runner, {"address"});
  p.runner_address = r.address(runner, "address");
  std::set<std::string> seen;
  for (const auto child : runner.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string name = child.name();
    if (name == "hss" || name == "sgw") {
      if (!seen.insert(name).second) r.fail(child, "runner/" + name, "appears twice");
    } else if (name == "peer-mme") {
      if (p.peer_mme) r.fail(child, "runner/peer-mme", "appears twice");
      r.only(child, {"port", "tacs"});
      RunnerPeerMme m;
      m.port = static_cast<std::uint16_t>(r.number(child, "port", 65535, 2123));
      m.tacs = tac_list(r, child, "tacs");
      p.peer_mme = m;
    } else if (name == "sgsn") {
      if (p.sgsn) r.fail(child, "runner/sgsn", "appears twice");
      r.only(child, {"port", "lac", "rac"});
      RunnerSgsn s;
      s.port = static_cast<std::uint16_t>(r.number(child, "port", 65535, 2123));
      s.lac = static_cast<std::uint16_t>(r.number(child, "lac", 0xFFFF, std::nullopt));
      s.rac = static_cast<std::uint8_t>(r.number(child, "rac", 0xFF, std::nullopt));
      p.sgsn = s;
    } else {
      r.fail(child, "runner/" + name, "unknown element (known: peer-mme, sgsn, hss, sgw)");
    }
  }
  if (p.peer_mme && p.sgsn && p.peer_mme->port == p.sgsn->port && p.peer_mme->port != 0)
    r.fail(runner, "runner/sgsn@port", "the peer MME and the SGSN cannot share port " + std::to_string(p.sgsn->port) + " on one address");
}

void read_subscriber(const Reader& r, const pugi::xml_node& s, SutProfile& p) {
  r.only(s, {"imsi", "k", "opc", "op", "amf", "sqn"});
  Subscriber sub;
  sub.line = r.line(s);
  sub.imsi = r.digits(s, "imsi", 6, 15);
  sub.k = security::Key128(*r.hex<16>(s, "k", true));
  if (auto opc = r.hex<16>(s, "opc", false)) sub.opc = security::Key128(*opc);
  if (auto op = r.hex<16>(s, "op", false)) sub.op = security::Key128(*op);
  if (sub.opc.has_value() == sub.op.has_value()) r.fail(s, "subscriber@opc", "give exactly one of opc and op");
  if (auto amf = r.hex<2>(s, "amf", false)) sub.amf = *amf;
  sub.sqn = r.number(s, "sqn", (std::uint64_t{1} << 48) - 1, 0);
  for (const auto& other : p.subscribers)
    if (other.imsi == sub.imsi) r.fail(s, "subscriber@imsi", sub.imsi + " appears twice (first on line " + std::to_string(other.line) + ")");
  p.subscribers.push_back(std::move(sub));
}

/// RFC 6733 4.3 DiameterIdentity: an FQDN, dot-separated labels of letters, digits and hyphens.
bool is_fqdn(const std::string& v) {
  if (v.empty() || v.size() > 255 || v.front() == '.' || v.back() == '.' || v.find("..") != std::string::npos) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; });
}

bool is_ipv4(const std::string& v) { return std::count(v.begin(), v.end(), '.') == 3 && v.find(':') == std::string::npos; }

/// The emulated HSS / SGW-C exist because the SUT has S6a / S11; a `<runner><hss>` without the
/// SUT's `<s6a>` would be a setting that does nothing, so it is refused.
void resolve_core_roles(const Reader& r, const pugi::xml_node& root, SutProfile& p) {
  const auto runner = root.child("runner");
  const auto hss = runner.child("hss");
  const auto sgw = runner.child("sgw");
  if (hss && !p.s6a) r.fail(hss, "runner/hss", "the SUT declares no <s6a> under <sut>, so no HSS is started: declare it or remove this element");
  if (sgw && !p.s11) r.fail(sgw, "runner/sgw", "the SUT declares no <s11> under <sut>, so no SGW-C is started: declare it or remove this element");
  if (p.s6a) {
    RunnerHss h;
    h.listen = {p.runner_address, 3868};
    h.diameter_realm = "epc.mnc" + std::string(p.mnc.size() == 2 ? "0" : "") + p.mnc + ".mcc" + p.mcc + ".3gppnetwork.org";
    if (hss) {
      r.only(hss, {"address", "port", "diameter-host", "diameter-realm", "peer-wait-ms"});
      h.peer_wait = std::chrono::milliseconds(r.number(hss, "peer-wait-ms", 600000, static_cast<std::uint64_t>(h.peer_wait.count())));
      if (hss.attribute("address")) h.listen.address = r.address(hss, "address");
      h.listen.port = static_cast<std::uint16_t>(r.number(hss, "port", 65535, 3868));
      if (auto realm = r.text(hss, "diameter-realm", false)) {
        if (!is_fqdn(*realm)) r.fail(hss, "hss@diameter-realm", "'" + *realm + "' is not a Diameter realm (dot-separated letters, digits, hyphens)");
        h.diameter_realm = *realm;
      }
      if (auto host = r.text(hss, "diameter-host", false)) {
        if (!is_fqdn(*host)) r.fail(hss, "hss@diameter-host", "'" + *host + "' is not a Diameter identity (an FQDN)");
        h.diameter_host = *host;
      }
    }
    if (h.diameter_host.empty()) h.diameter_host = "hss." + h.diameter_realm;
    p.hss = h;
  }
  if (p.s11) {
    RunnerSgw g;
    g.listen = {p.runner_address, 2123};
    if (sgw) {
      r.only(sgw, {"address", "port", "reply-to-sut-port"});
      g.reply_to_sut_port = r.flag(sgw, "reply-to-sut-port");
      if (sgw.attribute("address")) g.listen.address = r.address(sgw, "address");
      g.listen.port = static_cast<std::uint16_t>(r.number(sgw, "port", 65535, 2123));
    }
    if (!is_ipv4(g.listen.address)) {
      const bool own = sgw && sgw.attribute("address");
      r.fail(own ? sgw : (runner ? runner : root), own ? "sgw@address" : "runner@address",
             "the emulated SGW-C needs an IPv4 address (its S11 and S1-U F-TEIDs are IPv4), not '" + g.listen.address + "'");
    }
    p.sgw = g;
  }
}

}  // namespace

SutProfile parse_profile(const std::string& text, const std::string& name) {
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) throw ProfileError(name, line_of(text, parsed.offset), "xml", parsed.description());
  const Reader r(name, text);
  const auto root = doc.document_element();
  if (std::string_view(root.name()) != "sut-profile") r.fail(root, root.name(), "the root element must be <sut-profile>");
  r.only(root, {"name"});

  SutProfile p;
  p.source_file = name;
  p.name = r.text(root, "name", false).value_or(name);
  std::set<std::string> seen;
  for (const auto child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string tag = child.name();
    if (tag != "subscriber" && !seen.insert(tag).second) r.fail(child, tag, "appears twice");
    if (tag == "sut") {
      read_sut(r, child, p);
    } else if (tag == "runner") {
      read_runner(r, child, p);
    } else if (tag == "ran") {
      r.only(child, {"mcc", "mnc", "tacs", "first-enb-id"});
      p.mcc = r.digits(child, "mcc", 3, 3);
      p.mnc = r.digits(child, "mnc", 2, 3);
      for (const auto& t : split_list(r.text(child, "tacs", true).value())) {
        std::uint32_t v = 0;
        const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || ptr != t.data() + t.size() || v > 0xFFFF) r.fail(child, "ran@tacs", "'" + t + "' is not a TAC (0..65535)");
        p.tacs.push_back(static_cast<std::uint16_t>(v));
      }
      // Macro eNB ids are 20 bits (TS 36.413 9.2.1.37); the runner takes up to 65536 above the first.
      p.first_enb_id = static_cast<std::uint32_t>(r.number(child, "first-enb-id", 0xFFFFF - 0xFFFF, 1));
    } else if (tag == "subscriber") {
      read_subscriber(r, child, p);
    } else if (tag == "algorithms") {
      r.only(child, {"integrity", "ciphering"});
      p.integrity = split_list(r.text(child, "integrity", true).value());
      p.ciphering = split_list(r.text(child, "ciphering", true).value());
      for (const auto& a : p.integrity)
        if (a != "eia1" && a != "eia2" && a != "eia3") r.fail(child, "algorithms@integrity", "'" + a + "' is not eia1, eia2 or eia3");
      for (const auto& a : p.ciphering)
        if (a != "eea0" && a != "eea1" && a != "eea2" && a != "eea3") r.fail(child, "algorithms@ciphering", "'" + a + "' is not eea0..eea3");
      if (p.integrity.empty()) r.fail(child, "algorithms@integrity", "empty list");
      if (p.ciphering.empty()) r.fail(child, "algorithms@ciphering", "empty list");
    } else if (tag == "capabilities") {
      r.only(child, {"s1-handover", "x2", "s10", "s3", "key-change-on-the-fly"});
      p.capabilities = {r.flag(child, "s1-handover"), r.flag(child, "x2"), r.flag(child, "s10"), r.flag(child, "s3"),
                        r.flag(child, "key-change-on-the-fly")};
    } else if (tag == "reauth-trigger") {
      r.only(child, {"kind", "path"});
      const std::string kind = r.text(child, "kind", true).value();
      if (kind == "none") {
        p.reauth.kind = ReauthTrigger::Kind::none;
      } else if (kind == "control-socket") {
        p.reauth.kind = ReauthTrigger::Kind::control_socket;
        p.reauth.path = r.text(child, "path", false).value_or("");
      } else if (kind == "tau-failing-integrity") {
        p.reauth.kind = ReauthTrigger::Kind::tau_failing_integrity;
      } else {
        r.fail(child, "reauth-trigger@kind", "'" + kind + "' is not none, control-socket or tau-failing-integrity");
      }
    } else if (tag == "enb-trigger") {
      r.only(child, {"kind", "path"});
      const std::string kind = r.text(child, "kind", true).value();
      if (kind == "none") {
        p.enb_trigger.kind = EnbTrigger::Kind::none;
      } else if (kind == "control-socket") {
        p.enb_trigger.kind = EnbTrigger::Kind::control_socket;
        p.enb_trigger.path = r.text(child, "path", false).value_or("");
      } else {
        r.fail(child, "enb-trigger@kind", "'" + kind + "' is not none or control-socket");
      }
    } else if (tag == "timers") {
      r.only(child, {"guard-ms", "quiet-ms", "sut-t3460-ms", "sut-rule-wait-ms", "sut-s1ap-guard-ms"});
      p.timers.guard = r.ms(child, "guard-ms", p.timers.guard);
      p.timers.quiet = r.ms(child, "quiet-ms", p.timers.quiet);
      p.timers.sut_t3460 = r.ms(child, "sut-t3460-ms", p.timers.sut_t3460);
      p.timers.sut_rule_wait = r.ms(child, "sut-rule-wait-ms", p.timers.sut_rule_wait);
      p.timers.sut_s1ap_guard = r.ms(child, "sut-s1ap-guard-ms", p.timers.sut_s1ap_guard);
    } else {
      r.fail(child, tag, "unknown element (known: sut, runner, ran, subscriber, algorithms, capabilities, reauth-trigger, enb-trigger, timers)");
    }
  }
  if (!seen.count("sut")) r.fail(root, "sut", "missing: <sut><s1 address=... port=.../></sut>");
  if (!seen.count("ran")) r.fail(root, "ran", "missing: <ran mcc=... mnc=... tacs=.../>");
  if (p.subscribers.empty()) r.fail(root, "subscriber", "at least one <subscriber imsi=... k=... opc=.../> is needed");
  // S10/S3 test cases need both ends: where the SUT listens and which node the runner plays.
  const auto where = [&](const char* tag) {
    const auto n = root.child(tag);
    return n ? n : root;
  };
  if (p.capabilities.s10 && !p.s10) r.fail(where("capabilities"), "capabilities@s10", "true, but <sut> has no <s10 address=... port=.../>");
  if (p.capabilities.s10 && !p.peer_mme)
    r.fail(where("capabilities"), "capabilities@s10", "true, but <runner> has no <peer-mme tacs=.../> for the runner to play");
  if (p.capabilities.s3 && !p.s3) r.fail(where("capabilities"), "capabilities@s3", "true, but <sut> has no <s3 address=... port=.../>");
  if (p.capabilities.s3 && !p.sgsn)
    r.fail(where("capabilities"), "capabilities@s3", "true, but <runner> has no <sgsn lac=... rac=.../> for the runner to play");
  if (p.peer_mme)
    for (auto tac : p.peer_mme->tacs)
      if (std::find(p.tacs.begin(), p.tacs.end(), tac) != p.tacs.end())
        r.fail(where("runner").child("peer-mme"), "peer-mme@tacs", "TAC " + std::to_string(tac) + " is also one of the SUT's own (ran@tacs)");
  resolve_core_roles(r, root, p);
  // The SGW-C, the peer MME and the SGSN are all GTPv2-C over UDP: on one address they need
  // distinct fixed ports (all default to 2123).
  if (p.sgw && p.sgw->listen.port != 0 && p.sgw->listen.address == p.runner_address)
    for (const auto& [role, port] : {std::pair<const char*, std::optional<std::uint16_t>>{"peer-mme", p.peer_mme ? std::optional(p.peer_mme->port) : std::nullopt},
                                     {"sgsn", p.sgsn ? std::optional(p.sgsn->port) : std::nullopt}})
      if (port && *port == p.sgw->listen.port)
        r.fail(root.child("runner").child("sgw") ? root.child("runner").child("sgw") : root.child("runner"), "runner/sgw@port",
               "the SGW-C and the " + std::string(name) + " cannot share port " + std::to_string(*port) + " on " + p.runner_address);
  if (p.kind == SutKind::enb && seen.count("reauth-trigger"))
    r.fail(root.child("reauth-trigger"), "reauth-trigger", "an eNB SUT does not re-authenticate; its PIXIT is <enb-trigger .../>");
  if (p.kind == SutKind::mme && seen.count("enb-trigger"))
    r.fail(root.child("enb-trigger"), "enb-trigger", "only for an eNB SUT (<sut><enb .../></sut>)");
  if (p.integrity.empty()) {
    p.integrity = {"eia2", "eia1"};
    p.ciphering = {"eea2", "eea0"};
  }
  return p;
}

SutProfile load_profile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ProfileError(path, 0, "file", std::string("cannot be opened: ") + std::strerror(errno));
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_profile(ss.str(), path);
}

}  // namespace concur::profile
