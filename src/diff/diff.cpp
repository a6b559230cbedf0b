#include "migrate/diff.hpp"

#include <spdlog/spdlog.h>

#include "migrate/error.hpp"

#include "diff/plan.hpp"

namespace migrate {

std::vector<Operation> diff(const Schema& from, const Schema& to) {
  const DeclaredRenames renames = declared_renames(from, to);
  for (const std::string& note : renames.notes) spdlog::info("{}", note);
  const Schema& live = renames.renamed ? *renames.renamed : from;
  diff_detail::Plan plan;
  // Renames run first: they depend on nothing, and what follows names the new names.
  for (const Operation& rename : renames.operations) plan.push_back({rename});
  diff_detail::plan_types(live, to, plan);
  diff_detail::plan_tables(live, to, plan);
  diff_detail::pair_renamed_indexes_and_constraints(plan);
  if (auto joined = diff_detail::joined_likely_renames(plan)) {
    try {
      return diff_detail::order(*joined);
    } catch (const InternalError&) {
      // Keeping a pair together closed a cycle: the pair is then ordered apart, still valid as
      // a drop and an add, and the flag's rename must be placed by hand.
    }
  }
  return diff_detail::order(plan);
}

}  // namespace migrate
