#include "report/junit.h"

#include <pugixml.hpp>

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace concur::report {
namespace {

/// The first finding with the UE's verdict: it says why.
const monitor::Finding* why(const monitor::UeRuleVerdict& u) {
  for (const monitor::Finding& f : u.findings) {
    if (f.verdict == u.verdict) return &f;
  }
  return nullptr;
}

std::string all_findings(const monitor::UeRuleVerdict& u) {
  std::string text;
  for (const monitor::Finding& f : u.findings) {
    if (f.verdict != u.verdict) continue;
    if (!text.empty()) text += "\n";
    text += finding_text(f);
  }
  return text;
}

void add_testcase(pugi::xml_node suite, const std::string& classname, const monitor::UeRuleVerdict& u,
                  std::size_t counts[4]) {
  pugi::xml_node tc = suite.append_child("testcase");
  tc.append_attribute("name") = u.ue.c_str();
  tc.append_attribute("classname") = classname.c_str();
  tc.append_attribute("time") = "0";
  const monitor::Finding* f = why(u);
  const std::string reason = f ? f->reason + (f->without_keys ? " [without keys]" : "") : std::string();
  switch (u.verdict) {
    case monitor::Verdict::pass: break;
    case monitor::Verdict::fail: {
      pugi::xml_node n = tc.append_child("failure");
      n.append_attribute("message") = reason.c_str();
      n.append_attribute("type") = "fail";
      n.text() = all_findings(u).c_str();
      ++counts[1];
      break;
    }
    case monitor::Verdict::error: {
      pugi::xml_node n = tc.append_child("error");
      n.append_attribute("message") = reason.c_str();
      n.append_attribute("type") = "error";
      n.text() = all_findings(u).c_str();
      ++counts[2];
      break;
    }
    case monitor::Verdict::inconc:
    case monitor::Verdict::none: {
      pugi::xml_node n = tc.append_child("skipped");
      const std::string message = std::string(monitor::to_string(u.verdict)) + ": " + reason;
      n.append_attribute("message") = message.c_str();
      ++counts[3];
      break;
    }
  }
  ++counts[0];
}

void set_counts(pugi::xml_node n, const std::size_t counts[4], double seconds) {
  n.append_attribute("tests") = static_cast<unsigned long long>(counts[0]);
  n.append_attribute("failures") = static_cast<unsigned long long>(counts[1]);
  n.append_attribute("errors") = static_cast<unsigned long long>(counts[2]);
  n.append_attribute("skipped") = static_cast<unsigned long long>(counts[3]);
  // Plain decimal seconds: pugixml writes a double with %.17g, so a short replay could read
  // "1e-05", which the JUnit schema (xs:decimal) and CI servers' parsers reject.
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds < 0 ? 0.0 : seconds);
  n.append_attribute("time") = text;
}

}  // namespace

std::string finding_text(const monitor::Finding& f) {
  std::ostringstream o;
  o << monitor::rule_name(f.rule) << " " << monitor::to_string(f.verdict) << ": " << f.reason
    << (f.without_keys ? " [without keys]" : "") << "\n";
  if (!f.expected.empty()) o << "expected: " << f.expected << "\n";
  if (!f.seen.empty()) o << "seen: " << f.seen << "\n";
  for (const monitor::EventRef& e : f.events) o << "  " << e.what << "\n";
  return o.str();
}

std::string junit_xml(const std::vector<monitor::RuleSummary>& rules, const JunitRun& run) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node suites = doc.append_child("testsuites");
  suites.append_attribute("name") = run.name.c_str();
  std::size_t total[4] = {0, 0, 0, 0};  // tests, failures, errors, skipped
  for (const monitor::RuleSummary& s : rules) {
    pugi::xml_node suite = suites.append_child("testsuite");
    const std::string name = monitor::rule_name(s.rule);
    suite.append_attribute("name") = (name + " TS 33.401 7.2.10").c_str();
    pugi::xml_node property = suite.append_child("properties").append_child("property");
    property.append_attribute("name") = "rule";
    property.append_attribute("value") = std::string(monitor::rule_text(s.rule)).c_str();
    std::size_t counts[4] = {0, 0, 0, 0};
    for (const monitor::UeRuleVerdict& u : s.per_ue) add_testcase(suite, run.name + "." + name, u, counts);
    set_counts(suite, counts, 0);  // pugixml writes attributes in the start tag whenever they are added
    for (int i = 0; i < 4; ++i) total[i] += counts[i];
  }
  set_counts(suites, total, run.seconds);
  std::ostringstream out;
  doc.save(out, "  ");
  return out.str();
}

void write_junit(const std::string& path, const std::vector<monitor::RuleSummary>& rules, const JunitRun& run) {
  const std::string xml = junit_xml(rules, run);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) throw std::runtime_error(path + ": cannot write the JUnit report");
  const bool ok = std::fwrite(xml.data(), 1, xml.size(), f) == xml.size();
  if (std::fclose(f) != 0 || !ok) throw std::runtime_error(path + ": writing the JUnit report failed");
}

}  // namespace concur::report
