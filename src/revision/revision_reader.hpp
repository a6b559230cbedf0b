#pragma once
// Reading revision files: the top level (read_revision.cpp), one operation per list item
// (read_operation.cpp, op_reader.cpp) and each kind's fields (read_table_ops.cpp,
// read_table_objects.cpp, read_type_ops.cpp). Tables, columns, indexes and constraints are read
// by the model loader's own readers (src/model/), so a table in a revision is written exactly as
// in a model file.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "migrate/operations.hpp"
#include "migrate/revision.hpp"

#include "model/yaml_reader.hpp"
#include "yaml/node.hpp"

namespace migrate::revision {

using model::Entry;
using model::Position;
using model::YamlReader;

// A revision and where its id was written (for the file-name check of load_revisions).
struct ParsedRevision {
  Revision revision = {};
  Position id_at = {};
};
ParsedRevision parse_revision(const std::string& file_name, const std::string& text,
                              RevisionParts parts = RevisionParts::everything);

// One item of 'upgrade' or 'downgrade': "- kind: {fields}".
RevisionOperation read_operation(const YamlReader& reader, const yaml::Node& item);

// The fields of one operation's mapping; messages call it by its kind ("in add_column").
class OpReader {
 public:
  OpReader(const YamlReader& reader, std::string kind, const yaml::Node& body, Position at);

  const YamlReader& reader() const { return reader_; }
  const std::string& where() const { return kind_; }
  const std::vector<Entry>& fields() const { return fields_; }
  // Where the operation is written: its mapping, or its kind when the mapping is empty.
  Position at() const { return at_; }

  void check_keys(std::initializer_list<const char*> allowed) const;
  const Entry* find(const std::string& key) const;
  // Fails with "missing key 'key' in <kind>".
  const Entry& required(const char* key) const;
  std::string text(const char* key) const;
  std::string identifier(const char* key) const;
  QualifiedName qualified(const char* key) const;
  bool boolean(const char* key, bool fallback) const;
  // Absent or null: nothing.
  std::optional<std::string> optional_text(const char* key) const;
  // A mapping of just the fields not in left_out, with the original nodes (and their positions).
  yaml::Node body_without(std::initializer_list<const char*> left_out) const;

  // key: {from: ..., to: ...}, both required; absent: nothing.
  // read(entry, where) -> T.
  template <typename T, typename Read>
  std::optional<Change<T>> change(const char* key, Read read) const {
    const Entry* entry = find(key);
    if (!entry) return std::nullopt;
    const std::string what = fmt::format("'{}' of {}", key, kind_);
    const auto sides = reader_.entries(entry->value, what);
    reader_.check_keys(sides, {"from", "to"}, what);
    Change<T> result;
    result.from = read(side(sides, "from", *entry, what), what);
    result.to = read(side(sides, "to", *entry, what), what);
    return result;
  }

 private:
  const Entry& side(const std::vector<Entry>& sides, const char* key, const Entry& change,
                    const std::string& what) const;

  const YamlReader& reader_;
  std::string kind_;
  yaml::Node body_;
  Position at_;
  std::vector<Entry> fields_;
};

// Values shared by several kinds. where: what messages call the place ("'type' of alter_column").
// "name" (in public), "schema.name" or {schema, name}.
QualifiedName read_qualified(const YamlReader& reader, const Entry& entry,
                             const std::string& where);
std::optional<std::string> read_optional_text(const YamlReader& reader, const Entry& entry,
                                              const std::string& where);
// always, by_default or {kind, start, increment, ...}; null: no identity.
std::optional<Identity> read_optional_identity(const YamlReader& reader, const Entry& entry,
                                               const std::string& where);
// {start, increment, min_value, max_value, cache, cycle}.
SequenceOptions read_options(const YamlReader& reader, const Entry& entry,
                             const std::string& where);
// "table.column" (in public), "schema.table.column" or {schema, table, column}; null: no owner.
std::optional<ColumnRef> read_optional_owner(const YamlReader& reader, const Entry& entry,
                                             const std::string& where);

// One reader per operation kind.
Operation read_create_schema(const OpReader& op);
Operation read_drop_schema(const OpReader& op);
Operation read_create_extension(const OpReader& op);
Operation read_drop_extension(const OpReader& op);
Operation read_create_enum(const OpReader& op);
Operation read_drop_enum(const OpReader& op);
Operation read_alter_enum(const OpReader& op);
// read_domain_ops.cpp
Operation read_create_domain(const OpReader& op);
Operation read_drop_domain(const OpReader& op);
Operation read_alter_domain(const OpReader& op);
Operation read_create_composite_type(const OpReader& op);
Operation read_drop_composite_type(const OpReader& op);
Operation read_alter_composite_type(const OpReader& op);
Operation read_create_sequence(const OpReader& op);
Operation read_drop_sequence(const OpReader& op);
Operation read_alter_sequence(const OpReader& op);
Operation read_create_table(const OpReader& op);
Operation read_drop_table(const OpReader& op);
Operation read_rename_table(const OpReader& op);
Operation read_attach_partition(const OpReader& op);
Operation read_detach_partition(const OpReader& op);
Operation read_alter_table(const OpReader& op);
Operation read_add_column(const OpReader& op);
Operation read_drop_column(const OpReader& op);
Operation read_rename_column(const OpReader& op);
Operation read_alter_column(const OpReader& op);
Operation read_create_index(const OpReader& op);
Operation read_drop_index(const OpReader& op);
Operation read_rename_index(const OpReader& op);
Operation read_rename_enum_value(const OpReader& op);
Operation read_add_constraint(const OpReader& op);
Operation read_drop_constraint(const OpReader& op);
Operation read_rename_constraint(const OpReader& op);
Operation read_create_view(const OpReader& op);
Operation read_drop_view(const OpReader& op);
// read_routine_ops.cpp
Operation read_create_function(const OpReader& op);
Operation read_drop_function(const OpReader& op);
Operation read_replace_function(const OpReader& op);
Operation read_create_trigger(const OpReader& op);
Operation read_drop_trigger(const OpReader& op);
Operation read_alter_trigger(const OpReader& op);
Operation read_comment(const OpReader& op);
Operation read_sql(const OpReader& op);

}  // namespace migrate::revision
