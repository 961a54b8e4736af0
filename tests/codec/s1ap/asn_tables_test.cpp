// The object-set contents that asn1/normalise.py removes from the modules must survive as tables
// (TS 36.413 V17.1.0 clause 9.3.3 message contents, 9.3.2 elementary procedures).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <BearerType.h>
#include <E-RABToBeSetupItemHOReq.h>
#include <HandoverFailure.h>
#include <HandoverNotify.h>
#include <HandoverRequest.h>
#include <HandoverRequestAcknowledge.h>
#include <NASSecurityParametersfromE-UTRAN.h>
#include <PathSwitchRequestAcknowledge.h>
#include <SecurityContext.h>
#include <SecurityKey.h>

#include "s1ap_ids.h"
#include "s1ap_tables.h"

namespace concur::s1ap::asn {
namespace {

const IeSpec& ie_of(std::string_view owner, std::uint16_t id) {
  const ContainerSpec* c = find_container(owner, ContainerKind::protocol_ies);
  if (c == nullptr) throw std::runtime_error("no protocolIEs table for " + std::string(owner));
  const IeSpec* s = c->find(id);
  if (s == nullptr) throw std::runtime_error("no IE " + std::to_string(id) + " in " + std::string(owner));
  return *s;
}

TEST(S1apAsnTables, handover_request_requires_security_context_40_with_criticality_reject) {
  const IeSpec& s = ie_of("HandoverRequest", ids::id_SecurityContext);
  EXPECT_EQ(s.id, 40);
  EXPECT_EQ(s.presence, Presence::mandatory);
  EXPECT_EQ(s.criticality, Criticality::reject);
  EXPECT_EQ(s.type_name, "SecurityContext");
  EXPECT_EQ(s.type, &asn_DEF_SecurityContext);
}

TEST(S1apAsnTables, path_switch_request_acknowledge_requires_security_context_40) {
  const IeSpec& s = ie_of("PathSwitchRequestAcknowledge", 40);
  EXPECT_EQ(s.presence, Presence::mandatory);
  EXPECT_EQ(s.criticality, Criticality::reject);
  EXPECT_EQ(s.type, &asn_DEF_SecurityContext);
}

TEST(S1apAsnTables, initial_context_setup_request_requires_security_key_73) {
  const IeSpec& s = ie_of("InitialContextSetupRequest", ids::id_SecurityKey);
  EXPECT_EQ(s.id, 73);
  EXPECT_EQ(s.presence, Presence::mandatory);
  EXPECT_EQ(s.criticality, Criticality::reject);
  EXPECT_EQ(s.type, &asn_DEF_SecurityKey);
}

TEST(S1apAsnTables, ue_context_modification_request_has_security_key_73_as_optional) {
  const IeSpec& s = ie_of("UEContextModificationRequest", 73);
  EXPECT_EQ(s.presence, Presence::optional);
  EXPECT_EQ(s.criticality, Criticality::reject);
  EXPECT_EQ(s.type, &asn_DEF_SecurityKey);
}

TEST(S1apAsnTables, handover_command_makes_nas_security_parameters_from_eutran_conditional) {
  const IeSpec& s = ie_of("HandoverCommand", ids::id_NASSecurityParametersfromE_UTRAN);
  EXPECT_EQ(s.id, 135);
  EXPECT_EQ(s.presence, Presence::conditional);
  EXPECT_EQ(s.type, &asn_DEF_NASSecurityParametersfromE_UTRAN);
}

TEST(S1apAsnTables, handover_request_has_no_enb_ue_s1ap_id) {
  const ContainerSpec* c = find_container("HandoverRequest", ContainerKind::protocol_ies);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->find(ids::id_eNB_UE_S1AP_ID), nullptr);
  EXPECT_TRUE(c->extensible);
  EXPECT_EQ(c->owner_type, &asn_DEF_HandoverRequest);
}

TEST(S1apAsnTables, e_rab_list_items_and_extension_containers_are_kept) {
  const ContainerSpec* items = find_container("E-RABToBeSetupListHOReq", ContainerKind::single_container);
  ASSERT_NE(items, nullptr);
  const IeSpec* item = items->find(ids::id_E_RABToBeSetupItemHOReq);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->type, &asn_DEF_E_RABToBeSetupItemHOReq);
  EXPECT_EQ(item->presence, Presence::mandatory);

  const ContainerSpec* ext = find_container("E-RABToBeSetupItemHOReq", ContainerKind::extensions);
  ASSERT_NE(ext, nullptr);
  const IeSpec* bearer_type = ext->find(ids::id_BearerType);
  ASSERT_NE(bearer_type, nullptr);
  EXPECT_EQ(bearer_type->type, &asn_DEF_BearerType);
  EXPECT_EQ(bearer_type->criticality, Criticality::reject);
}

TEST(S1apAsnTables, elementary_procedures_map_codes_to_message_types) {
  const ProcedureSpec* ho = find_procedure(ids::id_HandoverResourceAllocation);
  ASSERT_NE(ho, nullptr);
  EXPECT_EQ(ho->code, 1);
  EXPECT_EQ(ho->initiating, &asn_DEF_HandoverRequest);
  EXPECT_EQ(ho->successful, &asn_DEF_HandoverRequestAcknowledge);
  EXPECT_EQ(ho->unsuccessful, &asn_DEF_HandoverFailure);
  EXPECT_EQ(ho->criticality, Criticality::reject);
  EXPECT_EQ(ho->procedure_class, 1);

  const ProcedureSpec* notify = find_procedure(ids::id_HandoverNotification);
  ASSERT_NE(notify, nullptr);
  EXPECT_EQ(notify->initiating, &asn_DEF_HandoverNotify);
  EXPECT_EQ(notify->successful, nullptr);
  EXPECT_EQ(notify->criticality, Criticality::ignore);
  EXPECT_EQ(notify->procedure_class, 2);

  const ProcedureSpec* ps = find_procedure(ids::id_PathSwitchRequest);
  ASSERT_NE(ps, nullptr);
  EXPECT_EQ(ps->successful, &asn_DEF_PathSwitchRequestAcknowledge);
  EXPECT_EQ(find_procedure(255), nullptr);
}

TEST(S1apAsnTables, every_ie_in_every_table_resolves_to_the_descriptor_of_its_type) {
  std::size_t rows = 0;
  for (const ContainerSpec& c : containers()) {
    ASSERT_NE(c.owner_type, nullptr) << c.owner;
    EXPECT_EQ(std::string(c.owner_type->name), std::string(c.owner)) << c.ie_set;
    std::set<std::uint16_t> seen;
    for (const IeSpec& s : c.ies) {
      ++rows;
      ASSERT_NE(s.type, nullptr) << c.owner << " " << s.id_name;
      // asn1c names a descriptor after the ASN.1 type it was generated from.
      EXPECT_EQ(std::string(s.type->name), std::string(s.type_name)) << c.owner << " " << s.id_name;
      EXPECT_NE(s.type->uper_decoder, nullptr) << s.type_name << " lacks PER support";
      EXPECT_TRUE(seen.insert(s.id).second) << c.owner << " repeats id " << s.id;
    }
  }
  EXPECT_GT(containers().size(), 250u);
  EXPECT_GT(rows, 700u);
}

TEST(S1apAsnTables, every_procedure_resolves_its_message_descriptors) {
  std::set<int> codes;
  for (const ProcedureSpec& p : procedures()) {
    ASSERT_NE(p.initiating, nullptr) << p.name;
    EXPECT_EQ(std::string(p.initiating->name), std::string(p.initiating_name));
    if (p.successful) {
      EXPECT_EQ(std::string(p.successful->name), std::string(p.successful_name));
    }
    if (p.unsuccessful) {
      EXPECT_EQ(std::string(p.unsuccessful->name), std::string(p.unsuccessful_name));
    }
    EXPECT_TRUE(codes.insert(p.code).second) << "duplicate procedure code " << int(p.code);
    // Every message type of a procedure has its own protocolIEs table (or PrivateIE container).
    EXPECT_TRUE(find_container(*p.initiating, ContainerKind::protocol_ies) ||
                find_container(*p.initiating, ContainerKind::private_ies))
        << p.initiating_name;
  }
  EXPECT_EQ(procedures().size(), 67u);
}

}  // namespace
}  // namespace concur::s1ap::asn

#include <PLMNidentity.h>

namespace concur::s1ap::asn {
namespace {

TEST(S1apAsnTables, resolving_inherited_descriptors_gives_derived_types_their_base_constraints) {
  resolve_inherited_descriptors();
  // PLMNidentity ::= TBCD-STRING ::= OCTET STRING (SIZE(3)): the size reaches PLMNidentity only
  // through asn1c's lazy inheritance.
  ASSERT_NE(asn_DEF_PLMNidentity.per_constraints, nullptr);
  EXPECT_EQ(asn_DEF_PLMNidentity.per_constraints->size.lower_bound, 3);
  EXPECT_EQ(asn_DEF_PLMNidentity.per_constraints->size.upper_bound, 3);
  EXPECT_GT(all_types().size(), 600u);  // 652 in V17.1.0
}

}  // namespace
}  // namespace concur::s1ap::asn
