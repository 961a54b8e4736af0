#include "netns.h"

#include <unistd.h>

#include <chrono>

#include "child_process.h"

namespace concur::transport::testing {

namespace {
constexpr const char* kIp = "/usr/sbin/ip";
constexpr auto kCommandTimeout = std::chrono::seconds(10);
}  // namespace

bool NetnsPair::ip(const std::vector<std::string>& args) {
  std::vector<std::string> argv{kIp};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string out;
  if (run_command(argv, kCommandTimeout, &out) == 0) return true;
  std::string cmd;
  for (const auto& a : argv) cmd += a + " ";
  why_not_ = cmd + "failed: " + out;
  return false;
}

NetnsPair::NetnsPair() {
  // Names unique per process: several engineers' test runs share this host.
  const std::string tag = std::to_string(::getpid());
  a_ = "concur-tr-" + tag + "-a";
  b_ = "concur-tr-" + tag + "-b";
  made_a_ = ip({"netns", "add", a_});
  if (!made_a_) return;
  made_b_ = ip({"netns", "add", b_});
  if (!made_b_) return;
  const std::string va = "ctr" + tag + "a";
  const std::string vb = "ctr" + tag + "b";
  ready_ = ip({"link", "add", va, "netns", a_, "type", "veth", "peer", "name", vb, "netns", b_}) &&
           ip({"-n", a_, "addr", "add", std::string(ip_a) + "/24", "dev", va}) &&
           ip({"-n", b_, "addr", "add", std::string(ip_b) + "/24", "dev", vb}) &&
           ip({"-n", a_, "link", "set", va, "up"}) && ip({"-n", b_, "link", "set", vb, "up"}) &&
           ip({"-n", a_, "link", "set", "lo", "up"}) && ip({"-n", b_, "link", "set", "lo", "up"});
}

NetnsPair::~NetnsPair() {
  // Deleting a namespace deletes the veth end inside it, and with it the pair.
  if (made_a_) ip({"netns", "del", a_});
  if (made_b_) ip({"netns", "del", b_});
}

std::vector<std::string> NetnsPair::exec_in(const std::string& ns, std::vector<std::string> argv) {
  std::vector<std::string> full{kIp, "netns", "exec", ns};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

}  // namespace concur::transport::testing
