#include "migrate/diff.hpp"

#include <spdlog/spdlog.h>

#include "migrate/error.hpp"

#include "diff/plan.hpp"

namespace migrate {

namespace {

std::optional<std::vector<Operation>> ordered_if_acyclic(diff_detail::Plan& plan) {
  try {
    const auto ordered = diff_detail::order(plan);
    return diff_detail::take_in_order(plan, ordered);
  } catch (const InternalError&) {
    return std::nullopt;
  }
}

}  // namespace

std::vector<Operation> diff(const Schema& from, const Schema& to) {
  const DeclaredRenames renames = declared_renames(from, to);
  for (const std::string& note : renames.notes) spdlog::info("{}", note);
  const Schema& live = renames.renamed ? *renames.renamed : from;
  diff_detail::Plan plan;
  // Renames run first: they depend on nothing, and what follows names the new names.
  for (const Operation& rename : renames.operations) plan.push_back({rename});
  diff_detail::plan_types(live, to, plan);
  diff_detail::plan_functions(live, to, plan);
  diff_detail::plan_tables(live, to, plan);
  diff_detail::plan_views(live, to, plan);
  diff_detail::plan_enum_rebuilds(plan);
  diff_detail::plan_rebuilt_functions(live, to, plan);
  diff_detail::plan_rebuilt_views(live, to, plan);
  diff_detail::plan_triggers(live, to, plan);
  diff_detail::plan_rebuilt_triggers(live, to, plan);
  diff_detail::plan_function_drops(live, to, plan);
  diff_detail::plan_function_users(plan);
  // Renamed indexes and constraints, and likely renames kept together, are refinements: where
  // one closes a dependency cycle (two names swapped), the plan without it is still valid.
  auto paired = diff_detail::paired_renames(plan);
  // Once renames are paired: a renamed key keeps the foreign keys that reference it.
  diff_detail::plan_rebuilt_references(live, to, plan);
  if (paired) diff_detail::plan_rebuilt_references(live, to, *paired);
  const diff_detail::Plan& base = paired ? *paired : plan;
  if (auto joined = diff_detail::joined_likely_renames(base)) {
    if (auto ops = ordered_if_acyclic(*joined)) return *ops;
  }
  if (paired) {
    if (auto ops = ordered_if_acyclic(*paired)) return *ops;
  }
  const auto ordered = diff_detail::order(plan);
  return diff_detail::take_in_order(plan, ordered);
}

}  // namespace migrate
