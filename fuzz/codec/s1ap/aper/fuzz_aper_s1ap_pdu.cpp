// Decodes arbitrary input as an S1AP-PDU (TS 36.413) and, when that succeeds, the message in its
// open type with the procedure table's descriptor. Each successful decode must re-encode, and the
// re-encoding must be a fixed point (decode + encode gives the same octets).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "InitiatingMessage.h"
#include "S1AP-PDU.h"
#include "SuccessfulOutcome.h"
#include "UnsuccessfulOutcome.h"
#include "codec/s1ap/aper/aper.h"
#include "s1ap_tables.h"

namespace {

using concur::s1ap::aper::decode;
using concur::s1ap::aper::encode;

void check_fixed_point(asn_TYPE_descriptor_t& td, concur::ByteView in) {
  auto first = decode(td, in);
  if (!first.ok()) return;
  auto enc = encode(td, *first);
  td.free_struct(&td, *first, 0);
  if (!enc.ok()) std::abort();  // whatever decodes must encode
  auto second = decode(td, concur::view_of(*enc));
  if (!second.ok()) std::abort();
  auto again = encode(td, *second);
  td.free_struct(&td, *second, 0);
  if (!again.ok() || *again != *enc) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const concur::ByteView in(data, size);
  check_fixed_point(asn_DEF_S1AP_PDU, in);
  auto pdu = decode(asn_DEF_S1AP_PDU, in);
  if (!pdu.ok()) return 0;
  auto* p = static_cast<S1AP_PDU_t*>(*pdu);
  const OCTET_STRING_t* value = nullptr;
  long code = -1;
  const asn_TYPE_descriptor_s* message = nullptr;
  const concur::s1ap::asn::ProcedureSpec* spec = nullptr;
  switch (p->present) {
    case S1AP_PDU_PR_initiatingMessage:
      code = p->choice.initiatingMessage.procedureCode;
      value = &p->choice.initiatingMessage.value;
      if ((spec = concur::s1ap::asn::find_procedure(static_cast<std::uint8_t>(code)))) message = spec->initiating;
      break;
    case S1AP_PDU_PR_successfulOutcome:
      code = p->choice.successfulOutcome.procedureCode;
      value = &p->choice.successfulOutcome.value;
      if ((spec = concur::s1ap::asn::find_procedure(static_cast<std::uint8_t>(code)))) message = spec->successful;
      break;
    case S1AP_PDU_PR_unsuccessfulOutcome:
      code = p->choice.unsuccessfulOutcome.procedureCode;
      value = &p->choice.unsuccessfulOutcome.value;
      if ((spec = concur::s1ap::asn::find_procedure(static_cast<std::uint8_t>(code)))) message = spec->unsuccessful;
      break;
    default:
      break;
  }
  if (message && value)
    check_fixed_point(*const_cast<asn_TYPE_descriptor_t*>(message), concur::ByteView(value->buf, static_cast<std::size_t>(value->size)));
  asn_DEF_S1AP_PDU.free_struct(&asn_DEF_S1AP_PDU, p, 0);
  return 0;
}
