// Indexes and constraints in operations: 'table', 'name' (and a constraint's 'type') beside the
// fields a model file gives them, read by the model loader's own index and constraint readers.
// Names are required: what an upgrade creates, its downgrade must be able to drop.

#include <sstream>
#include <string_view>
#include <utility>

#include "model/table_reader.hpp"
#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

using ReadPart = void (*)(model::TableContext&, const Entry&);

// The model's readers check that the columns named belong to the table. An operation's table
// is not known here, so the columns it names are taken to be the table's.
void assume_columns(model::TableDraft& draft, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (!draft.table.find_column(name)) draft.table.columns.push_back(Column{.name = name});
  }
}

// The columns an index names: "col", "col DESC ...", {column: col} and 'include'. Anything
// malformed is left for the model's reader to report.
std::vector<std::string> index_columns(const OpReader& op) {
  std::vector<std::string> names;
  const Entry* columns = op.find("columns");
  if (columns && columns->value.is_sequence()) {
    for (const yaml::Node key : columns->value) {
      std::istringstream words(key.is_scalar() ? key.scalar() : "");
      if (std::string first; words >> first) names.push_back(first);
      const std::optional<yaml::Node> column = key.find("column");
      if (column && column->is_scalar()) names.push_back(column->scalar());
    }
  }
  if (const Entry* include = op.find("include")) {
    if (include->value.is_scalar()) names.push_back(include->value.scalar());
    if (include->value.is_sequence()) {
      for (const yaml::Node name : include->value) {
        if (name.is_scalar()) names.push_back(name.scalar());
      }
    }
  }
  return names;
}

model::TableDraft draft_for(const QualifiedName& table) {
  model::TableDraft draft;
  draft.table.name = table;
  return draft;
}

// Reads value as the table part key of a model table (references default to the table's schema).
void read_part(const OpReader& op, model::TableDraft& draft, ReadPart read, const char* key,
               const yaml::Node& value) {
  const model::DocumentDraft document{.schema = draft.table.name.schema};
  model::TableContext context{op.reader(), document, draft, display_name(draft.table.name)};
  read(context, Entry{key, op.reader().text_node(key), value});
}

// {name: {fields other than table, type, name, flag}}, the model's "mapping of named items".
yaml::Node named_item(const OpReader& op) {
  op.identifier("name");
  return op.reader().map_node(
      {{op.required("name").value, op.body_without({"table", "type", "name", "flag"})}});
}

std::pair<QualifiedName, Index> read_index(const OpReader& op) {
  op.check_keys({"table", "name", "columns", "expressions", "unique", "method", "where", "include",
                 "nulls_not_distinct", "storage", "comment", "flag"});
  model::TableDraft draft = draft_for(op.qualified("table"));
  if (!op.find("expressions")) op.required("columns");
  assume_columns(draft, index_columns(op));
  read_part(op, draft, model::read_indexes, "indexes", named_item(op));
  return {draft.table.name, draft.indexes.front().value};
}

void assume_named_columns(const OpReader& op, model::TableDraft& draft) {
  assume_columns(draft, model::texts(op.reader().names(op.required("columns"), op.where())));
}

Constraint read_primary_key(const OpReader& op, model::TableDraft& draft) {
  op.check_keys(
      {"table", "type", "name", "columns", "deferrable", "initially_deferred", "comment", "flag"});
  op.identifier("name");
  op.required("columns");
  assume_named_columns(op, draft);
  read_part(op, draft, model::read_primary_key, "primary_key",
            op.body_without({"table", "type", "flag"}));
  return draft.primary_key->value;
}

Constraint read_unique(const OpReader& op, model::TableDraft& draft) {
  op.check_keys({"table", "type", "name", "columns", "nulls_not_distinct", "deferrable",
                 "initially_deferred", "comment", "flag"});
  assume_named_columns(op, draft);
  read_part(op, draft, model::read_uniques, "unique", named_item(op));
  return draft.uniques.front().value;
}

Constraint read_foreign_key(const OpReader& op, model::TableDraft& draft) {
  op.check_keys({"table", "type", "name", "columns", "references", "on_delete", "on_update",
                 "match", "deferrable", "initially_deferred", "not_valid", "comment", "flag"});
  assume_named_columns(op, draft);
  op.required("references");
  read_part(op, draft, model::read_foreign_keys, "foreign_keys", named_item(op));
  return draft.foreign_keys.front().value;
}

Constraint read_check(const OpReader& op, model::TableDraft& draft) {
  op.check_keys(
      {"table", "type", "name", "expression", "no_inherit", "not_valid", "comment", "flag"});
  op.required("expression");
  read_part(op, draft, model::read_checks, "checks", named_item(op));
  return draft.checks.front().value;
}

Constraint read_exclusion(const OpReader& op, model::TableDraft& draft) {
  op.check_keys({"table", "type", "name", "definition", "comment", "flag"});
  op.required("definition");
  read_part(op, draft, model::read_exclusions, "exclusions", named_item(op));
  return draft.exclusions.front().value;
}

std::pair<QualifiedName, Constraint> read_constraint(const OpReader& op) {
  using ReadConstraint = Constraint (*)(const OpReader&, model::TableDraft&);
  static constexpr std::pair<std::string_view, ReadConstraint> types[] = {
      {"primary_key", read_primary_key},
      {"unique", read_unique},
      {"foreign_key", read_foreign_key},
      {"check", read_check},
      {"exclusion", read_exclusion}};
  const std::string type = op.text("type");
  for (const auto& [name, read] : types) {
    if (type != name) continue;
    model::TableDraft draft = draft_for(op.qualified("table"));
    Constraint constraint = read(op, draft);
    return {draft.table.name, std::move(constraint)};
  }
  op.reader().fail(op.required("type").value,
                   fmt::format("expected primary_key, unique, foreign_key, check or exclusion for "
                               "'type' in {}",
                               op.where()));
}

}  // namespace

Operation read_create_index(const OpReader& op) {
  auto [table, index] = read_index(op);
  return CreateIndex{table, index};
}

Operation read_drop_index(const OpReader& op) {
  auto [table, index] = read_index(op);
  return DropIndex{table, index};
}

Operation read_add_constraint(const OpReader& op) {
  auto [table, constraint] = read_constraint(op);
  return AddConstraint{table, constraint};
}

Operation read_drop_constraint(const OpReader& op) {
  auto [table, constraint] = read_constraint(op);
  return DropConstraint{table, constraint};
}

}  // namespace migrate::revision
