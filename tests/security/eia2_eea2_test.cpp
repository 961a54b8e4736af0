// 128-EIA2 (AES-CMAC) and 128-EEA2 (AES-CTR) on the TS 33.401 Annex C.2 / C.1 test sets.
#include "algorithm_vectors.h"

namespace concur::security {
namespace {

using testing::CipherSet;
using testing::MacSet;

// TS 33.401 Annex C.2, 128-EIA2 test sets 1-7. Source: srsran/srsRAN_Project
// tests/unittests/security/security_test.cpp, security_nia2_test testset1-7 ("Ref: TS 33.501
// Sec. D.4.5, TS 33.401 Sec. C.2 128-EIA2"; search-index revision id 634660619). Sets 1, 2, 3, 5
// are also PROTOCOL-FACTS §2.3 (recomputed there). Sets 1, 3, 4, 6, 7 have bit lengths that are
// not multiples of 8.
const MacSet kEia2Sets[] = {
    {"set_1", "2bd6459f82c5b300952c49104881ff48", 0x38a6f056, 0x18, 0, 58, "3332346263393840", "118c6eb8"},
    {"set_2", "d3c5d592327fb11c4035c6680af8c6d1", 0x398a59b4, 0x1a, 1, 64, "484583d5afe082ae", "b93787e6"},
    {"set_3", "7e5e94431e11d73828d739cc6ced4573", 0x36af6144, 0x18, 1, 254,
     "b3d3c9170a4e1632f60f861013d22d84b726b6a278d802d1eeaf1321ba5929dc", "1f60b01d"},
    {"set_4", "d3419be821087acd02123a9248033359", 0xc7590ea9, 0x17, 0, 511,
     "bbb057038809496bcff86d6fbc8ce5b135a06b166054f2d565be8ace75dc851e0bcdd8f07141c495872fb5d8c"
     "0c66a8b6da556663e4e461205d84580bee5bc7e",
     "6846a2f0"},
    {"set_5", "83fd23a244a74cf358da3019f1722635", 0x36af6144, 0x0f, 1, 768,
     "35c68716633c66fb750c266865d53c11ea05b1e9fa49c8398d48e1efa5909d3947902837f5ae96d5a05bc8d61ca8dbef1b13a4b4abfe4fb1"
     "006045b674bb54729304c382be53a5af05556176f6eaa2ef1d05e4b083181ee674cda5a485f74d7a",
     "e657e182"},
    {"set_6", "6832a65cff4473621ebdd4ba26a921fe", 0x36af6144, 0x18, 0, 383,
     "d3c53839626820717765667620323837636240981ba6824c1bfb1ab485472029b71d808ce33e2cc3c0b5fc1f3de8a6dc", "f0668c1e"},
    {"set_7", "5d0a80d8134ae19677824b671e838af4", 0x7827fab2, 0x05, 1, 2558,
     "70dedf2dc42c5cbd3a96f8a0b11418b3608d5733604a2cd36aabc70ce3193bb5153be2d3c06dfdb2d16e9c357158be6a41d6b861e491db3f"
     "bfeb518efcf048d7d58953730ff30c9ec470ffcd663dc34201c36addc0111c35b38afee7cfdb582e3731f8b4baa8d1a89c06e81199a97162"
     "27be344efcb436ddd0f096c064c3b5e2c399993fc77394f9e09720a811850ef23b2ee05d9e6173609d86e1c0c18ea51a012a00bb413b9cb8"
     "188a703cd6bae31cc67b34b1b00019e6a2b2a690f02671fe7c9ef8dec0094e533763478d58d2c5f5b827a0148c5948a96931acf84f465a64"
     "e62ce74007e991e37ea823fa0fb21923b79905b733b631e6c7d6860a3831ac351a9c730c52ff72d9d308eedbab21fde143a0ea17e23edc1f"
     "74cbb3638a2033aaa15464eaa733385dbbeb6fd73509b857e6a419dca1d8907af977fbac4dfa35ec",
     "f4cc8fa3"},
};

// TS 33.401 Annex C.1, 128-EEA2 test sets 1-5. Sets 1-2: PROTOCOL-FACTS §2.4 (srsRAN 4G
// lib/test/common/test_eea2.cc, "33.401 V13.1.0 Annex C.1"). Sets 3-5: srsran/srsRAN_Project
// tests/unittests/security/security_test.cpp security_nea2_test testset3-5 ("TS 33.401 Sec. C.1").
// All five have bit lengths that are not multiples of 8.
const CipherSet kEea2Sets[] = {
    {"set_1", "d3c5d592327fb11c4035c6680af8c6d1", 0x398a59b4, 0x15, 1, 253,
     "981ba6824c1bfb1ab485472029b71d808ce33e2cc3c0b5fc1f3de8a6dc66b1f0",
     "e9fed8a63d155304d71df20bf3e82214b20ed7dad2f233dc3c22d7bdeeed8e78"},
    {"set_2", "2bd6459f82c440e0952c49104805ff48", 0xc675a64b, 0x0c, 1, 798,
     "7ec61272743bf1614726446a6c38ced166f6ca76eb5430044286346cef130f92922b03450d3a9975e5bd2ea0eb55ad8e1b199e3ec4316020"
     "e9a1b285e762795359b7bdfd39bef4b2484583d5afe082aee638bf5fd5a606193901a08f4ab41aab9b134880",
     "5961605353c64bdca15b195e288553a910632506d6200aa790c4c806c99904cf2445cc50bb1cf168a49673734e081b57e324ce5259c0e78d"
     "4cd97b870976503c0943f2cb5ae8f052c7b7d392239587b8956086bcab18836042e2e6ce42432a17105c53d0"},
    {"set_3", "0a8b6bd8d9b08b08d64e32d1817777fb", 0x544d49cd, 0x04, 0, 310,
     "fd40a41d370a1f65745095687d47ba1d36d2349e23f644392c8ea9c49d40c13271aff264d0f248",
     "75750d37b4bba2a4dedb34235bd68c6645acdaaca48138a3b0c471e2a7041a576423d2927287f0"},
    {"set_4", "aa1f95aea533bcb32eb63bf52d8f831a", 0x72d8c671, 0x10, 1, 1022,
     "fb1b96c5c8badfb2e8e8edfde78e57f2ad81e74103fc430a534dcc37afcec70e1517bb06f27219dae49022d"
     "dc47a068de4c9496a951a6b09edbdc864c7adbd740ac50c022f3082bafd22d78197c5d508b977bca13f32e6"
     "52e74ba728576077ce628c535e87dc6077ba07d29068590c8cb5f1088e082cfa0ec961302d69cf3d44",
     "dfb440acb3773549efc04628aeb8d8156275230bdc690d94b00d8d95f28c4b56307f60f4ca55eba661ebba"
     "72ac808fa8c49e26788ed04a5d606cb418de74878b9a22f8ef29590bc4eb57c9faf7c41524a885b8979c42"
     "3f2f8f8e0592a9879201be7ff9777a162ab810feb324ba74c4c156e04d39097209653ac33e5a5f2d8864"},
    {"set_5", "9618ae46891f86578eebe90ef7a1202e", 0xc675a64b, 0x0c, 1, 1245,
     "8daa17b1ae050529c6827f28c0ef6a1242e93f8b314fb18a77f790ae049fedd612267fecaefc450174d76d9f9aa7755a30cd90a9a5874bf4"
     "8eaf70eea3a62a250a8b6bd8d9b08b08d64e32d1817777fb544d49cd49720e219dbf8bbed33904e1fd40a41d370a1f65745095687d47ba1d"
     "36d2349e23f644392c8ea9c49d40c13271aff264d0f24841d6465f0996ff84e65fc517c53efc3363c38492a8",
     "919c8c33d66789703d05a0d7ce82a2aeac4ee76c0f4da050335e8a84e7897ba5df2f36bd513e3d0c8578c7a0fcf043e03aa3a39fbaad7d15"
     "be074faa5d9029f71fb457b647834714b0e18f117fca10677945096c8c5f326ba8d6095eb29c3e36cf245d1622aafe921f7566c4f5d644f2"
     "f1fc0ec684ddb21349747622e209295d27ff3f95623371d49b147c0af486171f22cd04b1cbeb2658223e6938"},
};

class Eia2 : public ::testing::TestWithParam<MacSet> {};
TEST_P(Eia2, mac_matches_annex_c2_and_depends_on_exactly_length_bits) {
  testing::expect_mac(IntegrityAlgorithm::eia2, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Ts33401AnnexC2, Eia2, ::testing::ValuesIn(kEia2Sets),
                         [](const auto& p) { return p.param.name; });

class Eea2 : public ::testing::TestWithParam<CipherSet> {};
TEST_P(Eea2, ciphertext_matches_annex_c1_and_deciphers_back) {
  testing::expect_ciphers_both_ways(CipheringAlgorithm::eea2, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Ts33401AnnexC1, Eea2, ::testing::ValuesIn(kEea2Sets),
                         [](const auto& p) { return p.param.name; });

TEST(NullAlgorithms, eia0_gives_a_zero_mac_and_eea0_leaves_the_message_as_it_is) {
  const Bytes m = from_hex("0741020bf6");
  const Key128 k;
  EXPECT_EQ(to_hex(ByteView(integrity_mac(IntegrityAlgorithm::eia0, k, 7, 0, Direction::uplink, BitString::whole(m)))),
            "00000000");
  EXPECT_EQ(cipher(CipheringAlgorithm::eea0, k, 7, 0, Direction::uplink, BitString::whole(m)), m);
}

TEST(AlgorithmIdentities, only_ids_0_to_3_name_an_algorithm) {
  EXPECT_EQ(ciphering_algorithm_from_id(2), CipheringAlgorithm::eea2);
  EXPECT_FALSE(ciphering_algorithm_from_id(4).has_value());
  EXPECT_EQ(integrity_algorithm_from_id(3), IntegrityAlgorithm::eia3);
  EXPECT_FALSE(integrity_algorithm_from_id(7).has_value());
  EXPECT_EQ(name(IntegrityAlgorithm::eia2), "128-EIA2");
}

}  // namespace
}  // namespace concur::security
