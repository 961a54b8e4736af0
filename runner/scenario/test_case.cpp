#include "scenario/test_case.h"

#include <algorithm>

namespace concur::scenario {

const RoleDecl* TestCase::role(const std::string& name) const {
  for (const auto& r : roles)
    if (r.name == name) return &r;
  return nullptr;
}

std::vector<std::string> TestCase::enb_names() const {
  std::vector<std::string> out;
  for (const auto& r : roles)
    if (!r.is_ue && !r.is_mme) out.push_back(r.name);
  return out;
}

bool TestCase::sut_is_enb() const {
  return std::any_of(roles.begin(), roles.end(), [](const RoleDecl& r) { return r.is_mme; });
}

std::vector<std::string> TestCase::ue_names() const {
  std::vector<std::string> out;
  for (const auto& r : roles)
    if (r.is_ue) out.push_back(r.name);
  return out;
}

namespace {
bool glob(const char* p, const char* s) {
  if (*p == '\0') return *s == '\0';
  if (*p == '*') return glob(p + 1, s) || (*s != '\0' && glob(p, s + 1));
  if (*s == '\0') return false;
  return (*p == '?' || *p == *s) && glob(p + 1, s + 1);
}
}  // namespace

bool matches_filter(const TestCase& tc, const std::string& pattern) {
  if (pattern.empty()) return true;
  if (std::find(tc.rules.begin(), tc.rules.end(), pattern) != tc.rules.end()) return true;
  return glob(pattern.c_str(), tc.id.c_str());
}

}  // namespace concur::scenario
