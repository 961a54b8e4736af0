// The S1AP information-object tables (TS 36.413 V17.1.0 clause 9.3) that asn1c 0.9.28 cannot
// compile: normalise.py removes the object sets from the modules and generates their contents
// (s1ap_ie_tables.cpp) so that the codec can still decode each open-type IE value with the right
// descriptor and check presence and criticality. Codec-internal: it names asn1c descriptors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

struct asn_TYPE_descriptor_s;

namespace concur::s1ap::asn {

/// S1AP-CommonDataTypes Criticality; values are the ENUMERATED indices.
enum class Criticality : std::uint8_t { reject = 0, ignore = 1, notify = 2 };
/// S1AP-CommonDataTypes Presence; values are the ENUMERATED indices.
enum class Presence : std::uint8_t { optional = 0, conditional = 1, mandatory = 2 };

/// Which S1AP-Containers container a table constrains.
enum class ContainerKind : std::uint8_t {
  protocol_ies,      ///< ProtocolIE-Container (a message's protocolIEs)
  single_container,  ///< ProtocolIE-SingleContainer (items of E-RAB and similar lists)
  container_pair,    ///< ProtocolIE-ContainerPair
  extensions,        ///< ProtocolExtensionContainer (iE-Extensions)
  private_ies,       ///< PrivateIE-Container
};

/// One row of an object set of class S1AP-PROTOCOL-IES or S1AP-PROTOCOL-EXTENSION.
struct IeSpec {
  std::uint16_t id;
  std::string_view id_name;  ///< e.g. "id-SecurityContext"
  Criticality criticality;
  Presence presence;
  std::string_view type_name;           ///< ASN.1 type of the value, e.g. "SecurityContext"
  const asn_TYPE_descriptor_s* type;    ///< asn_DEF_<type>
};

/// One row of an object set of class S1AP-PROTOCOL-IES-PAIR (none in V17.1.0, kept for completeness).
struct IePairSpec {
  std::uint16_t id;
  std::string_view id_name;
  Criticality first_criticality;
  Presence presence;
  std::string_view first_type_name;
  const asn_TYPE_descriptor_s* first_type;
  Criticality second_criticality;
  std::string_view second_type_name;
  const asn_TYPE_descriptor_s* second_type;
};

/// The IE table of one container use: `owner` is the type whose definition holds the container
/// (a message such as "HandoverRequest", a list such as "E-RABToBeSetupListHOReq", or an IE type
/// whose iE-Extensions it is).
struct ContainerSpec {
  std::string_view owner;
  const asn_TYPE_descriptor_s* owner_type;
  ContainerKind kind;
  std::string_view ie_set;  ///< name of the object set in the modules, e.g. "HandoverRequestIEs"
  bool extensible;          ///< the set ends in `...`: unknown ids are allowed (kept as raw values)
  std::span<const IeSpec> ies;
  std::span<const IePairSpec> pairs;

  const IeSpec* find(std::uint16_t id) const noexcept;
};

/// One S1AP-ELEMENTARY-PROCEDURE object (S1AP-PDU-Descriptions).
struct ProcedureSpec {
  std::uint8_t code;
  std::string_view name;  ///< e.g. "handoverResourceAllocation"
  Criticality criticality;
  int procedure_class;    ///< 1 (with a response) or 2 (no response)
  std::string_view initiating_name;
  const asn_TYPE_descriptor_s* initiating;
  std::string_view successful_name;     ///< empty for class 2
  const asn_TYPE_descriptor_s* successful;
  std::string_view unsuccessful_name;   ///< empty when the procedure has no unsuccessful outcome
  const asn_TYPE_descriptor_s* unsuccessful;
};

std::span<const ContainerSpec> containers() noexcept;
/// Every type of the normalised modules.
std::span<const asn_TYPE_descriptor_s* const> all_types() noexcept;
/// asn1c 0.9.28 fills a derived type's descriptor (PER constraints, function pointers) from its
/// base type lazily, on the first call of one of its functions. Code that reads descriptors
/// directly (the aligned-PER walker) must not see a descriptor before that: this resolves all of
/// them once (thread-safe, idempotent).
void resolve_inherited_descriptors() noexcept;
std::span<const ProcedureSpec> procedures() noexcept;

/// The table of `owner`'s container of `kind`, or nullptr.
const ContainerSpec* find_container(std::string_view owner, ContainerKind kind) noexcept;
const ContainerSpec* find_container(const asn_TYPE_descriptor_s& owner, ContainerKind kind) noexcept;
const ProcedureSpec* find_procedure(std::uint8_t code) noexcept;

}  // namespace concur::s1ap::asn
