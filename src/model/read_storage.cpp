// How a table, materialized view or column is stored, as model and revision files write it.

#include <algorithm>

#include <fmt/format.h>

#include "model/table_reader.hpp"
#include "util/lowercase.hpp"

namespace migrate::model {
namespace {

std::string one_of(const YamlReader& reader, const Entry& entry, const std::string& where,
                   std::initializer_list<const char*> allowed, const char* listed) {
  const std::string value = lowercase(reader.text(entry, where));
  for (const char* word : allowed) {
    if (value == word) return value;
  }
  reader.fail(entry.value, fmt::format("expected {} for '{}' in {}", listed, entry.key, where));
}

}  // namespace

std::vector<std::string> read_storage(const YamlReader& reader, const Entry& entry,
                                      const std::string& where) {
  std::vector<std::string> storage;
  const std::string what = "'storage' of " + where;
  for (const Entry& parameter : reader.entries(entry.value, what)) {
    reader.check_identifier(parameter.key, position_of(parameter.key_node), "parameter in " + what);
    storage.push_back(parameter.key + "=" + reader.text(parameter, what));
  }
  return storage;
}

std::vector<std::string> read_sorted_storage(const YamlReader& reader, const Entry& entry,
                                             const std::string& where) {
  std::vector<std::string> storage = read_storage(reader, entry, where);
  std::sort(storage.begin(), storage.end());
  return storage;
}

std::optional<int> read_statistics(const YamlReader& reader, const Entry& entry,
                                   const std::string& where) {
  const auto target = reader.integer(entry, where);
  if (target < -1 || target > 10000) {
    reader.fail(entry.value,
                fmt::format("expected a statistics target from -1 to 10000 in {}", where));
  }
  if (target == -1) return std::nullopt;  // the server's default, as reflection reads it
  return static_cast<int>(target);
}

std::string read_column_storage(const YamlReader& reader, const Entry& entry,
                                const std::string& where) {
  return one_of(reader, entry, where, {"plain", "external", "main", "extended"},
                "plain, external, main or extended");
}

std::string read_compression(const YamlReader& reader, const Entry& entry,
                             const std::string& where) {
  return one_of(reader, entry, where, {"pglz", "lz4"}, "pglz or lz4");
}

std::optional<std::string> read_replica_identity(const YamlReader& reader, const Entry& entry,
                                                 const std::string& where) {
  const std::string value = reader.text(entry, where);
  const std::string word = lowercase(value);
  if (word == "default") return std::nullopt;
  if (word == "full" || word == "nothing") return word;
  const std::string prefix = "using index ";
  if (word.starts_with(prefix) && value.size() > prefix.size()) {
    const std::string index = value.substr(prefix.size());
    reader.check_identifier(index, position_of(entry.value),
                            "index in 'replica_identity' of " + where);
    return prefix + index;
  }
  reader.fail(entry.value, fmt::format("expected default, full, nothing or 'using index NAME' for "
                                       "'replica_identity' in {}",
                                       where));
}

}  // namespace migrate::model
