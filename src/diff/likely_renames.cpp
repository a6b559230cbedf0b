// A drop and an add that may be one rename are kept next to each other. The flag on them tells a
// person to replace the pair with the rename, and the rename is valid exactly where both stand:
// after whatever must precede the drop, before whatever needs the new name.
#include <algorithm>
#include <map>
#include <set>

#include "migrate/diff.hpp"

#include "diff/plan.hpp"

namespace migrate {

bool may_be_renamed(const Column& dropped, const Column& added) {
  return dropped.name != added.name && dropped.type == added.type &&
         dropped.nullable == added.nullable && dropped.default_expr == added.default_expr &&
         dropped.identity == added.identity && dropped.generated == added.generated &&
         dropped.collation == added.collation;
}

double shared_column_share(const Table& dropped, const Table& created) {
  std::size_t shared = 0;
  for (const Column& column : dropped.columns) {
    const Column* other = created.find_column(column.name);
    if (other && other->type == column.type) ++shared;
  }
  const std::size_t total = std::max(dropped.columns.size(), created.columns.size());
  return total == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(total);
}

namespace diff_detail {
namespace {

// The add or create that flags would pair with the drop at drop_at, among those not taken.
std::optional<std::size_t> partner(const Plan& plan, std::size_t drop_at,
                                   const std::set<std::size_t>& taken) {
  if (const auto* drop = std::get_if<DropColumn>(&plan[drop_at].op)) {
    for (std::size_t j = 0; j < plan.size(); ++j) {
      const auto* add = std::get_if<AddColumn>(&plan[j].op);
      if (add && !taken.count(j) && !plan[j].then && add->table == drop->table &&
          may_be_renamed(drop->column, add->column)) {
        return j;
      }
    }
    return std::nullopt;
  }
  const auto* drop = std::get_if<DropTable>(&plan[drop_at].op);
  if (!drop) return std::nullopt;
  std::optional<std::size_t> best;
  double best_share = likely_rename_share;
  for (std::size_t j = 0; j < plan.size(); ++j) {
    const auto* create = std::get_if<CreateTable>(&plan[j].op);
    // A table rebuilt under its name (made partitioned) is no rename.
    if (!create || taken.count(j) || create->table.name.schema != drop->table.name.schema ||
        create->table.name == drop->table.name) {
      continue;
    }
    const double share = shared_column_share(drop->table, create->table);
    if (share >= best_share) {
      best = j;
      best_share = share;
    }
  }
  return best;
}

void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// One step doing both: what the drop makes exist is no longer waited for by the add.
PlannedOperation joined(const PlannedOperation& drop, const PlannedOperation& add) {
  PlannedOperation step = drop;
  step.then = add.op;
  append(step.creates, add.creates);
  append(step.removes, add.removes);
  append(step.releases, add.releases);
  for (const auto& key : add.needs) {
    if (std::find(drop.creates.begin(), drop.creates.end(), key) == drop.creates.end()) {
      step.needs.push_back(key);
    }
  }
  return step;
}

}  // namespace

std::optional<Plan> joined_likely_renames(const Plan& plan) {
  std::map<std::size_t, std::size_t> pairs;  // drop -> add
  std::set<std::size_t> taken;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (!std::holds_alternative<DropColumn>(plan[i].op) &&
        !std::holds_alternative<DropTable>(plan[i].op)) {
      continue;
    }
    if (const auto j = partner(plan, i, taken)) {
      pairs[i] = *j;
      taken.insert(*j);
    }
  }
  if (pairs.empty()) return std::nullopt;
  Plan result;
  result.reserve(plan.size() - pairs.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (taken.count(i)) continue;
    auto pair = pairs.find(i);
    result.push_back(pair == pairs.end() ? plan[i] : joined(plan[i], plan[pair->second]));
  }
  return result;
}

}  // namespace diff_detail
}  // namespace migrate
