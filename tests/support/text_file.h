// Reading a whole file a run wrote (a report, a JUnit file, a summary) into a string.
#pragma once

#include <filesystem>
#include <string>

namespace concur::test {

/// The file's whole content; empty when it cannot be read (the caller's assertion then says what
/// was missing).
std::string read_text_file(const std::filesystem::path& p);

}  // namespace concur::test
