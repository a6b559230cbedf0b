// Tables, columns, indexes and constraints as operations carry them. Constraints and indexes are
// written by the model writer itself (src/model/write_keys.cpp), every one named, so a revision
// shows them exactly as a model file does and the model's readers read them back.

#include <variant>

#include <yaml-cpp/yaml.h>

#include "model/write_keys.hpp"
#include "revision/revision_writer.hpp"

namespace migrate::revision {
namespace {

// The model writer's keys for the table's constraints and indexes (primary_key, unique,
// foreign_keys, checks, exclusions, indexes), as nodes. References are written relative to the
// table's schema, as the model's reader (given that schema) reads them.
YAML::Node model_parts(const Table& table) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  model::write_constraints(out, table);
  model::write_indexes(out, table.indexes);
  out << YAML::EndMap;
  return YAML::Load(out.c_str());
}

// The one item under key of model_parts: the first value of a mapping or a list.
YAML::Node only_item(const YAML::Node& parts, const char* key) {
  const YAML::Node items = parts[key];
  if (items.IsSequence()) return items[0];
  return items.begin()->second;
}

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

// A table holding just this constraint, for the model writer.
Table table_with(const QualifiedName& name, const Constraint& constraint) {
  Table table{name};
  if (const auto* key = std::get_if<PrimaryKey>(&constraint)) table.primary_key = *key;
  if (const auto* unique = std::get_if<UniqueConstraint>(&constraint)) table.uniques = {*unique};
  if (const auto* key = std::get_if<ForeignKey>(&constraint)) table.foreign_keys = {*key};
  return table;
}

}  // namespace

YAML::Node column_fields(const Column& column) {
  MapBuilder map(true);
  if (!column.type.empty()) map.text("type", column.type);
  if (!column.nullable) map.add("nullable", bool_node(false));
  map.optional("default", column.default_expr);
  if (column.identity) map.add("identity", identity_node(*column.identity));
  map.optional("generated", column.generated);
  map.optional("collation", column.collation);
  map.optional("comment", column.comment);
  return map.node();
}

// A block, but for a bare name ("drop_table: {name: tags}", as people write a drop).
YAML::Node table_body(const Table& table) {
  const YAML::Node parts = model_parts(table);
  MapBuilder body(table.columns.empty() && !table.comment && parts.size() == 0);
  body.add("name", qualified_node(table.name));
  body.optional("comment", table.comment);
  if (!table.columns.empty()) body.add("columns", columns_node(table.columns));
  return body.add_all(parts).node();
}

YAML::Node index_body(const QualifiedName& table, const Index& index) {
  const YAML::Node parts = model_parts(Table{.name = table, .indexes = {index}});
  MapBuilder body(true);
  body.add("table", qualified_node(table)).text("name", index.name);
  return body.add_all(only_item(parts, "indexes")).node();
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
  const YAML::Node parts = model_parts(table_with(table, constraint));
  const char* key = std::holds_alternative<PrimaryKey>(constraint)         ? "primary_key"
                    : std::holds_alternative<UniqueConstraint>(constraint) ? "unique"
                                                                           : "foreign_keys";
  const YAML::Node fields = key == std::string("primary_key") ? parts[key] : only_item(parts, key);
  return body.add_all(fields, {"name"}).node();
}

}  // namespace migrate::revision
