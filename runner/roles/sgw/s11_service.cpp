#include "roles/sgw/s11_service.h"

#include "codec/gtpv2/mobility.h"

namespace concur::roles::sgw {

using namespace concur::gtpv2;

namespace {

std::optional<MessageType> reply_type_of(std::uint8_t request_type) {
  switch (static_cast<MessageType>(request_type)) {
    case MessageType::create_session_request:
      return MessageType::create_session_response;
    case MessageType::modify_bearer_request:
      return MessageType::modify_bearer_response;
    case MessageType::release_access_bearers_request:
      return MessageType::release_access_bearers_response;
    case MessageType::delete_session_request:
      return MessageType::delete_session_response;
    case MessageType::echo_request:
      return MessageType::echo_response;
    default:
      return std::nullopt;
  }
}

Cause accepted() {
  Cause c;
  c.value = cause::request_accepted;
  return c;
}

FTeid fteid(std::uint8_t interface, std::uint32_t teid, const Ipv4& address) {
  return FTeid{interface, teid, address, std::nullopt};
}

}  // namespace

S11Service::S11Service(SgwAddressing addressing, SgwCounters& counters)
    : addressing_(addressing), counters_(counters) {}

std::uint32_t S11Service::next_teid() {
  do ++teid_;
  while (teid_ == 0);
  return teid_;
}

Ipv4 S11Service::next_ue_address() {
  std::uint32_t a = (std::uint32_t{addressing_.ue_pool_first[0]} << 24) | (addressing_.ue_pool_first[1] << 16) |
                    (addressing_.ue_pool_first[2] << 8) | addressing_.ue_pool_first[3];
  a += ue_offset_++;
  return Ipv4{static_cast<std::uint8_t>(a >> 24), static_cast<std::uint8_t>(a >> 16), static_cast<std::uint8_t>(a >> 8),
              static_cast<std::uint8_t>(a)};
}

std::optional<GtpMessage> S11Service::answer(const GtpMessage& req) {
  switch (req.type()) {
    case MessageType::echo_request:
      ++counters_.echo;
      return make_message(MessageType::echo_response, 0, req.header.sequence,
                          {make_ie(Recovery{addressing_.restart_counter})});
    case MessageType::create_session_request:
      ++counters_.create_session;
      return create_session(req);
    case MessageType::modify_bearer_request:
      ++counters_.modify_bearer;
      return modify_bearer(req);
    case MessageType::release_access_bearers_request:
      ++counters_.release_access_bearers;
      return release_access_bearers(req);
    case MessageType::delete_session_request:
      ++counters_.delete_session;
      return delete_session(req);
    default:
      return std::nullopt;  // not an S11 request this SGW serves; GTPv2 has no "unsupported" reply
  }
}

std::optional<GtpMessage> S11Service::answer_undecodable(std::uint8_t type, std::uint32_t sequence) {
  const auto reply = reply_type_of(type);
  if (!reply || *reply == MessageType::echo_response) return std::nullopt;
  return reject(*reply, 0, sequence, cause::invalid_message_format);
}

GtpMessage S11Service::reject(MessageType reply_type, std::uint32_t teid, std::uint32_t sequence, std::uint8_t value) {
  ++(value == cause::context_not_found ? counters_.context_not_found : counters_.rejected);
  Cause c;
  c.value = value;
  return make_message(reply_type, teid, sequence, {make_ie(c)});
}

GtpMessage S11Service::create_session(const GtpMessage& req) {
  const std::uint32_t seq = req.header.sequence;
  const FTeid* mme = find<FTeid>(req.ies, 0);  // Sender F-TEID for Control Plane (Table 7.2.1-1)
  const auto bearer_groups = find_grouped(req.ies, ie_type::bearer_context, 0);
  if (!mme || bearer_groups.empty())
    return reject(MessageType::create_session_response, mme ? mme->teid : 0, seq, cause::mandatory_ie_missing);

  std::lock_guard lock(mutex_);
  SgwSession s;
  s.sgw_teid = next_teid();
  s.mme_teid = mme->teid;
  if (const Imsi* imsi = find<Imsi>(req.ies)) s.imsi = imsi->digits;
  s.ue_address = next_ue_address();

  std::vector<Ie> created;
  for (const Grouped* g : bearer_groups) {
    auto b = parse_bearer_context(*g);
    if (!b.ok()) return reject(MessageType::create_session_response, mme->teid, seq, cause::mandatory_ie_missing);
    SgwSession::Bearer bearer{next_teid(), std::nullopt};
    BearerContext out;
    out.ebi = b->ebi;
    out.cause = accepted();
    out.fteid_instance0 = fteid(interface_type::s1u_sgw, bearer.sgw_s1u_teid, addressing_.s1u_address);
    // S5/S8-U PGW F-TEID (instance 2, Table 7.2.2-2): this SGW plays the PGW too.
    out.fteid_instance2 = fteid(interface_type::s5s8_pgw_gtpu, bearer.sgw_s1u_teid, addressing_.s1u_address);
    out.qos = b->qos;
    created.push_back(make_bearer_context_ie(out, 0));
    s.bearers[b->ebi] = bearer;
  }

  Paa paa;
  paa.pdn_type = 1;  // IPv4
  paa.ipv4 = s.ue_address;
  std::vector<Ie> ies{
      make_ie(accepted()), make_ie(fteid(interface_type::s11s4_sgw, s.sgw_teid, addressing_.s11_address), 0),
      make_ie(fteid(interface_type::s5s8_pgw_gtpc, s.sgw_teid, addressing_.s11_address), 1), make_ie(paa)};
  if (const Ambr* ambr = find<Ambr>(req.ies)) ies.push_back(make_ie(*ambr));
  ies.insert(ies.end(), created.begin(), created.end());
  ies.push_back(make_ie(Recovery{addressing_.restart_counter}));
  const std::uint32_t mme_teid = s.mme_teid;
  sessions_[s.sgw_teid] = std::move(s);
  return make_message(MessageType::create_session_response, mme_teid, seq, std::move(ies));
}

GtpMessage S11Service::modify_bearer(const GtpMessage& req) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(req.header.teid.value_or(0));
  if (it == sessions_.end())
    return reject(MessageType::modify_bearer_response, 0, req.header.sequence, cause::context_not_found);
  SgwSession& s = it->second;
  std::vector<Ie> ies{make_ie(accepted())};
  for (const Grouped* g : find_grouped(req.ies, ie_type::bearer_context, 0)) {
    auto b = parse_bearer_context(*g);
    if (!b.ok() || !s.bearers.count(b->ebi))
      return reject(MessageType::modify_bearer_response, s.mme_teid, req.header.sequence, cause::context_not_found);
    SgwSession::Bearer& bearer = s.bearers[b->ebi];
    bearer.enb_s1u = b->fteid_instance0;  // S1-U eNodeB F-TEID (Table 7.2.7-2)
    BearerContext out;
    out.ebi = b->ebi;
    out.cause = accepted();
    out.fteid_instance0 = fteid(interface_type::s1u_sgw, bearer.sgw_s1u_teid, addressing_.s1u_address);
    ies.push_back(make_bearer_context_ie(out, 0));
  }
  return make_message(MessageType::modify_bearer_response, s.mme_teid, req.header.sequence, std::move(ies));
}

GtpMessage S11Service::release_access_bearers(const GtpMessage& req) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(req.header.teid.value_or(0));
  if (it == sessions_.end())
    return reject(MessageType::release_access_bearers_response, 0, req.header.sequence, cause::context_not_found);
  for (auto& [ebi, bearer] : it->second.bearers) bearer.enb_s1u.reset();
  return make_message(MessageType::release_access_bearers_response, it->second.mme_teid, req.header.sequence,
                      {make_ie(accepted()), make_ie(Recovery{addressing_.restart_counter})});
}

GtpMessage S11Service::delete_session(const GtpMessage& req) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(req.header.teid.value_or(0));
  if (it == sessions_.end())
    return reject(MessageType::delete_session_response, 0, req.header.sequence, cause::context_not_found);
  const std::uint32_t mme_teid = it->second.mme_teid;
  sessions_.erase(it);
  return make_message(MessageType::delete_session_response, mme_teid, req.header.sequence, {make_ie(accepted())});
}

std::size_t S11Service::session_count() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

std::optional<SgwSession> S11Service::session(std::uint32_t sgw_teid) const {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(sgw_teid);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

}  // namespace concur::roles::sgw
