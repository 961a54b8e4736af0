#include "cli/list_command.h"

#include <filesystem>
#include <iomanip>
#include <optional>
#include <ostream>

#include "cli/run_command.h"
#include "profile/sut_profile.h"
#include "scenario/engine.h"
#include "scenario/test_case.h"

namespace concur::cli {

int list_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string profile_path, cases_dir = default_testcases_dir(), filter;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--profile" || a == "--cases" || a == "--filter") && i + 1 < args.size()) {
      (a == "--profile" ? profile_path : a == "--cases" ? cases_dir : filter) = args[++i];
    } else if (a == "--help" || a == "-h") {
      out << "usage: concur list [--profile FILE] [--cases DIR] [--filter PATTERN]\n";
      return 0;
    } else {
      err << "concur list: unknown or incomplete argument '" << a << "'\n";
      return 2;
    }
  }
  try {
    // Without --profile: the reference MME's profile for the MME cases, the reference eNB's for
    // the eNB (rule 5) cases, as `concur run` uses them.
    const auto profile = profile::load_profile(profile_path.empty() ? reference_profile_path(cases_dir) : profile_path);
    std::optional<profile::SutProfile> enb_profile;
    if (profile_path.empty() && std::filesystem::exists(reference_enb_profile_path(cases_dir)))
      enb_profile = profile::load_profile(reference_enb_profile_path(cases_dir));
    const auto cases = scenario::load_test_cases(cases_dir);
    std::size_t applicable = 0, applicable_enb = 0, shown = 0;
    for (const auto& tc : cases) {
      if (!scenario::matches_filter(tc, filter)) continue;
      ++shown;
      std::string rules;
      for (const auto& r : tc.rules) rules += (rules.empty() ? "" : ",") + r;
      const bool to_enb_profile = tc.sut_is_enb() && enb_profile;
      const auto why_not = scenario::not_applicable(tc, to_enb_profile ? *enb_profile : profile);
      (to_enb_profile ? applicable_enb : applicable) += !why_not;
      out << std::left << std::setw(52) << tc.id << " " << std::setw(6) << rules << " SUT " << std::setw(4)
          << (tc.sut_is_enb() ? "eNB" : "MME") << " " << (why_not ? "none: " + *why_not : std::string("applies")) << "\n    "
          << tc.purpose << "\n";
    }
    out << shown << " test cases, " << applicable << " apply to profile '" << profile.name << "'";
    if (enb_profile) out << ", " << applicable_enb << " to profile '" << enb_profile->name << "'";
    out << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "concur list: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace concur::cli
