// Reading a test case file: the XML syntax from pugixml, then every element and attribute
// checked, so a typo in a test case is an error naming its file, line and field, not a test that
// silently checks less.
#include <cerrno>
#include <cstring>
#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "profile/sut_profile.h"
#include "scenario/enb_sut_steps.h"
#include "scenario/explorer.h"
#include "scenario/message_names.h"
#include "scenario/reader_hook.h"
#include "scenario/test_case.h"

namespace concur::scenario {
namespace {

std::size_t line_of(const std::string& text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto end = text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

/// The fields a matcher may name, per message (and "*": any message).
const std::map<std::string, std::set<std::string>>& known_fields() {
  static const std::map<std::string, std::set<std::string>> f{
      {"handoverrequest", {"ncc", "nh-from"}},
      {"pathswitchrequestacknowledge", {"ncc", "nh-from"}},
      {"uecontextmodificationrequest", {"security-key"}},
      {"initialcontextsetuprequest", {"security-key", "kenb-from"}},
      {"securitymodecommand", {"eksi-changed"}},
      {"forwardrelocationrequest", {"mm-context", "osci", "old-context", "kasme-from", "ncc", "nh-from", "target"}},
      {"forwardrelocationcompleteacknowledge", {"cause"}},
      {"forwardrelocationresponse", {"cause"}},
  };
  return f;
}

class Reader {
 public:
  Reader(std::string file, const std::string& text) : file_(std::move(file)), text_(text) {}

  std::size_t line(const pugi::xml_node& n) const { return line_of(text_, n.offset_debug()); }

  [[noreturn]] void fail(const pugi::xml_node& n, const std::string& field, const std::string& reason) const {
    throw ScenarioError(file_, line(n), field, reason);
  }

  void only(const pugi::xml_node& n, std::initializer_list<const char*> allowed) const {
    for (const auto a : n.attributes())
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* x) { return std::string_view(x) == a.name(); }))
        fail(n, std::string(n.name()) + "@" + a.name(), "unknown attribute");
  }

  std::string text(const pugi::xml_node& n, const char* attr) const {
    const auto a = n.attribute(attr);
    if (!a || std::string_view(a.value()).empty()) fail(n, std::string(n.name()) + "@" + attr, "missing");
    return a.value();
  }

  std::optional<std::chrono::milliseconds> ms(const pugi::xml_node& n, const char* attr) const {
    const auto a = n.attribute(attr);
    if (!a) return std::nullopt;
    const std::string_view v = a.value();
    unsigned long out = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc() || p != v.data() + v.size() || out == 0 || out > 600000)
      fail(n, std::string(n.name()) + "@" + attr, "'" + std::string(v) + "' is not a time in ms (1..600000)");
    return std::chrono::milliseconds(out);
  }

  const RoleDecl& role(const TestCase& tc, const pugi::xml_node& n, const char* attr, std::optional<bool> is_ue) const {
    const std::string name = text(n, attr);
    const RoleDecl* r = tc.role(name);
    if (!r) fail(n, std::string(n.name()) + "@" + attr, "no role '" + name + "' in <roles>");
    if (is_ue && (r->is_ue != *is_ue || (!*is_ue && !r->gtp.empty())))
      fail(n, std::string(n.name()) + "@" + attr, "'" + name + "' must be " + (*is_ue ? "a <ue>" : "an <enb>"));
    return *r;
  }

  /// An eNB or a GTPv2-C role (<peer-mme>, <sgsn>).
  const RoleDecl& node(const TestCase& tc, const pugi::xml_node& n, const char* attr) const {
    const std::string name = text(n, attr);
    const RoleDecl* r = tc.role(name);
    if (!r) fail(n, std::string(n.name()) + "@" + attr, "no role '" + name + "' in <roles>");
    if (r->is_ue) fail(n, std::string(n.name()) + "@" + attr, "'" + name + "' must be an <enb>, <peer-mme> or <sgsn>");
    return *r;
  }

  MessagePattern pattern(const pugi::xml_node& n) const {
    MessagePattern p;
    p.name = text(n, "message");
    if (!known_message(p.name)) fail(n, std::string(n.name()) + "@message", "unknown message '" + p.name + "'");
    for (const auto f : n.children()) {
      if (f.type() != pugi::node_element) continue;
      if (std::string_view(f.name()) != "field") fail(f, f.name(), "only <field name=... value=.../> may appear here");
      only(f, {"name", "value"});
      FieldMatcher m{text(f, "name"), text(f, "value")};
      const auto it = known_fields().find(normalized(p.name));
      if (it == known_fields().end() || !it->second.count(m.name))
        fail(f, "field@name", "'" + m.name + "' is not a field the engine can match on " + p.name);
      p.fields.push_back(std::move(m));
    }
    return p;
  }

  Step step(const TestCase& tc, const pugi::xml_node& n) const {
    Step s;
    s.line = line(n);
    const std::string tag = n.name();
    if (tag == "s1-setup") {
      only(n, {"enb", "timeout-ms"});
      s.kind = StepKind::s1_setup;
      s.role = role(tc, n, "enb", false).name;  // an eNB only: role() refuses a <peer-mme> or <sgsn> here
      s.timeout = ms(n, "timeout-ms");
    } else if (tag == "attach" || tag == "detach") {
      only(n, {"ue", "timeout-ms"});
      s.kind = tag == "attach" ? StepKind::attach : StepKind::detach;
      s.role = role(tc, n, "ue", true).name;
      s.timeout = ms(n, "timeout-ms");
    } else if (tag == "send") {
      only(n, {"from", "message", "ue", "target", "rat"});
      s.kind = StepKind::send;
      const RoleDecl& from = node(tc, n, "from");
      s.role = from.name;
      s.ue = role(tc, n, "ue", true).name;
      s.pattern.name = text(n, "message");
      if (tc.role(s.role)->is_mme) {
        if (!enb_sut_sendable(s.pattern.name))
          fail(n, "send@message", "'" + s.pattern.name + "' cannot be sent by the MME (" + enb_sut_sendable_list() + ")");
        return s;
      }
      static const char* kSendable[] = {"HandoverRequired", "HandoverNotify", "HandoverCancel", "PathSwitchRequest",
                                        "UEContextReleaseRequest", "ServiceRequest"};
      if (!from.gtp.empty()) {
        if (same_name(s.pattern.name, "ForwardRelocationRequest") && from.gtp == "peer-mme") {
          s.target = role(tc, n, "target", false).name;  // the SUT's eNB the UE is relocated to
        } else if (!same_name(s.pattern.name, "ForwardRelocationCompleteNotification")) {
          fail(n, "send@message", "a <" + from.gtp + "> sends ForwardRelocationCompleteNotification" +
                                      (from.gtp == "peer-mme" ? " or ForwardRelocationRequest" : "") + ", not '" + s.pattern.name + "'");
        }
      } else if (std::none_of(std::begin(kSendable), std::end(kSendable), [&](const char* x) { return same_name(x, s.pattern.name); })) {
        fail(n, "send@message", "'" + s.pattern.name + "' cannot be sent (HandoverRequired, HandoverNotify, HandoverCancel, PathSwitchRequest, UEContextReleaseRequest, ServiceRequest)");
      }
      if (same_name(s.pattern.name, "HandoverRequired")) {
        const RoleDecl& target = node(tc, n, "target");
        s.target = target.name;
        if (target.gtp == "sgsn") {
          s.rat = text(n, "rat");
          if (s.rat != "utran" && s.rat != "geran") fail(n, "send@rat", "'" + s.rat + "' is not utran or geran");
        } else if (n.attribute("rat")) {
          fail(n, "send@rat", "only a handover to an <sgsn> names the radio access technology");
        }
      }
    } else if (tag == "expect" || tag == "expect-none") {
      only(n, {"at", "message", "timeout-ms", "for-ms", "rule", "on-timeout", "on-arrival"});
      s.kind = tag == "expect" ? StepKind::expect : StepKind::expect_none;
      s.role = n.attribute("at") && std::string_view(n.attribute("at").value()) == "*" ? "*" : role(tc, n, "at", std::nullopt).name;
      s.pattern = pattern(n);
      s.timeout = ms(n, tag == "expect" ? "timeout-ms" : "for-ms");
      if (n.attribute("rule")) s.rule = n.attribute("rule").value();
      if (n.attribute("on-timeout")) {
        const std::string v = n.attribute("on-timeout").value();
        if (v != "fail" && v != "inconc") fail(n, tag + "@on-timeout", "'" + v + "' is not fail or inconc");
        s.inconc_on_timeout = v == "inconc";
      }
      if (n.attribute("on-arrival")) {
        const std::string v = n.attribute("on-arrival").value();
        if (tag != "expect-none") fail(n, tag + "@on-arrival", "only <expect-none> has on-arrival");
        if (v != "fail" && v != "inconc") fail(n, tag + "@on-arrival", "'" + v + "' is not fail or inconc");
        s.inconc_on_arrival = v == "inconc";
      }
    } else if (tag == "hold" || tag == "release") {
      only(n, {"at", "message"});
      s.kind = tag == "hold" ? StepKind::hold : StepKind::release;
      // at="*": whichever role would send it (the explorer's orderings move the UE between eNBs).
      s.role = std::string_view(n.attribute("at").value()) == "*" ? "*" : role(tc, n, "at", std::nullopt).name;
      s.pattern.name = text(n, "message");
      if (!known_message(s.pattern.name)) fail(n, tag + "@message", "unknown message '" + s.pattern.name + "'");
    } else if (tag == "answer") {
      only(n, {"at", "message", "with"});
      s.kind = StepKind::answer;
      s.role = role(tc, n, "at", std::nullopt).name;
      s.pattern.name = text(n, "message");
      s.with = text(n, "with");
      static const std::pair<const char*, const char*> kAnswers[] = {
          {"SecurityModeCommand", "SecurityModeReject"},
          {"UEContextModificationRequest", "UEContextModificationFailure"},
          {"InitialContextSetupRequest", "InitialContextSetupFailure"},
          {"HandoverRequest", "HandoverFailure"}};
      if (std::none_of(std::begin(kAnswers), std::end(kAnswers),
                       [&](const auto& a) { return same_name(a.first, s.pattern.name) && same_name(a.second, s.with); }))
        fail(n, "answer@with", "cannot answer " + s.pattern.name + " with " + s.with +
                                   " (SecurityModeCommand/SecurityModeReject, UEContextModificationRequest/UEContextModificationFailure, "
                                   "InitialContextSetupRequest/InitialContextSetupFailure, HandoverRequest/HandoverFailure)");
    } else if (tag == "trigger") {
      only(n, {"action", "ue"});
      s.kind = StepKind::trigger;
      s.action = text(n, "action");
      if (tc.sut_is_enb() ? !enb_sut_trigger(s.action) : s.action != "reauth")
        fail(n, "trigger@action", "'" + s.action + "' is not " + (tc.sut_is_enb() ? enb_sut_trigger_list() : std::string("reauth")));
      s.ue = role(tc, n, "ue", true).name;
    } else if (tag == "parallel") {
      fail(n, tag, "a <parallel> stands directly in the <steps> of an MME-SUT case, not in a <branch>, <preamble> or <postamble>");
    } else if (tag == "preamble" || tag == "steps" || tag == "postamble" || tag == "branch") {
      fail(n, tag, "<" + tag + "> cannot be nested in a step list");
    } else {
      fail(n, tag, "unknown step (s1-setup, attach, detach, send, expect, expect-none, hold, release, answer, trigger, parallel)");
    }
    if (tc.sut_is_enb() && !enb_sut_step(s.kind))
      fail(n, tag, "not a step of an eNB-SUT case (attach, detach, send, expect, expect-none, trigger)");
    return s;
  }

  /// <parallel><branch>steps</branch><branch>steps</branch>...</parallel>. A branch holds only
  /// steps that wait on arrivals or act at once, so the engine can interleave them: an attach,
  /// a detach or an S1 setup waits alone and belongs before or after the <parallel>.
  Step parallel(const TestCase& tc, const pugi::xml_node& n) const {
    only(n, {});
    Step s;
    s.kind = StepKind::parallel;
    s.line = line(n);
    for (const auto b : n.children()) {
      if (b.type() != pugi::node_element) continue;
      if (std::string_view(b.name()) != "branch") fail(b, b.name(), "only <branch> may appear in <parallel>");
      only(b, {});
      std::vector<Step> steps;
      for (const auto c : b.children()) {
        if (c.type() != pugi::node_element) continue;
        Step one = step(tc, c);
        if (one.kind == StepKind::attach || one.kind == StepKind::detach || one.kind == StepKind::s1_setup)
          fail(c, c.name(), "cannot run in a <branch>: it waits alone; put it before or after the <parallel>");
        steps.push_back(std::move(one));
      }
      if (steps.empty()) fail(b, "branch", "empty: a branch needs at least one step");
      s.branches.push_back(std::move(steps));
    }
    if (s.branches.size() < 2) fail(n, "parallel", "needs two or more <branch> children");
    return s;
  }

 private:
  std::string file_;
  const std::string& text_;
};

}  // namespace

TestCase parse_test_case(const std::string& text, const std::string& name) { return detail::parse_test_case_with(text, name, "testcase", {}); }

namespace detail {
TestCase parse_test_case_with(const std::string& text, const std::string& name, const char* root_name, const ExtraElement& extra) {
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) throw ScenarioError(name, line_of(text, parsed.offset), "xml", parsed.description());
  const Reader r(name, text);
  const auto root = doc.document_element();
  if (std::string_view(root.name()) != root_name) r.fail(root, root.name(), std::string("the root element must be <") + root_name + ">");
  r.only(root, {"id", "rules", "clause", "pics"});
  TestCase tc;
  tc.source_file = name;
  tc.id = r.text(root, "id");
  tc.rules = words(r.text(root, "rules"));
  for (const auto& rule : tc.rules)
    if (rule.size() != 2 || rule[0] != 'R' || rule[1] < '1' || rule[1] > '9') r.fail(root, "testcase@rules", "'" + rule + "' is not R1..R9");
  tc.clause = r.text(root, "clause");
  if (root.attribute("pics")) tc.pics = words(root.attribute("pics").value());
  for (const auto& p : tc.pics)
    if (std::find(profile::known_pics().begin(), profile::known_pics().end(), p) == profile::known_pics().end())
      r.fail(root, "testcase@pics", "unknown PICS '" + p + "'");

  const auto purpose = root.child("purpose");
  if (!purpose || std::string_view(purpose.text().get()).empty()) r.fail(root, "purpose", "missing: one sentence saying what the case proves");
  tc.purpose = purpose.text().get();

  const auto roles = root.child("roles");
  if (!roles) r.fail(root, "roles", "missing");
  for (const auto n : roles.children()) {
    if (n.type() != pugi::node_element) continue;
    const std::string tag = n.name();
    RoleDecl d;
    if (tag == "enb") {
      r.only(n, {"name"});
    } else if (tag == "mme") {
      r.only(n, {"name"});
      d.is_mme = true;
    } else if (tag == "ue" && roles.child("mme")) {
      r.only(n, {"name"});  // it arrives at the SUT eNB
      d.is_ue = true;
    } else if (tag == "ue") {
      r.only(n, {"name", "enb"});
      d.is_ue = true;
      d.enb = r.role(tc, n, "enb", false).name;
    } else if (tag == "peer-mme" || tag == "sgsn") {
      // Where it listens and what it serves (TAIs, routing area) come from the SUT profile.
      r.only(n, {"name"});
      d.gtp = tag;
      const char* pics = tag == "peer-mme" ? "s10" : "s3";
      if (std::find(tc.pics.begin(), tc.pics.end(), pics) == tc.pics.end())
        r.fail(n, tag, std::string("a <") + tag + "> needs PICS '" + pics + "' in testcase@pics");
    } else {
      r.fail(n, tag, "a role is <enb name=.../>, <ue name=... enb=.../>, <peer-mme name=.../>, <sgsn name=.../>, or for an eNB SUT <mme name=.../> and <ue name=.../>");
    }
    d.name = r.text(n, "name");
    if (tc.role(d.name) || d.name == "*") r.fail(n, tag + "@name", "'" + d.name + "' is declared twice or reserved");
    tc.roles.push_back(std::move(d));
  }
  if (tc.sut_is_enb()) {
    if (!tc.enb_names().empty()) r.fail(roles, "roles", "a case with an <mme> tests an eNB: it declares no <enb> of its own");
    if (std::count_if(tc.roles.begin(), tc.roles.end(), [](const RoleDecl& d) { return d.is_mme; }) > 1)
      r.fail(roles, "roles", "one <mme> at most: the SUT eNB has one S1 association");
  } else if (tc.enb_names().empty()) {
    r.fail(roles, "roles", "at least one <enb> (an MME SUT) or one <mme> (an eNB SUT) is needed");
  }

  std::set<std::string> seen;
  for (const auto n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    const std::string tag = n.name();
    if (tag == "purpose" || tag == "roles") continue;
    std::vector<Step>* list = tag == "preamble" ? &tc.preamble : tag == "steps" ? &tc.body : tag == "postamble" ? &tc.postamble : nullptr;
    if (!list && extra) {
      const StepReader read_step = [&](const pugi::xml_node& s) { return r.step(tc, s); };
      const FailAt fail = [&](const pugi::xml_node& at, const std::string& field, const std::string& why) { r.fail(at, field, why); };
      if (extra(n, tc, read_step, fail)) continue;
    }
    if (!list) r.fail(n, tag, "unknown element (purpose, roles, preamble, steps, postamble)");
    if (!seen.insert(tag).second) r.fail(n, tag, "appears twice");
    for (const auto s : n.children()) {
      if (s.type() != pugi::node_element) continue;
      // Branches are for the case's own steps: the preamble sets up, the postamble cleans up.
      const bool parallel = std::string_view(s.name()) == "parallel" && tag == "steps" && !tc.sut_is_enb();
      list->push_back(parallel ? r.parallel(tc, s) : r.step(tc, s));
    }
    if (tag == "postamble") tc.default_postamble = false;
  }
  if (tc.body.empty() && !extra) r.fail(root, "steps", "missing or empty");
  return tc;
}
}  // namespace detail

TestCase load_test_case(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ScenarioError(path, 0, "file", std::string("cannot be opened: ") + std::strerror(errno));
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_test_case(ss.str(), path);
}

std::vector<TestCase> load_test_cases(const std::string& dir) {
  std::vector<TestCase> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".xml") out.push_back(load_test_case(e.path().string()));
  if (ec) throw ScenarioError(dir, 0, "folder", ec.message());
  // The explorer's specifications (explorer.h) give one case per ordering of their events.
  for (auto& tc : load_explored_cases((std::filesystem::path(dir) / "explore").string())) out.push_back(std::move(tc));
  std::sort(out.begin(), out.end(), [](const TestCase& a, const TestCase& b) { return a.id < b.id; });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i].id == out[i - 1].id)
      throw ScenarioError(out[i].source_file, 1, "testcase@id", "'" + out[i].id + "' is also the id of " + out[i - 1].source_file);
  return out;
}

}  // namespace concur::scenario
