#include "security/key_chain.h"

#include <stdexcept>

namespace concur::security {

KasmeChain::KasmeChain(std::uint8_t eksi, const Key256& kasme, std::uint32_t kenb_uplink_nas_count)
    : eksi_(eksi), kasme_(kasme), ul_count_(kenb_uplink_nas_count) {
  steps_.push_back(derive_kenb(kasme_, ul_count_));
}

KasmeChain::KasmeChain(std::uint8_t eksi, const Key256& kasme, unsigned first_step, const Key256& nh_at_first_step)
    : eksi_(eksi), kasme_(kasme), ul_count_(0), first_step_(first_step) {
  steps_.push_back(nh_at_first_step);
}

const Key256& KasmeChain::kenb() const {
  if (first_step_ != 0) throw std::logic_error("the KeNB of a chain received at a later step is unknown");
  return steps_.front();
}

const Key256& KasmeChain::at_step(unsigned step) const {
  if (step < first_step_) throw std::out_of_range("chain step " + std::to_string(step) + " lies before the received step");
  step -= first_step_;
  while (steps_.size() <= step) {
    Key256 next = derive_nh(kasme_, steps_.back());  // SYNC-input: KeNB first, then the previous NH
    steps_.push_back(next);
  }
  return steps_[step];
}

std::string_view name(KasmeRole r) {
  switch (r) {
    case KasmeRole::current_kasme: return "current";
    case KasmeRole::old_kasme: return "old";
    case KasmeRole::new_kasme: return "new";
  }
  return "?";
}

namespace {

std::string kasme_words(const KnownKasme& k) {
  return "the " + std::string(name(k.role)) + " KASME (eKSI " + std::to_string(k.eksi) + ")";
}

std::string step_words(unsigned step) {
  return step == 0 ? std::string("the KeNB (NCC 0)") : "NH at NCC " + std::to_string(ncc_of_step(step)) +
                                                            " (step " + std::to_string(step) + ")";
}

}  // namespace

NhAttribution attribute_nh(std::uint8_t ncc, const Key256& nh, const std::vector<KnownKasme>& known,
                           unsigned max_steps) {
  NhAttribution a;
  a.ncc_received = ncc;

  // 1. NH lies on the chain of one KASME.
  for (const KnownKasme& k : known) {
    if (!k.chain) continue;
    for (unsigned s = k.chain->first_step(); s <= max_steps; ++s) {
      if (!(k.chain->at_step(s) == nh)) continue;
      a.role = k.role;
      a.eksi = k.eksi;
      a.step = s;
      if (ncc_of_step(s) == ncc) {
        a.kind = NhAttribution::Kind::on_chain;
        a.explanation = (s == 0 ? "NH equals the KeNB (NCC 0) of " : "NH at NCC " + std::to_string(ncc) +
                                                                         " derived from ") +
                        kasme_words(k) + ", step " + std::to_string(s) + " of its chain";
      } else {
        a.kind = NhAttribution::Kind::ncc_mismatch;
        a.explanation = "NH sent with NCC " + std::to_string(ncc) + " is step " + std::to_string(s) +
                        " of the chain of " + kasme_words(k) + ", which belongs with NCC " +
                        std::to_string(ncc_of_step(s));
      }
      return a;
    }
  }

  // 2. NH was derived with one KASME over a SYNC-input from another KASME's chain: what an MME
  //    does when it switches the KDF key to the new KASME without a new KeNB (rule 3 broken).
  for (const KnownKasme& key : known) {
    for (const KnownKasme& sync : known) {
      if (&key == &sync || !sync.chain) continue;
      for (unsigned s = sync.chain->first_step() + 1; s <= max_steps; ++s) {
        if (!(derive_nh(key.kasme, sync.chain->at_step(s - 1)) == nh)) continue;
        a.kind = NhAttribution::Kind::cross_derivation;
        a.role = key.role;
        a.eksi = key.eksi;
        a.step = s;
        a.sync_chain_role = sync.role;
        a.explanation = "NH at NCC " + std::to_string(ncc) + " derived from " + kasme_words(key) + " over " +
                        step_words(s - 1) + " of the chain of " + kasme_words(sync);
        return a;
      }
    }
  }

  // 3. NH lies on a chain the MME restarted from a KASME NAS took into use but AS did not: from a
  //    KeNB of it before a UE Context Modification took that KeNB into use (rule 3 broken: the
  //    UCM still in flight, failed, or never sent). Its uplink COUNT is tried over the small
  //    values a connection reaches.
  constexpr std::uint32_t kRestartCounts = 256;
  constexpr unsigned kRestartSteps = 8;
  for (const KnownKasme& k : known) {
    if (k.chain) continue;
    for (std::uint32_t count = 0; count < kRestartCounts; ++count) {
      const KasmeChain restarted(k.eksi, k.kasme, count);
      for (unsigned s = 1; s <= kRestartSteps; ++s) {
        if (ncc_of_step(s) != ncc || !(restarted.at_step(s) == nh)) continue;
        a.kind = NhAttribution::Kind::restarted_chain;
        a.role = k.role;
        a.eksi = k.eksi;
        a.step = s;
        a.kenb_uplink_count = count;
        a.explanation = "NH at NCC " + std::to_string(ncc) + " derived from " + kasme_words(k) + ", step " +
                        std::to_string(s) + " of a chain restarted from its KeNB of uplink NAS COUNT " +
                        std::to_string(count) + " before a UE Context Modification took that KeNB into use";
        return a;
      }
    }
  }

  a.kind = NhAttribution::Kind::unknown;
  a.explanation = "NH (sent with NCC " + std::to_string(ncc) + ") matches no derivation from the " +
                  std::to_string(known.size()) + " known KASME(s) within " + std::to_string(max_steps) + " steps";
  return a;
}

std::optional<KenbAttribution> attribute_kenb(const Key256& kenb, const std::vector<KnownKasme>& known,
                                              std::uint32_t uplink_count_from, std::uint32_t uplink_count_to) {
  if (uplink_count_to < uplink_count_from || uplink_count_to - uplink_count_from > 0xFFFF)
    throw std::invalid_argument("uplink NAS COUNT range must be ordered and at most 65536 values");
  for (const KnownKasme& k : known) {
    for (std::uint32_t c = uplink_count_from;; ++c) {
      if (derive_kenb(k.kasme, c) == kenb)
        return KenbAttribution{k.role, k.eksi, c,
                               "KeNB derived from " + kasme_words(k) + " with uplink NAS COUNT " + std::to_string(c)};
      if (c == uplink_count_to) break;
    }
  }
  return std::nullopt;
}

const Key256& NetworkKeyState::initial_context_setup(std::uint8_t eksi, const Key256& kasme,
                                                     std::uint32_t uplink_nas_count) {
  as_chain_.emplace(eksi, kasme, uplink_nas_count);
  step_ = 1;  // 7.2.8.1.1: the NH derived at setup belongs to NCC 1; the eNB starts at NCC 0
  pending_.reset();
  previous_.reset();
  return as_chain_->kenb();
}

void NetworkKeyState::handed_over(std::uint8_t eksi, const Key256& kasme, std::uint8_t ncc, const Key256& nh) {
  as_chain_.emplace(eksi, kasme, ncc, nh);  // step = NCC: the 3-bit count is all that travels
  step_ = ncc;
  pending_.reset();
  previous_.reset();
}

const KasmeChain& NetworkKeyState::as_chain() const {
  if (!as_chain_) throw std::logic_error("no AS security context: initial_context_setup() first");
  return *as_chain_;
}

NhNcc NetworkKeyState::next_hop() {
  const KasmeChain& c = as_chain();
  ++step_;
  return NhNcc{ncc_of_step(step_), c.at_step(step_)};
}

void NetworkKeyState::new_kasme_in_nas(std::uint8_t eksi, const Key256& kasme) {
  pending_ = KnownKasme{KasmeRole::new_kasme, eksi, kasme, std::nullopt};
  previous_.reset();  // a chain two re-authentications old explains nothing any more
}

const Key256& NetworkKeyState::ue_context_modification(std::uint32_t uplink_nas_count) {
  if (!pending_) throw std::logic_error("UE Context Modification with a new KeNB needs a new KASME first");
  previous_ = as_chain_;
  as_chain_.emplace(pending_->eksi, pending_->kasme, uplink_nas_count);
  step_ = 1;
  pending_.reset();
  return as_chain_->kenb();
}

void NetworkKeyState::connection_released() {
  as_chain_.reset();
  step_ = 0;
  pending_.reset();
  previous_.reset();
}

std::vector<KnownKasme> NetworkKeyState::known_kasmes() const {
  std::vector<KnownKasme> k;
  if (as_chain_) {
    const KasmeRole role = pending_ ? KasmeRole::old_kasme : previous_ ? KasmeRole::new_kasme : KasmeRole::current_kasme;
    k.push_back(KnownKasme{role, as_chain_->eksi(), as_chain_->kasme(), *as_chain_});
  }
  if (pending_) k.push_back(*pending_);
  if (previous_) k.push_back(KnownKasme{KasmeRole::old_kasme, previous_->eksi(), previous_->kasme(), *previous_});
  return k;
}

const Key256& UeKeyState::initial_as_security(std::uint8_t eksi, const Key256& kasme, std::uint32_t uplink_nas_count) {
  as_chain_.emplace(eksi, kasme, uplink_nas_count);
  step_ = 0;
  kenb_ = as_chain_->kenb();
  nas_eksi_ = eksi;
  pending_.reset();
  return *kenb_;
}

void UeKeyState::new_kasme_in_nas(std::uint8_t eksi, const Key256& kasme) {
  pending_.emplace(eksi, kasme);
  nas_eksi_ = eksi;
}

const Key256& UeKeyState::handover(std::uint8_t ncc, std::uint16_t target_pci, std::uint32_t target_earfcn_dl) {
  if (!as_chain_ || !kenb_) throw std::logic_error("handover without AS security");
  if (ncc > 7) throw std::invalid_argument("NCC is a 3-bit value");
  if (ncc == ncc_of_step(step_)) {
    kenb_ = derive_kenb_star(*kenb_, target_pci, target_earfcn_dl);  // horizontal
  } else {
    do ++step_;
    while (ncc_of_step(step_) != ncc);
    kenb_ = derive_kenb_star(as_chain_->at_step(step_), target_pci, target_earfcn_dl);  // vertical
  }
  return *kenb_;
}

const Key256& UeKeyState::take_new_kasme_into_use(std::uint32_t uplink_nas_count) {
  if (!pending_) throw std::logic_error("no new KASME to take into use");
  as_chain_.emplace(pending_->first, pending_->second, uplink_nas_count);
  step_ = 0;
  kenb_ = as_chain_->kenb();
  pending_.reset();
  return *kenb_;
}

const Key256& UeKeyState::kenb() const {
  if (!kenb_) throw std::logic_error("no AS security");
  return *kenb_;
}

std::uint8_t UeKeyState::as_eksi() const {
  if (!as_chain_) throw std::logic_error("no AS security");
  return as_chain_->eksi();
}

}  // namespace concur::security
