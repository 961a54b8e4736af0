// tshark's view of an existing capture, for tests that compare our reader and decoders with it:
// field rows (-T fields) and the S1AP payloads it reassembles. Runs tshark without a shell and
// with a time limit (support/subprocess.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.h"

namespace concur::test {

/// `tshark -n -r path -Y filter -T fields -E occurrence=a -E aggregator=, -e f1 -e f2 ...`:
/// one row per frame, one column per field (a column may hold comma-separated occurrences).
/// nullopt when tshark fails or overruns its time limit.
std::optional<std::vector<std::vector<std::string>>> tshark_fields(const std::filesystem::path& path,
                                                                   const std::string& filter,
                                                                   const std::vector<std::string>& fields);

/// Splits "a,b,c" into its parts ("" gives no parts).
std::vector<std::string> split_occurrences(const std::string& column);

/// One S1AP PDU as tshark reassembled it from SCTP (PPID 18).
struct TsharkS1apPdu {
  std::string where;  ///< "file.pcap frame N#k": the k-th PDU completed in frame N
  Bytes bytes;
};

/// Every S1AP PDU of `file`, in tshark's order. Throws std::runtime_error when tshark fails.
std::vector<TsharkS1apPdu> tshark_s1ap_pdus(const std::filesystem::path& file);

}  // namespace concur::test
