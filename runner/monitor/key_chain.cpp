#include "monitor/key_chain.h"

namespace concur::monitor {

void KasmeTable::add(std::string imsi, Ksi eksi, const Key256& kasme) {
  auto [it, fresh] = table_.try_emplace({std::move(imsi), eksi}, Named{kasme, std::nullopt});
  if (fresh || it->second.latest == kasme) return;  // the same AKA seen again changes nothing
  it->second.replaced = it->second.latest;
  it->second.latest = kasme;
}

std::optional<Key256> KasmeTable::kasme(std::string_view imsi, Ksi eksi) const {
  const auto it = table_.find({std::string(imsi), eksi});
  if (it == table_.end()) return std::nullopt;
  return it->second.latest;
}

std::optional<Key256> KasmeTable::replaced_kasme(std::string_view imsi, Ksi eksi) const {
  const auto it = table_.find({std::string(imsi), eksi});
  if (it == table_.end()) return std::nullopt;
  return it->second.replaced;
}

std::optional<ChainPosition> locate_on_chain(const KeyDerivation& kdf, const Key256& kasme,
                                             const ChainAnchor& anchor, const Key256& nh,
                                             unsigned max_hops) {
  // Hop 0 is the anchor itself: an NH sent again. A KeNB is never an NH, so it starts at hop 1.
  if (!anchor.is_kenb && anchor.value == nh) return ChainPosition{0, anchor.ncc};
  Key256 cursor = anchor.value;
  for (unsigned hops = 1; hops <= max_hops; ++hops) {
    cursor = kdf.nh(kasme, cursor);
    if (cursor == nh) return ChainPosition{hops, ncc_after(anchor.ncc, hops)};
  }
  return std::nullopt;
}

}  // namespace concur::monitor
