// `concur run`: runs the test cases against the SUT (the built-in reference MME and eNB by default) and
// writes the reports. `concur list`: the test cases and whether they apply to a profile.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace concur::cli {

/// Exit status: 0 nothing failed, 1 a test case failed, 2 usage or profile error, 3 the tester
/// itself broke (or was interrupted before it could finish).
int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// The test-case folder: --cases, else $CONCUR_TESTCASES, else the source tree's testcases/.
std::string default_testcases_dir();
/// The profile used without --profile: testcases/profiles/reference.xml of that folder.
std::string reference_profile_path(const std::string& testcases_dir);
/// The eNB profile used without --profile: testcases/profiles/reference-enb.xml of that folder.
std::string reference_enb_profile_path(const std::string& testcases_dir);

}  // namespace concur::cli
