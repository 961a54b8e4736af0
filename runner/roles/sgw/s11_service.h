// What the emulated SGW-C answers on S11 (TS 29.274 7.2): Create Session, Modify Bearer, Release
// Access Bearers, Delete Session and Echo. It plays SGW and PGW at once (the PGW side is never
// observed by the MME): one session per Create Session, a PDN address from a pool, S11 and S1-U
// F-TEIDs of its own. A request for a TEID it does not know gets cause 64 "Context Not Found".
// Pure logic over decoded messages; the socket loop is in emulated_sgw.h.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "codec/gtpv2/message.h"

namespace concur::roles::sgw {

/// TS 29.274 Table 8.4-1 cause values this SGW sends (names as Wireshark 4.0 shows them).
namespace cause {
inline constexpr std::uint8_t request_accepted = 16;
inline constexpr std::uint8_t context_not_found = 64;
inline constexpr std::uint8_t invalid_message_format = 65;
inline constexpr std::uint8_t mandatory_ie_missing = 70;
}  // namespace cause

struct SgwAddressing {
  gtpv2::Ipv4 s11_address{127, 0, 0, 1};    ///< our S11 GTP-C address in F-TEIDs
  gtpv2::Ipv4 s1u_address{127, 0, 0, 1};    ///< our S1-U GTP-U address in F-TEIDs
  gtpv2::Ipv4 ue_pool_first{10, 45, 0, 2};  ///< PDN addresses are handed out upwards from here
  std::uint8_t restart_counter = 1;
};

struct SgwCounters {
  std::atomic<std::uint32_t> create_session{0}, modify_bearer{0}, release_access_bearers{0}, delete_session{0}, echo{0},
      context_not_found{0}, rejected{0};
};

/// One PDN connection as the SGW keeps it.
struct SgwSession {
  std::uint32_t sgw_teid = 0;  ///< our S11 TEID (the MME puts it in the header)
  std::uint32_t mme_teid = 0;  ///< the MME's S11 TEID (we put it in the header)
  std::string imsi;
  gtpv2::Ipv4 ue_address{};
  struct Bearer {
    std::uint32_t sgw_s1u_teid = 0;
    std::optional<gtpv2::FTeid> enb_s1u;  ///< set by Modify Bearer, cleared by Release Access Bearers
  };
  std::map<std::uint8_t, Bearer> bearers;  ///< by EBI
};

class S11Service {
 public:
  S11Service(SgwAddressing addressing, SgwCounters& counters);

  /// The reply to a decoded request; nullopt for messages that need none.
  std::optional<gtpv2::GtpMessage> answer(const gtpv2::GtpMessage& request);
  /// The reply to a request of a known type whose IEs did not decode: cause 65, TEID 0.
  std::optional<gtpv2::GtpMessage> answer_undecodable(std::uint8_t type, std::uint32_t sequence);

  std::size_t session_count() const;
  std::optional<SgwSession> session(std::uint32_t sgw_teid) const;

 private:
  gtpv2::GtpMessage create_session(const gtpv2::GtpMessage& req);
  gtpv2::GtpMessage modify_bearer(const gtpv2::GtpMessage& req);
  gtpv2::GtpMessage release_access_bearers(const gtpv2::GtpMessage& req);
  gtpv2::GtpMessage delete_session(const gtpv2::GtpMessage& req);
  gtpv2::GtpMessage reject(gtpv2::MessageType reply_type, std::uint32_t teid, std::uint32_t sequence,
                           std::uint8_t cause_value);
  std::uint32_t next_teid();
  gtpv2::Ipv4 next_ue_address();

  SgwAddressing addressing_;
  SgwCounters& counters_;
  mutable std::mutex mutex_;
  std::map<std::uint32_t, SgwSession> sessions_;  ///< by our S11 TEID
  std::uint32_t teid_ = 0;
  std::uint32_t ue_offset_ = 0;
};

}  // namespace concur::roles::sgw
