// What an eNB-SUT case needs from the run: the runner's MME role holding the eNB's one S1
// association (it lives for the whole run, so eNB cases take turns on it), the tap that MME
// reports to, and the eNB trigger (the profile's PIXIT) for what S1 cannot ask for.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "roles/mme.h"
#include "transport/tap.h"

namespace concur::scenario {

struct EnbSut {
  roles::Mme* mme = nullptr;
  std::shared_ptr<transport::Tap> tap;  ///< the MME's association reports here for the whole run
  std::mutex turn;                      ///< one eNB case at a time on the one association
  /// Sends one command line to the eNB ("ue-connect HEX", "handover UE ENB-ID TAC", ...) and
  /// returns its reply line, "ok ..." when it accepted. Empty function: the profile has none.
  std::function<std::string(const std::string& line)> control;
};

}  // namespace concur::scenario
