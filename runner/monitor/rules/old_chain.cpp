#include "monitor/rules/old_chain.h"

#include <algorithm>

#include "common/bytes.h"
#include "monitor/rules/rule_check.h"

namespace concur::monitor {
namespace {

// Uplink NAS COUNTs tried as the root of a chain restarted from the new KASME: a connection in a
// test or a short capture stays far below this, and the search runs only on a failing pair.
constexpr std::uint32_t kRestartCounts = 256;

std::string nh_text(const Key256& nh) { return to_hex(ByteView(nh.data(), nh.size()), 4); }

std::string pair_text(const NhNcc& p) { return "NCC " + std::to_string(p.ncc) + ", NH " + nh_text(p.nh); }

ChainJudgement with_keys(const NhNcc& sent, const ChainSides& s, const KeyDerivation& kdf, const std::string& what) {
  ChainJudgement j;
  j.without_keys = false;
  j.seen = what + ": " + pair_text(sent);
  const ChainAnchor& a = s.old_chain.anchor;
  const std::string old = "the old KASME (" + ksi_text(s.old_ksi) + ")";
  j.expected = "an NH a UE holding " + old + " derives from its chain (last NCC " + std::to_string(a.ncc) + ")";
  if (const auto pos = locate_on_chain(kdf, *s.old_kasme, a, sent.nh)) {
    if (pos->chain_ncc == sent.ncc) {
      j.on_old_chain = true;
      j.reason = "NH at NCC " + std::to_string(sent.ncc) + " derived from " + old + ", " +
                 std::to_string(pos->hops) + " A.4 step(s) from NCC " + std::to_string(a.ncc);
      return j;
    }
    j.reason = "NH derived from " + old + " but sent with NCC " + std::to_string(sent.ncc) +
               " where that chain gives NCC " + std::to_string(pos->chain_ncc) + ": the UE computes a different NH";
    return j;
  }
  // A wrong pair sent earlier moved the latest point off the chain; the UE still follows the
  // chain from its start, so look there too (bounded by the pairs sent since).
  const ChainAnchor& chain_start = s.old_chain.start;
  if (s.old_chain.pairs_sent > 0) {
    const unsigned reach = std::min(64u, 8u + 2u * s.old_chain.pairs_sent);
    if (const auto pos = locate_on_chain(kdf, *s.old_kasme, chain_start, sent.nh, reach); pos && pos->chain_ncc == sent.ncc) {
      j.on_old_chain = true;
      j.reason = "NH at NCC " + std::to_string(sent.ncc) + " derived from " + old + ", " + std::to_string(pos->hops) +
                 " A.4 step(s) from the start of the chain (NCC " + std::to_string(chain_start.ncc) + ")";
      return j;
    }
  }
  if (s.new_kasme) {
    // The usual mistake: the MME keeps iterating A.4 from the NH it holds, but with the new KASME.
    // Try every point of the old chain (hop 0 = the anchor) as the start of new-KASME steps.
    Key256 from = a.value;
    for (unsigned old_hops = 0; old_hops <= 8; ++old_hops) {
      if (old_hops > 0) from = kdf.nh(*s.old_kasme, from);
      if (locate_on_chain(kdf, *s.new_kasme, ChainAnchor{from, a.ncc, true}, sent.nh)) {
        j.reason = "NH at NCC " + std::to_string(sent.ncc) + " derived from the new KASME (" + ksi_text(s.new_ksi) +
                   "); the UE can only derive from " + old + " until the UE Context Modification";
        return j;
      }
    }
  }
  if (s.new_kasme && s.new_kenb) {
    // The other usual mistake: the MME restarts the AS chain from the new KASME as soon as NAS
    // uses it (NCC reset, the KeNB of the UCM it sent as step 0), before the UCM completed.
    if (const auto pos = locate_on_chain(kdf, *s.new_kasme, ChainAnchor{*s.new_kenb, 0, true}, sent.nh)) {
      j.reason = "NH at NCC " + std::to_string(sent.ncc) + " derived from the new KASME (" + ksi_text(s.new_ksi) +
                 "), " + std::to_string(pos->hops) +
                 " A.4 step(s) from the KeNB of the UE Context Modification in flight (a chain restarted before that "
                 "procedure completed); the UE can only derive from " + old + " until the UE Context Modification";
      return j;
    }
  }
  if (s.new_kasme) {
    // The same mistake with no UCM in flight to take the KeNB from (it failed, or none was sent):
    // the MME restarted the chain from a KeNB of the new KASME that no UCM took into use. Its
    // uplink NAS COUNT is not in the trace, so the small COUNTs a connection reaches are tried,
    // only here, to explain a fail (at most kRestartCounts x 9 KDFs).
    for (std::uint32_t count = 0; count < kRestartCounts; ++count) {
      const ChainAnchor restart{kdf.kenb(*s.new_kasme, count), 0, true};
      if (const auto pos = locate_on_chain(kdf, *s.new_kasme, restart, sent.nh); pos && pos->chain_ncc == sent.ncc) {
        j.reason = "NH at NCC " + std::to_string(sent.ncc) + " derived from the new KASME (" + ksi_text(s.new_ksi) + "), " +
                   std::to_string(pos->hops) + " A.4 step(s) from its KeNB of uplink NAS COUNT " + std::to_string(count) +
                   " (a chain restarted before a UE Context Modification took that KeNB into use); the UE can only "
                   "derive from " + old + " until the UE Context Modification";
        return j;
      }
    }
  }
  j.reason = "NH at NCC " + std::to_string(sent.ncc) + " is not on the chain of " + old +
             " within 8 steps of NCC " + std::to_string(a.ncc) + (s.new_kasme ? " nor on the new KASME's" : "") +
             ": the UE cannot derive it";
  return j;
}

ChainJudgement structural(const NhNcc& sent, const ChainSides& s, const std::string& what) {
  ChainJudgement j;
  j.without_keys = true;
  j.seen = what + ": " + pair_text(sent);
  const AsChain& c = s.old_chain;
  const unsigned step = ncc_step(c.anchor.ncc, sent.ncc);
  // After an initial KeNB (NCC 0) the MME holds NH1 at NCC 1 and may step once more before
  // sending (TS 33.401 7.2.8.4); after an NH was sent, every new pair is one step further.
  const unsigned max_step = c.nh_sent ? 1 : 2;
  const std::string from = "NCC " + std::to_string(c.anchor.ncc);
  j.expected = c.nh_sent ? "the same pair again or NCC " + std::to_string(ncc_after(c.anchor.ncc, 1)) +
                               " (one step along the old chain from " + from + ")"
                         : "NCC " + std::to_string(ncc_after(c.anchor.ncc, 1)) + " or " +
                               std::to_string(ncc_after(c.anchor.ncc, 2)) + " (along the old chain from " + from + ")";
  if (step == 0) {
    if (!c.anchor.is_kenb && c.anchor.value == sent.nh) {
      j.on_old_chain = true;
      j.reason = "the {NCC, NH} pair of the old chain, unchanged (" + pair_text(sent) + ") (without keys)";
    } else {
      j.reason = "NCC " + std::to_string(sent.ncc) + " did not advance from " + from +
                 " yet the NH changed: a restart of the NCC, the mark of a chain from the new KASME (without keys)";
    }
    return j;
  }
  if (step <= max_step) {
    j.on_old_chain = true;
    j.reason = "NCC steps from " + std::to_string(c.anchor.ncc) + " to " + std::to_string(sent.ncc) +
               " along the old chain (without keys: the NH value itself cannot be checked)";
    return j;
  }
  const bool restart = sent.ncc <= 2;  // a new chain starts at NCC 1 (NH1), 2 after one step
  j.reason = restart ? "NCC restarts at " + std::to_string(sent.ncc) + " instead of stepping on from " + from +
                           ": an NH from a new chain, not the old KASME's (without keys)"
                     : "NCC jumps from " + std::to_string(c.anchor.ncc) + " to " + std::to_string(sent.ncc) +
                           ": not a step along the old chain (without keys)";
  return j;
}

}  // namespace

ChainJudgement judge_old_chain(const NhNcc& sent, const ChainSides& sides, const KeyDerivation* kdf,
                               const std::string& what) {
  if (kdf && sides.old_kasme) return with_keys(sent, sides, *kdf, what);
  return structural(sent, sides, what);
}

}  // namespace concur::monitor
