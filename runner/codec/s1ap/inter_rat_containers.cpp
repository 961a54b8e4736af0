#include "codec/s1ap/inter_rat_containers.h"

#include <string>

#include "codec/s1ap/aper/per_primitives.h"

namespace concur::s1ap {
namespace {

using aper::BitWriter;

constexpr std::uint32_t kMaxTargetCellId = 268435455;  // TargetCellId ::= INTEGER (0..268435455)
constexpr std::uint32_t kMaxDRnti = 1048575;           // D-RNTI ::= INTEGER (0..1048575)

// OCTET STRING without a size constraint (RRC-Container ::= OCTET STRING), X.691 17.8 with the
// length of 10.9. Containers here are far below the 16K fragment size; one longer is refused
// rather than written with a fragmentation nobody here has tested.
void put_octet_string(BitWriter& w, const Bytes& b, const char* field) {
  if (b.size() >= aper::k16K) throw_decode(field, 0, std::to_string(b.size()) + " octets: longer than 16383 is not supported");
  aper::put_length(w, b.size(), 0, aper::kNoUpperBound);
  w.octets(b.data(), b.size());
}

// A BSSGP TLV IE (TS 48.016 10.1.2 / TS 48.018 11.1): IEI, then the length indicator with its
// extension bit set (one octet, 7 bits of length) when the value is shorter than 128.
void put_bssgp_ie(Bytes& out, std::uint8_t iei, const Bytes& value) {
  out.push_back(iei);
  if (value.size() < 128) {
    out.push_back(static_cast<std::uint8_t>(0x80U | value.size()));
  } else {
    out.push_back(static_cast<std::uint8_t>(value.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(value.size() & 0xFFU));
  }
  out.insert(out.end(), value.begin(), value.end());
}

}  // namespace

Result<Bytes> encode_container(const SourceRncToTargetRncContainer& c) {
  return decode_guarded([&] {
    const char* const name = "SourceRNC-ToTargetRNC-TransparentContainer";
    if (c.number_of_iu_instances < 1 || c.number_of_iu_instances > 2)
      throw_decode(std::string(name) + ".numberOfIuInstances", 0, std::to_string(c.number_of_iu_instances) + " outside 1..2");
    const bool involved = c.relocation_type == RelocationType::ue_involved;
    // 25.413 9.2.1.28: targetCellId is there when the UE is involved, d-RNTI when it is not.
    if (involved && c.target_cell_id > kMaxTargetCellId)
      throw_decode(std::string(name) + ".targetCellId", 0, std::to_string(c.target_cell_id) + " outside 0..268435455");
    if (!involved && c.d_rnti > kMaxDRnti)
      throw_decode(std::string(name) + ".d-RNTI", 0, std::to_string(c.d_rnti) + " outside 0..1048575");
    BitWriter w;
    w.bit(false);  // extension bit: no extension additions
    // The ten OPTIONAL fields' presence bits, in order: chosenIntegrityProtectionAlgorithm,
    // integrityProtectionKey, chosenEncryptionAlgorithForSignalling, cipheringKey,
    // chosenEncryptionAlgorithForCS, chosenEncryptionAlgorithForPS, d-RNTI, targetCellId,
    // rAB-TrCH-Mapping, iE-Extensions.
    w.bits(0, 6);
    w.bit(!involved);
    w.bit(involved);
    w.bits(0, 2);
    put_octet_string(w, c.rrc_container, "SourceRNC-ToTargetRNC-TransparentContainer.rRC-Container");
    aper::put_constrained_whole(w, c.number_of_iu_instances - 1U, 2);
    w.bit(false);  // RelocationType is extensible: a root value
    aper::put_constrained_whole(w, static_cast<std::uint8_t>(c.relocation_type), 2);
    if (!involved) aper::put_constrained_whole(w, c.d_rnti, aper::u128{kMaxDRnti} + 1);
    if (involved) aper::put_constrained_whole(w, c.target_cell_id, aper::u128{kMaxTargetCellId} + 1);
    return std::move(w).finish();
  });
}

Result<Bytes> encode_container(const TargetRncToSourceRncContainer& c) {
  return decode_guarded([&] {
    BitWriter w;
    w.bit(false);   // extension bit
    w.bits(0, 2);   // d-RNTI, iE-Extensions absent
    put_octet_string(w, c.rrc_container, "TargetRNC-ToSourceRNC-TransparentContainer.rRC-Container");
    return std::move(w).finish();
  });
}

Bytes rrc_to_target_rnc_extension() {
  // ToTargetRNC-Container ::= CHOICE { interRATHandoverInfo, srncRelocation,
  // rfc3095-ContextInfo, extension NULL }: unaligned PER, a 2-bit index 3 and nothing for NULL.
  BitWriter w;
  w.bits(3, 2);
  return std::move(w).finish();
}

Bytes rrc_handover_to_utran_command_future() {
  // HandoverToUTRANCommand nests a two-way CHOICE { rN SEQUENCE, criticalExtensions ... } for
  // r3..r9 and, in HandoverToUTRANCommand-LaterCriticalExtensions, for r10..r12, whose last
  // criticalExtensions is SEQUENCE {}: ten index bits of 1, unaligned PER. The first three bits
  // being 1 is also how a reader of the RANAP container tells this message from a
  // TargetRNC-ToSourceRNC-Container (TS 25.413 9.2.1.29 note).
  BitWriter w;
  w.bits(0x3FF, 10);
  return std::move(w).finish();
}

Bytes source_bss_to_target_bss_contents() {
  // MS RA capability value part (TS 24.008 10.5.5.12a, CSN.1), bit by bit:
  //   Access Technology Type 0001 (GSM E), Access capabilities struct: Length 9 bits of
  //   content = RF Power Capability 100 (class 4), A5 bits absent 0, ES IND 1, PS 0, VGCS 0,
  //   VBS 0, Multislot capability absent 0; then 0: no further access technology; spare bits.
  BitWriter w;
  w.bits(0x1, 4);
  w.bits(9, 7);
  w.bits(0x4, 3);
  w.bit(false);
  w.bit(true);
  w.bits(0, 3);
  w.bit(false);
  w.bit(false);
  const Bytes capability = std::move(w).finish();
  Bytes out;
  put_bssgp_ie(out, 0x13, capability);  // MS Radio Access Capability, 48.018 11.3.22
  return out;
}

Bytes target_bss_to_source_bss_contents() {
  Bytes out;
  // SI/PSI Container (48.018 11.3.95b): Number of SI/PSI 0, Type 0 (BCCH, TS 44.018).
  put_bssgp_ie(out, 0x76, Bytes{0x00});
  return out;
}

}  // namespace concur::s1ap
