#include "support/shared_captures.h"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace concur::test {

std::filesystem::path real_captures_dir() {
  const char* env = std::getenv("CONCUR_SHARED_DIR");
  return std::filesystem::path(env != nullptr && *env != '\0' ? env : CONCUR_SHARED_DIR) / "captures" / "real";
}

std::vector<std::filesystem::path> real_capture_files() {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(real_captures_dir(), ec)) {
    const auto ext = e.path().extension();
    if (ext == ".pcap" || ext == ".pcapng") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace concur::test
