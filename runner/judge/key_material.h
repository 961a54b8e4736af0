// Key material for judging a capture: subscriber keys (K, OPc) from which the KASME of every AKA
// seen in the capture is derived, and/or KASMEs given directly per IMSI and eKSI. Read from a key
// file (format in README.md); parse errors name the file, line and field.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/event.h"

namespace concur::judge {

using Key128Bytes = std::array<std::uint8_t, 16>;

/// A USIM's long-term keys (TS 35.206): what an HSS knows about one subscriber.
struct SubscriberKeys {
  std::string imsi;
  Key128Bytes k{};
  Key128Bytes opc{};
};

/// A KASME named by the key set identifier it was given (TS 24.301 9.9.3.21).
struct KasmeEntry {
  std::string imsi;
  monitor::Ksi eksi = 0;
  monitor::Key256 kasme{};
};

struct KeyMaterial {
  std::vector<SubscriberKeys> subscribers;
  std::vector<KasmeEntry> kasmes;

  const SubscriberKeys* subscriber(std::string_view imsi) const;
  std::optional<monitor::Key256> kasme(std::string_view imsi, monitor::Ksi eksi) const;
  /// The IMSI when the material names exactly one subscriber: a capture that never shows the
  /// IMSI (GUTI attach) can then still be deciphered.
  std::optional<std::string> only_imsi() const;
  bool empty() const { return subscribers.empty() && kasmes.empty(); }
};

/// A key file that cannot be used: "keys.txt:3: field 'opc': 15 octets, expected 16".
class KeyFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses key file text; `name` is used in errors. Throws KeyFileError.
KeyMaterial parse_key_file(std::string_view text, const std::string& name);
/// Reads and parses a key file. Throws KeyFileError (also when the file cannot be read).
KeyMaterial read_key_file(const std::string& path);

}  // namespace concur::judge
