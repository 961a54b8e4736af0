// 128-EEA1 / 128-EIA1 (SNOW 3G) on the 33.401 Annex C.3 / C.4 test sets, which are the UEA2 /
// UIA2 conformance sets of the SAGE "UEA2 & UIA2 Document 4" / TS 35.222 with EPS inputs.
#include "security/snow3g.h"

#include "algorithm_vectors.h"

namespace concur::security {
namespace {

using testing::CipherSet;
using testing::MacSet;

// 128-EEA1 test sets 1-5. Source: srsran/srsRAN_4G lib/test/common/test_eea1.cc ("33.401 V13.1.0
// Annex C.3", "UEA2 & UIA2 D4 v1.0") and srsran/srsRAN_Project security_test.cpp security_nea1_test
// testset1-5 (same values).
const CipherSet kEea1Sets[] = {
    {"set_1", "d3c5d592327fb11c4035c6680af8c6d1", 0x398a59b4, 0x15, 1, 253,
     "981ba6824c1bfb1ab485472029b71d808ce33e2cc3c0b5fc1f3de8a6dc66b1f0",
     "5d5bfe75eb04f68ce0a12377ea00b37d47c6a0ba06309155086a859c4341b378"},
    {"set_2", "2bd6459f82c440e0952c49104805ff48", 0xc675a64b, 0x0c, 1, 798,
     "7ec61272743bf1614726446a6c38ced166f6ca76eb5430044286346cef130f92922b03450d3a9975e5bd2ea0eb55ad8e1b199e3ec4316020"
     "e9a1b285e762795359b7bdfd39bef4b2484583d5afe082aee638bf5fd5a606193901a08f4ab41aab9b134880",
     "3f67850714b8da69efb727ed7a6c0c50714ad736c4f5600006e3525be807c467c677ff864af45fba09c27cde38f87a1f84d59ab255408f2c"
     "7b82f9ead41a1fe65eabebfbc1f3a4c56c9a26fcf7b3d66d0220ee4775bc58170a2b12f3431d11b344d6e36c"},
    {"set_3", "0a8b6bd8d9b08b08d64e32d1817777fb", 0x544d49cd, 0x04, 0, 310,
     "fd40a41d370a1f65745095687d47ba1d36d2349e23f644392c8ea9c49d40c13271aff264d0f248",
     "48148e5452a210c05f46bc80dc6f73495b02048c1b958b026102ca97280279a4c18d2ee308921c"},
    {"set_4", "aa1f95aea533bcb32eb63bf52d8f831a", 0x72d8c671, 0x10, 1, 1022,
     "fb1b96c5c8badfb2e8e8edfde78e57f2ad81e74103fc430a534dcc37afcec70e1517bb06f27219dae49022d"
     "dc47a068de4c9496a951a6b09edbdc864c7adbd740ac50c022f3082bafd22d78197c5d508b977bca13f32e6"
     "52e74ba728576077ce628c535e87dc6077ba07d29068590c8cb5f1088e082cfa0ec961302d69cf3d44",
     "ffcfc2fead6c094e96c589d0f6779b6784246c3c4d1cea203db3901f40ad4fd7138bc6d77e8320cb102f49"
     "7fdd44a269a96ecb28617700e332eb2f736b34f4f2693094e22ff94f9be4723da40c40dfd3931cc1ac9723"
     "f6b4a9913e96b6db7abcace415177c1d0115c5f09b5fdea0b3adb8f9da6e9f9a04c543397b9d43f87330"},
    {"set_5", "9618ae46891f86578eebe90ef7a1202e", 0xc675a64b, 0x0c, 1, 1245,
     "8daa17b1ae050529c6827f28c0ef6a1242e93f8b314fb18a77f790ae049fedd612267fecaefc450174d76d9f9aa7755a30cd90a9a5874bf4"
     "8eaf70eea3a62a250a8b6bd8d9b08b08d64e32d1817777fb544d49cd49720e219dbf8bbed33904e1fd40a41d370a1f65745095687d47ba1d"
     "36d2349e23f644392c8ea9c49d40c13271aff264d0f24841d6465f0996ff84e65fc517c53efc3363c38492a8",
     "6cdb18a7ca8218e86e4b4b716a4d04371fbec262fc5ad0b3819b187b97e55b1a4d7c19ee24c8b4d7723cfedf045b8acae4869517d80e5061"
     "5d9035d5d9c5a40af602280b542597b0cb18619eeb35925759d195e100e8e4aa0c38a3c2abe0f3d8ff04f3c33c295069c23694b5bbeacdd5"
     "42e28e8a94edb9119f412d054be1fa7272b5ffb2b2570f4f7ceaf383a8a9d93572f04d6e3a6e293726ec62c8"},
};

// 128-EIA1 test sets 1-6. Source: srsran/srsRAN_Project tests/unittests/security/security_test.cpp
// security_nia1_test testset1-6 ("Ref: TS 33.501 Sec. D.4.3, TS 33.401 Sec. C.4 128-EIA1"); sets 1
// and 4 also in srsran/srsRAN_4G lib/test/common/test_eia1.cc ("33.401 V14.6.0 Annex C.4").
const MacSet kEia1Sets[] = {
    {"set_1", "2bd6459f82c5b300952c49104881ff48", 0x38a6f056, 0x1f, 0, 88, "33323462633938613734790000000000",
     "731f1165"},
    {"set_2", "7e5e94431e11d73828d739cc6ced4573", 0x36af6144, 0x18, 1, 254,
     "b3d3c9170a4e1632f60f861013d22d84b726b6a278d802d1eeaf1321ba5929dc", "e3259f6f"},
    {"set_3", "d3419be821087acd02123a9248033359", 0xc7590ea9, 0x17, 0, 511,
     "bbb057038809496bcff86d6fbc8ce5b135a06b166054f2d565be8ace75dc851e0bcdd8f07141c495872fb5d8c"
     "0c66a8b6da556663e4e461205d84580bee5bc7e",
     "9a16c77d"},
    {"set_4", "83fd23a244a74cf358da3019f1722635", 0x36af6144, 0x0f, 1, 768,
     "35c68716633c66fb750c266865d53c11ea05b1e9fa49c8398d48e1efa5909d3947902837f5ae96d5a05bc8d61ca8dbef1b13a4b4abfe4fb1"
     "006045b674bb54729304c382be53a5af05556176f6eaa2ef1d05e4b083181ee674cda5a485f74d7a",
     "bba74492"},
    {"set_5", "6832a65cff4473621ebdd4ba26a921fe", 0x36af6144, 0x18, 0, 383,
     "d3c53839626820717765667620323837636240981ba6824c1bfb1ab485472029b71d808ce33e2cc3c0b5fc1f3de8a6dc", "4145e4b0"},
    {"set_6", "5d0a80d8134ae19677824b671e838af4", 0x7827fab2, 0x05, 1, 2558,
     "70dedf2dc42c5cbd3a96f8a0b11418b3608d5733604a2cd36aabc70ce3193bb5153be2d3c06dfdb2d16e9c357158be6a41d6b861e491db3f"
     "bfeb518efcf048d7d58953730ff30c9ec470ffcd663dc34201c36addc0111c35b38afee7cfdb582e3731f8b4baa8d1a89c06e81199a97162"
     "27be344efcb436ddd0f096c064c3b5e2c399993fc77394f9e09720a811850ef23b2ee05d9e6173609d86e1c0c18ea51a012a00bb413b9cb8"
     "188a703cd6bae31cc67b34b1b00019e6a2b2a690f02671fe7c9ef8dec0094e533763478d58d2c5f5b827a0148c5948a96931acf84f465a64"
     "e62ce74007e991e37ea823fa0fb21923b79905b733b631e6c7d6860a3831ac351a9c730c52ff72d9d308eedbab21fde143a0ea17e23edc1f"
     "74cbb3638a2033aaa15464eaa733385dbbeb6fd73509b857e6a419dca1d8907af977fbac4dfa35ec",
     "0fa2b1ee"},
};

class Eea1 : public ::testing::TestWithParam<CipherSet> {};
TEST_P(Eea1, ciphertext_matches_annex_c3_and_deciphers_back) {
  testing::expect_ciphers_both_ways(CipheringAlgorithm::eea1, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Ts33401AnnexC3, Eea1, ::testing::ValuesIn(kEea1Sets),
                         [](const auto& p) { return p.param.name; });

class Eia1 : public ::testing::TestWithParam<MacSet> {};
TEST_P(Eia1, mac_matches_annex_c4_and_depends_on_exactly_length_bits) {
  testing::expect_mac(IntegrityAlgorithm::eia1, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Ts33401AnnexC4, Eia1, ::testing::ValuesIn(kEia1Sets),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace concur::security
