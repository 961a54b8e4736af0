// TS 36.413 clause 9.3.2 (S1AP-PDU, elementary procedures) and 9.3.7 (containers), over the
// tables asn1/normalise.py extracts from the object sets.
#include "codec/s1ap/pdu.h"

#include <algorithm>
#include <cstring>
#include <set>

#include <HandoverRequest.h>
#include <InitiatingMessage.h>
#include <ProtocolIE-Container.h>
#include <ProtocolIE-Field.h>
#include <S1AP-PDU.h>
#include <SuccessfulOutcome.h>
#include <UnsuccessfulOutcome.h>

#include "codec/s1ap/asn_support.h"
#include "s1ap_tables.h"

namespace concur::s1ap {
namespace {

using detail::Owned;

// Every S1AP message but PrivateMessage is `SEQUENCE { protocolIEs ProtocolIE-Container, ... }`;
// asn1c gives them one layout, so the container layer handles them through one struct.
struct GenericMessage {
  ProtocolIE_Container_t protocolIEs;
  asn_struct_ctx_t _asn_ctx;
};
static_assert(sizeof(GenericMessage) == sizeof(HandoverRequest_t));
static_assert(offsetof(GenericMessage, protocolIEs) == offsetof(HandoverRequest_t, protocolIEs));

// A list of single containers (E-RAB lists, TAI lists, …): SEQUENCE OF ProtocolIE-Field.
struct GenericFieldList {
  A_SEQUENCE_OF(struct ProtocolIE_Field) list;
  asn_struct_ctx_t _asn_ctx;
};

asn_TYPE_descriptor_t* message_td(std::uint8_t code, PduType type) {
  const asn::ProcedureSpec* p = asn::find_procedure(code);
  if (p == nullptr) return nullptr;
  const asn_TYPE_descriptor_s* td = type == PduType::initiating  ? p->initiating
                                    : type == PduType::successful ? p->successful
                                                                  : p->unsuccessful;
  return const_cast<asn_TYPE_descriptor_t*>(td);
}

const asn::ContainerSpec* message_ies(const asn_TYPE_descriptor_t& td) {
  return asn::find_container(td, asn::ContainerKind::protocol_ies);
}

std::size_t length_octets(std::size_t n) { return n < 128 ? 1 : 2; }

// Where each IE value starts in the PDU: the aligned-PER layout of a message is one octet
// (extension bit + padding), a 2-octet IE count, then per IE a 2-octet id, one octet for the
// criticality and padding, a length of 1 or 2 octets and the value. Offsets are only used in
// error messages; each is confirmed against the input and left at the message start otherwise.
void locate_values(std::vector<Ie>& ies, ByteView pdu, std::size_t message_offset) {
  std::size_t cursor = message_offset + 3;
  for (Ie& ie : ies) {
    ie.offset = message_offset;
    if (ie.value.size() >= 16384) return;  // fragmented: not contiguous in the input
    const std::size_t at = cursor + 3 + length_octets(ie.value.size());
    if (at + ie.value.size() > pdu.size() ||
        (!ie.value.empty() && std::memcmp(pdu.data() + at, ie.value.data(), ie.value.size()) != 0))
      return;
    ie.offset = at;
    cursor = at + ie.value.size();
  }
}

RawPdu decode_raw(ByteView in) {
  auto pdu = detail::decode_as<S1AP_PDU_t>(asn_DEF_S1AP_PDU, in, 0, "S1AP-PDU");
  RawPdu out;
  const OCTET_STRING_t* value = nullptr;
  long code = 0, crit = 0;
  switch (pdu->present) {
    case S1AP_PDU_PR_initiatingMessage:
      out.pdu_type = PduType::initiating;
      code = pdu->choice.initiatingMessage.procedureCode;
      crit = pdu->choice.initiatingMessage.criticality;
      value = &pdu->choice.initiatingMessage.value;
      break;
    case S1AP_PDU_PR_successfulOutcome:
      out.pdu_type = PduType::successful;
      code = pdu->choice.successfulOutcome.procedureCode;
      crit = pdu->choice.successfulOutcome.criticality;
      value = &pdu->choice.successfulOutcome.value;
      break;
    case S1AP_PDU_PR_unsuccessfulOutcome:
      out.pdu_type = PduType::unsuccessful;
      code = pdu->choice.unsuccessfulOutcome.procedureCode;
      crit = pdu->choice.unsuccessfulOutcome.criticality;
      value = &pdu->choice.unsuccessfulOutcome.value;
      break;
    default:
      detail::fail("S1AP-PDU", 0, "a CHOICE alternative this version of S1AP does not define");
  }
  out.procedure_code = static_cast<std::uint8_t>(code);
  out.criticality = static_cast<Criticality>(crit);
  asn_TYPE_descriptor_t* td = message_td(out.procedure_code, out.pdu_type);
  if (td == nullptr)
    detail::fail("S1AP-PDU.procedureCode", 1,
                 "procedure code " + std::to_string(code) + " has no such message in TS 36.413 V17.1.0");
  const asn::ContainerSpec* spec = message_ies(*td);
  if (spec == nullptr) detail::fail(td->name, 0, "message without a ProtocolIE-Container is not supported");

  const std::size_t message_offset = in.size() - static_cast<std::size_t>(value->size);
  auto msg = detail::decode_as<GenericMessage>(*td, ByteView(value->buf, value->size), message_offset, td->name);
  const int n = msg->protocolIEs.list.count;
  out.ies.reserve(n);
  for (int i = 0; i < n; ++i) {
    const ProtocolIE_Field_t& f = *msg->protocolIEs.list.array[i];
    out.ies.push_back(Ie{static_cast<std::uint16_t>(f.id), static_cast<Criticality>(f.criticality),
                         detail::octets(f.value), message_offset});
  }
  locate_values(out.ies, in, message_offset);

  // TS 36.413 10.3.4/10.3.5: an IE that appears twice, or a missing mandatory IE, is an error.
  std::set<std::uint16_t> seen;
  for (const Ie& ie : out.ies) {
    if (!seen.insert(ie.id).second) {
      const asn::IeSpec* s = spec->find(ie.id);
      detail::fail(std::string(td->name) + "." + (s ? std::string(s->id_name) : "id-" + std::to_string(ie.id)),
                   ie.offset, "IE " + std::to_string(ie.id) + " appears more than once");
    }
  }
  for (const asn::IeSpec& s : spec->ies) {
    if (s.presence == asn::Presence::mandatory && !seen.count(s.id))
      detail::fail(std::string(td->name) + "." + std::string(s.id_name), message_offset,
                   "mandatory IE " + std::to_string(s.id) + " (" + std::string(s.type_name) + ") is absent");
  }
  return out;
}

Bytes encode_raw(const RawPdu& in) {
  asn_TYPE_descriptor_t* td = message_td(in.procedure_code, in.pdu_type);
  if (td == nullptr)
    detail::fail("S1AP-PDU.procedureCode", 0,
                 "procedure code " + std::to_string(in.procedure_code) + " has no such message");
  Owned<GenericMessage> msg(*td);
  for (const Ie& ie : in.ies) {
    auto& f = detail::add_element<ProtocolIE_Field_t>(msg->protocolIEs.list);
    f.id = ie.id;
    f.criticality = static_cast<long>(ie.criticality);
    detail::set_octets(f.value, ie.value);
  }
  const Bytes message = detail::encode_as(*td, msg.get(), td->name);

  Owned<S1AP_PDU_t> pdu(asn_DEF_S1AP_PDU);
  auto fill = [&](auto& m) {
    m.procedureCode = in.procedure_code;
    m.criticality = static_cast<long>(in.criticality);
    detail::set_octets(m.value, message);
  };
  switch (in.pdu_type) {
    case PduType::initiating:
      pdu->present = S1AP_PDU_PR_initiatingMessage;
      fill(pdu->choice.initiatingMessage);
      break;
    case PduType::successful:
      pdu->present = S1AP_PDU_PR_successfulOutcome;
      fill(pdu->choice.successfulOutcome);
      break;
    case PduType::unsuccessful:
      pdu->present = S1AP_PDU_PR_unsuccessfulOutcome;
      fill(pdu->choice.unsuccessfulOutcome);
      break;
  }
  return detail::encode_as(asn_DEF_S1AP_PDU, pdu.get(), "S1AP-PDU");
}

// Decodes `value` with the type's descriptor, re-encodes it, and requires the same octets; for
// a list of single containers it does the same for every item with the list's item table.
void check_value(const asn_TYPE_descriptor_t& ctd, const Ie& ie, const std::string& path) {
  auto& td = const_cast<asn_TYPE_descriptor_t&>(ctd);
  Owned<std::uint8_t> v = detail::decode_as<std::uint8_t>(td, ie.value, ie.offset, path);
  const Bytes again = detail::encode_as(td, v.get(), path);
  if (again != ie.value)
    detail::fail(path, ie.offset, "re-encoding differs from the received octets (" + to_hex(again, 16) + " vs " +
                                      to_hex(ie.value, 16) + ")");
  if (const asn::ContainerSpec* items = asn::find_container(ctd, asn::ContainerKind::single_container)) {
    auto* list = static_cast<GenericFieldList*>(static_cast<void*>(v.get()));
    std::size_t cursor = ie.offset;
    for (int i = 0; i < list->list.count; ++i) {
      const ProtocolIE_Field_t& f = *list->list.array[i];
      const asn::IeSpec* s = items->find(static_cast<std::uint16_t>(f.id));
      Ie item{static_cast<std::uint16_t>(f.id), static_cast<Criticality>(f.criticality), detail::octets(f.value),
              ie.offset};
      // Locate the item's value inside the list's octets for error offsets.
      auto it = std::search(ie.value.begin() + static_cast<long>(cursor - ie.offset), ie.value.end(),
                            item.value.begin(), item.value.end());
      if (it != ie.value.end()) {
        item.offset = ie.offset + static_cast<std::size_t>(it - ie.value.begin());
        cursor = item.offset + item.value.size();
      }
      if (s) check_value(*s->type, item, path + "[" + std::to_string(i) + "]." + std::string(s->id_name));
    }
  }
}

}  // namespace

Result<RawPdu> decode_raw_pdu(ByteView pdu) {
  return decode_guarded([&] { return decode_raw(pdu); });
}

Result<Bytes> encode_raw_pdu(const RawPdu& pdu) {
  return decode_guarded([&] { return encode_raw(pdu); });
}

Result<bool> check_ie_values(const RawPdu& pdu, ByteView) {
  return decode_guarded([&] {
    asn_TYPE_descriptor_t* td = message_td(pdu.procedure_code, pdu.pdu_type);
    if (td == nullptr) detail::fail("S1AP-PDU.procedureCode", 0, "unknown procedure");
    const asn::ContainerSpec* spec = message_ies(*td);
    for (const Ie& ie : pdu.ies) {
      const asn::IeSpec* s = spec ? spec->find(ie.id) : nullptr;
      if (s) check_value(*s->type, ie, std::string(td->name) + "." + std::string(s->id_name));
    }
    return true;
  });
}

std::string_view message_name(std::uint8_t procedure_code, PduType type) {
  const asn_TYPE_descriptor_t* td = message_td(procedure_code, type);
  return td ? std::string_view(td->name) : std::string_view();
}

Criticality table_criticality(std::uint8_t procedure_code, PduType type, std::uint16_t ie_id) {
  const asn_TYPE_descriptor_t* td = message_td(procedure_code, type);
  const asn::ContainerSpec* spec = td ? message_ies(*td) : nullptr;
  const asn::IeSpec* s = spec ? spec->find(ie_id) : nullptr;
  return s ? static_cast<Criticality>(s->criticality) : Criticality::reject;
}

}  // namespace concur::s1ap
