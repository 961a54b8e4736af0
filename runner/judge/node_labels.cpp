#include "judge/node_labels.h"

namespace concur::judge {

NodeLabels::NodeLabels(std::vector<NodeLabel> given, std::string mme_label)
    : given_(std::move(given)), mme_label_(std::move(mme_label)) {
  for (const NodeLabel& n : given_) {
    if (n.label == mme_label_ && !mme_address_) mme_address_ = n.address;
  }
}

std::optional<std::string> NodeLabels::given(const capture::TransportAddress& a) const {
  // A label with a port is more specific than one without: look for it first.
  for (const NodeLabel& n : given_) {
    if (n.port && n.address == a.address && *n.port == a.port) return n.label;
  }
  for (const NodeLabel& n : given_) {
    if (!n.port && n.address == a.address) return n.label;
  }
  return std::nullopt;
}

NodeLabels::S1Ends NodeLabels::s1ap(const capture::TransportAddress& src, const capture::TransportAddress& dst,
                                    std::optional<bool> sent_by_mme) {
  // Which end is the MME, most reliable first: a given label, the message type, an end already
  // seen as the MME, the S1AP port (TS 36.412 7) when only one end uses it, and at last the
  // receiver of the first message (eNBs open S1 with S1 SETUP REQUEST).
  auto labelled_mme = [&](const capture::TransportAddress& a) -> std::optional<bool> {
    if (auto g = given(a)) return *g == mme_label_;
    return std::nullopt;
  };
  bool downlink = false;
  if (auto s = labelled_mme(src); s.has_value()) {
    downlink = *s;
  } else if (auto d = labelled_mme(dst); d.has_value()) {
    downlink = !*d;
  } else if (sent_by_mme) {
    downlink = *sent_by_mme;
  } else if (mme_ends_.count(src) || mme_ends_.count(dst)) {
    downlink = mme_ends_.count(src) > 0;
  } else if ((src.port == kS1apSctpPort) != (dst.port == kS1apSctpPort)) {
    downlink = src.port == kS1apSctpPort;
  } else {
    downlink = mme_address_ && src.address == *mme_address_;
  }
  const capture::TransportAddress& mme = downlink ? src : dst;
  const capture::TransportAddress& enb = downlink ? dst : src;
  if (!mme_address_) mme_address_ = mme.address;
  mme_ends_.insert(mme);
  std::string enb_label;
  if (auto g = given(enb)) {
    enb_label = *g;
  } else {
    auto [it, added] = enbs_.try_emplace(enb, "");
    if (added) it->second = "eNB" + std::to_string(enbs_.size());
    enb_label = it->second;
  }
  const std::string mme_label = given(mme).value_or(mme_label_);
  S1Ends ends;
  ends.from = downlink ? mme_label : enb_label;
  ends.to = downlink ? enb_label : mme_label;
  ends.association = enb_label;
  ends.downlink = downlink;
  return ends;
}

std::optional<std::string> NodeLabels::given_with_port(const capture::TransportAddress& a) const {
  for (const NodeLabel& n : given_) {
    if (n.port && n.address == a.address && *n.port == a.port) return n.label;
  }
  return std::nullopt;
}

std::string NodeLabels::same_address_peer(const capture::TransportAddress& a, bool s3) {
  auto it = same_address_peers_.find(a);
  if (it == same_address_peers_.end()) {
    it = same_address_peers_.emplace(a, "").first;
    it->second = s3 ? (sgsns_++ == 0 ? "SGSN" : "SGSN" + std::to_string(sgsns_))
                    : (peers_++ == 0 ? "MME-peer" : "MME-peer" + std::to_string(peers_));
  }
  return it->second;
}

std::string NodeLabels::gtp_label(const capture::TransportAddress& a, bool s3) {
  if (auto g = given(a)) return *g;
  if (mme_address_ && a.address == *mme_address_) return mme_label_;
  auto it = gtp_peers_.find(a.address);
  if (it == gtp_peers_.end()) {
    it = gtp_peers_.emplace(a.address, "").first;
    // One peer is "MME-peer"/"SGSN" as the profile guide names them; further ones are numbered.
    it->second = s3 ? (sgsns_++ == 0 ? "SGSN" : "SGSN" + std::to_string(sgsns_))
                    : (peers_++ == 0 ? "MME-peer" : "MME-peer" + std::to_string(peers_));
  }
  return it->second;
}

NodeLabels::GtpEnds NodeLabels::gtp(const capture::TransportAddress& src, const capture::TransportAddress& dst,
                                    bool s3) {
  GtpEnds ends;
  if (!mme_known() && !given(src) && !given(dst)) {
    ends.from = src.to_string();
    ends.to = dst.to_string();
    return ends;
  }
  ends.from = gtp_label(src, s3);
  ends.to = gtp_label(dst, s3);
  if (ends.from == mme_label_ && ends.to == mme_label_ && src.address == dst.address) {
    // Both ends on the MME's address (a loopback lab: `concur run`'s peer MME/SGSN beside the SUT):
    // the end given as the MME with its port is the MME, the other end is the peer, told by port.
    const bool src_is_mme = given_with_port(src) == mme_label_;
    const bool dst_is_mme = given_with_port(dst) == mme_label_;
    if (src_is_mme != dst_is_mme) (src_is_mme ? ends.to : ends.from) = same_address_peer(src_is_mme ? dst : src, s3);
  }
  ends.has_mme = ends.from == mme_label_ || ends.to == mme_label_;
  return ends;
}

}  // namespace concur::judge
