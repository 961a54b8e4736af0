#include "rrc_container.h"

namespace concur::reference::enb {
namespace {

/// Unaligned PER writer: bits MSB first, the last octet padded with zeros (X.691 10.1).
class UperWriter {
 public:
  void bits(std::uint32_t value, unsigned count) {
    for (unsigned i = count; i-- > 0;) bit((value >> i) & 1u);
  }
  void bit(bool b) {
    if (used_ % 8 == 0) out_.push_back(0);
    if (b) out_.back() |= static_cast<std::uint8_t>(0x80u >> (used_ % 8));
    ++used_;
  }
  /// OCTET STRING without a size constraint, under 128 octets: 8-bit length then the octets.
  void octet_string(const Bytes& b) {
    bits(static_cast<std::uint32_t>(b.size()), 8);
    for (auto o : b) bits(o, 8);
  }
  Bytes finish() { return std::move(out_); }

 private:
  Bytes out_;
  std::size_t used_ = 0;
};

}  // namespace

Bytes rrc_handover_preparation_information() {
  UperWriter w;
  w.bits(0, 1);  // criticalExtensions: c1
  w.bits(0, 3);  // c1: handoverPreparationInformation-r8 (of 8)
  w.bits(0, 4);  // r8-IEs presence: as-Config, rrm-Config, as-Context, nonCriticalExtension absent
  w.bits(0, 4);  // ue-RadioAccessCapabilityInfo: SEQUENCE (SIZE (0..8)) OF, 0 items
  return w.finish();
}

Bytes rrc_handover_command(std::uint8_t rrc_transaction_id, std::uint8_t next_hop_chaining_count, bool key_change_indicator) {
  UperWriter dcch;  // DL-DCCH-Message
  dcch.bits(0, 1);  // message: c1
  dcch.bits(4, 4);  // c1: rrcConnectionReconfiguration (5th of 16)
  dcch.bits(rrc_transaction_id & 3u, 2);
  dcch.bits(0, 1);  // criticalExtensions: c1
  dcch.bits(0, 3);  // c1: rrcConnectionReconfiguration-r8 (of 8)
  // presence: measConfig, mobilityControlInfo, dedicatedInfoNASList, radioResourceConfigDedicated,
  // securityConfigHO (present), nonCriticalExtension
  dcch.bits(0b000010, 6);
  dcch.bits(0, 1);  // SecurityConfigHO extension bit
  dcch.bits(0, 1);  // handoverType: intraLTE
  dcch.bits(0, 1);  // securityAlgorithmConfig absent: the algorithms stay
  dcch.bit(key_change_indicator);
  dcch.bits(next_hop_chaining_count & 7u, 3);

  UperWriter w;  // HandoverCommand
  w.bits(0, 1);  // criticalExtensions: c1
  w.bits(0, 3);  // c1: handoverCommand-r8 (of 8)
  w.bits(0, 1);  // nonCriticalExtension absent
  w.octet_string(dcch.finish());
  return w.finish();
}

}  // namespace concur::reference::enb
