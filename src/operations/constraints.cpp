// A table's constraints taken one at a time, whatever their kind.
#include "migrate/operations.hpp"

namespace migrate {

const std::string& constraint_name(const Constraint& constraint) {
  return std::visit([](const auto& kind) -> const std::string& { return kind.name; }, constraint);
}

const std::optional<std::string>& constraint_comment(const Constraint& constraint) {
  return std::visit(
      [](const auto& kind) -> const std::optional<std::string>& { return kind.comment; },
      constraint);
}

bool equal_but_comment(const Constraint& a, const Constraint& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& kind) {
        return migrate::equal_but_comment(kind, std::get<std::decay_t<decltype(kind)>>(b));
      },
      a);
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

}  // namespace migrate
