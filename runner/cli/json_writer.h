// Just enough JSON output for machine-readable reports: string escaping (RFC 8259 7).
#pragma once

#include <string>
#include <string_view>

namespace concur::cli {

/// The string as a JSON string literal, quotes included.
std::string json_string(std::string_view s);

}  // namespace concur::cli
