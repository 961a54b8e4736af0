#include "scenario/nh_origin.h"

namespace concur::scenario {

std::string nh_origin(const roles::Ue* ue, std::uint8_t ncc, const security::Key256& nh) {
  if (!ue) return "unknown (no UE of this case)";
  const security::NhAttribution a = ue->attribute(ncc, nh);
  using Kind = security::NhAttribution::Kind;
  if (a.kind == Kind::on_chain && a.role) return std::string(security::name(*a.role)) + " KASME chain";
  if (a.kind == Kind::unknown) return "unknown: " + a.explanation;
  return "off the UE's chains: " + a.explanation;  // an NCC mismatch, a cross or a restarted chain
}

}  // namespace concur::scenario
