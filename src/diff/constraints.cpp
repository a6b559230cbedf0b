// Constraints and indexes, matched by name: one only on a side is added or dropped, one that
// differs is dropped and added again.
#include <algorithm>

#include "diff/table_parts.hpp"

namespace migrate::diff_detail {
namespace {

std::vector<std::string> constraint_columns(const Constraint& constraint) {
  return std::visit(
      [](const auto& kind) -> std::vector<std::string> {
        if constexpr (requires { kind.columns; }) {
          return kind.columns;
        } else {
          return {};
        }
      },
      constraint);
}

std::optional<std::string> provided_key(const QualifiedName& table, const Constraint& constraint) {
  if (std::holds_alternative<PrimaryKey>(constraint) ||
      std::holds_alternative<UniqueConstraint>(constraint)) {
    return unique_key(table, constraint_columns(constraint));
  }
  return std::nullopt;
}

std::vector<Constraint> constraints_of(const Table& table) {
  std::vector<Constraint> all;
  if (table.primary_key) all.emplace_back(*table.primary_key);
  for (const auto& c : table.uniques) all.emplace_back(c);
  for (const auto& c : table.foreign_keys) all.emplace_back(c);
  for (const auto& c : table.checks) all.emplace_back(c);
  for (const auto& c : table.exclusions) all.emplace_back(c);
  return all;
}

const Constraint* find_constraint(const std::vector<Constraint>& all, const std::string& name) {
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const Constraint& c) { return constraint_name(c) == name; });
  return it == all.end() ? nullptr : &*it;
}

std::vector<std::string> index_columns(const Index& index) {
  std::vector<std::string> columns = index.include;
  for (const IndexKey& key : index.keys) {
    if (!key.column.empty()) columns.push_back(key.column);
  }
  return columns;
}

}  // namespace

PlannedOperation plan_add_constraint(const QualifiedName& table, const Constraint& constraint) {
  const std::string& name = constraint_name(constraint);
  PlannedOperation op{AddConstraint{table, constraint}};
  op.needs = {table_key(table), absent_constraint(table, name), absent_relation(table, name)};
  for (const auto& column : constraint_columns(constraint)) {
    op.needs.push_back(column_key(table, column));
  }
  if (auto key = provided_key(table, constraint)) op.creates.push_back(*key);
  if (const auto* fk = std::get_if<ForeignKey>(&constraint)) {
    op.needs.push_back(table_key(fk->referenced_table));
    op.needs.push_back(unique_key(fk->referenced_table, fk->referenced_columns));
  }
  return op;
}

PlannedOperation plan_drop_constraint(const QualifiedName& table, const Constraint& constraint) {
  const std::string& name = constraint_name(constraint);
  PlannedOperation op{DropConstraint{table, constraint}};
  op.creates = {absent_constraint(table, name), absent_relation(table, name),
                dependents_dropped_key(table)};
  if (std::holds_alternative<PrimaryKey>(constraint)) {
    for (const auto& column : constraint_columns(constraint)) {
      op.creates.push_back(unpinned_key(table, column));
    }
  }
  op.releases = {table_key(table)};
  for (const auto& column : constraint_columns(constraint)) {
    op.releases.push_back(column_key(table, column));
  }
  if (auto key = provided_key(table, constraint)) op.removes.push_back(*key);
  if (const auto* fk = std::get_if<ForeignKey>(&constraint)) {
    op.releases.push_back(table_key(fk->referenced_table));
    op.releases.push_back(unique_key(fk->referenced_table, fk->referenced_columns));
  }
  return op;
}

void plan_constraints(const Table& from, const Table& to, Plan& plan) {
  const auto old_constraints = constraints_of(from);
  const auto new_constraints = constraints_of(to);
  for (const Constraint& constraint : old_constraints) {
    const Constraint* kept = find_constraint(new_constraints, constraint_name(constraint));
    if (!kept || !(*kept == constraint))
      plan.push_back(plan_drop_constraint(from.name, constraint));
  }
  for (const Constraint& constraint : new_constraints) {
    const Constraint* existing = find_constraint(old_constraints, constraint_name(constraint));
    if (!existing || !(*existing == constraint)) {
      plan.push_back(plan_add_constraint(to.name, constraint));
    }
  }
}

void plan_indexes(const Table& from, const Table& to, Plan& plan) {
  auto find = [](const Table& table, const std::string& name) -> const Index* {
    auto it = std::find_if(table.indexes.begin(), table.indexes.end(),
                           [&](const Index& index) { return index.name == name; });
    return it == table.indexes.end() ? nullptr : &*it;
  };
  for (const Index& index : from.indexes) {
    const Index* kept = find(to, index.name);
    if (kept && *kept == index) continue;
    PlannedOperation op{
        DropIndex{from.name, index},
        {absent_relation(from.name, index.name), dependents_dropped_key(from.name)}};
    for (const auto& column : index_columns(index)) {
      op.releases.push_back(column_key(from.name, column));
    }
    plan.push_back(op);
  }
  for (const Index& index : to.indexes) {
    const Index* existing = find(from, index.name);
    if (existing && *existing == index) continue;
    PlannedOperation op{
        CreateIndex{to.name, index}, {}, {}, {absent_relation(to.name, index.name)}};
    for (const auto& column : index_columns(index)) op.needs.push_back(column_key(to.name, column));
    plan.push_back(op);
  }
}

}  // namespace migrate::diff_detail
