// The generic S1AP layer (TS 36.413 clause 9.3.2/9.3.7): S1AP-PDU -> elementary procedure ->
// message -> ProtocolIE-Container, with every IE value kept as its aligned-PER octets. Presence
// and duplicates are checked against the IE tables of the ASN.1 object sets; IEs the tables do
// not know are kept as they came, so that re-encoding a decoded PDU is byte-identical.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codec/s1ap/types.h"
#include "common/bytes.h"
#include "common/decode_error.h"

namespace concur::s1ap {

enum class PduType : std::uint8_t { initiating = 0, successful = 1, unsuccessful = 2 };

/// A PDU at IE level: any procedure of TS 36.413 V17.1.0.
struct RawPdu {
  PduType pdu_type = PduType::initiating;
  std::uint8_t procedure_code = 0;
  Criticality criticality = Criticality::reject;  ///< the procedure criticality sent
  std::vector<Ie> ies;                            ///< in wire order
  bool operator==(const RawPdu&) const = default;
};

/// Decodes the PDU and its ProtocolIE-Container; IE values stay encoded. Fails on a malformed
/// PDU, an unknown procedure code, a duplicated IE, or a mandatory IE that is absent; the error
/// names the message/IE and the absolute offset.
Result<RawPdu> decode_raw_pdu(ByteView pdu);

/// Encodes a PDU from its IEs (values used as they are).
Result<Bytes> encode_raw_pdu(const RawPdu& pdu);

/// Decodes every IE value the tables know with its type's descriptor and re-encodes it, checking
/// that the re-encoding equals the octets received; recurses into IE lists (single containers)
/// and iE-Extensions is not attempted. The first failure is returned (absolute offsets).
Result<bool> check_ie_values(const RawPdu& pdu, ByteView original);

/// "HandoverRequest", "PathSwitchRequestAcknowledge", …: the ASN.1 type of the message, or "" for
/// a (procedure, type) pair that S1AP does not define.
std::string_view message_name(std::uint8_t procedure_code, PduType type);

/// The criticality the tables give an IE of a message (reject when the IE is unknown).
Criticality table_criticality(std::uint8_t procedure_code, PduType type, std::uint16_t ie_id);

}  // namespace concur::s1ap
