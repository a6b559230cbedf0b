#pragma once
// Mark-aware reading of model YAML: every accessor names what it expected and throws a FileError
// pointing at the node (1-based line:column; columns count bytes, as yaml-cpp does).

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace migrate::model {

struct Position {
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};
Position position_of(const YAML::Node& node);

// One key of a mapping and its value, after merge keys ("<<: *anchor") are applied.
struct Entry {
  std::string key = {};
  YAML::Node key_node = {};
  YAML::Node value = {};
};

// The entry with this key, or nullptr.
const Entry* find_entry(const std::vector<Entry>& entries, const std::string& key);

// A name read from a list, with where it was written.
struct Name {
  std::string text = {};
  Position at = {};
};

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(Position at, const std::string& message) const;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;

  // Checks the whole text is UTF-8, parses every document and rejects duplicate keys.
  std::vector<YAML::Node> parse_documents(const std::string& text) const;

  // A mapping's entries in written order; null reads as empty. what: "column users.id".
  std::vector<Entry> entries(const YAML::Node& node, const std::string& what) const;
  // Fails at the first key not in allowed: "unknown key 'x' in <where> (expected: a, b)".
  void check_keys(const std::vector<Entry>& entries, std::initializer_list<const char*> allowed,
                  const std::string& where) const;

  // Scalar values of entry (messages: "expected a boolean for 'nullable' in <where>").
  std::string text(const Entry& entry, const std::string& where) const;
  bool boolean(const Entry& entry, const std::string& where) const;
  std::int64_t integer(const Entry& entry, const std::string& where) const;
  // A list of names (a single name reads as a list of one); each is an identifier.
  std::vector<Name> names(const Entry& entry, const std::string& where) const;
  // A sequence's items; null reads as empty.
  std::vector<YAML::Node> items(const Entry& entry, const std::string& where) const;

  // A PostgreSQL identifier: non-empty and at most 63 bytes, never truncated. what: "table name".
  std::string identifier(const YAML::Node& node, const std::string& what) const;
  void check_identifier(const std::string& name, Position at, const std::string& what) const;

 private:
  void append_entries(const YAML::Node& node, std::vector<Entry>& out,
                      std::set<std::size_t>& merged) const;
  void check_progress(const std::string& text) const;
  void check_utf8(const std::string& text) const;
  void check_duplicate_keys(const YAML::Node& node, std::set<std::size_t>& seen) const;

  std::string file_;
};

}  // namespace migrate::model
