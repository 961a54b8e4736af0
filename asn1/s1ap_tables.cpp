// Look-ups over the generated tables (s1ap_ie_tables.cpp, written by normalise.py).
#include "s1ap_tables.h"

#include <algorithm>

#include <constr_TYPE.h>

namespace concur::s1ap::asn {

// Defined in the generated s1ap_ie_tables.cpp.
extern const ContainerSpec kContainers[];
extern const std::size_t kContainerCount;
extern const ProcedureSpec kProcedures[];
extern const std::size_t kProcedureCount;
extern const asn_TYPE_descriptor_s* const kAllTypes[];
extern const std::size_t kAllTypeCount;

const IeSpec* ContainerSpec::find(std::uint16_t id) const noexcept {
  auto it = std::find_if(ies.begin(), ies.end(), [id](const IeSpec& s) { return s.id == id; });
  return it == ies.end() ? nullptr : &*it;
}

std::span<const ContainerSpec> containers() noexcept { return {kContainers, kContainerCount}; }
std::span<const ProcedureSpec> procedures() noexcept { return {kProcedures, kProcedureCount}; }
std::span<const asn_TYPE_descriptor_s* const> all_types() noexcept { return {kAllTypes, kAllTypeCount}; }

void resolve_inherited_descriptors() noexcept {
  static const bool resolved = [] {
    for (const asn_TYPE_descriptor_s* c : all_types()) {
      // A generated wrapper's free (e.g. PLMNidentity_free) first copies the base type's
      // pointers and constraints into its descriptor, then frees nothing: every base free
      // ignores a null structure.
      auto* td = const_cast<asn_TYPE_descriptor_t*>(c);
      if (td->free_struct) td->free_struct(td, nullptr, 0);
    }
    return true;
  }();
  (void)resolved;
}

const ContainerSpec* find_container(std::string_view owner, ContainerKind kind) noexcept {
  for (const auto& c : containers())
    if (c.kind == kind && c.owner == owner) return &c;
  return nullptr;
}

const ContainerSpec* find_container(const asn_TYPE_descriptor_s& owner, ContainerKind kind) noexcept {
  for (const auto& c : containers())
    if (c.kind == kind && c.owner_type == &owner) return &c;
  return nullptr;
}

const ProcedureSpec* find_procedure(std::uint8_t code) noexcept {
  for (const auto& p : procedures())
    if (p.code == code) return &p;
  return nullptr;
}

}  // namespace concur::s1ap::asn
