// Tables as wholes: created (foreign keys added after every table exists), dropped (foreign keys
// dropped first), or compared column by column and constraint by constraint. A partition is
// created after its parent, dropped before it, and attached or detached where its parent or
// bounds change; a table whose partitioning changes is dropped and created again.
#include <algorithm>
#include <set>

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
  if (table.partition_of) keys.push_back(table_key(*table.partition_of));
  for (const Column& column : table.columns) {
    for (auto& key : column_dependencies(column, schema)) keys.push_back(std::move(key));
  }
  return keys;
}

// A partition's columns are its parent's: the operation does not carry them.
Table as_carried(const Table& table) {
  Table carried = table;
  if (carried.partition_of) carried.columns.clear();
  return carried;
}

void plan_create_table(const Table& table, const Schema& to, Plan& plan) {
  Table created = as_carried(table);
  created.foreign_keys.clear();
  created.renamed_from.reset();
  for (Column& column : created.columns) column.renamed_from.reset();
  PlannedOperation op{
      CreateTable{created}, keys_of_table(table), {}, dependencies_of_table(table, to)};
  // After a table of that name is dropped (a table rebuilt to change its partitioning).
  op.needs.push_back(absent_relation(table.name, table.name.name));
  // After the partitions it may overlap have left.
  if (table.partition_of) op.needs.push_back(detached_key(*table.partition_of));
  plan.push_back(op);
  for (const ForeignKey& fk : table.foreign_keys)
    plan.push_back(plan_add_constraint(table.name, fk));
}

void plan_drop_table(const Table& table, const Schema& from, Plan& plan) {
  for (const ForeignKey& fk : table.foreign_keys) {
    plan.push_back(plan_drop_constraint(table.name, fk));
  }
  Table dropped = as_carried(table);
  dropped.foreign_keys.clear();
  PlannedOperation op{
      DropTable{dropped}, {}, keys_of_table(table), {}, dependencies_of_table(table, from)};
  op.creates.push_back(absent_relation(table.name, table.name.name));
  if (table.partition_of) op.creates.push_back(detached_key(*table.partition_of));
  plan.push_back(op);
}

void plan_table_attributes(const Table& a, const Table& b, Plan& plan) {
  AlterTable alter{b.name};
  if (a.unlogged != b.unlogged) alter.unlogged = Change{a.unlogged, b.unlogged};
  if (a.storage != b.storage) alter.storage = Change{a.storage, b.storage};
  if (a.cluster_on != b.cluster_on) alter.cluster_on = Change{a.cluster_on, b.cluster_on};
  if (a.replica_identity != b.replica_identity) {
    alter.replica_identity = Change{a.replica_identity, b.replica_identity};
  }
  if (!alter.unlogged && !alter.storage && !alter.cluster_on && !alter.replica_identity) return;
  PlannedOperation op{alter, {}, {}, {table_key(b.name)}};
  if (b.cluster_on) op.needs.push_back(relation_key(b.name, *b.cluster_on));
  if (const auto index = replica_identity_index(b.replica_identity)) {
    op.needs.push_back(relation_key(b.name, *index));
  }
  // A logged table cannot reference an unlogged one: SET LOGGED waits for the tables it
  // references, SET UNLOGGED for those referencing it to go first (left to PostgreSQL's error
  // when they do not).
  plan.push_back(op);
}

// Detached from the old parent (or bounds) before the columns change, attached to the new one
// after: a partition's columns cannot change on their own, and must match its parent's.
void plan_detach(const Table& a, const Table& b, Plan& plan) {
  if (!a.partition_of || (a.partition_of == b.partition_of && a.bounds == b.bounds)) return;
  plan.push_back({DetachPartition{*a.partition_of, a.name, a.bounds.value_or("")},
                  {detached_key(a.name), detached_key(*a.partition_of)},
                  {},
                  {table_key(a.name)}});
}

void plan_attach(const Table& a, const Table& b, Plan& plan) {
  if (!b.partition_of || (a.partition_of == b.partition_of && a.bounds == b.bounds)) return;
  PlannedOperation op{AttachPartition{*b.partition_of, b.name, b.bounds.value_or("DEFAULT")},
                      {},
                      {},
                      {table_key(*b.partition_of), table_key(b.name), detached_key(*b.partition_of),
                       detached_key(b.name)}};
  for (const Column& column : b.columns) op.needs.push_back(column_key(b.name, column.name));
  plan.push_back(op);
}

// A table becoming a partition must already have its parent's checks, which then become the
// parent's; its foreign keys like the parent's are taken over as the parent's: both are kept,
// or added before the attach.
Table with_parent_checks(const Table& a, const Table& b, const Schema& to) {
  if (a.partition_of || !b.partition_of) return b;
  const Table* parent = to.find_table(*b.partition_of);
  if (!parent) return b;
  Table wanted = b;
  for (const CheckConstraint& check : parent->checks) {
    if (!check.no_inherit) wanted.checks.push_back(check);
  }
  for (const ForeignKey& key : parent->foreign_keys) wanted.foreign_keys.push_back(key);
  return wanted;
}

// A partition's own index or constraint on a column goes before its ancestors drop that column
// (which would take it along). A partitioned table's changes wait for its partitions to be
// detached, and its new index or key for its partitions' own to go, which it would otherwise
// take over.
void tie_to_partitioning(const Table& a, const Table& b, const Schema& from, Plan& plan,
                         std::size_t parts_from) {
  std::vector<QualifiedName> ancestors;
  for (const Table* t = &a; t->partition_of && ancestors.size() < from.tables.size();) {
    ancestors.push_back(*t->partition_of);
    t = from.find_table(*t->partition_of);
    if (!t) break;
  }
  const std::string column_prefix = column_key(a.name, "");
  for (std::size_t i = parts_from; i < plan.size(); ++i) {
    PlannedOperation& step = plan[i];
    const bool adds_key = std::holds_alternative<CreateIndex>(step.op) ||
                          std::holds_alternative<AddConstraint>(step.op);
    if (b.partition_by && adds_key) step.needs.push_back(dependents_dropped_key(b.name));
    // The partitions that leave are not to take the change along.
    if (b.partition_by) step.needs.push_back(detached_key(b.name));
    if (ancestors.empty()) continue;
    std::vector<std::string> released;
    for (const std::string& key : step.releases) {
      if (!key.starts_with(column_prefix)) continue;
      for (const QualifiedName& ancestor : ancestors) {
        released.push_back(column_key(ancestor, key.substr(column_prefix.size())));
      }
    }
    step.releases.insert(step.releases.end(), released.begin(), released.end());
    if (std::find(step.creates.begin(), step.creates.end(), dependents_dropped_key(a.name)) !=
        step.creates.end()) {
      for (const QualifiedName& ancestor : ancestors) {
        step.creates.push_back(dependents_dropped_key(ancestor));
      }
    }
  }
}

// The live tables whose partitioning the model changes, and their partitions: each is dropped
// and created again, rows and all.
std::set<QualifiedName> rebuilt_tables(const Schema& from, const Schema& to) {
  std::set<QualifiedName> rebuilt;
  // Only a table partitioned on one side can be: the others are not looked up.
  const auto check = [&](const Table& table, const Schema& other) {
    if (!table.partition_by) return;
    const Table* counterpart = other.find_table(table.name);
    if (counterpart && counterpart->partition_by != table.partition_by) rebuilt.insert(table.name);
  };
  for (const Table& table : from.tables) check(table, to);
  for (const Table& table : to.tables) check(table, from);
  // Partitions go with their parent: a pass per level of sub-partitioning.
  for (std::size_t before = 0; before != rebuilt.size();) {
    before = rebuilt.size();
    for (const Table& table : from.tables) {
      if (table.partition_of && rebuilt.count(*table.partition_of) && to.find_table(table.name)) {
        rebuilt.insert(table.name);
      }
    }
  }
  return rebuilt;
}

void plan_table_comment(const Table& a, const Table& b, Plan& plan) {
  if (a.comment == b.comment) return;
  plan.push_back({SetComment{CommentTarget::table, b.name, "", {a.comment, b.comment}}});
}

}  // namespace

void plan_tables(const Schema& from, const Schema& to, Plan& plan) {
  const std::set<QualifiedName> rebuilt = rebuilt_tables(from, to);
  // A sequence owned by a rebuilt table's column would go with it: it is let go before the
  // drop and owned again after the create.
  for (const Sequence& sequence : from.sequences) {
    const Sequence* kept = to.find_sequence(sequence.name);
    if (!sequence.owned_by || !rebuilt.count(sequence.owned_by->table) || !kept) continue;
    plan_sequence_owner(sequence.name, sequence.owned_by, std::nullopt, plan);
    plan_sequence_owner(sequence.name, std::nullopt, kept->owned_by, plan);
  }
  for (const Table& table : to.tables) {
    const Table* existing = from.find_table(table.name);
    if (existing && rebuilt.count(table.name)) plan_drop_table(*existing, from, plan);
    if (!existing || rebuilt.count(table.name)) {
      plan_create_table(table, to, plan);
      continue;
    }
    plan_detach(*existing, table, plan);
    const std::size_t parts_from = plan.size();
    // A partition's columns change with its parent's.
    if (!table.partition_of || !existing->partition_of) {
      plan_columns(*existing, table, from, to, plan);
    }
    plan_constraints(*existing, with_parent_checks(*existing, table, to), plan);
    plan_indexes(*existing, table, plan);
    tie_to_partitioning(*existing, table, from, plan, parts_from);
    plan_attach(*existing, table, plan);
    plan_table_attributes(*existing, table, plan);
    plan_table_comment(*existing, table, plan);
  }
  for (const Table& table : from.tables) {
    if (!to.find_table(table.name)) plan_drop_table(table, from, plan);
  }
}

}  // namespace migrate::diff_detail
