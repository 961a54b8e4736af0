#include "monitor/security_kdf.h"

#include <algorithm>

#include "security/kdf.h"

namespace concur::monitor {
namespace {

security::Key256 to_secret(const Key256& k) { return security::Key256(k); }

Key256 to_plain(const security::Key256& k) {
  Key256 out{};
  const ByteView v = k.view();
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

}  // namespace

Key256 SecurityLibraryKdf::kenb(const Key256& kasme, std::uint32_t uplink_nas_count) const {
  return to_plain(security::derive_kenb(to_secret(kasme), uplink_nas_count));
}

Key256 SecurityLibraryKdf::nh(const Key256& kasme, const Key256& sync_input) const {
  return to_plain(security::derive_nh(to_secret(kasme), to_secret(sync_input)));
}

}  // namespace concur::monitor
