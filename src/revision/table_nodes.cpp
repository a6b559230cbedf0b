// Tables, columns, indexes and constraints as operations carry them: the model files' own nodes
// (src/model/object_nodes.cpp), every one named, so a revision shows them exactly as a model
// file does and the model's readers read them back.

#include <variant>

#include "model/object_nodes.hpp"
#include "revision/revision_writer.hpp"

namespace migrate::revision {
namespace {

Node columns_node(Store& store, const std::vector<Column>& columns) {
  MapBuilder map(store, false);
  for (const Column& column : columns) map.add(column.name, column_fields(store, column));
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

Node column_fields(Store& store, const Column& column) {
  return model::column_fields(store, column, column.type);
}

// A block, but for a bare name ("drop_table: {name: tags}", as people write a drop).
Node table_body(Store& store, const Table& table) {
  MapBuilder parts(store, false);
  model::add_constraints(parts, store, table);
  model::add_indexes(parts, store, table.indexes);
  model::add_table_attributes(parts, store, table);
  MapBuilder body(store, table.columns.empty() && !table.comment && parts.empty());
  body.add("name", qualified_node(store, table.name));
  body.optional("comment", table.comment);
  if (!table.columns.empty() && !table.partition_of) {
    body.add("columns", columns_node(store, table.columns));
  }
  return body.add_all(parts.node()).node();
}

Node index_body(Store& store, const QualifiedName& table, const Index& index) {
  MapBuilder body(store, true);
  body.add("table", qualified_node(store, table)).text("name", index.name);
  return body.add_all(model::index_fields(store, index)).node();
}

Node constraint_body(Store& store, const QualifiedName& table, const Constraint& constraint) {
  MapBuilder body(store, true);
  body.add("table", qualified_node(store, table)).text("type", constraint_type(constraint));
  body.text("name", constraint_name(constraint));
  if (const auto* check = std::get_if<CheckConstraint>(&constraint)) {
    return body.text("expression", check->expression)
        .flag("no_inherit", check->no_inherit)
        .flag("not_valid", check->not_valid)
        .optional("comment", check->comment)
        .node();
  }
  if (const auto* exclusion = std::get_if<ExclusionConstraint>(&constraint)) {
    return body.text("definition", exclusion->definition)
        .optional("comment", exclusion->comment)
        .node();
  }
  MapBuilder parts(store, false);
  model::add_constraints(parts, store, table_with(table, constraint));
  // The one entry added: primary_key's mapping, or the list under unique or foreign_keys.
  const Node added = parts.node().value(0);
  return body.add_all(added.is_sequence() ? added.item(0) : added, {"name"}).node();
}

}  // namespace migrate::revision
