#include "codec/nas/ies.h"

#include <cstdio>

namespace concur::nas {

namespace {

char digit_char(std::uint8_t d) { return static_cast<char>('0' + d); }

std::uint8_t digit_value(char c) {
  if (c < '0' || c > '9') throw std::invalid_argument(std::string("not a decimal digit: ") + c);
  return static_cast<std::uint8_t>(c - '0');
}

// TBCD identity (TS 24.008 §10.5.1.4): octet 1 = digit1 | odd/even | type; then digit pairs,
// low nibble first; an even count ends with the filler nibble 1111 in the last high nibble.
std::string read_tbcd_identity(ByteReader& r, std::uint8_t first_octet, std::size_t first_offset,
                               std::uint8_t& filler, std::string_view field) {
  std::string digits;
  const bool odd = (first_octet & 0x08) != 0;
  auto put = [&](std::uint8_t d, std::size_t at) {
    if (d > 9) throw_decode(std::string(field), at, "nibble " + std::to_string(d) + " is not a BCD digit");
    digits.push_back(digit_char(d));
  };
  put(first_octet >> 4, first_offset);
  filler = 0xF;
  while (!r.empty()) {
    const std::size_t at = r.offset();
    const std::uint8_t o = r.u8(field);
    put(o & 0x0F, at);
    const std::uint8_t high = o >> 4;
    if (r.empty() && !odd) {
      filler = high;  // the end mark of an even number of digits
      if (high != 0xF) throw_decode(std::string(field), at, "even number of digits must end with filler 1111");
    } else {
      put(high, at);
    }
  }
  return digits;
}

void write_tbcd_identity(ByteWriter& w, std::uint8_t type, const std::string& digits, std::uint8_t filler) {
  if (digits.empty()) throw std::invalid_argument("identity needs at least one digit");
  const bool odd = digits.size() % 2 == 1;
  w.u8(static_cast<std::uint8_t>((digit_value(digits[0]) << 4) | (odd ? 0x08 : 0) | (type & 0x07)));
  for (std::size_t i = 1; i < digits.size(); i += 2) {
    const std::uint8_t low = digit_value(digits[i]);
    const std::uint8_t high = i + 1 < digits.size() ? digit_value(digits[i + 1]) : (filler & 0x0F);
    w.u8(static_cast<std::uint8_t>((high << 4) | low));
  }
}

}  // namespace

NasSecurityAlgorithms decode_nas_security_algorithms(ByteReader& r) {
  const std::uint8_t o = r.u8("selected_nas_security_algorithms");
  return {static_cast<std::uint8_t>((o >> 4) & 0x07), static_cast<std::uint8_t>(o & 0x07),
          static_cast<std::uint8_t>(o & 0x88)};
}

void encode_nas_security_algorithms(const NasSecurityAlgorithms& v, ByteWriter& w) {
  w.u8(static_cast<std::uint8_t>(((v.ciphering & 0x07) << 4) | (v.integrity & 0x07) | (v.spare_bits & 0x88)));
}

UeSecurityCapability decode_ue_security_capability(ByteReader& r) {
  // §9.9.3.36: value 2..13 octets (type 4 IE of 4..15 octets with IEI and length).
  if (r.remaining() < 2 || r.remaining() > 13) {
    r.fail("ue_security_capability", "length " + std::to_string(r.remaining()) + " outside 2..13");
  }
  UeSecurityCapability v;
  v.eea = r.u8("ue_security_capability.eea");
  v.eia = r.u8("ue_security_capability.eia");
  if (!r.empty()) v.uea = r.u8("ue_security_capability.uea");
  if (!r.empty()) v.uia = r.u8("ue_security_capability.uia");
  if (!r.empty()) v.gea = r.u8("ue_security_capability.gea");
  if (!r.empty()) {
    ByteView rest = r.rest();
    v.trailing.assign(rest.begin(), rest.end());
  }
  return v;
}

void encode_ue_security_capability(const UeSecurityCapability& v, ByteWriter& w) {
  w.u8(v.eea);
  w.u8(v.eia);
  // Optional octets are positional: a later one present forces the earlier ones out as zero.
  const bool need_gea = v.gea || !v.trailing.empty();
  const bool need_uia = v.uia || need_gea;
  const bool need_uea = v.uea || need_uia;
  if (need_uea) w.u8(v.uea.value_or(0));
  if (need_uia) w.u8(v.uia.value_or(0));
  if (need_gea) w.u8(v.gea.value_or(0));
  w.bytes(v.trailing);
}

UeNetworkCapability decode_ue_network_capability(ByteReader& r) {
  if (r.remaining() < 2 || r.remaining() > 13) {
    r.fail("ue_network_capability", "length " + std::to_string(r.remaining()) + " outside 2..13");
  }
  ByteView rest = r.rest();
  return {Bytes(rest.begin(), rest.end())};
}

void encode_ue_network_capability(const UeNetworkCapability& v, ByteWriter& w) { w.bytes(v.octets); }

Plmn decode_plmn(ByteReader& r, std::string_view field) {
  const std::size_t at = r.offset();
  const std::uint8_t o1 = r.u8(field), o2 = r.u8(field), o3 = r.u8(field);
  const std::uint8_t d[6] = {static_cast<std::uint8_t>(o1 & 0x0F), static_cast<std::uint8_t>(o1 >> 4),
                             static_cast<std::uint8_t>(o2 & 0x0F), static_cast<std::uint8_t>(o3 & 0x0F),
                             static_cast<std::uint8_t>(o3 >> 4), static_cast<std::uint8_t>(o2 >> 4)};
  for (int i = 0; i < 5; ++i) {
    if (d[i] > 9) throw_decode(std::string(field), at, "PLMN nibble is not a BCD digit");
  }
  if (d[5] > 9 && d[5] != 0xF) throw_decode(std::string(field), at, "MNC digit 3 is neither a digit nor 1111");
  Plmn p;
  p.mcc = {digit_char(d[0]), digit_char(d[1]), digit_char(d[2])};
  p.mnc = {digit_char(d[3]), digit_char(d[4])};
  if (d[5] != 0xF) p.mnc.push_back(digit_char(d[5]));
  return p;
}

void encode_plmn(const Plmn& p, ByteWriter& w) {
  if (p.mcc.size() != 3 || (p.mnc.size() != 2 && p.mnc.size() != 3)) {
    throw std::invalid_argument("PLMN needs a 3-digit MCC and a 2- or 3-digit MNC");
  }
  const std::uint8_t mnc3 = p.mnc.size() == 3 ? digit_value(p.mnc[2]) : 0xF;
  w.u8(static_cast<std::uint8_t>((digit_value(p.mcc[1]) << 4) | digit_value(p.mcc[0])));
  w.u8(static_cast<std::uint8_t>((mnc3 << 4) | digit_value(p.mcc[2])));
  w.u8(static_cast<std::uint8_t>((digit_value(p.mnc[1]) << 4) | digit_value(p.mnc[0])));
}

EpsMobileIdentity EpsMobileIdentity::from_imsi(std::string d) {
  EpsMobileIdentity v;
  v.type = imsi;
  v.digits = std::move(d);
  return v;
}

EpsMobileIdentity EpsMobileIdentity::from_guti(Guti g) {
  EpsMobileIdentity v;
  v.type = guti;
  v.guti_value = std::move(g);
  return v;
}

EpsMobileIdentity decode_eps_mobile_identity(ByteReader& r) {
  const std::size_t first_at = r.offset();
  const std::uint8_t o1 = r.u8("eps_mobile_identity.type");
  EpsMobileIdentity v;
  switch (o1 & 0x07) {
    case EpsMobileIdentity::guti: {
      // §9.9.3.12: GUTI is exactly 11 octets: type octet, PLMN(3), MME group(2), code(1), M-TMSI(4).
      if (r.remaining() != 10) {
        throw_decode("eps_mobile_identity.guti", first_at,
                     "GUTI needs 11 octets, got " + std::to_string(r.remaining() + 1));
      }
      v.type = EpsMobileIdentity::guti;
      v.filler = o1 >> 4;
      v.guti_value.plmn = decode_plmn(r, "eps_mobile_identity.guti.plmn");
      v.guti_value.mme_group_id = r.u16("eps_mobile_identity.guti.mme_group_id");
      v.guti_value.mme_code = r.u8("eps_mobile_identity.guti.mme_code");
      v.guti_value.m_tmsi = r.u32("eps_mobile_identity.guti.m_tmsi");
      return v;
    }
    case EpsMobileIdentity::imsi:
    case EpsMobileIdentity::imei:
      v.type = static_cast<EpsMobileIdentity::Type>(o1 & 0x07);
      v.digits = read_tbcd_identity(r, o1, first_at, v.filler, "eps_mobile_identity.digits");
      return v;
    default:
      throw_decode("eps_mobile_identity.type", first_at,
                   "type of identity " + std::to_string(o1 & 0x07) + " is reserved");
  }
}

void encode_eps_mobile_identity(const EpsMobileIdentity& v, ByteWriter& w) {
  if (v.type == EpsMobileIdentity::guti) {
    w.u8(static_cast<std::uint8_t>(((v.filler & 0x0F) << 4) | EpsMobileIdentity::guti));
    encode_plmn(v.guti_value.plmn, w);
    w.u16(v.guti_value.mme_group_id);
    w.u8(v.guti_value.mme_code);
    w.u32(v.guti_value.m_tmsi);
    return;
  }
  write_tbcd_identity(w, v.type, v.digits, v.filler);
}

std::string to_string(const Guti& g) {
  char tail[48];
  std::snprintf(tail, sizeof tail, "-0x%04x-0x%02x-0x%08x", static_cast<unsigned>(g.mme_group_id),
                static_cast<unsigned>(g.mme_code), static_cast<unsigned>(g.m_tmsi));
  return g.plmn.mcc + "-" + g.plmn.mnc + tail;
}

MobileIdentity decode_mobile_identity(ByteReader& r) {
  const std::size_t first_at = r.offset();
  const std::uint8_t o1 = r.u8("mobile_identity.type");
  MobileIdentity v;
  v.type = static_cast<MobileIdentity::Type>(o1 & 0x07);
  switch (o1 & 0x07) {
    case MobileIdentity::imsi:
    case MobileIdentity::imei:
    case MobileIdentity::imeisv:
      v.digits = read_tbcd_identity(r, o1, first_at, v.filler, "mobile_identity.digits");
      return v;
    case MobileIdentity::tmsi:
      if (r.remaining() != 4) {
        throw_decode("mobile_identity.tmsi", first_at, "TMSI needs 5 octets, got " + std::to_string(r.remaining() + 1));
      }
      v.filler = o1 >> 4;
      v.tmsi_value = r.u32("mobile_identity.tmsi");
      return v;
    case MobileIdentity::none:
    case MobileIdentity::tmgi: {
      ByteView rest = r.rest();
      v.raw.push_back(o1);
      v.raw.insert(v.raw.end(), rest.begin(), rest.end());
      return v;
    }
    default:
      throw_decode("mobile_identity.type", first_at, "type of identity " + std::to_string(o1 & 0x07) + " is reserved");
  }
}

void encode_mobile_identity(const MobileIdentity& v, ByteWriter& w) {
  switch (v.type) {
    case MobileIdentity::tmsi:
      w.u8(static_cast<std::uint8_t>(((v.filler & 0x0F) << 4) | MobileIdentity::tmsi));
      w.u32(v.tmsi_value);
      return;
    case MobileIdentity::none:
    case MobileIdentity::tmgi:
      if (v.raw.empty()) {
        w.u8(static_cast<std::uint8_t>(0xF0 | v.type));
      } else {
        w.bytes(v.raw);
      }
      return;
    default: write_tbcd_identity(w, v.type, v.digits, v.filler);
  }
}

Tai decode_tai(ByteReader& r) {
  Tai t;
  t.plmn = decode_plmn(r, "tai.plmn");
  t.tac = r.u16("tai.tac");
  return t;
}

void encode_tai(const Tai& v, ByteWriter& w) {
  encode_plmn(v.plmn, w);
  w.u16(v.tac);
}

TaiList decode_tai_list(ByteReader& r) {
  // §9.9.3.33: value 6..96 octets; each partial list starts with spare(8) | type(7–6) | n-1 (5–1).
  if (r.remaining() < 6 || r.remaining() > 96) {
    r.fail("tai_list", "length " + std::to_string(r.remaining()) + " outside 6..96");
  }
  TaiList list;
  while (!r.empty()) {
    const std::size_t at = r.offset();
    const std::uint8_t head = r.u8("tai_list.partial.header");
    PartialTaiList p;
    p.type = (head >> 5) & 0x03;
    const std::size_t n = (head & 0x1F) + 1u;
    if (n > 16) throw_decode("tai_list.partial.count", at, "more than 16 elements in a partial list");
    switch (p.type) {
      case 0: {
        const Plmn plmn = decode_plmn(r, "tai_list.partial.plmn");
        for (std::size_t i = 0; i < n; ++i) p.tais.push_back({plmn, r.u16("tai_list.partial.tac")});
        break;
      }
      case 1: {
        const Plmn plmn = decode_plmn(r, "tai_list.partial.plmn");
        const std::uint16_t first = r.u16("tai_list.partial.tac");
        for (std::size_t i = 0; i < n; ++i) p.tais.push_back({plmn, static_cast<std::uint16_t>(first + i)});
        break;
      }
      case 2:
        for (std::size_t i = 0; i < n; ++i) p.tais.push_back(decode_tai(r));
        break;
      default: throw_decode("tai_list.partial.type", at, "type of list 3 is reserved");
    }
    list.lists.push_back(std::move(p));
  }
  return list;
}

void encode_tai_list(const TaiList& v, ByteWriter& w) {
  for (const auto& p : v.lists) {
    if (p.tais.empty() || p.tais.size() > 16) throw std::invalid_argument("partial TAI list needs 1..16 TAIs");
    w.u8(static_cast<std::uint8_t>(((p.type & 0x03) << 5) | (p.tais.size() - 1)));
    switch (p.type) {
      case 0:
        encode_plmn(p.tais[0].plmn, w);
        for (const auto& t : p.tais) w.u16(t.tac);
        break;
      case 1:
        encode_plmn(p.tais[0].plmn, w);
        w.u16(p.tais[0].tac);
        break;
      case 2:
        for (const auto& t : p.tais) encode_tai(t, w);
        break;
      default: throw std::invalid_argument("partial TAI list type 3 is reserved");
    }
  }
}

std::optional<std::uint32_t> GprsTimer::seconds() const {
  switch (unit) {
    case 0: return value * 2u;
    case 1: return value * 60u;
    case 2: return value * 360u;
    case 7: return std::nullopt;  // timer deactivated
    default: return value * 60u;  // "other values shall be interpreted as multiples of 1 minute"
  }
}

GprsTimer decode_gprs_timer(ByteReader& r) {
  const std::uint8_t o = r.u8("gprs_timer");
  return {static_cast<std::uint8_t>(o >> 5), static_cast<std::uint8_t>(o & 0x1F)};
}

void encode_gprs_timer(const GprsTimer& v, ByteWriter& w) {
  if (v.unit > 7 || v.value > 31) throw std::invalid_argument("GPRS timer unit is 3 bits and value 5 bits");
  w.u8(static_cast<std::uint8_t>(((v.unit & 0x07) << 5) | (v.value & 0x1F)));
}

std::string AccessPointName::to_string() const {
  std::string out;
  std::size_t i = 0;
  while (i < encoded.size()) {
    const std::size_t len = encoded[i];
    if (i + 1 + len > encoded.size()) return "0x" + concur::to_hex(encoded);
    if (!out.empty()) out.push_back('.');
    out.append(reinterpret_cast<const char*>(encoded.data() + i + 1), len);
    i += 1 + len;
  }
  return out;
}

AccessPointName AccessPointName::from_string(std::string_view dotted) {
  AccessPointName apn;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    std::size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) dot = dotted.size();
    const std::string_view label = dotted.substr(start, dot - start);
    if (label.size() > 63) throw std::invalid_argument("APN label longer than 63 octets");
    apn.encoded.push_back(static_cast<std::uint8_t>(label.size()));
    apn.encoded.insert(apn.encoded.end(), label.begin(), label.end());
    start = dot + 1;
  }
  return apn;
}

PdnAddress decode_pdn_address(ByteReader& r) {
  const std::size_t at = r.offset();
  const std::uint8_t o = r.u8("pdn_address.pdn_type");
  PdnAddress v;
  v.pdn_type = o & 0x07;
  v.spare_bits = o & 0xF8;
  const std::size_t want = v.pdn_type == 1 ? 4 : v.pdn_type == 2 ? 8 : v.pdn_type == 3 ? 12 : 0;
  if (v.pdn_type == 5) {
    // non-IP: no address octets are defined, whatever follows is kept
  } else if (want == 0) {
    throw_decode("pdn_address.pdn_type", at, "PDN type " + std::to_string(v.pdn_type) + " is reserved");
  } else if (r.remaining() != want) {
    throw_decode("pdn_address.address", r.offset(),
                 "PDN type " + std::to_string(v.pdn_type) + " needs " + std::to_string(want) + " octets, got " +
                     std::to_string(r.remaining()));
  }
  ByteView rest = r.rest();
  v.address.assign(rest.begin(), rest.end());
  return v;
}

void encode_pdn_address(const PdnAddress& v, ByteWriter& w) {
  w.u8(static_cast<std::uint8_t>((v.spare_bits & 0xF8) | (v.pdn_type & 0x07)));
  w.bytes(v.address);
}

EpsQos decode_eps_qos(ByteReader& r) {
  EpsQos q;
  q.qci = r.u8("eps_qos.qci");
  ByteView rest = r.rest();
  q.bit_rates.assign(rest.begin(), rest.end());
  return q;
}

void encode_eps_qos(const EpsQos& v, ByteWriter& w) {
  w.u8(v.qci);
  w.bytes(v.bit_rates);
}

}  // namespace concur::nas
