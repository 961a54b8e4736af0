#include "codec/s1ap/ie_io.h"

namespace concur::s1ap::detail {

const asn::ContainerSpec& message_spec(std::uint8_t code, PduType type) {
  const asn::ProcedureSpec* p = asn::find_procedure(code);
  const asn_TYPE_descriptor_s* td = p == nullptr                  ? nullptr
                                    : type == PduType::initiating ? p->initiating
                                    : type == PduType::successful ? p->successful
                                                                  : p->unsuccessful;
  const asn::ContainerSpec* c = td ? asn::find_container(*td, asn::ContainerKind::protocol_ies) : nullptr;
  if (c == nullptr) fail("S1AP-PDU", 0, "no message for procedure " + std::to_string(code));
  return *c;
}

std::string IeReader::path(std::uint16_t id) const {
  const asn::IeSpec* s = spec_.find(id);
  return std::string(spec_.owner) + "." + (s ? std::string(s->id_name) : "id-" + std::to_string(id));
}

RawPdu IeWriter::finish(Criticality procedure_criticality) {
  RawPdu out;
  out.pdu_type = type_;
  out.procedure_code = code_;
  out.criticality = procedure_criticality;
  std::vector<Ie> all = std::move(ies_);
  all.insert(all.end(), raw_.begin(), raw_.end());
  auto rank = [&](const Ie& ie) {
    for (std::size_t i = 0; i < spec_.ies.size(); ++i)
      if (spec_.ies[i].id == ie.id) return i;
    return spec_.ies.size();
  };
  std::stable_sort(all.begin(), all.end(), [&](const Ie& a, const Ie& b) { return rank(a) < rank(b); });
  out.ies = std::move(all);
  return out;
}

Criticality procedure_criticality(std::uint8_t code) {
  const asn::ProcedureSpec* p = asn::find_procedure(code);
  return p ? static_cast<Criticality>(p->criticality) : Criticality::reject;
}

}  // namespace concur::s1ap::detail
