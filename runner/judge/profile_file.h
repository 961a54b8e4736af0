// The minimal replay profile: until the SUT profile format of `concur run` lands, `concur replay
// --profile FILE` reads this small XML (documented in README.md). Kept in its own file so that it
// can be replaced by the real profile reader without touching the judge.
#pragma once

#include <stdexcept>
#include <string>

#include "judge/judge.h"

namespace concur::judge {

/// "profile.xml: offset 120: <node>: attribute 'address': '10.0.0' is not an IPv4 or IPv6 address".
class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads the SUT role, capabilities, served TAIs and node labels into `options` (keys untouched).
/// Throws ProfileError.
void read_replay_profile(const std::string& path, JudgeOptions& options);
/// The same from text; `name` appears in errors.
void parse_replay_profile(const std::string& text, const std::string& name, JudgeOptions& options);

}  // namespace concur::judge
