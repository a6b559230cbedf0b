#pragma once
// Plain scalars that YAML readers take for something other than text: what the writer quotes so
// that no reader takes text for a boolean or a merge key.

#include <algorithm>
#include <array>
#include <string_view>

namespace migrate::yaml {

// YAML 1.1's booleans, which other tools still read as such, and the merge key "<<".
inline bool is_boolean_or_merge_word(std::string_view text) {
  static constexpr std::array<std::string_view, 23> words = {
      "<<", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No",
      "NO", "on",   "On",   "ON",   "off",   "Off",   "OFF",   "y",   "Y",   "n",   "N"};
  return std::find(words.begin(), words.end(), text) != words.end();
}

}  // namespace migrate::yaml
