// Value codecs of the fixed-layout IEs (TS 29.274 clause 8; octet numbers below are the spec's).
#include <stdexcept>
#include <string>

#include "codec/gtpv2/ie_codec.h"

namespace concur::gtpv2 {

Indication& Indication::set(IndicationFlag f, bool on) {
  if (octets.size() <= f.octet) octets.resize(f.octet + 1, 0);
  if (on) octets[f.octet] = static_cast<std::uint8_t>(octets[f.octet] | f.mask);
  else octets[f.octet] = static_cast<std::uint8_t>(octets[f.octet] & ~f.mask);
  return *this;
}

namespace detail {

void check_width(std::uint64_t v, unsigned bits, const char* what) {
  if (bits < 64 && (v >> bits) != 0) {
    throw std::invalid_argument(std::string("GTPv2 encoder: ") + what + " does not fit in " + std::to_string(bits) + " bits");
  }
}

PlmnId read_plmn(ByteReader& r, std::string_view field) {
  PlmnId p;
  ByteView v = r.view(3, field);
  for (int i = 0; i < 3; ++i) p.octets[i] = v[i];
  return p;
}
void write_plmn(ByteWriter& w, const PlmnId& p) { w.bytes(ByteView(p.octets.data(), 3)); }

namespace {

// TBCD (TS 29.274 8.3, TS 24.008 10.5.1.4): low nibble first, 0xF fills the last high nibble.
std::string read_tbcd(ByteReader& r, std::string_view field) {
  std::string digits;
  while (!r.empty()) {
    const std::size_t at = r.offset();
    const std::uint8_t o = r.u8(field);
    const std::uint8_t lo = o & 0x0f, hi = o >> 4;
    if (lo > 9) throw_decode(std::string(field), at, "TBCD digit " + std::to_string(lo) + " is not 0-9");
    digits.push_back(static_cast<char>('0' + lo));
    if (hi == 0x0f && r.empty()) break;
    if (hi > 9) throw_decode(std::string(field), at, "TBCD digit " + std::to_string(hi) + " is not 0-9 (filler only in the last octet)");
    digits.push_back(static_cast<char>('0' + hi));
  }
  return digits;
}

void write_tbcd(ByteWriter& w, const std::string& digits, const char* what) {
  for (char c : digits) {
    if (c < '0' || c > '9') throw std::invalid_argument(std::string("GTPv2 encoder: ") + what + " has a non-digit");
  }
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const std::uint8_t lo = static_cast<std::uint8_t>(digits[i] - '0');
    const std::uint8_t hi = i + 1 < digits.size() ? static_cast<std::uint8_t>(digits[i + 1] - '0') : 0x0f;
    w.u8(static_cast<std::uint8_t>((hi << 4) | lo));
  }
}

// APN / FQDN name encoding (TS 23.003 9.1): length-prefixed labels.
std::string read_labels(ByteReader& r, std::string_view field) {
  std::string name;
  while (!r.empty()) {
    const std::size_t at = r.offset();
    const std::uint8_t n = r.u8(field);
    if (n == 0) throw_decode(std::string(field), at, "zero-length label");
    ByteView label = r.view(n, field);
    if (!name.empty()) name.push_back('.');
    for (std::uint8_t c : label) {
      if (c == '.') throw_decode(std::string(field), at, "label contains '.'");
      name.push_back(static_cast<char>(c));
    }
  }
  return name;
}

void write_labels(ByteWriter& w, const std::string& name, const char* what) {
  if (name.empty()) return;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    const std::size_t end = dot == std::string::npos ? name.size() : dot;
    const std::size_t n = end - start;
    if (n == 0 || n > 63) throw std::invalid_argument(std::string("GTPv2 encoder: ") + what + " label length must be 1-63");
    w.u8(static_cast<std::uint8_t>(n));
    for (std::size_t i = start; i < end; ++i) w.u8(static_cast<std::uint8_t>(name[i]));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
}

template <std::size_t N>
std::array<std::uint8_t, N> read_array(ByteReader& r, std::string_view field) {
  std::array<std::uint8_t, N> a{};
  ByteView v = r.view(N, field);
  for (std::size_t i = 0; i < N; ++i) a[i] = v[i];
  return a;
}
template <std::size_t N>
void write_array(ByteWriter& w, const std::array<std::uint8_t, N>& a) {
  w.bytes(ByteView(a.data(), N));
}

std::uint64_t read_u40(ByteReader& r, std::string_view field) {
  const std::uint64_t hi = r.u8(field);
  return (hi << 32) | r.u32(field);
}
void write_u40(ByteWriter& w, std::uint64_t v, const char* what) {
  check_width(v, 40, what);
  w.u8(static_cast<std::uint8_t>(v >> 32));
  w.u32(static_cast<std::uint32_t>(v));
}

}  // namespace

void read_value(ByteReader& r, Imsi& v) { v.digits = read_tbcd(r, "IMSI.digits"); }
void write_value(ByteWriter& w, const Imsi& v) { write_tbcd(w, v.digits, "IMSI"); }

void read_value(ByteReader& r, Cause& v) {
  v.value = r.u8("Cause.value");
  const std::uint8_t flags = r.u8("Cause.flags");
  v.pce = flags & 0x04;
  v.bce = flags & 0x02;
  v.cs = flags & 0x01;
  if (r.remaining() >= 4) {  // octets 7-10: offending IE type, length (0), spare|instance
    OffendingIe o;
    o.type = r.u8("Cause.offending_ie.type");
    const std::size_t at = r.offset();
    if (r.u16("Cause.offending_ie.length") != 0) throw_decode("Cause.offending_ie.length", at, "shall be zero (29.274 8.4)");
    o.instance = r.u8("Cause.offending_ie.instance") & 0x0f;
    v.offending_ie = o;
  } else {
    v.offending_ie.reset();
  }
}
void write_value(ByteWriter& w, const Cause& v) {
  w.u8(v.value);
  w.u8(static_cast<std::uint8_t>((v.pce ? 4 : 0) | (v.bce ? 2 : 0) | (v.cs ? 1 : 0)));
  if (v.offending_ie) {
    check_width(v.offending_ie->instance, 4, "Cause offending IE instance");
    w.u8(v.offending_ie->type);
    w.u16(0);
    w.u8(v.offending_ie->instance);
  }
}

void read_value(ByteReader& r, Recovery& v) { v.restart_counter = r.u8("Recovery.restart_counter"); }
void write_value(ByteWriter& w, const Recovery& v) { w.u8(v.restart_counter); }

void read_value(ByteReader& r, Apn& v) { v.name = read_labels(r, "APN.label"); }
void write_value(ByteWriter& w, const Apn& v) { write_labels(w, v.name, "APN"); }

void read_value(ByteReader& r, Ambr& v) {
  v.uplink_kbps = r.u32("AMBR.uplink");
  v.downlink_kbps = r.u32("AMBR.downlink");
}
void write_value(ByteWriter& w, const Ambr& v) {
  w.u32(v.uplink_kbps);
  w.u32(v.downlink_kbps);
}

void read_value(ByteReader& r, Ebi& v) { v.value = r.u8("EBI.value") & 0x0f; }
void write_value(ByteWriter& w, const Ebi& v) {
  check_width(v.value, 4, "EBI");
  w.u8(v.value);
}

void read_value(ByteReader& r, IpAddress& v) {
  const std::size_t n = r.remaining();
  if (n != 4 && n != 16) r.fail("IP Address.address", std::to_string(n) + " octets, expected 4 or 16");
  v.address = r.bytes(n, "IP Address.address");
}
void write_value(ByteWriter& w, const IpAddress& v) {
  if (v.address.size() != 4 && v.address.size() != 16) throw std::invalid_argument("GTPv2 encoder: IP Address needs 4 or 16 octets");
  w.bytes(view_of(v.address));
}

void read_value(ByteReader& r, Mei& v) { v.digits = read_tbcd(r, "MEI.digits"); }
void write_value(ByteWriter& w, const Mei& v) { write_tbcd(w, v.digits, "MEI"); }

void read_value(ByteReader& r, Msisdn& v) { v.digits = read_tbcd(r, "MSISDN.digits"); }
void write_value(ByteWriter& w, const Msisdn& v) { write_tbcd(w, v.digits, "MSISDN"); }

void read_value(ByteReader& r, Indication& v) {
  ByteView all = r.rest();
  v.octets.assign(all.begin(), all.end());
}
void write_value(ByteWriter& w, const Indication& v) { w.bytes(view_of(v.octets)); }

void read_value(ByteReader& r, Paa& v) {
  v.pdn_type = r.u8("PAA.pdn_type") & 0x07;
  v.ipv6.reset();
  v.ipv4.reset();
  v.ipv6_prefix_length = 0;
  if (v.pdn_type == 2 || v.pdn_type == 3) {
    v.ipv6_prefix_length = r.u8("PAA.ipv6_prefix_length");
    v.ipv6 = read_array<16>(r, "PAA.ipv6");
  }
  if (v.pdn_type == 1 || v.pdn_type == 3) v.ipv4 = read_array<4>(r, "PAA.ipv4");
}
void write_value(ByteWriter& w, const Paa& v) {
  check_width(v.pdn_type, 3, "PAA PDN type");
  w.u8(v.pdn_type);
  const bool wants6 = v.pdn_type == 2 || v.pdn_type == 3, wants4 = v.pdn_type == 1 || v.pdn_type == 3;
  if (wants6 != v.ipv6.has_value() || wants4 != v.ipv4.has_value()) {
    throw std::invalid_argument("GTPv2 encoder: PAA addresses do not match its PDN type");
  }
  if (v.ipv6) {
    w.u8(v.ipv6_prefix_length);
    write_array(w, *v.ipv6);
  }
  if (v.ipv4) write_array(w, *v.ipv4);
}

void read_value(ByteReader& r, BearerQos& v) {
  const std::uint8_t arp = r.u8("Bearer QoS.arp");
  v.pci = arp & 0x40;
  v.priority_level = (arp >> 2) & 0x0f;
  v.pvi = arp & 0x01;
  v.qci = r.u8("Bearer QoS.qci");
  v.mbr_uplink = read_u40(r, "Bearer QoS.mbr_uplink");
  v.mbr_downlink = read_u40(r, "Bearer QoS.mbr_downlink");
  v.gbr_uplink = read_u40(r, "Bearer QoS.gbr_uplink");
  v.gbr_downlink = read_u40(r, "Bearer QoS.gbr_downlink");
}
void write_value(ByteWriter& w, const BearerQos& v) {
  check_width(v.priority_level, 4, "Bearer QoS priority level");
  w.u8(static_cast<std::uint8_t>((v.pci ? 0x40 : 0) | (v.priority_level << 2) | (v.pvi ? 1 : 0)));
  w.u8(v.qci);
  write_u40(w, v.mbr_uplink, "Bearer QoS MBR uplink");
  write_u40(w, v.mbr_downlink, "Bearer QoS MBR downlink");
  write_u40(w, v.gbr_uplink, "Bearer QoS GBR uplink");
  write_u40(w, v.gbr_downlink, "Bearer QoS GBR downlink");
}

void read_value(ByteReader& r, RatType& v) { v.value = r.u8("RAT Type.value"); }
void write_value(ByteWriter& w, const RatType& v) { w.u8(v.value); }

void read_value(ByteReader& r, ServingNetwork& v) { v.plmn = read_plmn(r, "Serving Network.plmn"); }
void write_value(ByteWriter& w, const ServingNetwork& v) { write_plmn(w, v.plmn); }

void read_value(ByteReader& r, Uli& v) {
  const std::uint8_t flags = r.u8("ULI.flags");
  v = Uli{};
  if (flags & 0x01) v.cgi = Cgi{read_plmn(r, "ULI.cgi.plmn"), r.u16("ULI.cgi.lac"), r.u16("ULI.cgi.ci")};
  if (flags & 0x02) v.sai = Sai{read_plmn(r, "ULI.sai.plmn"), r.u16("ULI.sai.lac"), r.u16("ULI.sai.sac")};
  if (flags & 0x04) v.rai = Rai{read_plmn(r, "ULI.rai.plmn"), r.u16("ULI.rai.lac"), r.u16("ULI.rai.rac")};
  if (flags & 0x08) v.tai = Tai{read_plmn(r, "ULI.tai.plmn"), r.u16("ULI.tai.tac")};
  if (flags & 0x10) v.ecgi = Ecgi{read_plmn(r, "ULI.ecgi.plmn"), r.u32("ULI.ecgi.eci") & 0x0fffffff};
  if (flags & 0x20) v.lai = Lai{read_plmn(r, "ULI.lai.plmn"), r.u16("ULI.lai.lac")};
  if (flags & 0x40) v.macro_enb = MacroEnbId{read_plmn(r, "ULI.macro_enb.plmn"), r.u24("ULI.macro_enb.id") & 0x0fffff};
  if (flags & 0x80) {
    ExtendedMacroEnbId e;
    e.plmn = read_plmn(r, "ULI.extended_macro_enb.plmn");
    const std::uint32_t id = r.u24("ULI.extended_macro_enb.id");
    e.smenb = id & 0x800000;
    e.enb_id = id & 0x1fffff;
    v.extended_macro_enb = e;
  }
}
void write_value(ByteWriter& w, const Uli& v) {
  w.u8(static_cast<std::uint8_t>((v.cgi ? 0x01 : 0) | (v.sai ? 0x02 : 0) | (v.rai ? 0x04 : 0) | (v.tai ? 0x08 : 0) |
                                 (v.ecgi ? 0x10 : 0) | (v.lai ? 0x20 : 0) | (v.macro_enb ? 0x40 : 0) |
                                 (v.extended_macro_enb ? 0x80 : 0)));
  if (v.cgi) write_plmn(w, v.cgi->plmn), w.u16(v.cgi->lac), w.u16(v.cgi->ci);
  if (v.sai) write_plmn(w, v.sai->plmn), w.u16(v.sai->lac), w.u16(v.sai->sac);
  if (v.rai) write_plmn(w, v.rai->plmn), w.u16(v.rai->lac), w.u16(v.rai->rac);
  if (v.tai) write_plmn(w, v.tai->plmn), w.u16(v.tai->tac);
  if (v.ecgi) {
    check_width(v.ecgi->eci, 28, "ULI ECI");
    write_plmn(w, v.ecgi->plmn), w.u32(v.ecgi->eci);
  }
  if (v.lai) write_plmn(w, v.lai->plmn), w.u16(v.lai->lac);
  if (v.macro_enb) {
    check_width(v.macro_enb->enb_id, 20, "ULI macro eNB id");
    write_plmn(w, v.macro_enb->plmn), w.u24(v.macro_enb->enb_id);
  }
  if (v.extended_macro_enb) {
    check_width(v.extended_macro_enb->enb_id, 21, "ULI extended macro eNB id");
    write_plmn(w, v.extended_macro_enb->plmn);
    w.u24((v.extended_macro_enb->smenb ? 0x800000u : 0u) | v.extended_macro_enb->enb_id);
  }
}

void read_value(ByteReader& r, FTeid& v) {
  const std::uint8_t flags = r.u8("F-TEID.flags");
  v.interface_type = flags & 0x3f;
  v.teid = r.u32("F-TEID.teid");
  v.ipv4.reset();
  v.ipv6.reset();
  if (flags & 0x80) v.ipv4 = read_array<4>(r, "F-TEID.ipv4");
  if (flags & 0x40) v.ipv6 = read_array<16>(r, "F-TEID.ipv6");
}
void write_value(ByteWriter& w, const FTeid& v) {
  check_width(v.interface_type, 6, "F-TEID interface type");
  w.u8(static_cast<std::uint8_t>((v.ipv4 ? 0x80 : 0) | (v.ipv6 ? 0x40 : 0) | v.interface_type));
  w.u32(v.teid);
  if (v.ipv4) write_array(w, *v.ipv4);
  if (v.ipv6) write_array(w, *v.ipv6);
}

void read_value(ByteReader& r, DelayValue& v) { v.value = r.u8("Delay Value.value"); }
void write_value(ByteWriter& w, const DelayValue& v) { w.u8(v.value); }

void read_value(ByteReader& r, ChargingCharacteristics& v) { v.value = r.u16("Charging Characteristics.value"); }
void write_value(ByteWriter& w, const ChargingCharacteristics& v) { w.u16(v.value); }

void read_value(ByteReader& r, TraceInformation& v) {
  ByteView all = r.rest();
  v.raw.assign(all.begin(), all.end());
}
void write_value(ByteWriter& w, const TraceInformation& v) { w.bytes(view_of(v.raw)); }

void read_value(ByteReader& r, PdnType& v) { v.value = r.u8("PDN Type.value") & 0x07; }
void write_value(ByteWriter& w, const PdnType& v) {
  check_width(v.value, 3, "PDN type");
  w.u8(v.value);
}

void read_value(ByteReader& r, PTmsi& v) { v.value = r.u32("P-TMSI.value"); }
void write_value(ByteWriter& w, const PTmsi& v) { w.u32(v.value); }

void read_value(ByteReader& r, HopCounter& v) { v.value = r.u8("Hop Counter.value"); }
void write_value(ByteWriter& w, const HopCounter& v) { w.u8(v.value); }

void read_value(ByteReader& r, UeTimeZone& v) {
  v.time_zone = r.u8("UE Time Zone.time_zone");
  v.daylight_saving_time = r.u8("UE Time Zone.daylight_saving_time") & 0x03;
}
void write_value(ByteWriter& w, const UeTimeZone& v) {
  check_width(v.daylight_saving_time, 2, "UE Time Zone daylight saving time");
  w.u8(v.time_zone);
  w.u8(v.daylight_saving_time);
}

void read_value(ByteReader& r, CompleteRequestMessage& v) {
  v.type = r.u8("Complete Request Message.type");
  ByteView nas = r.rest();
  v.nas_message.assign(nas.begin(), nas.end());
}
void write_value(ByteWriter& w, const CompleteRequestMessage& v) {
  w.u8(v.type);
  w.bytes(view_of(v.nas_message));
}

void read_value(ByteReader& r, Guti& v) {
  v.plmn = read_plmn(r, "GUTI.plmn");
  v.mme_group_id = r.u16("GUTI.mme_group_id");
  v.mme_code = r.u8("GUTI.mme_code");
  v.m_tmsi = r.u32("GUTI.m_tmsi");
}
void write_value(ByteWriter& w, const Guti& v) {
  write_plmn(w, v.plmn);
  w.u16(v.mme_group_id);
  w.u8(v.mme_code);
  w.u32(v.m_tmsi);
}

void read_value(ByteReader& r, FContainer& v) {
  v.container_type = r.u8("F-Container.container_type") & 0x0f;
  ByteView c = r.rest();
  v.container.assign(c.begin(), c.end());
}
void write_value(ByteWriter& w, const FContainer& v) {
  check_width(v.container_type, 4, "F-Container type");
  w.u8(v.container_type);
  w.bytes(view_of(v.container));
}

void read_value(ByteReader& r, FCause& v) {
  v.cause_type = r.u8("F-Cause.cause_type") & 0x0f;
  ByteView c = r.rest();
  v.cause_value.assign(c.begin(), c.end());
}
void write_value(ByteWriter& w, const FCause& v) {
  check_width(v.cause_type, 4, "F-Cause type");
  w.u8(v.cause_type);
  w.bytes(view_of(v.cause_value));
}

void read_value(ByteReader& r, SelectedPlmnId& v) { v.plmn = read_plmn(r, "PLMN ID.plmn"); }
void write_value(ByteWriter& w, const SelectedPlmnId& v) { write_plmn(w, v.plmn); }

void read_value(ByteReader& r, TargetIdentification& v) {
  v = TargetIdentification{};
  v.target_type = r.u8("Target Identification.target_type");
  switch (v.target_type) {
    case 0: {
      TargetRncId t;
      t.plmn = read_plmn(r, "Target Identification.rnc.plmn");
      t.lac = r.u16("Target Identification.rnc.lac");
      t.rac = r.u8("Target Identification.rnc.rac");
      t.rnc_id = r.u16("Target Identification.rnc.rnc_id");
      if (r.remaining() >= 2) t.extended_rnc_id = r.u16("Target Identification.rnc.extended_rnc_id");
      v.rnc = t;
      return;
    }
    case 1: {
      TargetMacroEnb t;
      t.plmn = read_plmn(r, "Target Identification.macro_enb.plmn");
      t.enb_id = r.u24("Target Identification.macro_enb.enb_id") & 0x0fffff;
      t.tac = r.u16("Target Identification.macro_enb.tac");
      v.macro_enb = t;
      return;
    }
    case 2: {
      TargetCellIdentifier t;
      t.plmn = read_plmn(r, "Target Identification.cell.plmn");
      t.lac = r.u16("Target Identification.cell.lac");
      t.rac = r.u8("Target Identification.cell.rac");
      t.ci = r.u16("Target Identification.cell.ci");
      v.cell = t;
      return;
    }
    case 3: {
      TargetHomeEnb t;
      t.plmn = read_plmn(r, "Target Identification.home_enb.plmn");
      t.enb_id = r.u32("Target Identification.home_enb.enb_id") & 0x0fffffff;
      t.tac = r.u16("Target Identification.home_enb.tac");
      v.home_enb = t;
      return;
    }
    default: {
      ByteView rest = r.rest();
      v.raw.assign(rest.begin(), rest.end());
    }
  }
}
void write_value(ByteWriter& w, const TargetIdentification& v) {
  w.u8(v.target_type);
  const auto need = [&](bool present, const char* what) {
    if (!present) throw std::invalid_argument(std::string("GTPv2 encoder: Target Identification type needs ") + what);
  };
  switch (v.target_type) {
    case 0:
      need(v.rnc.has_value(), "rnc");
      write_plmn(w, v.rnc->plmn), w.u16(v.rnc->lac), w.u8(v.rnc->rac), w.u16(v.rnc->rnc_id);
      if (v.rnc->extended_rnc_id) w.u16(*v.rnc->extended_rnc_id);
      return;
    case 1:
      need(v.macro_enb.has_value(), "macro_enb");
      check_width(v.macro_enb->enb_id, 20, "target macro eNB id");
      write_plmn(w, v.macro_enb->plmn), w.u24(v.macro_enb->enb_id), w.u16(v.macro_enb->tac);
      return;
    case 2:
      need(v.cell.has_value(), "cell");
      write_plmn(w, v.cell->plmn), w.u16(v.cell->lac), w.u8(v.cell->rac), w.u16(v.cell->ci);
      return;
    case 3:
      need(v.home_enb.has_value(), "home_enb");
      check_width(v.home_enb->enb_id, 28, "target home eNB id");
      write_plmn(w, v.home_enb->plmn), w.u32(v.home_enb->enb_id), w.u16(v.home_enb->tac);
      return;
    default:
      w.bytes(view_of(v.raw));
  }
}

void read_value(ByteReader& r, PortNumber& v) { v.port = r.u16("Port Number.port"); }
void write_value(ByteWriter& w, const PortNumber& v) { w.u16(v.port); }

void read_value(ByteReader& r, SelectionMode& v) { v.mode = r.u8("Selection Mode.mode") & 0x03; }
void write_value(ByteWriter& w, const SelectionMode& v) {
  check_width(v.mode, 2, "selection mode");
  w.u8(v.mode);
}

void read_value(ByteReader& r, NodeType& v) { v.value = r.u8("Node Type.value"); }
void write_value(ByteWriter& w, const NodeType& v) { w.u8(v.value); }

void read_value(ByteReader& r, Fqdn& v) { v.name = read_labels(r, "FQDN.label"); }
void write_value(ByteWriter& w, const Fqdn& v) { write_labels(w, v.name, "FQDN"); }

void read_value(ByteReader& r, PrivateExtension& v) {
  v.enterprise_id = r.u16("Private Extension.enterprise_id");
  ByteView rest = r.rest();
  v.value.assign(rest.begin(), rest.end());
}
void write_value(ByteWriter& w, const PrivateExtension& v) {
  w.u16(v.enterprise_id);
  w.bytes(view_of(v.value));
}

}  // namespace detail
}  // namespace concur::gtpv2
