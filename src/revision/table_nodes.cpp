// Tables, columns, indexes and constraints as operations carry them: the model files' own nodes
// (src/model/object_nodes.cpp), every one named, so a revision shows them exactly as a model
// file does and the model's readers read them back.

#include <variant>

#include "model/object_nodes.hpp"
#include "revision/revision_writer.hpp"

namespace migrate::revision {
namespace {

YAML::Node columns_node(const std::vector<Column>& columns) {
  MapBuilder map(false);
  for (const Column& column : columns) map.add(column.name, column_fields(column));
  return map.node();
}

const char* constraint_type(const Constraint& constraint) {
  static constexpr const char* types[] = {"primary_key", "unique", "foreign_key", "check",
                                          "exclusion"};
  return types[constraint.index()];
}

// A table holding just this constraint, for the model's nodes.
Table table_with(const QualifiedName& name, const Constraint& constraint) {
  Table table{name};
  if (const auto* key = std::get_if<PrimaryKey>(&constraint)) table.primary_key = *key;
  if (const auto* unique = std::get_if<UniqueConstraint>(&constraint)) table.uniques = {*unique};
  if (const auto* key = std::get_if<ForeignKey>(&constraint)) table.foreign_keys = {*key};
  return table;
}

}  // namespace

YAML::Node column_fields(const Column& column) { return model::column_fields(column, column.type); }

// A block, but for a bare name ("drop_table: {name: tags}", as people write a drop).
YAML::Node table_body(const Table& table) {
  YAML::Node parts(YAML::NodeType::Map);
  model::add_constraints(parts, table);
  model::add_indexes(parts, table.indexes);
  MapBuilder body(table.columns.empty() && !table.comment && parts.size() == 0);
  body.add("name", qualified_node(table.name));
  body.optional("comment", table.comment);
  if (!table.columns.empty()) body.add("columns", columns_node(table.columns));
  return body.add_all(parts).node();
}

YAML::Node index_body(const QualifiedName& table, const Index& index) {
  MapBuilder body(true);
  body.add("table", qualified_node(table)).text("name", index.name);
  return body.add_all(model::index_fields(index)).node();
}

YAML::Node constraint_body(const QualifiedName& table, const Constraint& constraint) {
  MapBuilder body(true);
  body.add("table", qualified_node(table)).text("type", constraint_type(constraint));
  body.text("name", constraint_name(constraint));
  if (const auto* check = std::get_if<CheckConstraint>(&constraint)) {
    return body.text("expression", check->expression).node();
  }
  if (const auto* exclusion = std::get_if<ExclusionConstraint>(&constraint)) {
    return body.text("definition", exclusion->definition).node();
  }
  YAML::Node parts(YAML::NodeType::Map);
  model::add_constraints(parts, table_with(table, constraint));
  const YAML::Node fields = std::holds_alternative<PrimaryKey>(constraint) ? parts["primary_key"]
                            : std::holds_alternative<UniqueConstraint>(constraint)
                                ? parts["unique"][0]
                                : parts["foreign_keys"][0];
  return body.add_all(fields, {"name"}).node();
}

}  // namespace migrate::revision
