// decode_sparse against decode_pdu: the same message type and the same ids, NAS-PDU, TAI and
// SecurityKey for every sample message, and no PDU accepted that decode_pdu refuses.
#include <gtest/gtest.h>

#include "codec/s1ap/sparse.h"
#include "sample_messages.h"

namespace concur::s1ap {
namespace {

/// Fails the test when the fields decode_sparse fills differ between the two.
void expect_same_sparse_fields(const S1apMessage& full, const S1apMessage& sparse) {
  ASSERT_EQ(full.index(), sparse.index());
  std::visit(
      [&](const auto& f) {
        using M = std::decay_t<decltype(f)>;
        const M& s = std::get<M>(sparse);
        if constexpr (requires { f.mme_ue_s1ap_id; }) {
          EXPECT_EQ(f.mme_ue_s1ap_id, s.mme_ue_s1ap_id);
        }
        if constexpr (requires { f.enb_ue_s1ap_id; }) {
          EXPECT_EQ(f.enb_ue_s1ap_id, s.enb_ue_s1ap_id);
        }
        if constexpr (requires { f.nas_pdu; }) {
          EXPECT_EQ(f.nas_pdu, s.nas_pdu);
        }
        if constexpr (requires { f.tai; }) {
          EXPECT_EQ(f.tai, s.tai);
        }
        if constexpr (requires { f.security_key; }) {
          EXPECT_EQ(f.security_key, s.security_key);
        }
        if constexpr (std::is_same_v<M, HandoverRequired>) {
          EXPECT_EQ(f.handover_type, s.handover_type);
          EXPECT_EQ(f.target_id, s.target_id);
        }
        if constexpr (std::is_same_v<M, HandoverRequest>) {
          EXPECT_EQ(f.handover_type, s.handover_type);
          EXPECT_EQ(f.security_context, s.security_context);
        }
        if constexpr (std::is_same_v<M, RawPdu>) {
          EXPECT_EQ(f.procedure_code, s.procedure_code);
          EXPECT_EQ(f.pdu_type, s.pdu_type);
        }
      },
      full);
}

TEST(S1apSparseDecode, GivesTheFullDecodersIdsNasTaiAndKeyForEverySampleItCovers) {
  std::size_t covered = 0;
  for (const S1apMessage& m : samples::all()) {
    const Result<Bytes> bytes = encode(m);
    ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
    const Result<S1apMessage> full = decode_pdu(view_of(*bytes));
    ASSERT_TRUE(full.ok()) << full.error().to_string();
    const std::optional<S1apMessage> sparse = decode_sparse(view_of(*bytes));
    if (!sparse) continue;
    ++covered;
    SCOPED_TRACE(to_hex(*bytes));
    expect_same_sparse_fields(*full, *sparse);
  }
  // The NAS transports, responses, failures, releases, ...: most of the samples.
  EXPECT_GE(covered, 15u);
}

TEST(S1apSparseDecode, ReadsHandoverRequestsSecurityContextAndAnIntraLteHandoverRequiredsTarget) {
  for (const S1apMessage& m : {S1apMessage(samples::handover_request()), S1apMessage(samples::handover_required_inter_mme())}) {
    const Bytes bytes = *encode(m);
    const auto sparse = decode_sparse(view_of(bytes));
    ASSERT_TRUE(sparse.has_value()) << to_hex(bytes);
    expect_same_sparse_fields(*decode_pdu(view_of(bytes)), *sparse);
  }
}

TEST(S1apSparseDecode, LeavesPathSwitchInitialContextSetupAndInterRatHandoverToTheFullDecoder) {
  for (const S1apMessage& m : {S1apMessage(samples::path_switch_request_acknowledge()),
                               S1apMessage(samples::initial_context_setup_request()),
                               S1apMessage(samples::handover_required_to_utran()),
                               S1apMessage(samples::handover_required_to_geran())}) {
    const Result<Bytes> bytes = encode(m);
    ASSERT_TRUE(bytes.ok());
    EXPECT_FALSE(decode_sparse(view_of(*bytes)).has_value()) << m.index();
  }
}

TEST(S1apSparseDecode, ReadsAnOptionalSecurityKeyAndAReleaseCommandWithTheMmeIdAlone) {
  UeContextModificationRequest ucm = samples::ue_context_modification_request();
  ASSERT_TRUE(ucm.security_key.has_value());
  auto sparse = decode_sparse(view_of(*encode(ucm)));
  ASSERT_TRUE(sparse.has_value());
  EXPECT_EQ(std::get<UeContextModificationRequest>(*sparse).security_key, ucm.security_key);

  UeContextReleaseCommand release;
  release.mme_ue_s1ap_id = 0xfffffffe;
  release.cause = samples::cause();
  sparse = decode_sparse(view_of(*encode(release)));
  ASSERT_TRUE(sparse.has_value());
  EXPECT_EQ(std::get<UeContextReleaseCommand>(*sparse).mme_ue_s1ap_id, 0xfffffffeu);
  EXPECT_FALSE(std::get<UeContextReleaseCommand>(*sparse).enb_ue_s1ap_id.has_value());
}

TEST(S1apSparseDecode, AcceptsNoTruncationOrFlippedOctetThatTheFullDecoderRefuses) {
  for (const S1apMessage& m : samples::all()) {
    const Bytes bytes = *encode(m);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      const ByteView cut(bytes.data(), n);
      if (decode_sparse(cut)) {
        EXPECT_TRUE(decode_pdu(cut).ok()) << to_hex(bytes) << " cut at " << n;
      }
    }
    // Flipped octets in the envelope and the container header (IE values the sparse decode
    // does not read may differ: see sparse.h).
    for (std::size_t i = 0; i < std::min<std::size_t>(bytes.size(), 7); ++i) {
      Bytes bad = bytes;
      bad[i] ^= 0xff;
      if (decode_sparse(view_of(bad))) {
        EXPECT_TRUE(decode_pdu(view_of(bad)).ok()) << to_hex(bad);
      }
    }
  }
}

}  // namespace
}  // namespace concur::s1ap
