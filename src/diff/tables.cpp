// Tables as wholes: created (foreign keys added after every table exists), dropped (foreign keys
// dropped first), or compared column by column and constraint by constraint.
#include <algorithm>

#include "diff/plan.hpp"
#include "diff/table_parts.hpp"

namespace migrate::diff_detail {
namespace {

std::vector<std::string> keys_of_table(const Table& table) {
  std::vector<std::string> keys = {table_key(table.name)};
  for (const Column& column : table.columns) keys.push_back(column_key(table.name, column.name));
  if (table.primary_key) keys.push_back(unique_key(table.name, table.primary_key->columns));
  for (const auto& unique : table.uniques) keys.push_back(unique_key(table.name, unique.columns));
  return keys;
}

std::vector<std::string> dependencies_of_table(const Table& table, const Schema& schema) {
  std::vector<std::string> keys = {schema_key(table.name.schema)};
  for (const Column& column : table.columns) {
    for (auto& key : column_dependencies(column, schema)) keys.push_back(std::move(key));
  }
  return keys;
}

void plan_create_table(const Table& table, const Schema& to, Plan& plan) {
  Table created = table;
  created.foreign_keys.clear();
  created.renamed_from.reset();
  for (Column& column : created.columns) column.renamed_from.reset();
  plan.push_back(
      {CreateTable{created}, keys_of_table(table), {}, dependencies_of_table(table, to)});
  for (const ForeignKey& fk : table.foreign_keys)
    plan.push_back(plan_add_constraint(table.name, fk));
}

void plan_drop_table(const Table& table, const Schema& from, Plan& plan) {
  for (const ForeignKey& fk : table.foreign_keys) {
    plan.push_back(plan_drop_constraint(table.name, fk));
  }
  Table dropped = table;
  dropped.foreign_keys.clear();
  plan.push_back(
      {DropTable{dropped}, {}, keys_of_table(table), {}, dependencies_of_table(table, from)});
}

void plan_table_attributes(const Table& a, const Table& b, Plan& plan) {
  AlterTable alter{b.name};
  if (a.unlogged != b.unlogged) alter.unlogged = Change{a.unlogged, b.unlogged};
  if (a.storage != b.storage) alter.storage = Change{a.storage, b.storage};
  if (a.cluster_on != b.cluster_on) alter.cluster_on = Change{a.cluster_on, b.cluster_on};
  if (!alter.unlogged && !alter.storage && !alter.cluster_on) return;
  PlannedOperation op{alter, {}, {}, {table_key(b.name)}};
  if (b.cluster_on) op.needs.push_back(relation_key(b.name, *b.cluster_on));
  // A logged table cannot reference an unlogged one: SET LOGGED waits for the tables it
  // references, SET UNLOGGED for those referencing it to go first (left to PostgreSQL's error
  // when they do not).
  plan.push_back(op);
}

void plan_table_comment(const Table& a, const Table& b, Plan& plan) {
  if (a.comment == b.comment) return;
  plan.push_back({SetComment{CommentTarget::table, b.name, "", {a.comment, b.comment}}});
}

}  // namespace

void plan_tables(const Schema& from, const Schema& to, Plan& plan) {
  for (const Table& table : to.tables) {
    const Table* existing = from.find_table(table.name);
    if (!existing) {
      plan_create_table(table, to, plan);
      continue;
    }
    plan_columns(*existing, table, from, to, plan);
    plan_constraints(*existing, table, plan);
    plan_indexes(*existing, table, plan);
    plan_table_attributes(*existing, table, plan);
    plan_table_comment(*existing, table, plan);
  }
  for (const Table& table : from.tables) {
    if (!to.find_table(table.name)) plan_drop_table(table, from, plan);
  }
}

}  // namespace migrate::diff_detail
