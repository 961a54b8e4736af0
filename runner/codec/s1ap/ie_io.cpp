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

void IeReader::finish(Extras& out) const {
  out.other_ies = rest();
  const Criticality table = procedure_criticality(pdu_.procedure_code);
  if (pdu_.criticality != table) out.procedure_criticality = pdu_.criticality;
  std::vector<std::uint16_t> order;
  std::size_t last_rank = 0;
  bool in_table_order = true;
  for (const Ie& ie : pdu_.ies) {
    order.push_back(ie.id);
    std::size_t rank = spec_.ies.size();
    for (std::size_t i = 0; i < spec_.ies.size(); ++i)
      if (spec_.ies[i].id == ie.id) rank = i;
    if (rank < last_rank) in_table_order = false;
    last_rank = std::max(last_rank, rank);
    const asn::IeSpec* s = spec_.find(ie.id);
    if (s && static_cast<Criticality>(s->criticality) != ie.criticality) out.ie_criticality.emplace_back(ie.id, ie.criticality);
  }
  if (!in_table_order) out.ie_order = std::move(order);
}

RawPdu IeWriter::finish(Criticality procedure_criticality, const Extras& extras) {
  RawPdu out;
  out.pdu_type = type_;
  out.procedure_code = code_;
  out.criticality = extras.procedure_criticality.value_or(procedure_criticality);
  std::vector<Ie> all = std::move(ies_);
  all.insert(all.end(), raw_.begin(), raw_.end());
  auto rank = [&](const Ie& ie) {
    for (std::size_t i = 0; i < spec_.ies.size(); ++i)
      if (spec_.ies[i].id == ie.id) return i;
    return spec_.ies.size();
  };
  std::stable_sort(all.begin(), all.end(), [&](const Ie& a, const Ie& b) { return rank(a) < rank(b); });
  if (!extras.ie_order.empty()) {
    // The order received; IEs not in it (added since) keep their table position at the end.
    auto wire_rank = [&](const Ie& ie) {
      auto it = std::find(extras.ie_order.begin(), extras.ie_order.end(), ie.id);
      return static_cast<std::size_t>(it - extras.ie_order.begin());
    };
    std::stable_sort(all.begin(), all.end(), [&](const Ie& a, const Ie& b) { return wire_rank(a) < wire_rank(b); });
  }
  for (Ie& ie : all)
    for (const auto& [id, crit] : extras.ie_criticality)
      if (ie.id == id) ie.criticality = crit;
  out.ies = std::move(all);
  return out;
}

Criticality procedure_criticality(std::uint8_t code) {
  const asn::ProcedureSpec* p = asn::find_procedure(code);
  return p ? static_cast<Criticality>(p->criticality) : Criticality::reject;
}

}  // namespace concur::s1ap::detail
