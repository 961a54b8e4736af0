// Realistic S6a messages for the Diameter codec tests: an MME (mme.epc.mnc001.mcc001.3gppnetwork.org)
// and an HSS of PLMN 001-01 exchanging CER/CEA, DWR/DWA, AIR/AIA, ULR/ULA, PUR/PUA and DPR/DPA.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "codec/diameter/s6a.h"

namespace concur::diameter::samples {

inline const std::string kMmeHost = "mme.epc.mnc001.mcc001.3gppnetwork.org";
inline const std::string kHssHost = "hss.epc.mnc001.mcc001.3gppnetwork.org";
inline const std::string kRealm = "epc.mnc001.mcc001.3gppnetwork.org";
inline const std::string kImsi = "001010000000001";

CapabilitiesExchange mme_capabilities();
AuthenticationInformationRequest air();
AuthenticationInformationAnswer aia();
UpdateLocationRequest ulr();
UpdateLocationAnswer ula();
PurgeUeRequest pur();

/// Every message type once, in exchange order, with a name for test output.
std::vector<std::pair<std::string, Message>> all_messages();

}  // namespace concur::diameter::samples
