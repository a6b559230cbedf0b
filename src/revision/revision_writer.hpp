#pragma once
// Revision files as YAML trees (yaml/writer.hpp), built in a Store: each operation holds its data
// in the order files show it, small operations marked flow (operation_nodes.cpp,
// table_nodes.cpp); write_revision.cpp emits them and checksum.cpp hashes their data.

#include <string>

#include "migrate/operations.hpp"
#include "migrate/revision.hpp"

#include "yaml/writer.hpp"

namespace migrate::revision {

using yaml::MapBuilder;
using yaml::Node;
using yaml::Store;

// {kind: body}, the flag inside the body.
Node operation_node(Store& store, const RevisionOperation& operation);

// "name" in default_schema, "schema.name" elsewhere, {schema, name} when a part holds a '.'.
Node qualified_node(Store& store, const QualifiedName& name,
                    const std::string& default_schema = default_schema_name);
// "table.column" in public, "schema.table.column" elsewhere, {schema, table, column} when a part
// holds a '.'.
Node owner_node(Store& store, const ColumnRef& owner);

// {from, to}, each written by write(store, value).
template <typename T, typename Write>
Node change_node(Store& store, const Change<T>& change, Write write) {
  return MapBuilder(store, true)
      .add("from", write(store, change.from))
      .add("to", write(store, change.to))
      .node();
}

// Tables, columns, indexes and constraints, written as model files write them.
Node table_body(Store& store, const Table& table);
Node column_fields(Store& store, const Column& column);  // type, nullable, default ... (flow)
Node index_body(Store& store, const QualifiedName& table, const Index& index);
Node constraint_body(Store& store, const QualifiedName& table, const Constraint& constraint);

}  // namespace migrate::revision
