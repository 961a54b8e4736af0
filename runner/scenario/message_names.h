// Message names as test cases write them: S1AP elementary procedures' messages in CamelCase
// ("HandoverRequest"), NAS-EPS messages likewise ("SecurityModeCommand"). Comparison ignores
// case, spaces, '-' and '_', so "SECURITY MODE COMMAND" names the same message. GTPv2-C
// messages of S10/S3 relocation too ("ForwardRelocationRequest").
#pragma once
#include <string>
#include <string_view>

#include "codec/gtpv2/message.h"
#include "codec/nas/message.h"
#include "codec/s1ap/messages.h"

namespace concur::scenario {

std::string s1ap_name(const s1ap::S1apMessage& m);
std::string nas_name(const nas::NasMessage& m);
std::string gtp_name(const gtpv2::GtpMessage& m);
/// Lower-case letters and digits only.
std::string normalized(std::string_view name);
bool same_name(std::string_view a, std::string_view b);
/// Whether `name` is a message the language knows (S1AP modelled messages or NAS-EPS).
bool known_message(std::string_view name);

}  // namespace concur::scenario
