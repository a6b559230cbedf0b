#pragma once
// Revision files as YAML nodes (yaml/writer.hpp): each operation holds its data in the order
// files show it, small operations marked flow (operation_nodes.cpp, table_nodes.cpp);
// write_revision.cpp emits them and checksum.cpp hashes their data.

#include <string>

#include <yaml-cpp/yaml.h>

#include "migrate/operations.hpp"
#include "migrate/revision.hpp"

#include "yaml/writer.hpp"

namespace migrate::revision {

using yaml::MapBuilder;
using yaml::names_node;
using yaml::optional_node;
using yaml::text_node;

// {kind: body}, the flag inside the body.
YAML::Node operation_node(const RevisionOperation& operation);

// "name" in default_schema, "schema.name" elsewhere, {schema, name} when a part holds a '.'.
YAML::Node qualified_node(const QualifiedName& name,
                          const std::string& default_schema = default_schema_name);
// "table.column" in public, "schema.table.column" elsewhere, {schema, table, column} when a part
// holds a '.'.
YAML::Node owner_node(const ColumnRef& owner);

template <typename T, typename Write>
YAML::Node change_node(const Change<T>& change, Write write) {
  return MapBuilder(true).add("from", write(change.from)).add("to", write(change.to)).node();
}

// Tables, columns, indexes and constraints, written as model files write them.
YAML::Node table_body(const Table& table);
YAML::Node column_fields(const Column& column);  // type, nullable, default ... (flow)
YAML::Node index_body(const QualifiedName& table, const Index& index);
YAML::Node constraint_body(const QualifiedName& table, const Constraint& constraint);

}  // namespace migrate::revision
