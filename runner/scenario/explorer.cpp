#include "scenario/explorer.h"

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scenario/reader_hook.h"

namespace concur::scenario {
namespace {

void merge(std::size_t m, std::size_t n, std::vector<int>& prefix, std::vector<std::vector<int>>& out) {
  if (m == 0 && n == 0) {
    out.push_back(prefix);
    return;
  }
  for (int which : {0, 1}) {
    std::size_t& left = which == 0 ? m : n;
    if (left == 0) continue;
    --left;
    prefix.push_back(which);
    merge(m, n, prefix, out);
    prefix.pop_back();
    ++left;
  }
}

bool is_event_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

}  // namespace

std::vector<std::vector<int>> interleavings(std::size_t m, std::size_t n) {
  std::vector<std::vector<int>> out;
  std::vector<int> prefix;
  merge(m, n, prefix, out);
  return out;
}

TestCase ordering_case(const ExploreSpec& spec, const std::vector<int>& ordering) {
  TestCase tc = spec.base;
  tc.body = spec.before;
  std::size_t next[2] = {0, 0};
  std::string names, listed;
  for (const int which : ordering) {
    const ExploreSequence& seq = which == 0 ? spec.first : spec.second;
    const ExploreEvent& event = seq.events.at(next[which]++);
    names += (names.empty() ? "" : ".") + event.name;
    listed += (listed.empty() ? "" : ", ") + event.name;
    for (Step s : event.steps) {
      // The event's waits are its preconditions: the SUT not getting there is not a fail of the
      // ordering, only a sign that the ordering cannot happen with this SUT.
      s.inconc_on_timeout = true;
      s.inconc_reason = "not reachable: " + event.name + ": ";
      // What an event's wait passes over may be what a later event waits for (the UCM that
      // arrived at the source eNB before its HANDOVER COMMAND).
      s.leave_passed_over = true;
      tc.body.push_back(std::move(s));
    }
  }
  tc.body.insert(tc.body.end(), spec.after.begin(), spec.after.end());
  tc.id = spec.base.id + "-" + names;
  tc.purpose = spec.base.purpose + " Ordering: " + listed + ".";
  return tc;
}

std::vector<TestCase> explore(const ExploreSpec& spec) {
  std::vector<TestCase> out;
  for (const auto& ordering : interleavings(spec.first.events.size(), spec.second.events.size()))
    out.push_back(ordering_case(spec, ordering));
  return out;
}

ExploreSpec parse_explore(const std::string& text, const std::string& name) {
  ExploreSpec spec;
  std::vector<ExploreSequence> sequences;
  std::set<std::string> event_names, seen;
  const detail::ExtraElement extra = [&](const pugi::xml_node& n, TestCase&, const detail::StepReader& read_step,
                                         const detail::FailAt& fail) {
    const std::string tag = n.name();
    if (tag != "before" && tag != "after" && tag != "sequence") return false;
    if (tag != "sequence" && !seen.insert(tag).second) fail(n, tag, "appears twice");
    if (n.first_attribute() && tag != "sequence") fail(n, tag + "@" + n.first_attribute().name(), "unknown attribute");
    if (tag != "sequence") {
      auto& list = tag == "before" ? spec.before : spec.after;
      for (const auto s : n.children())
        if (s.type() == pugi::node_element) list.push_back(read_step(s));
      return true;
    }
    for (const auto a : n.attributes())
      if (std::string_view(a.name()) != "name") fail(n, std::string("sequence@") + a.name(), "unknown attribute");
    ExploreSequence seq;
    seq.name = n.attribute("name").value();
    if (seq.name.empty()) fail(n, "sequence@name", "missing");
    for (const auto e : n.children()) {
      if (e.type() != pugi::node_element) continue;
      if (std::string_view(e.name()) != "event") fail(e, e.name(), "a <sequence> holds <event name=...> elements");
      for (const auto a : e.attributes())
        if (std::string_view(a.name()) != "name") fail(e, std::string("event@") + a.name(), "unknown attribute");
      ExploreEvent event;
      event.name = e.attribute("name").value();
      if (!is_event_name(event.name)) fail(e, "event@name", "'" + event.name + "' is not letters and digits (it names the ordering)");
      if (!event_names.insert(event.name).second) fail(e, "event@name", "'" + event.name + "' names two events");
      for (const auto s : e.children())
        if (s.type() == pugi::node_element) event.steps.push_back(read_step(s));
      if (event.steps.empty()) fail(e, "event", "has no steps: what does the runner do?");
      seq.events.push_back(std::move(event));
    }
    if (seq.events.empty()) fail(n, "sequence", "has no <event>");
    if (sequences.size() == 2) fail(n, "sequence", "a third one: the explorer interleaves two sequences");
    sequences.push_back(std::move(seq));
    return true;
  };
  spec.base = detail::parse_test_case_with(text, name, "explore", extra);
  if (!spec.base.body.empty())
    throw ScenarioError(name, spec.base.body.front().line, "steps", "an <explore> has <before>, two <sequence>s and <after>, not <steps>");
  if (sequences.size() != 2) throw ScenarioError(name, 1, "sequence", "an <explore> needs two <sequence>s, it has " + std::to_string(sequences.size()));
  spec.first = std::move(sequences[0]);
  spec.second = std::move(sequences[1]);
  return spec;
}

ExploreSpec load_explore(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ScenarioError(path, 0, "file", std::string("cannot be opened: ") + std::strerror(errno));
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_explore(ss.str(), path);
}

std::vector<TestCase> load_explored_cases(const std::string& dir) {
  std::vector<TestCase> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path());
  if (ec) throw ScenarioError(dir, 0, "folder", ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    for (auto& tc : explore(load_explore(file.string()))) out.push_back(std::move(tc));
  return out;
}

}  // namespace concur::scenario
