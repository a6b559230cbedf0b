#include "cli/source_excerpt.hpp"

#include <fstream>

namespace migrate::cli {

std::string source_excerpt(const FileError& error) {
  if (error.line() <= 0) return {};
  std::ifstream file(error.file(), std::ios::binary);
  std::string line;
  for (int number = 1; number <= error.line(); ++number) {
    if (!std::getline(file, line)) return {};
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  // The caret stands under the column's byte: tabs are copied so it lines up with them, and a
  // UTF-8 character takes one place however many bytes it has.
  std::string pad;
  const auto before = static_cast<std::size_t>(error.column() > 0 ? error.column() - 1 : 0);
  for (std::size_t i = 0; i < before && i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += c == '\t' ? '\t' : ' ';
  }
  return "  " + line + "\n  " + pad + "^\n";
}

}  // namespace migrate::cli
