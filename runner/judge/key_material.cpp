#include "judge/key_material.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/bytes.h"
#include "security/milenage.h"

namespace concur::judge {
namespace {

[[noreturn]] void fail(const std::string& name, std::size_t line, const std::string& what) {
  throw KeyFileError(name + ":" + std::to_string(line) + ": " + what);
}

template <std::size_t N>
std::array<std::uint8_t, N> hex_field(const std::string& name, std::size_t line, const std::string& field,
                                      const std::string& value) {
  Bytes b;
  try {
    b = from_hex(value);
  } catch (const std::invalid_argument& e) {
    fail(name, line, "field '" + field + "': " + e.what());
  }
  if (b.size() != N) {
    fail(name, line,
         "field '" + field + "': " + std::to_string(b.size()) + " octets, expected " + std::to_string(N));
  }
  std::array<std::uint8_t, N> out{};
  std::copy(b.begin(), b.end(), out.begin());
  return out;
}

bool is_imsi(const std::string& s) {
  return s.size() >= 6 && s.size() <= 15 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const SubscriberKeys* KeyMaterial::subscriber(std::string_view imsi) const {
  for (const SubscriberKeys& s : subscribers) {
    if (s.imsi == imsi) return &s;
  }
  return nullptr;
}

std::optional<monitor::Key256> KeyMaterial::kasme(std::string_view imsi, monitor::Ksi eksi) const {
  for (const KasmeEntry& e : kasmes) {
    if (e.imsi == imsi && e.eksi == eksi) return e.kasme;
  }
  return std::nullopt;
}

std::optional<std::string> KeyMaterial::only_imsi() const {
  std::set<std::string> imsis;
  for (const SubscriberKeys& s : subscribers) imsis.insert(s.imsi);
  for (const KasmeEntry& e : kasmes) imsis.insert(e.imsi);
  if (imsis.size() != 1) return std::nullopt;
  return *imsis.begin();
}

KeyMaterial parse_key_file(std::string_view text, const std::string& name) {
  KeyMaterial km;
  std::istringstream in{std::string(text)};
  std::string raw;
  std::size_t line = 0;
  while (std::getline(in, raw)) {
    ++line;
    if (const auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
    std::istringstream words(raw);
    std::string kind;
    if (!(words >> kind)) continue;  // blank or comment line
    std::map<std::string, std::string> fields;
    std::string word;
    while (words >> word) {
      const auto eq = word.find('=');
      if (eq == std::string::npos || eq == 0) fail(name, line, "'" + word + "' is not field=value");
      std::string key = word.substr(0, eq);
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
      if (!fields.emplace(key, word.substr(eq + 1)).second) fail(name, line, "field '" + key + "' given twice");
    }
    auto take = [&](const std::string& field) {
      auto it = fields.find(field);
      if (it == fields.end()) fail(name, line, "'" + kind + "' needs field '" + field + "'");
      std::string v = it->second;
      fields.erase(it);
      return v;
    };
    const std::string imsi = take("imsi");
    if (!is_imsi(imsi)) fail(name, line, "field 'imsi': '" + imsi + "' is not 6 to 15 decimal digits");
    if (kind == "subscriber") {
      SubscriberKeys s;
      s.imsi = imsi;
      s.k = hex_field<16>(name, line, "k", take("k"));
      if (fields.count("opc")) {
        s.opc = hex_field<16>(name, line, "opc", take("opc"));
      } else if (fields.count("op")) {
        // OPc = OP xor E_K(OP) (TS 35.206 4.1): accept OP for convenience, keep OPc.
        const auto op = hex_field<16>(name, line, "op", take("op"));
        const security::Key128 opc =
            security::Milenage::opc_from_op(security::Key128(s.k), security::Key128(op));
        std::copy(opc.view().begin(), opc.view().end(), s.opc.begin());
      } else {
        fail(name, line, "'subscriber' needs field 'opc' (or 'op')");
      }
      km.subscribers.push_back(s);
    } else if (kind == "kasme") {
      KasmeEntry e;
      e.imsi = imsi;
      const std::string eksi = take("eksi");
      if (eksi.size() != 1 || eksi[0] < '0' || eksi[0] > '6') {
        fail(name, line, "field 'eksi': '" + eksi + "' is not 0..6 (7 means no key)");
      }
      e.eksi = static_cast<monitor::Ksi>(eksi[0] - '0');
      e.kasme = hex_field<32>(name, line, "kasme", take("kasme"));
      km.kasmes.push_back(e);
    } else {
      fail(name, line, "unknown entry '" + kind + "' (expected 'subscriber' or 'kasme')");
    }
    if (!fields.empty()) fail(name, line, "unknown field '" + fields.begin()->first + "'");
  }
  return km;
}

KeyMaterial read_key_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw KeyFileError(path + ": cannot open the key file");
  std::ostringstream text;
  text << f.rdbuf();
  return parse_key_file(text.str(), path);
}

}  // namespace concur::judge
