#pragma once
// Letters folded to lower case, as SQL keywords and option words are compared.

#include <algorithm>
#include <cctype>
#include <string>

namespace migrate {

inline std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace migrate
