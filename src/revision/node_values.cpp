// Nodes for the names operations carry.

#include "revision/revision_writer.hpp"

namespace migrate::revision {
namespace {

bool has_dot(const std::string& name) { return name.find('.') != std::string::npos; }

}  // namespace

Node qualified_node(Store& store, const QualifiedName& name, const std::string& default_schema) {
  if (has_dot(name.schema) || has_dot(name.name)) {
    MapBuilder map(store, true);
    if (name.schema != default_schema) map.text("schema", name.schema);
    return map.text("name", name.name).node();
  }
  return yaml::text_node(store,
                         name.schema == default_schema ? name.name : name.schema + "." + name.name);
}

Node owner_node(Store& store, const ColumnRef& owner) {
  const std::string default_schema = default_schema_name;
  const QualifiedName& table = owner.table;
  if (has_dot(table.schema) || has_dot(table.name) || has_dot(owner.column)) {
    MapBuilder map(store, true);
    if (table.schema != default_schema) map.text("schema", table.schema);
    return map.text("table", table.name).text("column", owner.column).node();
  }
  const std::string prefix = table.schema == default_schema ? "" : table.schema + ".";
  return yaml::text_node(store, prefix + table.name + "." + owner.column);
}

}  // namespace migrate::revision
