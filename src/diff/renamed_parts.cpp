// Indexes and constraints whose only change is their name are renamed in place: nothing is
// rebuilt, no lock is held for a rebuild, and a key is never missing in between.
#include <map>
#include <optional>
#include <set>

#include "diff/plan.hpp"

namespace migrate::diff_detail {
namespace {

struct NameChange {
  QualifiedName table = {};
  std::string from = {};
  std::string to = {};
  bool is_index = false;
};

std::optional<NameChange> index_name_change(const DropIndex& drop, const Operation& add) {
  const auto* create = std::get_if<CreateIndex>(&add);
  if (!create || create->table != drop.table || create->index.name == drop.index.name) {
    return std::nullopt;
  }
  Index renamed = drop.index;
  renamed.name = create->index.name;
  if (!(renamed == create->index)) return std::nullopt;
  return NameChange{drop.table, drop.index.name, create->index.name, true};
}

std::optional<NameChange> constraint_name_change(const DropConstraint& drop, const Operation& add) {
  const auto* added = std::get_if<AddConstraint>(&add);
  if (!added || added->table != drop.table) return std::nullopt;
  const std::string& from = constraint_name(drop.constraint);
  const std::string& to = constraint_name(added->constraint);
  if (from == to) return std::nullopt;
  Constraint renamed = drop.constraint;
  std::visit([&](auto& kind) { kind.name = to; }, renamed);
  if (!(renamed == added->constraint)) return std::nullopt;
  return NameChange{drop.table, from, to, false};
}

std::optional<NameChange> name_change(const Operation& drop, const Operation& add) {
  if (const auto* index = std::get_if<DropIndex>(&drop)) return index_name_change(*index, add);
  if (const auto* constraint = std::get_if<DropConstraint>(&drop)) {
    return constraint_name_change(*constraint, add);
  }
  return std::nullopt;
}

const QualifiedName* table_of(const Operation& op) {
  if (const auto* o = std::get_if<DropIndex>(&op)) return &o->table;
  if (const auto* o = std::get_if<CreateIndex>(&op)) return &o->table;
  if (const auto* o = std::get_if<DropConstraint>(&op)) return &o->table;
  if (const auto* o = std::get_if<AddConstraint>(&op)) return &o->table;
  return nullptr;
}

bool is_drop(const Operation& op) {
  return std::holds_alternative<DropIndex>(op) || std::holds_alternative<DropConstraint>(op);
}

// Which operations create and remove each key, to see whether a pair's neighbours move.
struct KeyUse {
  std::map<std::string, std::set<std::size_t>> creators;
  std::map<std::string, std::set<std::size_t>> removers;

  explicit KeyUse(const Plan& plan) {
    for (std::size_t i = 0; i < plan.size(); ++i) {
      for (const auto& key : plan[i].creates) creators[key].insert(i);
      for (const auto& key : plan[i].removes) removers[key].insert(i);
    }
  }

  static bool others(const std::map<std::string, std::set<std::size_t>>& users,
                     const std::string& key, std::size_t drop, std::size_t add) {
    auto it = users.find(key);
    if (it == users.end()) return false;
    for (std::size_t i : it->second) {
      if (i != drop && i != add) return true;
    }
    return false;
  }

  // The drop and the add may become one rename when no other operation removes what the drop
  // lets go of or creates what the add needs (names aside: the rename waits for those too).
  bool undisturbed(const Plan& plan, std::size_t drop, std::size_t add) const {
    for (const auto& key : plan[drop].releases) {
      if (others(removers, key, drop, add)) return false;
    }
    for (const auto& key : plan[add].needs) {
      if (key.rfind("absent:", 0) != 0 && others(creators, key, drop, add)) return false;
    }
    return true;
  }
};

PlannedOperation planned_rename(const NameChange& change) {
  if (change.is_index) {
    return {RenameIndex{change.table, change.from, change.to},
            {absent_relation(change.table, change.from)},
            {},
            {absent_relation(change.table, change.to)}};
  }
  return {
      RenameConstraint{change.table, change.from, change.to},
      {absent_constraint(change.table, change.from), absent_relation(change.table, change.from)},
      {},
      {absent_constraint(change.table, change.to), absent_relation(change.table, change.to)}};
}

}  // namespace

std::optional<Plan> paired_renames(const Plan& source) {
  std::map<QualifiedName, std::vector<std::size_t>> drops, adds;
  std::set<QualifiedName> losing_columns;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (const auto* drop = std::get_if<DropColumn>(&source[i].op))
      losing_columns.insert(drop->table);
    if (const QualifiedName* table = table_of(source[i].op)) {
      (is_drop(source[i].op) ? drops : adds)[*table].push_back(i);
    }
  }
  if (drops.empty() || adds.empty()) return std::nullopt;
  const KeyUse use(source);
  std::map<std::size_t, NameChange> renames;  // by the drop they replace
  std::set<std::size_t> paired_adds;
  for (const auto& [table, table_drops] : drops) {
    auto candidates = adds.find(table);
    if (candidates == adds.end() || losing_columns.count(table)) continue;
    for (std::size_t drop : table_drops) {
      for (std::size_t add : candidates->second) {
        if (paired_adds.count(add)) continue;
        const auto change = name_change(source[drop].op, source[add].op);
        if (!change || !use.undisturbed(source, drop, add)) continue;
        renames.emplace(drop, *change);
        paired_adds.insert(add);
        break;
      }
    }
  }
  if (renames.empty()) return std::nullopt;
  Plan plan;
  plan.reserve(source.size() - paired_adds.size());
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (paired_adds.count(i)) continue;
    auto rename = renames.find(i);
    plan.push_back(rename == renames.end() ? source[i] : planned_rename(rename->second));
  }
  return plan;
}

}  // namespace migrate::diff_detail
