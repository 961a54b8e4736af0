// The human report of `concur run`: the HTML writer's RunReport (runner/report) filled from the
// cases that ran — verdict, purpose, the monitor's findings and a message ladder per case from
// the judge's decoded trace.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cli/run_judging.h"
#include "cli/run_report.h"
#include "profile/sut_profile.h"
#include "report/report_model.h"

namespace concur::cli {

struct JudgedCase {
  RanCase ran;
  CaseJudgement judgement;
};

report::RunReport html_run_report(const std::vector<JudgedCase>& cases, const profile::SutProfile& profile,
                                  const std::string& profile_file, std::chrono::system_clock::time_point start,
                                  std::chrono::milliseconds duration, std::optional<std::string> violate);

}  // namespace concur::cli
