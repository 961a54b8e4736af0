#include "profile/sut_profile.h"

namespace concur::profile {

const std::vector<std::string>& known_pics() {
  static const std::vector<std::string> names{"s1-handover", "x2", "s10", "s3", "key-change-on-the-fly", "reauth-trigger", "enb-trigger"};
  return names;
}

bool SutProfile::has_pics(const std::string& pics) const {
  if (pics == "s1-handover") return capabilities.s1_handover;
  if (pics == "x2") return capabilities.x2;
  if (pics == "s10") return capabilities.s10 && s10.has_value();
  if (pics == "s3") return capabilities.s3 && s3.has_value();
  if (pics == "key-change-on-the-fly") return capabilities.key_change_on_the_fly;
  if (pics == "reauth-trigger") return reauth.kind != ReauthTrigger::Kind::none;
  if (pics == "enb-trigger") return kind == SutKind::enb && enb_trigger.kind != EnbTrigger::Kind::none;
  return false;
}

}  // namespace concur::profile
