#include "migrate/render.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/render_internal.hpp"

namespace migrate {
namespace {

std::string alter_table(const QualifiedName& table) { return "ALTER TABLE " + quote_name(table); }

std::string column_target(const ColumnRef& column) {
  return quote_name(column.table) + "." + quote_ident(column.column);
}

std::string column_prefix(const QualifiedName& table, const std::string& column) {
  return fmt::format("{} ALTER COLUMN {}", alter_table(table), quote_ident(column));
}

// What a column definition cannot say (before PostgreSQL 16, STORAGE): said after it.
Statements column_settings(const QualifiedName& table, const Column& column) {
  Statements sql;
  if (column.statistics) {
    sql.push_back(
        fmt::format("{} SET STATISTICS {}", column_prefix(table, column.name), *column.statistics));
  }
  if (column.storage) {
    sql.push_back(
        fmt::format("{} SET STORAGE {}", column_prefix(table, column.name), *column.storage));
  }
  return sql;
}

std::string storage_clause(const std::vector<std::string>& storage) {
  return fmt::format("({})", fmt::join(storage, ", "));
}

// "full", "nothing", "using index NAME", or nothing for the default.
std::string replica_identity_clause(const std::optional<std::string>& identity) {
  if (!identity) return " REPLICA IDENTITY DEFAULT";
  if (const auto index = replica_identity_index(identity)) {
    return " REPLICA IDENTITY USING INDEX " + quote_ident(*index);
  }
  return *identity == "full" ? " REPLICA IDENTITY FULL" : " REPLICA IDENTITY NOTHING";
}

Statements alter_table_attributes(const AlterTable& op) {
  Statements sql;
  const std::string prefix = alter_table(op.name);
  if (op.unlogged) sql.push_back(prefix + (op.unlogged->to ? " SET UNLOGGED" : " SET LOGGED"));
  if (op.storage) {
    std::vector<std::string> reset;
    for (const std::string& parameter : op.storage->from) {
      const std::string name = parameter.substr(0, parameter.find('='));
      const bool kept =
          std::any_of(op.storage->to.begin(), op.storage->to.end(),
                      [&](const std::string& p) { return p.substr(0, p.find('=')) == name; });
      if (!kept) reset.push_back(name);
    }
    if (!reset.empty()) sql.push_back(prefix + " RESET " + storage_clause(reset));
    if (!op.storage->to.empty()) sql.push_back(prefix + " SET " + storage_clause(op.storage->to));
  }
  if (op.cluster_on) {
    sql.push_back(op.cluster_on->to ? prefix + " CLUSTER ON " + quote_ident(*op.cluster_on->to)
                                    : prefix + " SET WITHOUT CLUSTER");
  }
  if (op.replica_identity) sql.push_back(prefix + replica_identity_clause(op.replica_identity->to));
  return sql;
}

Statements create_table(const Table& table) {
  std::vector<std::string> items;
  // A partition's columns are its parent's, and so are their settings and comments.
  const std::vector<Column> no_columns;
  const std::vector<Column>& columns = table.partition_of ? no_columns : table.columns;
  for (const Column& column : columns) items.push_back(column_definition(column));
  auto add = [&](const Constraint& constraint) {
    items.push_back(fmt::format("CONSTRAINT {} {}", quote_ident(constraint_name(constraint)),
                                constraint_definition(constraint)));
  };
  // CREATE TABLE takes NOT VALID without a word and validates: those are added after it.
  std::vector<Constraint> not_valid;
  if (table.primary_key) add(*table.primary_key);
  for (const auto& unique : table.uniques) add(unique);
  for (const auto& check : table.checks) {
    if (check.not_valid) {
      not_valid.push_back(check);
    } else {
      add(check);
    }
  }
  for (const auto& exclusion : table.exclusions) add(exclusion);
  for (const auto& fk : table.foreign_keys) {
    if (fk.not_valid) {
      not_valid.push_back(fk);
    } else {
      add(fk);
    }
  }
  // A partition is made as pg_dump makes it: a table like its parent, with its own constraints,
  // then attached. Its own keys then back the parent's where they match, as they did where it
  // came from, rather than standing beside the copies PARTITION OF would make first.
  if (table.partition_of) {
    items.insert(items.begin(),
                 fmt::format("LIKE {} INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS "
                             "INCLUDING STORAGE INCLUDING COMPRESSION",
                             quote_name(*table.partition_of)));
  }
  std::string create =
      fmt::format("CREATE {}TABLE {} (\n    {}\n)", table.unlogged ? "UNLOGGED " : "",
                  quote_name(table.name), fmt::join(items, ",\n    "));
  if (table.partition_by) create += "\nPARTITION BY " + *table.partition_by;
  if (!table.storage.empty()) create += "\nWITH " + storage_clause(table.storage);
  Statements sql = {create};
  for (const Column& column : columns) {
    for (std::string& statement : column_settings(table.name, column)) {
      sql.push_back(std::move(statement));
    }
  }
  for (const Constraint& constraint : not_valid) {
    sql.push_back(fmt::format("{} ADD CONSTRAINT {} {}", alter_table(table.name),
                              quote_ident(constraint_name(constraint)),
                              constraint_definition(constraint)));
  }
  if (table.partition_of) {
    sql.push_back(fmt::format("{} ATTACH PARTITION {} {}", alter_table(*table.partition_of),
                              quote_name(table.name), table.bounds.value_or("DEFAULT")));
  }
  // Its own indexes after the attach: before it, one like an index of the parent would become
  // the parent's.
  for (const Index& index : table.indexes) {
    for (std::string& statement : index_statements(table.name, index)) {
      sql.push_back(std::move(statement));
    }
  }
  if (table.cluster_on) {
    sql.push_back(alter_table(table.name) + " CLUSTER ON " + quote_ident(*table.cluster_on));
  }
  if (table.replica_identity) {
    sql.push_back(alter_table(table.name) + replica_identity_clause(table.replica_identity));
  }
  add_comment(sql, CommentTarget::table, table.name, "", table.comment);
  for (const Column& column : columns) {
    add_comment(sql, CommentTarget::column, table.name, column.name, column.comment);
  }
  for (const Constraint& constraint : constraints_of(table)) {
    add_comment(sql, CommentTarget::constraint, table.name, constraint_name(constraint),
                constraint_comment(constraint));
  }
  return sql;
}

Statements create_enum(const Enum& enum_type) {
  std::vector<std::string> values;
  for (const auto& value : enum_type.values) values.push_back(quote_literal(value));
  Statements sql = {fmt::format("CREATE TYPE {} AS ENUM ({})", quote_name(enum_type.name),
                                fmt::join(values, ", "))};
  add_comment(sql, CommentTarget::type, enum_type.name, "", enum_type.comment);
  return sql;
}

// True when `to` is `from` with values inserted and nothing removed or reordered.
bool only_inserts(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  std::size_t i = 0;
  for (const auto& value : to) {
    if (i < from.size() && from[i] == value) ++i;
  }
  return i == from.size();
}

// Each new value is placed after its predecessor in `to` (already present, as values are added
// in order); a new first value goes before the old first one.
Statements add_enum_values(const AlterEnumValues& op) {
  Statements sql;
  const auto& from = op.values.from;
  const auto& to = op.values.to;
  for (std::size_t i = 0; i < to.size(); ++i) {
    if (std::find(from.begin(), from.end(), to[i]) != from.end()) continue;
    std::string position;
    if (i > 0) {
      position = " AFTER " + quote_literal(to[i - 1]);
    } else if (!from.empty()) {
      position = " BEFORE " + quote_literal(from.front());
    }
    sql.push_back(fmt::format("ALTER TYPE {} ADD VALUE {}{}", quote_name(op.name),
                              quote_literal(to[i]), position));
  }
  return sql;
}

// PostgreSQL cannot remove an enum value: build the new type beside the old one and move every
// column across through text.
Statements rebuild_enum(const AlterEnumValues& op) {
  const QualifiedName old_name{op.name.schema, op.name.name + "__migrate_old"};
  Statements sql = {
      fmt::format("ALTER TYPE {} RENAME TO {}", quote_name(op.name), quote_ident(old_name.name))};
  sql.push_back(create_enum(Enum{op.name, op.values.to})[0]);
  for (const TypeUse& use : op.uses) {
    const std::string table = alter_table(use.column.table);
    const std::string column = quote_ident(use.column.column);
    // Whatever default the column has now (it may not cast to the new type) goes; the one it
    // is to have comes back after.
    sql.push_back(fmt::format("{} ALTER COLUMN {} DROP DEFAULT", table, column));
    const std::string type = quote_name(op.name) + (use.array ? "[]" : "");
    sql.push_back(fmt::format("{} ALTER COLUMN {} TYPE {} USING {}::text::{}", table, column, type,
                              column, type));
    if (use.default_expr) {
      sql.push_back(
          fmt::format("{} ALTER COLUMN {} SET DEFAULT {}", table, column, *use.default_expr));
    }
  }
  sql.push_back("DROP TYPE " + quote_name(old_name));
  return sql;
}

Statements alter_sequence(const AlterSequence& op) {
  Statements sql;
  const std::string target = "ALTER SEQUENCE " + quote_name(op.name);
  if (op.type) sql.push_back(fmt::format("{} AS {}", target, op.type->to));
  if (op.options) {
    const bool restart = sequence_must_restart(op.options->from, op.options->to);
    sql.push_back(fmt::format("{} {}{}", target,
                              fmt::join(every_sequence_option(op.options->to), " "),
                              restart ? " RESTART" : ""));
  }
  if (op.owned_by) {
    sql.push_back(fmt::format("{} OWNED BY {}", target,
                              op.owned_by->to ? column_target(*op.owned_by->to) : "NONE"));
  }
  return sql;
}

// Back to the storage of the column's type, which PostgreSQL 15 has no word for (16's DEFAULT):
// read from the catalog when the statement runs.
std::string type_storage(const QualifiedName& table, const std::string& column) {
  const std::string target = quote_name(table);
  const std::string statement = fmt::format(
      "EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET STORAGE %s', {}, {}, (SELECT CASE "
      "t.typstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE "
      "'EXTENDED' END FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = "
      "{}::regclass AND a.attname = {}))",
      quote_literal(target), quote_literal(column), quote_literal(target), quote_literal(column));
  return "DO " + quote_literal("BEGIN " + statement + "; END") + " LANGUAGE plpgsql";
}

Statements alter_identity(const std::string& prefix,
                          const Change<std::optional<Identity>>& change) {
  if (!change.to) return {prefix + " DROP IDENTITY"};
  if (!change.from) return {prefix + " ADD " + identity_clause(*change.to)};
  const Identity& to = *change.to;
  std::string sql = fmt::format("{} SET GENERATED {}", prefix,
                                to.kind == IdentityKind::always ? "ALWAYS" : "BY DEFAULT");
  for (const auto& option : every_sequence_option(to.options)) sql += " SET " + option;
  if (sequence_must_restart(change.from->options, to.options)) sql += " RESTART";
  return {sql};
}

Statements alter_column(const AlterColumn& op) {
  Statements sql;
  const std::string prefix =
      fmt::format("{} ALTER COLUMN {}", alter_table(op.table), quote_ident(op.column));
  if (op.identity && op.identity->from) {
    auto dropped = alter_identity(prefix, {op.identity->from, std::nullopt});
    if (!op.identity->to) sql.insert(sql.end(), dropped.begin(), dropped.end());
  }
  // Before a type change, the old default goes, whatever comes after: it may not cast.
  if (op.default_expr && op.default_expr->from && (!op.default_expr->to || op.type)) {
    sql.push_back(prefix + " DROP DEFAULT");
  }
  if (op.type || op.collation) {
    const std::string type = op.type ? op.type->to : "";
    const auto collation = op.collation ? op.collation->to : std::nullopt;
    const auto using_expr = op.using_expr ? op.using_expr->to : std::nullopt;
    std::string statement = fmt::format("{} TYPE {}", prefix, type);
    if (collation) statement += " COLLATE " + *collation;
    if (op.type) {
      statement += " USING " + using_expr.value_or(quote_ident(op.column) + "::" + type);
    }
    sql.push_back(statement);
  }
  if (op.default_expr && op.default_expr->to) {
    sql.push_back(prefix + " SET DEFAULT " + *op.default_expr->to);
  }
  if (op.nullable) sql.push_back(prefix + (op.nullable->to ? " DROP NOT NULL" : " SET NOT NULL"));
  if (op.identity && op.identity->to) {
    auto changed = alter_identity(prefix, *op.identity);
    sql.insert(sql.end(), changed.begin(), changed.end());
  }
  if (op.statistics) {
    sql.push_back(fmt::format("{} SET STATISTICS {}", prefix, op.statistics->to.value_or(-1)));
  }
  if (op.storage && op.storage->to) {
    sql.push_back(fmt::format("{} SET STORAGE {}", prefix, *op.storage->to));
  } else if (op.storage) {
    sql.push_back(type_storage(op.table, op.column));
  }
  if (op.compression) {
    sql.push_back(
        fmt::format("{} SET COMPRESSION {}", prefix, op.compression->to.value_or("default")));
  }
  return sql;
}

std::string comment_target(const SetComment& op) {
  switch (op.target) {
    case CommentTarget::table:
      return "TABLE " + quote_name(op.object);
    case CommentTarget::column:
      return "COLUMN " + quote_name(op.object) + "." + quote_ident(op.part);
    case CommentTarget::type:
      return "TYPE " + quote_name(op.object);
    case CommentTarget::view:
      return "VIEW " + quote_name(op.object);
    case CommentTarget::materialized_view:
      return "MATERIALIZED VIEW " + quote_name(op.object);
    case CommentTarget::domain:
      return "DOMAIN " + quote_name(op.object);
    case CommentTarget::schema:
      return "SCHEMA " + quote_ident(op.object.name);
    case CommentTarget::index:
      return "INDEX " + quote_name(op.object);
    case CommentTarget::sequence:
      return "SEQUENCE " + quote_name(op.object);
    case CommentTarget::constraint:
      return "CONSTRAINT " + quote_ident(op.part) + " ON " + quote_name(op.object);
    case CommentTarget::domain_constraint:
      return "CONSTRAINT " + quote_ident(op.part) + " ON DOMAIN " + quote_name(op.object);
  }
  return "";
}

}  // namespace

std::string comment_statement(const SetComment& op) {
  return fmt::format("COMMENT ON {} IS {}", comment_target(op),
                     op.comment.to ? quote_literal(*op.comment.to) : "NULL");
}

void add_comment(Statements& sql, CommentTarget target, const QualifiedName& object,
                 const std::string& part, const std::optional<std::string>& comment) {
  if (comment) sql.push_back(comment_statement({target, object, part, {std::nullopt, comment}}));
}

Statements index_statements(const QualifiedName& relation, const Index& index) {
  Statements sql = {index_definition(relation, index)};
  add_comment(sql, CommentTarget::index, {relation.schema, index.name}, "", index.comment);
  return sql;
}

namespace {

Statements add_constraint(const QualifiedName& table, const Constraint& constraint) {
  const std::string& name = constraint_name(constraint);
  Statements sql = {fmt::format("{} ADD CONSTRAINT {} {}", alter_table(table), quote_ident(name),
                                constraint_definition(constraint))};
  add_comment(sql, CommentTarget::constraint, table, name, constraint_comment(constraint));
  return sql;
}

// CREATE [MATERIALIZED] VIEW with its options, then its indexes and comments.
Statements create_view(const View& view) {
  std::vector<std::string> options = view.storage;
  if (view.check_option) options.push_back("check_option=" + *view.check_option);
  if (view.security_barrier) options.push_back("security_barrier=true");
  if (view.security_invoker) options.push_back("security_invoker=true");
  const std::string kind = view.materialized ? "MATERIALIZED VIEW" : "VIEW";
  std::string sql = fmt::format("CREATE {} {}", kind, quote_name(view.name));
  if (!options.empty()) sql += fmt::format(" WITH ({})", fmt::join(options, ", "));
  sql += " AS\n" + view.query;  // the server's text, ending in a newline
  if (view.materialized && !view.with_data) {
    if (!sql.ends_with('\n')) sql += '\n';
    sql += "WITH NO DATA";
  }
  Statements statements = {sql};
  for (const Index& index : view.indexes) {
    for (std::string& statement : index_statements(view.name, index)) {
      statements.push_back(std::move(statement));
    }
  }
  add_comment(statements,
              view.materialized ? CommentTarget::materialized_view : CommentTarget::view, view.name,
              "", view.comment);
  for (const auto& [column, comment] : view.column_comments) {
    add_comment(statements, CommentTarget::column, view.name, column, comment);
  }
  return statements;
}

struct Renderer {
  Statements operator()(const CreateSchema& op) const {
    return {"CREATE SCHEMA " + quote_ident(op.name)};
  }
  Statements operator()(const DropSchema& op) const {
    return {"DROP SCHEMA " + quote_ident(op.name)};
  }
  Statements operator()(const CreateExtension& op) const {
    return {fmt::format("CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {}",
                        quote_ident(op.extension.name), quote_ident(op.extension.schema))};
  }
  Statements operator()(const DropExtension& op) const {
    return {"DROP EXTENSION " + quote_ident(op.extension.name)};
  }
  Statements operator()(const CreateEnum& op) const { return create_enum(op.enum_type); }
  Statements operator()(const DropEnum& op) const {
    return {"DROP TYPE " + quote_name(op.enum_type.name)};
  }
  Statements operator()(const AlterEnumValues& op) const {
    return rebuilds_type(op) ? rebuild_enum(op) : add_enum_values(op);
  }
  Statements operator()(const CreateDomain& op) const { return create_domain(op.domain); }
  Statements operator()(const DropDomain& op) const { return drop_domain(op.domain); }
  Statements operator()(const AlterDomain& op) const { return alter_domain(op); }
  Statements operator()(const CreateCompositeType& op) const {
    return create_composite_type(op.type);
  }
  Statements operator()(const DropCompositeType& op) const {
    return {"DROP TYPE " + quote_name(op.type.name)};
  }
  Statements operator()(const AlterCompositeType& op) const { return alter_composite_type(op); }
  Statements operator()(const CreateSequence& op) const {
    std::string sql = fmt::format("CREATE SEQUENCE {} AS {}{}", quote_name(op.sequence.name),
                                  op.sequence.type, sequence_clauses(op.sequence.options));
    if (op.sequence.owned_by) sql += " OWNED BY " + column_target(*op.sequence.owned_by);
    Statements statements = {sql};
    add_comment(statements, CommentTarget::sequence, op.sequence.name, "", op.sequence.comment);
    return statements;
  }
  Statements operator()(const DropSequence& op) const {
    return {"DROP SEQUENCE " + quote_name(op.sequence.name)};
  }
  Statements operator()(const AlterSequence& op) const { return alter_sequence(op); }
  Statements operator()(const CreateTable& op) const { return create_table(op.table); }
  Statements operator()(const DropTable& op) const {
    Statements sql;
    // A partition of a table that foreign keys reference cannot be dropped while attached.
    if (op.table.partition_of) {
      sql.push_back(fmt::format("{} DETACH PARTITION {}", alter_table(*op.table.partition_of),
                                quote_name(op.table.name)));
    }
    sql.push_back("DROP TABLE " + quote_name(op.table.name));
    return sql;
  }
  Statements operator()(const RenameEnumValue& op) const {
    return {fmt::format("ALTER TYPE {} RENAME VALUE {} TO {}", quote_name(op.name),
                        quote_literal(op.from), quote_literal(op.to))};
  }
  Statements operator()(const RenameTable& op) const {
    return {fmt::format("{} RENAME TO {}", alter_table(op.from), quote_ident(op.to))};
  }
  Statements operator()(const AddColumn& op) const {
    Statements sql = {
        fmt::format("{} ADD COLUMN {}", alter_table(op.table), column_definition(op.column))};
    for (std::string& statement : column_settings(op.table, op.column)) {
      sql.push_back(std::move(statement));
    }
    return sql;
  }
  Statements operator()(const AlterTable& op) const { return alter_table_attributes(op); }
  Statements operator()(const AttachPartition& op) const {
    return {fmt::format("{} ATTACH PARTITION {} {}", alter_table(op.table),
                        quote_name(op.partition), op.bounds)};
  }
  Statements operator()(const DetachPartition& op) const {
    return {fmt::format("{} DETACH PARTITION {}", alter_table(op.table), quote_name(op.partition))};
  }
  Statements operator()(const DropColumn& op) const {
    return {fmt::format("{} DROP COLUMN {}", alter_table(op.table), quote_ident(op.column.name))};
  }
  Statements operator()(const RenameColumn& op) const {
    return {fmt::format("{} RENAME COLUMN {} TO {}", alter_table(op.table), quote_ident(op.from),
                        quote_ident(op.to))};
  }
  Statements operator()(const AlterColumn& op) const { return alter_column(op); }
  Statements operator()(const CreateIndex& op) const {
    return index_statements(op.table, op.index);
  }
  Statements operator()(const DropIndex& op) const {
    return {"DROP INDEX " + quote_name({op.table.schema, op.index.name})};
  }
  Statements operator()(const RenameIndex& op) const {
    return {fmt::format("ALTER INDEX {} RENAME TO {}", quote_name({op.table.schema, op.from}),
                        quote_ident(op.to))};
  }
  Statements operator()(const AddConstraint& op) const {
    return add_constraint(op.table, op.constraint);
  }
  Statements operator()(const DropConstraint& op) const {
    return {fmt::format("{} DROP CONSTRAINT {}", alter_table(op.table),
                        quote_ident(constraint_name(op.constraint)))};
  }
  Statements operator()(const RenameConstraint& op) const {
    return {fmt::format("{} RENAME CONSTRAINT {} TO {}", alter_table(op.table),
                        quote_ident(op.from), quote_ident(op.to))};
  }
  Statements operator()(const CreateView& op) const { return create_view(op.view); }
  Statements operator()(const DropView& op) const {
    return {fmt::format("DROP {} {}", op.view.materialized ? "MATERIALIZED VIEW" : "VIEW",
                        quote_name(op.view.name))};
  }
  Statements operator()(const CreateFunction& op) const { return create_function(op.function); }
  Statements operator()(const DropFunction& op) const { return drop_function(op.function); }
  Statements operator()(const ReplaceFunction& op) const { return replace_function(op.function); }
  Statements operator()(const CreateTrigger& op) const { return create_trigger(op.trigger); }
  Statements operator()(const DropTrigger& op) const { return drop_trigger(op.trigger); }
  Statements operator()(const AlterTrigger& op) const { return alter_trigger(op.trigger); }
  Statements operator()(const SetComment& op) const { return {comment_statement(op)}; }
  Statements operator()(const Sql& op) const {
    if (op.sql.empty()) return {};
    return {op.sql};
  }
};

}  // namespace

bool rebuilds_type(const AlterEnumValues& op) {
  return op.rebuild || !only_inserts(op.values.from, op.values.to);
}

std::vector<std::string> render(const Operation& op) { return std::visit(Renderer{}, op); }

std::vector<std::string> render(const std::vector<Operation>& ops) {
  std::vector<std::string> statements;
  for (const Operation& op : ops) {
    auto rendered = render(op);
    statements.insert(statements.end(), rendered.begin(), rendered.end());
  }
  return statements;
}

}  // namespace migrate
