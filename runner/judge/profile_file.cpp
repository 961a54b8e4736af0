#include "judge/profile_file.h"

#include <pugixml.hpp>

#include <fstream>
#include <sstream>

namespace concur::judge {
namespace {

struct Context {
  const std::string& name;
  [[noreturn]] void fail(const pugi::xml_node& n, const std::string& what) const {
    throw ProfileError(name + ": offset " + std::to_string(n.offset_debug()) + ": <" + n.name() + ">: " + what);
  }
  std::string required(const pugi::xml_node& n, const char* attribute) const {
    const pugi::xml_attribute a = n.attribute(attribute);
    if (!a) fail(n, std::string("attribute '") + attribute + "' missing");
    return a.value();
  }
  bool flag(const pugi::xml_node& n, const char* attribute, bool fallback) const {
    const pugi::xml_attribute a = n.attribute(attribute);
    if (!a) return fallback;
    const std::string v = a.value();
    if (v == "true" || v == "yes" || v == "1") return true;
    if (v == "false" || v == "no" || v == "0") return false;
    fail(n, std::string("attribute '") + attribute + "': '" + v + "' is not true or false");
  }
  unsigned long number(const pugi::xml_node& n, const char* attribute, unsigned long max) const {
    const std::string v = required(n, attribute);
    std::size_t used = 0;
    unsigned long x = 0;
    try {
      x = std::stoul(v, &used, 0);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != v.size() || v.empty() || x > max) {
      fail(n, std::string("attribute '") + attribute + "': '" + v + "' is not a number 0.." + std::to_string(max));
    }
    return x;
  }
};

}  // namespace

void parse_replay_profile(const std::string& text, const std::string& name, JudgeOptions& options) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    throw ProfileError(name + ": offset " + std::to_string(parsed.offset) + ": " + parsed.description());
  }
  const Context c{name};
  const pugi::xml_node root = doc.child("replay-profile");
  if (!root) throw ProfileError(name + ": offset 0: the root element must be <replay-profile>");
  for (const pugi::xml_node& n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    const std::string element = n.name();
    if (element == "sut") {
      const std::string role = c.required(n, "role");
      if (role == "mme") {
        options.sut.role = monitor::SutRole::mme;
      } else if (role == "enb") {
        options.sut.role = monitor::SutRole::enb;
      } else {
        c.fail(n, "attribute 'role': '" + role + "' is not mme or enb");
      }
      options.sut.node = n.attribute("node") ? n.attribute("node").value() : (role == "mme" ? "MME" : "eNB1");
      options.sut.s10 = c.flag(n, "s10", options.sut.s10);
      options.sut.inter_rat = c.flag(n, "inter-rat", options.sut.inter_rat);
    } else if (element == "served-tai") {
      const std::string plmn = c.required(n, "plmn");
      if ((plmn.size() != 5 && plmn.size() != 6) || plmn.find_first_not_of("0123456789") != std::string::npos) {
        c.fail(n, "attribute 'plmn': '" + plmn + "' is not MCC+MNC (5 or 6 digits)");
      }
      options.sut.served_tais.push_back(
          monitor::TrackingAreaId{plmn, static_cast<std::uint16_t>(c.number(n, "tac", 0xffff))});
    } else if (element == "node") {
      NodeLabel label;
      const std::string address = c.required(n, "address");
      try {
        label.address = capture::TransportAddress::from_text(address, 0).address;
      } catch (const std::invalid_argument&) {
        c.fail(n, "attribute 'address': '" + address + "' is not an IPv4 or IPv6 address");
      }
      if (n.attribute("port")) label.port = static_cast<std::uint16_t>(c.number(n, "port", 0xffff));
      label.label = c.required(n, "label");
      if (label.label.empty()) c.fail(n, "attribute 'label' is empty");
      options.nodes.push_back(std::move(label));
    } else if (element == "gtpv2c") {
      options.gtpv2c_ports.push_back(static_cast<std::uint16_t>(c.number(n, "port", 0xffff)));
    } else {
      c.fail(n, "unknown element (expected sut, served-tai, node or gtpv2c)");
    }
  }
}

void read_replay_profile(const std::string& path, JudgeOptions& options) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ProfileError(path + ": cannot open the profile");
  std::ostringstream text;
  text << f.rdbuf();
  parse_replay_profile(text.str(), path, options);
}

}  // namespace concur::judge
