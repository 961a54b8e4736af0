// MM Context value codecs: types 106, 107 and 108 (TS 29.274 8.38, Figures 8.38-4/-5/-6; octet map of
// 107 in PROTOCOL-FACTS §5.5, cross-checked against Wireshark's dissector).
#include <stdexcept>
#include <string>

#include "codec/gtpv2/ie_codec.h"

namespace concur::gtpv2::detail {

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> read_key(ByteReader& r, std::string_view field) {
  std::array<std::uint8_t, N> a{};
  ByteView v = r.view(N, field);
  for (std::size_t i = 0; i < N; ++i) a[i] = v[i];
  return a;
}
template <std::size_t N>
void write_key(ByteWriter& w, const std::array<std::uint8_t, N>& a) {
  w.bytes(ByteView(a.data(), N));
}

Bytes read_lv8(ByteReader& r, std::string_view length_field, std::string_view value_field) {
  const std::uint8_t n = r.u8(length_field);
  return r.bytes(n, value_field);
}
Bytes read_lv16(ByteReader& r, std::string_view length_field, std::string_view value_field) {
  const std::uint16_t n = r.u16(length_field);
  return r.bytes(n, value_field);
}
void write_lv8(ByteWriter& w, const Bytes& b, const char* what) {
  if (b.size() > 0xff) throw std::invalid_argument(std::string("GTPv2 encoder: MM Context ") + what + " longer than 255 octets");
  w.u8(static_cast<std::uint8_t>(b.size()));
  w.bytes(view_of(b));
}
void write_lv16(ByteWriter& w, const Bytes& b, const char* what) {
  if (b.size() > 0xffff) throw std::invalid_argument(std::string("GTPv2 encoder: MM Context ") + what + " too long");
  w.u16(static_cast<std::uint16_t>(b.size()));
  w.bytes(view_of(b));
}

std::vector<AuthenticationQuadruplet> read_quadruplets(ByteReader& r, unsigned n) {
  std::vector<AuthenticationQuadruplet> out(n);
  for (auto& q : out) {
    q.rand = read_key<16>(r, "MM Context.quadruplet.rand");
    q.xres = read_lv8(r, "MM Context.quadruplet.xres_length", "MM Context.quadruplet.xres");
    q.autn = read_lv8(r, "MM Context.quadruplet.autn_length", "MM Context.quadruplet.autn");
    q.kasme = read_key<32>(r, "MM Context.quadruplet.kasme");
  }
  return out;
}
void write_quadruplets(ByteWriter& w, const std::vector<AuthenticationQuadruplet>& qs) {
  for (const auto& q : qs) {
    write_key(w, q.rand);
    write_lv8(w, q.xres, "XRES");
    write_lv8(w, q.autn, "AUTN");
    write_key(w, q.kasme);
  }
}

std::vector<AuthenticationQuintuplet> read_quintuplets(ByteReader& r, unsigned n) {
  std::vector<AuthenticationQuintuplet> out(n);
  for (auto& q : out) {
    q.rand = read_key<16>(r, "MM Context.quintuplet.rand");
    q.xres = read_lv8(r, "MM Context.quintuplet.xres_length", "MM Context.quintuplet.xres");
    q.ck = read_key<16>(r, "MM Context.quintuplet.ck");
    q.ik = read_key<16>(r, "MM Context.quintuplet.ik");
    q.autn = read_lv8(r, "MM Context.quintuplet.autn_length", "MM Context.quintuplet.autn");
  }
  return out;
}
void write_quintuplets(ByteWriter& w, const std::vector<AuthenticationQuintuplet>& qs) {
  for (const auto& q : qs) {
    write_key(w, q.rand);
    write_lv8(w, q.xres, "XRES");
    write_key(w, q.ck);
    write_key(w, q.ik);
    write_lv8(w, q.autn, "AUTN");
  }
}

// Octets j..r (UE-AMBRs, capabilities, MEI) then r+1 (access restriction data, absent only when the IE ends).
MmCommonData read_common(ByteReader& r, bool sambri, bool uambri) {
  MmCommonData c;
  if (sambri) c.subscribed_ue_ambr = UeAmbr{r.u32("MM Context.subscribed_ue_ambr.uplink"), r.u32("MM Context.subscribed_ue_ambr.downlink")};
  if (uambri) c.used_ue_ambr = UeAmbr{r.u32("MM Context.used_ue_ambr.uplink"), r.u32("MM Context.used_ue_ambr.downlink")};
  c.ue_network_capability = read_lv8(r, "MM Context.ue_network_capability_length", "MM Context.ue_network_capability");
  c.ms_network_capability = read_lv8(r, "MM Context.ms_network_capability_length", "MM Context.ms_network_capability");
  c.mei = read_lv8(r, "MM Context.mei_length", "MM Context.mei");
  if (!r.empty()) c.access_restriction = r.u8("MM Context.access_restriction");
  return c;
}
void write_common(ByteWriter& w, const MmCommonData& c, bool more_follows) {
  if (c.subscribed_ue_ambr) w.u32(c.subscribed_ue_ambr->uplink_kbps), w.u32(c.subscribed_ue_ambr->downlink_kbps);
  if (c.used_ue_ambr) w.u32(c.used_ue_ambr->uplink_kbps), w.u32(c.used_ue_ambr->downlink_kbps);
  write_lv8(w, c.ue_network_capability, "UE network capability");
  write_lv8(w, c.ms_network_capability, "MS network capability");
  write_lv8(w, c.mei, "MEI");
  if (c.access_restriction || more_follows) w.u8(c.access_restriction.value_or(0));
}

std::uint8_t count_field(std::size_t n, const char* what) {
  if (n > 7) throw std::invalid_argument(std::string("GTPv2 encoder: MM Context carries at most 7 ") + what);
  return static_cast<std::uint8_t>(n);
}

Bytes rest_of(ByteReader& r) {
  ByteView v = r.rest();
  return Bytes(v.begin(), v.end());
}

}  // namespace

// ---- Type 107: EPS Security Context and Quadruplets ---------------------------------------------

void read_value(ByteReader& r, EpsSecurityContext& v) {
  v = EpsSecurityContext{};
  const std::size_t start = r.offset();
  const std::uint8_t o5 = r.u8("MM Context.octet5");
  if ((o5 >> 5) != security_mode::eps_security_context_quadruplets) {
    throw_decode("MM Context.security_mode", start, "security mode " + std::to_string(o5 >> 5) + " in an IE of type 107, expected 4");
  }
  const bool nhi = o5 & 0x10, drxi = o5 & 0x08;
  v.ksi_asme = o5 & 0x07;
  const std::uint8_t o6 = r.u8("MM Context.octet6");
  const unsigned quintuplets = o6 >> 5, quadruplets = (o6 >> 2) & 0x07;
  const bool uambri = o6 & 0x02, osci = o6 & 0x01;
  const std::uint8_t o7 = r.u8("MM Context.octet7");
  const bool sambri = o7 & 0x80;
  v.nas_integrity_alg = (o7 >> 4) & 0x07;
  v.nas_cipher_alg = o7 & 0x0f;
  v.nas_downlink_count = r.u24("MM Context.nas_downlink_count");
  v.nas_uplink_count = r.u24("MM Context.nas_uplink_count");
  v.kasme = read_key<32>(r, "MM Context.kasme");
  v.quadruplets = read_quadruplets(r, quadruplets);
  v.quintuplets = read_quintuplets(r, quintuplets);
  if (drxi) v.drx = r.u16("MM Context.drx");
  if (nhi) {
    NextHop nh;
    nh.nh = read_key<32>(r, "MM Context.nh");
    nh.ncc = r.u8("MM Context.ncc") & 0x07;
    v.next_hop = nh;
  }
  v.common = read_common(r, sambri, uambri);
  if (osci) {
    if (!v.common.access_restriction) r.fail("MM Context.old_security_context", "OSCI=1 but the IE ends before octet s");
    OldEpsSecurityContext old;
    const std::uint8_t s = r.u8("MM Context.old_security_context");
    const bool nhi_old = s & 0x80;
    old.rlos = s & 0x40;
    old.ksi_asme = (s >> 3) & 0x07;
    old.ncc = s & 0x07;
    old.kasme = read_key<32>(r, "MM Context.old_kasme");
    if (nhi_old) old.nh = read_key<32>(r, "MM Context.old_nh");
    v.old_context = old;
  }
  if (r.empty()) return;
  v.voice_domain_preference = read_lv8(r, "MM Context.voice_domain_preference_length", "MM Context.voice_domain_preference");
  if (r.empty()) return;
  v.ue_radio_capability_for_paging = read_lv16(r, "MM Context.ue_radio_capability_for_paging_length", "MM Context.ue_radio_capability_for_paging");
  if (r.empty()) return;
  v.extended_access_restriction = read_lv8(r, "MM Context.extended_access_restriction_length", "MM Context.extended_access_restriction");
  if (r.empty()) return;
  v.ue_additional_security_capability = read_lv8(r, "MM Context.ue_additional_security_capability_length", "MM Context.ue_additional_security_capability");
  if (r.empty()) return;
  v.ue_nr_security_capability = read_lv8(r, "MM Context.ue_nr_security_capability_length", "MM Context.ue_nr_security_capability");
  if (r.empty()) return;
  v.apn_rate_control_statuses = read_lv16(r, "MM Context.apn_rate_control_statuses_length", "MM Context.apn_rate_control_statuses");
  if (r.empty()) return;
  v.core_network_restrictions = read_lv8(r, "MM Context.core_network_restrictions_length", "MM Context.core_network_restrictions");
  if (r.empty()) return;
  v.ue_radio_capability_id = read_lv8(r, "MM Context.ue_radio_capability_id_length", "MM Context.ue_radio_capability_id");
  if (r.empty()) return;
  v.ensct_octet = r.u8("MM Context.ensct");
}

void write_value(ByteWriter& w, const EpsSecurityContext& v) {
  check_width(v.ksi_asme, 3, "KSI_ASME");
  check_width(v.nas_integrity_alg, 3, "NAS integrity algorithm");
  check_width(v.nas_cipher_alg, 4, "NAS cipher algorithm");
  check_width(v.nas_downlink_count, 24, "NAS downlink count");
  check_width(v.nas_uplink_count, 24, "NAS uplink count");
  w.u8(static_cast<std::uint8_t>((security_mode::eps_security_context_quadruplets << 5) | (v.next_hop ? 0x10 : 0) |
                                 (v.drx ? 0x08 : 0) | v.ksi_asme));
  w.u8(static_cast<std::uint8_t>((count_field(v.quintuplets.size(), "quintuplets") << 5) |
                                 (count_field(v.quadruplets.size(), "quadruplets") << 2) |
                                 (v.common.used_ue_ambr ? 0x02 : 0) | (v.old_context ? 0x01 : 0)));
  w.u8(static_cast<std::uint8_t>((v.common.subscribed_ue_ambr ? 0x80 : 0) | (v.nas_integrity_alg << 4) | v.nas_cipher_alg));
  w.u24(v.nas_downlink_count);
  w.u24(v.nas_uplink_count);
  write_key(w, v.kasme);
  write_quadruplets(w, v.quadruplets);
  write_quintuplets(w, v.quintuplets);
  if (v.drx) w.u16(*v.drx);
  if (v.next_hop) {
    check_width(v.next_hop->ncc, 3, "NCC");
    write_key(w, v.next_hop->nh);
    w.u8(v.next_hop->ncc);
  }
  // Trailing fields are positional: a later one forces the earlier ones out (with length zero).
  const std::optional<Bytes>* tail[] = {&v.voice_domain_preference,       &v.ue_radio_capability_for_paging,
                                        &v.extended_access_restriction,   &v.ue_additional_security_capability,
                                        &v.ue_nr_security_capability,     &v.apn_rate_control_statuses,
                                        &v.core_network_restrictions,     &v.ue_radio_capability_id};
  int last = v.ensct_octet ? 8 : -1;
  for (int i = 7; i >= 0 && last < 0; --i) {
    if (tail[i]->has_value()) last = i;
  }
  write_common(w, v.common, v.old_context.has_value() || last >= 0);
  if (v.old_context) {
    const auto& old = *v.old_context;
    check_width(old.ksi_asme, 3, "old KSI_ASME");
    check_width(old.ncc, 3, "old NCC");
    w.u8(static_cast<std::uint8_t>((old.nh ? 0x80 : 0) | (old.rlos ? 0x40 : 0) | (old.ksi_asme << 3) | old.ncc));
    write_key(w, old.kasme);
    if (old.nh) write_key(w, *old.nh);
  }
  static const Bytes empty;
  const char* names[] = {"voice domain preference", "UE radio capability for paging", "extended access restriction",
                         "UE additional security capability", "UE NR security capability", "APN rate control statuses",
                         "core network restrictions", "UE radio capability ID"};
  for (int i = 0; i <= last && i < 8; ++i) {
    const Bytes& b = tail[i]->has_value() ? **tail[i] : empty;
    if (i == 1 || i == 5) write_lv16(w, b, names[i]);
    else write_lv8(w, b, names[i]);
  }
  if (v.ensct_octet) w.u8(*v.ensct_octet);
}

// ---- Type 106: UMTS Key and Quintuplets ---------------------------------------------------------

void read_value(ByteReader& r, UmtsKeyQuintuplets& v) {
  v = UmtsKeyQuintuplets{};
  const std::size_t start = r.offset();
  const std::uint8_t o5 = r.u8("MM Context.octet5");
  if ((o5 >> 5) != security_mode::umts_key_quintuplets) {
    throw_decode("MM Context.security_mode", start, "security mode " + std::to_string(o5 >> 5) + " in an IE of type 106, expected 3");
  }
  const bool drxi = o5 & 0x08;
  v.ksi = o5 & 0x07;
  const std::uint8_t o6 = r.u8("MM Context.octet6");
  const unsigned quintuplets = o6 >> 5;
  v.iovi = o6 & 0x10;
  v.gupii = o6 & 0x08;
  v.ugipai = o6 & 0x04;
  const bool uambri = o6 & 0x02, sambri = o6 & 0x01;
  v.octet7 = r.u8("MM Context.octet7");
  v.ck = read_key<16>(r, "MM Context.ck");
  v.ik = read_key<16>(r, "MM Context.ik");
  v.quintuplets = read_quintuplets(r, quintuplets);
  if (drxi) v.drx = r.u16("MM Context.drx");
  v.common = read_common(r, sambri, uambri);
  v.trailing = rest_of(r);
}

void write_value(ByteWriter& w, const UmtsKeyQuintuplets& v) {
  check_width(v.ksi, 3, "KSI");
  w.u8(static_cast<std::uint8_t>((security_mode::umts_key_quintuplets << 5) | (v.drx ? 0x08 : 0) | v.ksi));
  w.u8(static_cast<std::uint8_t>((count_field(v.quintuplets.size(), "quintuplets") << 5) | (v.iovi ? 0x10 : 0) |
                                 (v.gupii ? 0x08 : 0) | (v.ugipai ? 0x04 : 0) | (v.common.used_ue_ambr ? 0x02 : 0) |
                                 (v.common.subscribed_ue_ambr ? 0x01 : 0)));
  w.u8(v.octet7);
  write_key(w, v.ck);
  write_key(w, v.ik);
  write_quintuplets(w, v.quintuplets);
  if (v.drx) w.u16(*v.drx);
  write_common(w, v.common, !v.trailing.empty());
  w.bytes(view_of(v.trailing));
}

// ---- Type 108: UMTS Key, Quadruplets and Quintuplets --------------------------------------------

void read_value(ByteReader& r, UmtsKeyQuadrupletsQuintuplets& v) {
  v = UmtsKeyQuadrupletsQuintuplets{};
  const std::size_t start = r.offset();
  const std::uint8_t o5 = r.u8("MM Context.octet5");
  if ((o5 >> 5) != security_mode::umts_key_quadruplets_quintuplets) {
    throw_decode("MM Context.security_mode", start, "security mode " + std::to_string(o5 >> 5) + " in an IE of type 108, expected 5");
  }
  const bool drxi = o5 & 0x08;
  v.ksi_asme = o5 & 0x07;
  const std::uint8_t o6 = r.u8("MM Context.octet6");
  const unsigned quintuplets = o6 >> 5, quadruplets = (o6 >> 2) & 0x07;
  const bool uambri = o6 & 0x02, sambri = o6 & 0x01;
  r.u8("MM Context.octet7");  // spare
  v.ck_prime = read_key<16>(r, "MM Context.ck_prime");
  v.ik_prime = read_key<16>(r, "MM Context.ik_prime");
  v.quadruplets = read_quadruplets(r, quadruplets);
  v.quintuplets = read_quintuplets(r, quintuplets);
  if (drxi) v.drx = r.u16("MM Context.drx");
  v.common = read_common(r, sambri, uambri);
  v.trailing = rest_of(r);
}

void write_value(ByteWriter& w, const UmtsKeyQuadrupletsQuintuplets& v) {
  check_width(v.ksi_asme, 3, "KSI_ASME");
  w.u8(static_cast<std::uint8_t>((security_mode::umts_key_quadruplets_quintuplets << 5) | (v.drx ? 0x08 : 0) | v.ksi_asme));
  w.u8(static_cast<std::uint8_t>((count_field(v.quintuplets.size(), "quintuplets") << 5) |
                                 (count_field(v.quadruplets.size(), "quadruplets") << 2) |
                                 (v.common.used_ue_ambr ? 0x02 : 0) | (v.common.subscribed_ue_ambr ? 0x01 : 0)));
  w.u8(0);
  write_key(w, v.ck_prime);
  write_key(w, v.ik_prime);
  write_quadruplets(w, v.quadruplets);
  write_quintuplets(w, v.quintuplets);
  if (v.drx) w.u16(*v.drx);
  write_common(w, v.common, !v.trailing.empty());
  w.bytes(view_of(v.trailing));
}

}  // namespace concur::gtpv2::detail
