// Node labels of a capture: which address is the MME, which the eNBs, which the S10 peer MME or
// the SGSN. Given labels (SUT profile) win; otherwise they are derived from what is seen: the
// S1AP end on port 36412 is "MME" (TS 36.412 7), eNBs are "eNB1", "eNB2", ... in order of
// appearance, a GTPv2-C node on the MME's address is "MME", another one "MME-peer" or "SGSN".
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "capture/captured_message.h"
#include "judge/judge.h"

namespace concur::judge {

inline constexpr std::uint16_t kS1apSctpPort = 36412;

class NodeLabels {
 public:
  explicit NodeLabels(std::vector<NodeLabel> given, std::string mme_label = "MME");

  struct S1Ends {
    std::string from;
    std::string to;
    std::string association;  ///< the eNB end's label
    bool downlink = false;    ///< sent by the MME
  };
  /// `sent_by_mme`: what the message type says about its sender, when it says anything.
  S1Ends s1ap(const capture::TransportAddress& src, const capture::TransportAddress& dst,
              std::optional<bool> sent_by_mme = std::nullopt);

  /// Labels of a GTPv2-C message's ends; `s3` says the message speaks of an SGSN. nullopt for an
  /// end that is neither given nor derivable.
  struct GtpEnds {
    std::string from;
    std::string to;
    bool has_mme = false;  ///< one end is the MME under test
  };
  GtpEnds gtp(const capture::TransportAddress& src, const capture::TransportAddress& dst, bool s3);
  /// Whether the MME's address is known (given, or seen on S1AP). Before that, GTPv2-C ends are
  /// not labelled (a peer label given too early could land on the MME itself).
  bool mme_known() const { return mme_address_.has_value(); }

 private:
  std::optional<std::string> given(const capture::TransportAddress& a) const;
  std::string gtp_label(const capture::TransportAddress& a, bool s3);
  std::optional<std::string> given_with_port(const capture::TransportAddress& a) const;
  /// A GTPv2-C peer on the MME's own address, labelled per address and port.
  std::string same_address_peer(const capture::TransportAddress& a, bool s3);

  std::vector<NodeLabel> given_;
  std::string mme_label_;
  std::map<capture::TransportAddress, std::string> enbs_;
  std::set<capture::TransportAddress> mme_ends_;  ///< S1AP ends seen sending or receiving as the MME
  std::optional<capture::IpAddress> mme_address_;
  std::map<capture::IpAddress, std::string> gtp_peers_;
  std::map<capture::TransportAddress, std::string> same_address_peers_;
  std::size_t peers_ = 0, sgsns_ = 0;
};

}  // namespace concur::judge
