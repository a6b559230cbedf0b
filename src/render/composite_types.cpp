// Composite types: CREATE TYPE ... AS (...) with the comments after; ALTER TYPE for attributes
// dropped, changed and added, in one statement.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migrate/render.hpp"

#include "render/render_internal.hpp"

namespace migrate {
namespace {

std::string attribute_type(const CompositeAttribute& attribute) {
  return attribute.type + (attribute.collation ? " COLLATE " + *attribute.collation : "");
}

void add_attribute_comment(Statements& sql, const QualifiedName& type,
                           const CompositeAttribute& attribute,
                           const std::optional<std::string>& from) {
  if (from == attribute.comment) return;
  sql.push_back(
      comment_statement({CommentTarget::column, type, attribute.name, {from, attribute.comment}}));
}

}  // namespace

Statements create_composite_type(const CompositeType& type) {
  std::vector<std::string> attributes;
  for (const CompositeAttribute& attribute : type.attributes) {
    attributes.push_back(quote_ident(attribute.name) + " " + attribute_type(attribute));
  }
  Statements sql = {
      fmt::format("CREATE TYPE {} AS ({})", quote_name(type.name), fmt::join(attributes, ", "))};
  add_comment(sql, CommentTarget::type, type.name, "", type.comment);
  for (const CompositeAttribute& attribute : type.attributes) {
    add_attribute_comment(sql, type.name, attribute, std::nullopt);
  }
  return sql;
}

namespace {

// A value of the old type as one of the new: each new field from the old field of its name
// (NULL when there is none), cast to its new type. `value` names one old value.
std::string converted(const AlterCompositeType& op, const std::string& value) {
  std::vector<std::string> fields;
  for (const CompositeAttribute& attribute : op.attributes.to) {
    const std::string field = find_named(op.attributes.from, attribute.name)
                                  ? value + "." + quote_ident(attribute.name)
                                  : "NULL";
    fields.push_back(fmt::format("{}::{}", field, attribute_type(attribute)));
  }
  return fmt::format("ROW({})::{}", fmt::join(fields, ", "), quote_name(op.name));
}

// Beside the old type, renamed, the new one is made; each column moves across field by field.
Statements rebuild_composite_type(const AlterCompositeType& op) {
  const QualifiedName old_name{op.name.schema, op.name.name + "__migrate_old"};
  Statements sql = {
      fmt::format("ALTER TYPE {} RENAME TO {}", quote_name(op.name), quote_ident(old_name.name))};
  for (std::string& statement : create_composite_type({op.name, op.attributes.to, op.comment})) {
    sql.push_back(std::move(statement));
  }
  // USING takes no subquery: arrays are converted by a function of the session's own.
  const bool arrays =
      std::any_of(op.uses.begin(), op.uses.end(), [](const TypeUse& use) { return use.array; });
  const std::string convert_array = "pg_temp.migrate_convert_array";
  if (arrays) {
    sql.push_back(
        fmt::format("CREATE FUNCTION {}({}[]) RETURNS {}[] LANGUAGE sql AS {}", convert_array,
                    quote_name(old_name), quote_name(op.name),
                    quote_literal(fmt::format("SELECT ARRAY(SELECT {} FROM unnest($1) AS e)",
                                              converted(op, "e")))));
  }
  for (const TypeUse& use : op.uses) {
    const std::string name = quote_ident(use.column.column);
    const std::string column =
        fmt::format("ALTER TABLE {} ALTER COLUMN {}", quote_name(use.column.table), name);
    if (use.default_expr) sql.push_back(column + " DROP DEFAULT");
    const std::string value =
        use.array ? fmt::format("{}({})", convert_array, name) : converted(op, "(" + name + ")");
    sql.push_back(fmt::format("{} TYPE {}{} USING CASE WHEN {} IS NULL THEN NULL ELSE {} END",
                              column, quote_name(op.name), use.array ? "[]" : "", name, value));
    if (use.default_expr) sql.push_back(column + " SET DEFAULT " + *use.default_expr);
  }
  if (arrays)
    sql.push_back(fmt::format("DROP FUNCTION {}({}[])", convert_array, quote_name(old_name)));
  sql.push_back("DROP TYPE " + quote_name(old_name));
  return sql;
}

}  // namespace

Statements alter_composite_type(const AlterCompositeType& op) {
  if (op.rebuild) return rebuild_composite_type(op);
  std::vector<std::string> actions;
  const auto& from = op.attributes.from;
  const auto& to = op.attributes.to;
  for (const CompositeAttribute& old : from) {
    if (!find_named(to, old.name)) actions.push_back("DROP ATTRIBUTE " + quote_ident(old.name));
  }
  for (const CompositeAttribute& attribute : to) {
    const CompositeAttribute* old = find_named(from, attribute.name);
    if (!old) {
      actions.push_back("ADD ATTRIBUTE " + quote_ident(attribute.name) + " " +
                        attribute_type(attribute));
    } else if (old->type != attribute.type || old->collation != attribute.collation) {
      actions.push_back("ALTER ATTRIBUTE " + quote_ident(attribute.name) + " TYPE " +
                        attribute_type(attribute));
    }
  }
  Statements sql;
  if (!actions.empty()) {
    sql.push_back(fmt::format("ALTER TYPE {} {}", quote_name(op.name), fmt::join(actions, ", ")));
  }
  for (const CompositeAttribute& attribute : to) {
    const CompositeAttribute* old = find_named(from, attribute.name);
    add_attribute_comment(sql, op.name, attribute, old ? old->comment : std::nullopt);
  }
  return sql;
}

}  // namespace migrate
