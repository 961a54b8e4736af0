// Where the real captures of ../shared/captures/real/ are, for tests that read them. They are
// referenced, never copied into the project; tests skip with a message when they are absent.
#pragma once

#include <filesystem>
#include <vector>

namespace concur::test {

/// $CONCUR_SHARED_DIR/captures/real when the variable is set and not empty, else the folder
/// compiled in (../shared/captures/real beside the project's root).
std::filesystem::path real_captures_dir();

/// The .pcap and .pcapng files of real_captures_dir(), sorted by name; empty when it is absent.
std::vector<std::filesystem::path> real_capture_files();

}  // namespace concur::test
