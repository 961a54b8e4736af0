// One built sample of every NAS message the codec encodes, plain and in each protected form,
// with the values an independent dissector must read back from the octets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "codec/nas/pdu.h"

namespace concur::nas::test {

struct Sample {
  std::string name;
  Bytes wire;
  Direction direction = Direction::downlink;
  std::vector<std::string> security_header_types;  ///< as tshark lists them (outer, then inner EMM header)
  std::vector<std::string> emm_types;              ///< "0x5d", …
  std::vector<std::string> esm_types;
  std::optional<unsigned> ksi;                     ///< the first NAS KSI in the PDU
  std::optional<unsigned> ciphering, integrity;    ///< SECURITY MODE COMMAND
};

/// Every message type in scope, plain, plus protected (header types 1–4) and SERVICE REQUEST forms.
std::vector<Sample> all_samples();

}  // namespace concur::nas::test
