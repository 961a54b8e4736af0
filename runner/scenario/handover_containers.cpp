#include "scenario/handover_containers.h"

#include <stdexcept>

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

}  // namespace concur::scenario
