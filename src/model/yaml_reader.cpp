#include "model/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "migrate/error.hpp"
#include "migrate/names.hpp"

#include "yaml/utf8.hpp"

namespace migrate::model {
namespace {

bool is_merge_key(const yaml::Node& key) {
  return key.is_scalar() && key.is_plain() && key.view() == "<<";
}

std::string expected_list(std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
  return list;
}

}  // namespace

Position position_of(const yaml::Node& node) {
  const yaml::Mark mark = node.mark();
  return {mark.line, mark.column};
}

const Entry* find_entry(const std::vector<Entry>& entries, const std::string& key) {
  const auto found =
      std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
  return found == entries.end() ? nullptr : &*found;
}

void YamlReader::fail(Position at, const std::string& message) const {
  throw FileError(file_, at.line, at.column, message);
}

void YamlReader::fail(const yaml::Node& at, const std::string& message) const {
  fail(position_of(at), message);
}

std::vector<yaml::Node> YamlReader::parse_documents(std::string_view text) const {
  check_utf8(text);
  return yaml::parse(text, *store_, file_);
}

yaml::Node YamlReader::text_node(const std::string& text) const {
  return store_->scalar(text, false);
}

yaml::Node YamlReader::map_node(const std::vector<std::pair<yaml::Node, yaml::Node>>& pairs) const {
  return store_->map(pairs);
}

void YamlReader::check_utf8(std::string_view text) const {
  Position at{1, 1};
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = yaml::utf8_length(text, i);
    if (length == 0) {
      fail(at, fmt::format("invalid UTF-8 (byte 0x{:02x}); YAML files must be UTF-8",
                           static_cast<unsigned char>(text[i])));
    }
    // YAML allows tab, line feed and carriage return, and no other control character, raw;
    // yaml-cpp would read some of them and write them back as something else.
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) fail(at, "a NUL byte is not allowed in a YAML file");
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      fail(at, fmt::format("control character 0x{:02x} is not allowed in a YAML file (inside a "
                           "double-quoted string it may be written escaped: \"\\x{:02x}\")",
                           c, c));
    }
    at = text[i] == '\n' ? Position{at.line + 1, 1} : Position{at.line, at.column + int(length)};
    i += length;
  }
}

std::vector<Entry> YamlReader::entries(const yaml::Node& node, const std::string& what) const {
  std::vector<Entry> out;
  if (node.is_null()) return out;
  if (!node.is_map()) fail(node, "expected a mapping for " + what);
  std::set<const void*> merged{node.identity()};
  append_entries(node, out, merged);
  return out;
}

// Explicit keys win over merged ones, and earlier merged mappings over later ones (YAML 1.1).
// A mapping merged twice adds nothing the second time, so merged (positions of the mappings
// expanded so far) keeps nested merges from growing without bound.
void YamlReader::append_entries(const yaml::Node& node, std::vector<Entry>& out,
                                std::set<const void*>& merged) const {
  std::vector<std::string_view> explicit_keys;
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node.key(i).is_scalar()) fail(node.key(i), "expected a name as key");
    if (!is_merge_key(node.key(i))) explicit_keys.push_back(node.key(i).view());
  }
  const auto present = [&](const std::string& key) {
    return std::any_of(out.begin(), out.end(), [&](const Entry& e) { return e.key == key; });
  };
  for (std::size_t i = 0; i < node.size(); ++i) {
    const yaml::Node key = node.key(i);
    const yaml::Node value = node.value(i);
    if (!is_merge_key(key)) {
      out.push_back({key.scalar(), key, value});
      continue;
    }
    std::vector<yaml::Node> sources;
    if (value.is_sequence()) {
      sources.assign(value.begin(), value.end());
    } else {
      sources.push_back(value);
    }
    for (const yaml::Node& source : sources) {
      if (!source.is_map())
        fail(source, "expected a mapping (or a list of them) to merge for '<<'");
      if (!merged.insert(source.identity()).second) continue;
      std::vector<Entry> entries;
      append_entries(source, entries, merged);
      for (Entry& entry : entries) {
        const bool overridden =
            std::find(explicit_keys.begin(), explicit_keys.end(), entry.key) != explicit_keys.end();
        if (!overridden && !present(entry.key)) out.push_back(std::move(entry));
      }
    }
  }
}

void YamlReader::check_keys(const std::vector<Entry>& entries,
                            std::initializer_list<const char*> allowed,
                            const std::string& where) const {
  for (const Entry& entry : entries) {
    const bool known = std::any_of(allowed.begin(), allowed.end(),
                                   [&](const char* key) { return entry.key == key; });
    if (!known) {
      fail(entry.key_node, fmt::format("unknown key '{}' in {} (expected: {})", entry.key, where,
                                       expected_list(allowed)));
    }
  }
}

std::string YamlReader::text(const Entry& entry, const std::string& where) const {
  if (!entry.value.is_scalar()) {
    fail(entry.value, fmt::format("expected a string for '{}' in {}", entry.key, where));
  }
  return entry.value.scalar();
}

bool YamlReader::boolean(const Entry& entry, const std::string& where) const {
  const yaml::Node& value = entry.value;
  if (value.is_scalar() && value.is_plain()) {
    const std::string_view text = value.view();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  fail(value, fmt::format("expected a boolean for '{}' in {}", entry.key, where));
}

std::int64_t YamlReader::integer(const Entry& entry, const std::string& where) const {
  const yaml::Node& value = entry.value;
  if (value.is_scalar() && value.is_plain()) {
    const std::string_view text = value.view();
    std::int64_t result = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error == std::errc() && end == text.data() + text.size()) return result;
  }
  fail(value, fmt::format("expected an integer for '{}' in {}", entry.key, where));
}

int YamlReader::milliseconds(const Entry& entry, const std::string& where) const {
  const std::int64_t value = integer(entry, where);
  if (value < 0 || value > std::numeric_limits<int>::max()) {
    fail(entry.value,
         fmt::format("expected a whole number of milliseconds for '{}' in {}", entry.key, where));
  }
  return static_cast<int>(value);
}

std::vector<yaml::Node> YamlReader::items(const Entry& entry, const std::string& where) const {
  if (entry.value.is_null()) return {};
  if (!entry.value.is_sequence()) {
    fail(entry.value, fmt::format("expected a list for '{}' in {}", entry.key, where));
  }
  return {entry.value.begin(), entry.value.end()};
}

std::vector<Name> YamlReader::names(const Entry& entry, const std::string& where) const {
  std::vector<yaml::Node> nodes;
  if (entry.value.is_scalar()) {
    nodes.push_back(entry.value);
  } else if (entry.value.is_sequence()) {
    nodes.assign(entry.value.begin(), entry.value.end());
  }
  if (nodes.empty() ||
      !std::all_of(nodes.begin(), nodes.end(), [](const yaml::Node& n) { return n.is_scalar(); })) {
    fail(entry.value, fmt::format("expected a list of names for '{}' in {}", entry.key, where));
  }
  std::vector<Name> result;
  for (const yaml::Node& node : nodes) {
    result.push_back(
        {identifier(node, fmt::format("name in '{}' of {}", entry.key, where)), position_of(node)});
  }
  return result;
}

std::string YamlReader::identifier(const yaml::Node& node, const std::string& what) const {
  if (!node.is_scalar()) fail(node, "expected a name for " + what);
  std::string name = node.scalar();
  check_identifier(name, position_of(node), what);
  return name;
}

void YamlReader::check_identifier(const std::string& name, Position at,
                                  const std::string& what) const {
  if (name.empty()) fail(at, what + " is empty");
  // PostgreSQL refuses NUL in names, and other control characters in a name would reach
  // terminals and logs as they are.
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c == 0x7f) {
      fail(at, fmt::format("{} holds the control character 0x{:02x} at byte {}; names may not "
                           "contain control characters",
                           what, c, i + 1));
    }
  }
  if (name.size() > max_identifier_bytes) {
    fail(at, fmt::format("{} '{}' is {} bytes long; PostgreSQL allows at most {} (names are "
                         "never truncated)",
                         what, name, name.size(), max_identifier_bytes));
  }
}

}  // namespace migrate::model
