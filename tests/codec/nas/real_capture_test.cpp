// Real bytes: every NAS PDU in the shared captures (S1AP NAS-PDU / nAS-PDU fields, extracted by
// tshark at test time; the captures are referenced, never copied) decodes without error,
// re-encodes byte-identically (outer layer, inner plain message, ESM container), and per frame the
// security header types, EMM/ESM message types, eKSI and selected algorithms equal tshark's.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "codec/nas/pdu.h"
#include "codec/nas/summary.h"
#include "common/bytes.h"
#include "support/shared_captures.h"
#include "support/tshark_fields.h"
#include "support/tshark_judge.h"

namespace concur::nas {
namespace {

namespace fs = std::filesystem;

using test::split_occurrences;

std::string hex_u8(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%02x", v);
  return b;
}

/// What tshark (with its default "null decipher" behaviour for EEA0) and we see in one frame,
/// in the order the fields occur, NAS PDUs and nested containers flattened.
struct FrameView {
  std::vector<std::string> security_header_types, emm_types, esm_types, ksi, toc, toi;
};

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

void add_message(FrameView& ours, const NasMessage& m, bool record_plain_emm_header) {
  const auto pd = protocol_discriminator(m);
  if (pd == ProtocolDiscriminator::emm) {
    if (record_plain_emm_header) ours.security_header_types.push_back("0");
    ours.emm_types.push_back(hex_u8(message_type(m)));
  } else {
    ours.esm_types.push_back(hex_u8(message_type(m)));
  }
  if (const auto* smc = std::get_if<SecurityModeCommand>(&m)) {
    ours.toc.push_back(std::to_string(smc->selected_nas_security_algorithms.ciphering));
    ours.toi.push_back(std::to_string(smc->selected_nas_security_algorithms.integrity));
  }
  // The ESM message container of an attach procedure is dissected by tshark as well.
  const Bytes* container = nullptr;
  if (const auto* a = std::get_if<AttachRequest>(&m)) container = &a->esm_message_container;
  if (const auto* a = std::get_if<AttachAccept>(&m)) container = &a->esm_message_container;
  if (const auto* a = std::get_if<AttachComplete>(&m)) container = &a->esm_message_container;
  if (container && !container->empty()) {
    const auto inner = decode_container(view_of(*container));
    EXPECT_TRUE(inner.ok()) << inner.error().to_string();
    if (inner.ok()) {
      EXPECT_EQ(to_hex(encode(inner.value())), to_hex(*container)) << "ESM container re-encoding differs";
      add_message(ours, inner.value(), false);
    }
  }
}

TEST(NasRealCaptures, every_nas_pdu_in_the_shared_captures_decodes_re_encodes_and_matches_tshark) {
  const fs::path dir = test::real_captures_dir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no shared captures at " << dir << " (set CONCUR_SHARED_DIR)";
  if (auto why = test::tshark_unusable()) GTEST_SKIP() << *why;
  std::size_t pdus = 0, frames = 0, protected_pdus = 0, ciphered_kept = 0;
  for (const fs::path& file : test::real_capture_files()) {
    const auto rows = test::tshark_fields(
        file, "s1ap.NAS_PDU || s1ap.nAS_PDU",
        {"frame.number", "s1ap.NAS_PDU", "s1ap.nAS_PDU", "nas_eps.security_header_type", "nas_eps.nas_msg_emm_type",
         "nas_eps.nas_msg_esm_type", "nas_eps.emm.nas_key_set_id", "nas_eps.emm.toc", "nas_eps.emm.toi"});
    ASSERT_TRUE(rows) << "tshark failed on " << file;
    for (auto cols : *rows) {
      cols.resize(9);
      ++frames;
      const std::string where = file.filename().string() + " frame " + cols[0];
      FrameView theirs{split_occurrences(cols[3]), split_occurrences(cols[4]), split_occurrences(cols[5]),
                       split_occurrences(cols[6]), split_occurrences(cols[7]), split_occurrences(cols[8])};
      FrameView ours;
      std::vector<std::string> hexes = split_occurrences(cols[1]);
      for (const auto& h : split_occurrences(cols[2])) hexes.push_back(h);
      for (const auto& hex : hexes) {
        ++pdus;
        const Bytes in = from_hex(hex);
        const auto pdu = decode(view_of(in), DecodeOptions{.direction = std::nullopt, .assume_null_ciphering = true});
        ASSERT_TRUE(pdu.ok()) << where << ": " << pdu.error().to_string() << " in " << hex;
        EXPECT_EQ(to_hex(encode(pdu.value())), hex) << where << ": re-encoding differs";
        const auto sht = static_cast<unsigned>(pdu->security_header_type);
        const bool esm_only = pdu->message && protocol_discriminator(*pdu->message) == ProtocolDiscriminator::esm &&
                              !pdu->is_protected();
        if (!esm_only) ours.security_header_types.push_back(std::to_string(sht));
        if (pdu->is_protected() && !pdu->service_request) {
          ++protected_pdus;
          if (!pdu->message) ++ciphered_kept;
        }
        if (pdu->message) {
          if (pdu->is_protected()) {
            EXPECT_EQ(to_hex(encode(*pdu->message)), to_hex(pdu->nas_message)) << where << ": inner re-encoding differs";
          }
          add_message(ours, *pdu->message, pdu->is_protected());
        }
        const auto s = summarise(pdu.value());
        if (s.eksi) ours.ksi.push_back(std::to_string(s.eksi->ksi));
      }
      EXPECT_EQ(join(ours.security_header_types), join(theirs.security_header_types)) << where;
      EXPECT_EQ(join(ours.emm_types), join(theirs.emm_types)) << where;
      EXPECT_EQ(join(ours.esm_types), join(theirs.esm_types)) << where;
      EXPECT_EQ(join(ours.toc), join(theirs.toc)) << where;
      EXPECT_EQ(join(ours.toi), join(theirs.toi)) << where;
      EXPECT_EQ(join(ours.ksi), join(theirs.ksi)) << where;
    }
  }
  RecordProperty("nas_pdus", static_cast<int>(pdus));
  std::printf("real captures: %zu NAS PDUs in %zu frames, %zu protected (%zu kept ciphered)\n", pdus, frames,
              protected_pdus, ciphered_kept);
  EXPECT_GT(pdus, 50u) << "the shared captures hold more NAS PDUs than this";
}

}  // namespace
}  // namespace concur::nas
