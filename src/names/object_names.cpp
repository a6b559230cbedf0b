#include <algorithm>

#include "migrate/names.hpp"

namespace migrate {
namespace {

// Bytes of the longest prefix of text[0, limit) that ends on a UTF-8 character boundary, as
// PostgreSQL's pg_mbcliplen does, so a truncated name never holds half a character.
std::size_t clip_to_character(const std::string& text, std::size_t limit) {
  std::size_t end = 0;
  while (end < text.size()) {
    const auto lead = static_cast<unsigned char>(text[end]);
    const std::size_t width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (end + width > limit) break;
    end += width;
  }
  return end;
}

}  // namespace

std::string make_object_name(const std::string& name1, const std::string& name2,
                             const std::string& label) {
  std::size_t overhead = label.empty() ? 0 : label.size() + 1;
  if (!name2.empty()) ++overhead;
  const std::size_t available =
      max_identifier_bytes > overhead ? max_identifier_bytes - overhead : 0;
  std::size_t name1_bytes = name1.size();
  std::size_t name2_bytes = name2.size();
  // makeObjectName trims the longer name one byte at a time (name2 on a tie), then clips both.
  while (name1_bytes + name2_bytes > available) {
    if (name1_bytes > name2_bytes) {
      --name1_bytes;
    } else {
      --name2_bytes;
    }
  }
  std::string result = name1.substr(0, clip_to_character(name1, name1_bytes));
  if (!name2.empty()) result += "_" + name2.substr(0, clip_to_character(name2, name2_bytes));
  if (!label.empty()) result += "_" + label;
  return result;
}

std::string choose_object_name(const std::string& name1, const std::string& name2,
                               const std::string& label,
                               const std::function<bool(const std::string&)>& is_taken) {
  std::string name = make_object_name(name1, name2, label);
  for (int pass = 1; is_taken(name); ++pass) {
    name = make_object_name(name1, name2, label + std::to_string(pass));
  }
  return name;
}

std::string choose_object_name(const std::string& name1, const std::string& name2,
                               const std::string& label, std::set<std::string>& taken) {
  std::string name = choose_object_name(name1, name2, label, [&](const std::string& candidate) {
    return taken.count(candidate) != 0;
  });
  taken.insert(name);
  return name;
}

std::string join_column_names(const std::vector<std::string>& columns) {
  std::string joined;
  for (const std::string& column : columns) {
    if (!joined.empty()) joined += '_';
    joined += column;
    // PostgreSQL stops once the joined text is past NAMEDATALEN; the rest would be truncated.
    if (joined.size() > max_identifier_bytes) break;
  }
  return joined;
}

std::vector<std::string> distinct_column_names(const std::vector<std::string>& names) {
  std::vector<std::string> result;
  for (const std::string& original : names) {
    std::string name = original;
    for (int pass = 1; std::find(result.begin(), result.end(), name) != result.end(); ++pass) {
      const std::string suffix = std::to_string(pass);
      name = original.substr(0, clip_to_character(original, max_identifier_bytes - suffix.size()));
      name += suffix;
    }
    result.push_back(name);
  }
  return result;
}

}  // namespace migrate
