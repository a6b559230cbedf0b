#pragma once
// Mark-aware reading of model YAML: every accessor names what it expected and throws a FileError
// pointing at the node (1-based line:column; columns count bytes, as yaml-cpp does).

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "yaml/node.hpp"

namespace migrate::model {

struct Position {
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};
Position position_of(const yaml::Node& node);

// One key of a mapping and its value, after merge keys ("<<: *anchor") are applied.
struct Entry {
  std::string key = {};
  yaml::Node key_node = {};
  yaml::Node value = {};
};

// The entry with this key, or nullptr.
const Entry* find_entry(const std::vector<Entry>& entries, const std::string& key);

// A name read from a list, with where it was written.
struct Name {
  std::string text = {};
  Position at = {};
};

// Nodes it parses or builds live as long as the reader.
class YamlReader {
 public:
  explicit YamlReader(std::string file)
      : file_(std::move(file)), store_(std::make_unique<yaml::Store>()) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(Position at, const std::string& message) const;
  [[noreturn]] void fail(const yaml::Node& at, const std::string& message) const;

  // Checks the whole text is UTF-8, parses every document and rejects duplicate keys.
  std::vector<yaml::Node> parse_documents(std::string_view text) const;

  // Nodes built by code, without a position: a quoted scalar, a mapping.
  yaml::Node text_node(const std::string& text) const;
  yaml::Node map_node(const std::vector<std::pair<yaml::Node, yaml::Node>>& pairs) const;

  // A mapping's entries in written order; null reads as empty. what: "column users.id".
  std::vector<Entry> entries(const yaml::Node& node, const std::string& what) const;
  // Fails at the first key not in allowed: "unknown key 'x' in <where> (expected: a, b)".
  void check_keys(const std::vector<Entry>& entries, std::initializer_list<const char*> allowed,
                  const std::string& where) const;

  // Scalar values of entry (messages: "expected a boolean for 'nullable' in <where>").
  std::string text(const Entry& entry, const std::string& where) const;
  bool boolean(const Entry& entry, const std::string& where) const;
  std::int64_t integer(const Entry& entry, const std::string& where) const;
  // A duration or timeout: a whole number of milliseconds from 0 to what an int holds.
  int milliseconds(const Entry& entry, const std::string& where) const;
  // A list of names (a single name reads as a list of one); each is an identifier.
  std::vector<Name> names(const Entry& entry, const std::string& where) const;
  // A sequence's items; null reads as empty.
  std::vector<yaml::Node> items(const Entry& entry, const std::string& where) const;

  // A PostgreSQL identifier: non-empty and at most 63 bytes, never truncated. what: "table name".
  std::string identifier(const yaml::Node& node, const std::string& what) const;
  void check_identifier(const std::string& name, Position at, const std::string& what) const;

 private:
  void append_entries(const yaml::Node& node, std::vector<Entry>& out,
                      std::set<const void*>& merged) const;
  void check_utf8(std::string_view text) const;

  std::string file_;
  std::unique_ptr<yaml::Store> store_;
};

}  // namespace migrate::model
