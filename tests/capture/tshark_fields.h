// Runs tshark, the independent judge, over a capture and returns its field rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace concur::capture::testing {

/// Where the shared real captures live: $CONCUR_SHARED_DIR/captures/real, else the compiled-in default.
std::string real_captures_dir();

/// True when `tshark -v` runs.
bool tshark_available();

/// `tshark -r path -Y filter -T fields -E occurrence=a -E aggregator=, -e f1 -e f2 ...`,
/// one row per frame, one column per field (a column may hold comma-separated occurrences).
/// nullopt when tshark fails.
std::optional<std::vector<std::vector<std::string>>> tshark_fields(const std::string& path, const std::string& filter,
                                                                   const std::vector<std::string>& fields);

/// Splits "a,b,c" into its parts ("" gives no parts).
std::vector<std::string> split_occurrences(const std::string& column);

}  // namespace concur::capture::testing
