// Constraints and indexes, matched by name: one only on a side is added or dropped, one that
// differs is dropped and added again.
#include <algorithm>

#include "diff/table_parts.hpp"
#include "sql/parse_tree.hpp"

namespace migrate::diff_detail {
namespace {

// The names an expression's column references end in: every column it can use, and perhaps
// names that are none, which order nothing.
void add_referenced_names(const std::optional<nlohmann::json>& tree,
                          std::vector<std::string>& names) {
  if (!tree) return;
  for (const sql::ColumnReference& reference : sql::column_references(*tree)) {
    names.push_back(reference.fields.back());
  }
}

// An exclusion's element columns and INCLUDE list, besides its expressions' references.
void add_exclusion_names(const nlohmann::json& node, std::vector<std::string>& names) {
  if (node.is_array()) {
    for (const auto& item : node) add_exclusion_names(item, names);
  } else if (node.is_object()) {
    if (const auto element = node.find("IndexElem"); element != node.end()) {
      if (element->contains("name")) names.push_back((*element)["name"].get<std::string>());
    }
    if (const auto including = node.find("including"); including != node.end()) {
      for (const auto& name : *including) names.push_back(sql::string_value(name));
    }
    for (const auto& [key, value] : node.items()) add_exclusion_names(value, names);
  }
}

std::vector<std::string> constraint_columns(const Constraint& constraint) {
  if (const auto* check = std::get_if<CheckConstraint>(&constraint)) {
    std::vector<std::string> names;
    add_referenced_names(sql::parse_expression(check->expression), names);
    return names;
  }
  if (const auto* exclusion = std::get_if<ExclusionConstraint>(&constraint)) {
    std::vector<std::string> names;
    const auto tree = sql::parse_table_constraint(exclusion->definition);
    add_referenced_names(tree, names);
    if (tree) add_exclusion_names(*tree, names);
    return names;
  }
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

const Constraint* find_constraint(const std::vector<Constraint>& all, const std::string& name) {
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const Constraint& c) { return constraint_name(c) == name; });
  return it == all.end() ? nullptr : &*it;
}

std::vector<std::string> index_columns(const Index& index) {
  std::vector<std::string> columns = index.include;
  for (const IndexKey& key : index.keys) {
    if (!key.column.empty()) columns.push_back(key.column);
    if (!key.expression.empty())
      add_referenced_names(sql::parse_expression(key.expression), columns);
  }
  if (index.where) add_referenced_names(sql::parse_expression(*index.where), columns);
  return columns;
}

// A unique index on plain columns, without a predicate, can be what a foreign key references.
std::optional<std::string> provided_key(const QualifiedName& table, const Index& index) {
  if (!index.unique || index.where) return std::nullopt;
  std::vector<std::string> columns;
  for (const IndexKey& key : index.keys) {
    if (key.column.empty()) return std::nullopt;
    columns.push_back(key.column);
  }
  return unique_key(table, columns);
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
  if (!std::holds_alternative<ForeignKey>(constraint) &&
      !std::holds_alternative<CheckConstraint>(constraint)) {
    op.creates.push_back(relation_key(table, name));  // its index
  }
  if (const auto* fk = std::get_if<ForeignKey>(&constraint)) {
    op.needs.push_back(table_key(fk->referenced_table));
    op.needs.push_back(unique_key(fk->referenced_table, fk->referenced_columns));
    // Added while another key on the same columns is still to be dropped, a foreign key could
    // depend on that one's index, which could then not be dropped.
    op.needs.push_back(settled_key(unique_key(fk->referenced_table, fk->referenced_columns)));
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
  if (auto key = provided_key(table, constraint)) {
    op.removes.push_back(*key);
    op.creates.push_back(settled_key(*key));
  }
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
    if (!kept || !equal_but_comment(*kept, constraint))
      plan.push_back(plan_drop_constraint(from.name, constraint));
  }
  for (const Constraint& constraint : new_constraints) {
    const std::string& name = constraint_name(constraint);
    const Constraint* existing = find_constraint(old_constraints, name);
    if (!existing || !equal_but_comment(*existing, constraint)) {
      plan.push_back(plan_add_constraint(to.name, constraint));
    } else if (constraint_comment(*existing) != constraint_comment(constraint)) {
      plan.push_back({SetComment{CommentTarget::constraint,
                                 to.name,
                                 name,
                                 {constraint_comment(*existing), constraint_comment(constraint)}}});
    }
  }
}

// A foreign key that stays as it is, but references a key that is dropped (a unique constraint
// replaced by a primary key on the same columns), depends on that key's index: it is dropped
// before and added again after, on the key that replaces it.
void plan_rebuilt_references(const Schema& from, const Schema& to, Plan& plan) {
  std::vector<std::string> removed;
  std::vector<std::pair<QualifiedName, std::string>> dropped;  // foreign keys dropped already
  for (const PlannedOperation& step : plan) {
    for (const std::string& key : step.removes) {
      if (key.rfind("key:", 0) == 0) removed.push_back(key);
    }
    if (const auto* drop = std::get_if<DropConstraint>(&step.op)) {
      dropped.emplace_back(drop->table, constraint_name(drop->constraint));
    }
  }
  if (removed.empty()) return;
  for (const Table& table : from.tables) {
    const Table* kept = to.find_table(table.name);
    if (!kept) continue;
    for (const ForeignKey& fk : table.foreign_keys) {
      const auto key = unique_key(fk.referenced_table, fk.referenced_columns);
      if (std::find(removed.begin(), removed.end(), key) == removed.end()) continue;
      if (std::find(dropped.begin(), dropped.end(), std::pair(table.name, fk.name)) !=
          dropped.end()) {
        continue;
      }
      const auto same = std::find(kept->foreign_keys.begin(), kept->foreign_keys.end(), fk);
      if (same == kept->foreign_keys.end()) continue;
      plan.push_back(plan_drop_constraint(table.name, fk));
      plan.push_back(plan_add_constraint(table.name, *same));
    }
  }
}

void plan_index_comment(const QualifiedName& relation, const Index& from, const Index& to,
                        Plan& plan) {
  if (from.comment == to.comment) return;
  plan.push_back({SetComment{
      CommentTarget::index, {relation.schema, to.name}, "", {from.comment, to.comment}}});
}

void plan_indexes(const Table& from, const Table& to, Plan& plan) {
  auto find = [](const Table& table, const std::string& name) -> const Index* {
    auto it = std::find_if(table.indexes.begin(), table.indexes.end(),
                           [&](const Index& index) { return index.name == name; });
    return it == table.indexes.end() ? nullptr : &*it;
  };
  for (const Index& index : from.indexes) {
    const Index* kept = find(to, index.name);
    if (kept && equal_but_comment(*kept, index)) continue;
    PlannedOperation op{
        DropIndex{from.name, index},
        {absent_relation(from.name, index.name), dependents_dropped_key(from.name)}};
    for (const auto& column : index_columns(index)) {
      op.releases.push_back(column_key(from.name, column));
    }
    if (auto key = provided_key(from.name, index)) {
      op.removes.push_back(*key);
      op.creates.push_back(settled_key(*key));
    }
    plan.push_back(op);
  }
  for (const Index& index : to.indexes) {
    const Index* existing = find(from, index.name);
    if (existing && equal_but_comment(*existing, index)) {
      plan_index_comment(to.name, *existing, index, plan);
      continue;
    }
    PlannedOperation op{
        CreateIndex{to.name, index}, {}, {}, {absent_relation(to.name, index.name)}};
    for (const auto& column : index_columns(index)) op.needs.push_back(column_key(to.name, column));
    if (auto key = provided_key(to.name, index)) op.creates.push_back(*key);
    op.creates.push_back(relation_key(to.name, index.name));
    plan.push_back(op);
  }
}

}  // namespace migrate::diff_detail
