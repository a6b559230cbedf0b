#pragma once
// Writing revision files. Each operation is first turned into a YAML node holding its data in the
// order files show it, flow style marked on what fits one line (operation_nodes.cpp,
// table_nodes.cpp). write_revision.cpp emits those nodes; checksum.cpp hashes their data only, so
// a file's layout never changes a checksum.

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "migrate/operations.hpp"
#include "migrate/revision.hpp"

namespace migrate::revision {

// {kind: body}, the flag inside the body.
YAML::Node operation_node(const RevisionOperation& operation);

// Whether text is written as a literal block ("|"): it reads back unchanged that way.
bool fits_literal(const std::string& text);

// Emits node (block style unless marked flow) as write_revision_yaml lays files out.
void emit_node(YAML::Emitter& out, const YAML::Node& node, bool in_flow = false);

// A mapping built key by key, in the order written.
class MapBuilder {
 public:
  explicit MapBuilder(bool flow);
  MapBuilder& add(const std::string& key, const YAML::Node& value);
  MapBuilder& text(const std::string& key, const std::string& value);
  // Omitted when unset.
  MapBuilder& optional(const std::string& key, const std::optional<std::string>& value);
  // Written only when true.
  MapBuilder& flag(const std::string& key, bool value);
  // Every entry of another mapping, but for those keys in left_out.
  MapBuilder& add_all(const YAML::Node& map, const std::vector<std::string>& left_out = {});
  const YAML::Node& node() const { return node_; }

 private:
  YAML::Node node_;
};

// Scalars are tagged as YAML tags what it reads: "!" for text (quoted where needed), "?" for
// booleans and numbers (always plain, so the readers' boolean() and integer() accept them).
YAML::Node text_node(const std::string& text);
YAML::Node bool_node(bool value);
YAML::Node integer_node(std::int64_t value);
YAML::Node optional_node(const std::optional<std::string>& text);  // null when unset
YAML::Node names_node(const std::vector<std::string>& names);      // a flow list
// "name" in default_schema, "schema.name" elsewhere, {schema, name} when a part holds a '.'.
YAML::Node qualified_node(const QualifiedName& name,
                          const std::string& default_schema = default_schema_name);
YAML::Node identity_node(const Identity& identity);
YAML::Node options_node(const SequenceOptions& options);
// "table.column" in public, "schema.table.column" elsewhere, {schema, table, column} when a part
// holds a '.'.
YAML::Node owner_node(const ColumnRef& owner);

template <typename T, typename Write>
YAML::Node change_node(const Change<T>& change, Write write) {
  return MapBuilder(true).add("from", write(change.from)).add("to", write(change.to)).node();
}

// Tables, columns, indexes and constraints, written as the model writer writes them.
YAML::Node table_body(const Table& table);
YAML::Node column_fields(const Column& column);  // type, nullable, default ... (flow)
YAML::Node index_body(const QualifiedName& table, const Index& index);
YAML::Node constraint_body(const QualifiedName& table, const Constraint& constraint);

}  // namespace migrate::revision
