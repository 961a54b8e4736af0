#include "scenario/handover_containers.h"

#include <stdexcept>

#include "codec/s1ap/inter_rat_containers.h"
#include "codec/s1ap/transparent_containers.h"

namespace concur::scenario {
namespace {

// Both RRC messages are SEQUENCE { criticalExtensions CHOICE { c1, criticalExtensionsFuture
// SEQUENCE {} } } in unaligned PER: one bit 1 for criticalExtensionsFuture, padded to an octet.
constexpr std::uint8_t kRrcCriticalExtensionsFuture = 0x80;

Bytes encoded(const Result<Bytes>& r) {
  // The inputs are the runner's own identities, within every constraint: a failure is a defect.
  if (!r) throw std::logic_error("handover container does not encode: " + r.error().to_string());
  return *r;
}

}  // namespace

Bytes source_to_target_container(const s1ap::Ecgi& source_cell, const s1ap::Ecgi& target_cell) {
  s1ap::SourceEnbToTargetEnbContainer c;
  c.rrc_container = {kRrcCriticalExtensionsFuture};
  c.target_cell = target_cell;
  c.ue_history.push_back(s1ap::LastVisitedEutranCell{source_cell, 2, 10});  // small cell, 10 s
  return encoded(s1ap::encode_container(c));
}

Bytes target_to_source_container() {
  s1ap::TargetEnbToSourceEnbContainer c;
  c.rrc_container = {kRrcCriticalExtensionsFuture};
  return encoded(s1ap::encode_container(c));
}

Bytes utran_source_to_target_container(std::uint32_t target_cell_id) {
  s1ap::SourceRncToTargetRncContainer c;
  c.rrc_container = s1ap::rrc_to_target_rnc_extension();
  c.relocation_type = s1ap::RelocationType::ue_involved;  // an inter-RAT handover moves the UE
  c.target_cell_id = target_cell_id;
  return encoded(s1ap::encode_container(c));
}

Bytes utran_target_to_source_container() {
  s1ap::TargetRncToSourceRncContainer c;
  c.rrc_container = s1ap::rrc_handover_to_utran_command_future();
  return encoded(s1ap::encode_container(c));
}

Bytes geran_source_to_target_container() { return s1ap::source_bss_to_target_bss_contents(); }

Bytes geran_target_to_source_container() { return s1ap::target_bss_to_source_bss_contents(); }

}  // namespace concur::scenario
