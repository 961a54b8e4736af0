#include "support/text_file.h"

#include <fstream>
#include <sstream>

namespace concur::test {

std::string read_text_file(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace concur::test
