// decode_sparse: the S1AP-PDU envelope and ProtocolIE-Container read in place (TS 36.413 9.3.2,
// 9.3.7, ALIGNED PER of X.691), and the few IE values it fills decoded by hand from their
// aligned-PER octets. Any doubt returns nullopt and leaves the PDU to decode_pdu().
#include "codec/s1ap/sparse.h"

#include <array>

#include "codec/s1ap/converters.h"
#include "s1ap_tables.h"

namespace concur::s1ap {
namespace {

using namespace ids;

/// Bits from a view, most significant first; every read is bounds-checked and a failed read
/// leaves `ok` false (no exceptions on this path: failure is an ordinary outcome here).
class Bits {
 public:
  explicit Bits(ByteView in) : in_(in) {}

  std::uint32_t take(unsigned n) {  // n <= 32
    if (8 * in_.size() - pos_ < n) return fail();
    std::uint32_t v = 0;
    for (unsigned i = 0; i < n; ++i, ++pos_) v = (v << 1) | ((in_[pos_ / 8] >> (7 - pos_ % 8)) & 1u);
    return v;
  }
  /// To the next octet boundary; the padding must be zero (a stricter reading than X.691's).
  void align() {
    if (pos_ % 8 != 0 && take(8 - pos_ % 8) != 0) ok = false;
  }
  ByteView octets(std::size_t n) {
    align();
    if (!ok || in_.size() - pos_ / 8 < n) {
      fail();
      return {};
    }
    const ByteView v = in_.subspan(pos_ / 8, n);
    pos_ += 8 * n;
    return v;
  }
  /// X.691 10.9.3.6/10.9.3.7 (aligned, unconstrained): one or two octets; fragments (11xxxxxx)
  /// are left to the full decoder.
  std::size_t length() {
    align();
    const std::uint32_t first = take(8);
    if ((first & 0x80) == 0) return first;
    if ((first & 0xc0) == 0x80) return ((first & 0x3f) << 8) | take(8);
    return fail();
  }
  /// All input consumed (after the padding of the last octet).
  bool at_end() {
    align();
    return ok && pos_ == 8 * in_.size();
  }
  std::size_t octet_position() const { return pos_ / 8; }

  bool ok = true;

 private:
  std::uint32_t fail() {
    ok = false;
    pos_ = 8 * in_.size();
    return 0;
  }
  ByteView in_;
  std::size_t pos_ = 0;
};

// ---- IE values -------------------------------------------------------------------------------

/// INTEGER (0..ub) with ub + 1 > 64K (X.691 10.5.7.4, aligned): the octet count minus one as a
/// constrained whole number of `len_bits` bits, then the octets, octet-aligned.
std::optional<std::uint32_t> large_integer(Bits& b, unsigned len_bits, unsigned max_octets) {
  const std::uint32_t n = b.take(len_bits) + 1;
  if (n > max_octets) return std::nullopt;
  const ByteView v = b.octets(n);
  if (!b.ok) return std::nullopt;
  std::uint32_t out = 0;
  for (std::uint8_t o : v) out = (out << 8) | o;
  return out;
}
/// MME-UE-S1AP-ID ::= INTEGER (0..4294967295): 2-bit octet count.
std::optional<std::uint32_t> mme_id_in(Bits& b) { return large_integer(b, 2, 4); }
/// ENB-UE-S1AP-ID ::= INTEGER (0..16777215): 2-bit octet count, at most 3 octets.
std::optional<std::uint32_t> enb_id_in(Bits& b) { return large_integer(b, 2, 3); }

template <class F>
auto whole(ByteView value, F&& read) -> decltype(read(std::declval<Bits&>())) {
  Bits b(value);
  auto v = read(b);
  if (!v || !b.at_end()) return std::nullopt;
  return v;
}

/// NAS-PDU ::= OCTET STRING (no size constraint): length determinant and octets.
std::optional<ByteView> octet_string_in(Bits& b) {
  const std::size_t n = b.length();
  const ByteView v = b.octets(n);
  if (!b.ok) return std::nullopt;
  return v;
}

/// SecurityKey ::= BIT STRING (SIZE(256)): fixed size, no length, octet-aligned (X.691 16.10).
std::optional<Key256> key_in(Bits& b) {
  const ByteView v = b.octets(32);
  if (!b.ok) return std::nullopt;
  Key256 k{};
  std::copy(v.begin(), v.end(), k.begin());
  return k;
}

/// TAI ::= SEQUENCE { pLMNidentity OCTET STRING (SIZE(3)), tAC OCTET STRING (SIZE(2)),
/// iE-Extensions OPTIONAL, ... }: extension bit, presence bit, then 3 octets aligned (over two
/// octets, X.691 17.8) and 2 octets (not aligned by themselves, but they follow whole octets).
std::optional<Tai> tai_in(Bits& b) {
  if (b.take(1) != 0 || b.take(1) != 0) return std::nullopt;  // extensions: full decoder
  const ByteView plmn = b.octets(3);
  const std::uint32_t tac = b.take(16);
  if (!b.ok) return std::nullopt;
  return Tai{{plmn[0], plmn[1], plmn[2]}, static_cast<std::uint16_t>(tac)};
}

/// SecurityContext ::= SEQUENCE { nextHopChainingCount INTEGER (0..7), nextHopParameter
/// SecurityKey, iE-Extensions OPTIONAL, ... }: extension and presence bits, 3 bits of NCC, the key.
std::optional<SecurityContext> security_context_in(Bits& b) {
  if (b.take(1) != 0 || b.take(1) != 0) return std::nullopt;
  const auto ncc = static_cast<std::uint8_t>(b.take(3));
  const auto key = key_in(b);
  if (!key) return std::nullopt;
  return SecurityContext{ncc, *key};
}

/// HandoverType ::= ENUMERATED { intralte, ltetoutran, ltetogeran, utrantolte, gerantolte, ...,
/// eps-to-5gs, fivegs-to-eps }: extension bit and 3 bits; the extension values are left to the
/// full decoder.
std::optional<HandoverType> handover_type_in(Bits& b) {
  if (b.take(1) != 0) return std::nullopt;
  const std::uint32_t v = b.take(3);
  if (!b.ok || v > 4) return std::nullopt;
  return static_cast<HandoverType>(v);
}

/// TargetID ::= CHOICE { targeteNB-ID TargeteNB-ID, targetRNC-ID, cGI, ..., targetgNB-ID, ... }:
/// only the eNB target (TargeteNB-ID ::= SEQUENCE { global-ENB-ID, selected-TAI, iE-Extensions
/// OPTIONAL, ... }); the others are left to the full decoder.
std::optional<TargetEnb> target_enb_in(Bits& b) {
  if (b.take(1) != 0 || b.take(2) != 0) return std::nullopt;
  if (b.take(1) != 0 || b.take(1) != 0) return std::nullopt;  // TargeteNB-ID extensions
  // Global-ENB-ID ::= SEQUENCE { pLMNidentity, eNB-ID ENB-ID, iE-Extensions OPTIONAL, ... }
  if (b.take(1) != 0 || b.take(1) != 0) return std::nullopt;
  const ByteView plmn = b.octets(3);
  // ENB-ID ::= CHOICE { macroENB-ID BIT STRING (SIZE(20)), homeENB-ID BIT STRING (SIZE(28)), ...,
  // short-macroENB-ID, long-macroENB-ID }: fixed sizes above 16 bits are octet-aligned (X.691 16.10).
  if (b.take(1) != 0) return std::nullopt;
  const bool home = b.take(1) != 0;
  b.align();
  const std::uint32_t id = b.take(home ? 28 : 20);
  const auto tai = tai_in(b);
  if (!tai || !b.ok) return std::nullopt;
  TargetEnb t;
  t.global_enb_id = GlobalEnbId{{plmn[0], plmn[1], plmn[2]}, home ? EnbIdKind::home : EnbIdKind::macro, id};
  t.selected_tai = *tai;
  return t;
}

/// UE-S1AP-IDs ::= CHOICE { uE-S1AP-ID-pair SEQUENCE { mME-UE-S1AP-ID, eNB-UE-S1AP-ID,
/// iE-Extensions OPTIONAL, ... }, mME-UE-S1AP-ID, ... }.
struct UeIdPair {
  std::uint32_t mme = 0;
  std::optional<std::uint32_t> enb;
};
std::optional<UeIdPair> ue_s1ap_ids_in(Bits& b) {
  if (b.take(1) != 0) return std::nullopt;  // an extension alternative
  UeIdPair out;
  if (b.take(1) == 0) {
    if (b.take(1) != 0 || b.take(1) != 0) return std::nullopt;  // extensions of the pair
    const auto mme = mme_id_in(b);
    const auto enb = mme ? enb_id_in(b) : std::nullopt;
    if (!enb) return std::nullopt;
    out.mme = *mme;
    out.enb = *enb;
  } else {
    const auto mme = mme_id_in(b);
    if (!mme) return std::nullopt;
    out.mme = *mme;
  }
  if (!b.ok) return std::nullopt;
  return out;
}

// ---- the envelope and the container ------------------------------------------------------------

struct ScannedIe {
  std::uint16_t id;
  ByteView value;
};
/// More than any S1AP message has (HandoverRequest: 25 in the table).
constexpr std::size_t kMaxIes = 48;

struct Scan {
  PduType type = PduType::initiating;
  std::uint8_t code = 0;
  Criticality criticality = Criticality::reject;
  std::array<ScannedIe, kMaxIes> ies;
  std::size_t count = 0;

  const ScannedIe* find(std::uint16_t id) const {
    for (std::size_t i = 0; i < count; ++i)
      if (ies[i].id == id) return &ies[i];
    return nullptr;
  }
};

/// The IE table of a message, or nullptr when S1AP defines no such message. Looked up once per
/// (procedure code, PDU type): find_container searches the tables linearly, which showed in the
/// profile at one lookup per PDU.
const asn::ContainerSpec* message_ies(std::uint8_t code, PduType type) {
  static const auto tables = [] {
    std::array<std::array<const asn::ContainerSpec*, 3>, 256> t{};
    for (unsigned c = 0; c < 256; ++c) {
      const asn::ProcedureSpec* p = asn::find_procedure(static_cast<std::uint8_t>(c));
      if (p == nullptr) continue;
      const asn_TYPE_descriptor_s* tds[3] = {p->initiating, p->successful, p->unsuccessful};
      for (int k = 0; k < 3; ++k)
        if (tds[k] != nullptr) t[c][k] = asn::find_container(*tds[k], asn::ContainerKind::protocol_ies);
    }
    return t;
  }();
  return tables[code][static_cast<std::size_t>(type)];
}

/// The checks decode_raw_pdu makes: a known procedure and message, no IE twice, every mandatory
/// IE present (TS 36.413 10.3.4/10.3.5).
bool scan(ByteView pdu, Scan& s) {
  Bits b(pdu);
  // S1AP-PDU ::= CHOICE { initiatingMessage, successfulOutcome, unsuccessfulOutcome, ... }
  if (b.take(1) != 0) return false;
  const std::uint32_t alternative = b.take(2);
  if (alternative > 2) return false;
  s.type = static_cast<PduType>(alternative);
  // SEQUENCE { procedureCode INTEGER (0..255), criticality ENUMERATED {reject, ignore, notify},
  // value open type }: no extension marker, no optional component.
  b.align();
  s.code = static_cast<std::uint8_t>(b.take(8));
  const std::uint32_t crit = b.take(2);
  if (crit > 2) return false;
  s.criticality = static_cast<Criticality>(crit);
  const ByteView message = b.octets(b.length());
  if (!b.at_end() || message.empty()) return false;

  const asn::ContainerSpec* spec = message_ies(s.code, s.type);
  if (spec == nullptr) return false;

  // Message ::= SEQUENCE { protocolIEs ProtocolIE-Container, ... }; the container is
  // SEQUENCE (SIZE (0..maxProtocolIEs)) OF ProtocolIE-Field: a 16-bit count, aligned.
  Bits m(message);
  if (m.take(1) != 0) return false;
  m.align();
  const std::size_t count = m.take(16);
  if (!m.ok || count > kMaxIes) return false;
  s.count = 0;
  for (std::size_t i = 0; i < count; ++i) {
    // ProtocolIE-Field ::= SEQUENCE { id (0..65535), criticality, value open type }
    const auto id = static_cast<std::uint16_t>(m.take(16));
    if (m.take(2) > 2) return false;
    const ByteView value = m.octets(m.length());
    if (!m.ok || value.empty()) return false;
    if (s.find(id) != nullptr) return false;
    s.ies[s.count++] = {id, value};
  }
  if (!m.at_end()) return false;
  for (const asn::IeSpec& ie : spec->ies)
    if (ie.presence == asn::Presence::mandatory && s.find(ie.id) == nullptr) return false;
  return true;
}

// ---- the messages ----------------------------------------------------------------------------

/// Reads into `m` the fields it has of: MME and eNB UE S1AP ids, NAS-PDU, TAI, SecurityKey
/// (HANDOVER REQUIRED / REQUEST and UE CONTEXT RELEASE COMMAND read more, below).
/// False when one of them is malformed. Presence of mandatory IEs was checked by scan().
template <class M>
bool fill(const Scan& s, M& m) {
  auto read_u32 = [&](std::uint16_t id, auto reader, auto& field) {
    const ScannedIe* ie = s.find(id);
    if (ie == nullptr) return true;
    const auto v = whole(ie->value, reader);
    if (!v) return false;
    field = *v;
    return true;
  };
  bool ok = true;
  if constexpr (requires { m.mme_ue_s1ap_id; }) ok = ok && read_u32(id_MME_UE_S1AP_ID, mme_id_in, m.mme_ue_s1ap_id);
  if constexpr (requires { m.enb_ue_s1ap_id; }) ok = ok && read_u32(id_eNB_UE_S1AP_ID, enb_id_in, m.enb_ue_s1ap_id);
  if constexpr (requires { m.nas_pdu; }) {
    if (const ScannedIe* ie = s.find(id_NAS_PDU)) {
      const auto v = whole(ie->value, octet_string_in);
      if (!v) return false;
      m.nas_pdu = Bytes(v->begin(), v->end());
    }
  }
  if constexpr (requires { m.tai; }) {
    if (const ScannedIe* ie = s.find(id_TAI)) {
      const auto v = whole(ie->value, tai_in);
      if (!v) return false;
      m.tai = *v;
    }
  }
  if constexpr (requires { m.security_key; }) {
    if (const ScannedIe* ie = s.find(id_SecurityKey)) {
      const auto v = whole(ie->value, key_in);
      if (!v) return false;
      m.security_key = *v;
    }
  }
  return ok;
}

bool fill(const Scan& s, UeContextReleaseCommand& m) {
  const ScannedIe* ie = s.find(id_UE_S1AP_IDs);
  if (ie == nullptr) return false;
  const auto ids = whole(ie->value, ue_s1ap_ids_in);
  if (!ids) return false;
  m.mme_ue_s1ap_id = ids->mme;
  m.enb_ue_s1ap_id = ids->enb;
  return true;
}

/// HANDOVER REQUIRED: ids, type and an eNB target (rule 6 reads the selected TAI); the type
/// must agree with the target the way the full decoder sees them, so only intra-LTE is read here.
bool fill(const Scan& s, HandoverRequired& m) {
  if (!fill<HandoverRequired>(s, m)) return false;
  const ScannedIe* type = s.find(id_HandoverType);
  const ScannedIe* target = s.find(id_TargetID);
  if (type == nullptr || target == nullptr) return false;
  const auto t = whole(type->value, handover_type_in);
  if (!t || *t != HandoverType::intralte) return false;
  const auto enb = whole(target->value, target_enb_in);
  if (!enb) return false;
  m.handover_type = *t;
  m.target_id = *enb;
  return true;
}

/// HANDOVER REQUEST: the MME id, the type and the {NCC, NH} of rules 3 and 9.
bool fill(const Scan& s, HandoverRequest& m) {
  if (!fill<HandoverRequest>(s, m)) return false;
  const ScannedIe* type = s.find(id_HandoverType);
  const ScannedIe* sc = s.find(id_SecurityContext);
  if (type == nullptr || sc == nullptr) return false;
  const auto t = whole(type->value, handover_type_in);
  const auto c = whole(sc->value, security_context_in);
  if (!t || !c) return false;
  m.handover_type = *t;
  m.security_context = *c;
  return true;
}

template <class M>
std::optional<S1apMessage> sparse(const Scan& s) {
  M m;
  if (!fill(s, m)) return std::nullopt;
  return S1apMessage(std::move(m));
}

using Sparse = std::optional<S1apMessage> (*)(const Scan&);

template <class... M>
Sparse find_sparse(std::uint8_t code, PduType type) {
  Sparse found = nullptr;
  ((detail::MessageKind<M>::code == code && detail::MessageKind<M>::type == type ? (found = &sparse<M>) : nullptr),
   ...);
  return found;
}

/// The modelled messages whose fields a UE-following reader uses are those fill() reads (not
/// Cause, E-RAB lists of tunnels, ECGI, containers, ...).
Sparse sparse_for(std::uint8_t code, PduType type) {
  return find_sparse<InitialUeMessage,
                     DownlinkNasTransport, UplinkNasTransport, InitialContextSetupResponse, InitialContextSetupFailure,
                     UeContextModificationRequest, UeContextModificationResponse, UeContextModificationFailure,
                     UeContextReleaseRequest, UeContextReleaseCommand, UeContextReleaseComplete, HandoverCommand,
                     HandoverPreparationFailure, HandoverRequestAcknowledge, HandoverFailure, HandoverNotify,
                     HandoverCancel, HandoverCancelAcknowledge, EnbStatusTransfer, MmeStatusTransfer,
                     PathSwitchRequestFailure, HandoverRequired, HandoverRequest>(code, type);
}

/// Modelled messages with fields fill() does not read that a UE-following reader needs.
template <class... M>
bool modelled_in(std::uint8_t code, PduType type) {
  return ((detail::MessageKind<M>::code == code && detail::MessageKind<M>::type == type) || ...);
}
bool left_to_full_decoder(std::uint8_t code, PduType type) {
  // S1 SETUP, RESET and ERROR INDICATION are rare and say which end is the MME (node labels):
  // the full decoder checks all of their IEs before that is believed.
  return modelled_in<InitialContextSetupRequest, PathSwitchRequest, PathSwitchRequestAcknowledge, S1SetupRequest, S1SetupResponse, S1SetupFailure, Reset,
                     ErrorIndication>(code, type);
}

}  // namespace

std::optional<S1apMessage> decode_sparse(ByteView pdu) {
  Scan s;
  if (!scan(pdu, s)) return std::nullopt;
  if (left_to_full_decoder(s.code, s.type)) return std::nullopt;
  if (Sparse f = sparse_for(s.code, s.type)) return f(s);
  // A procedure the codec does not model: decode_pdu gives its IEs raw, which such a reader does
  // not look at.
  RawPdu raw;
  raw.pdu_type = s.type;
  raw.procedure_code = s.code;
  raw.criticality = s.criticality;
  return S1apMessage(std::move(raw));
}

}  // namespace concur::s1ap
