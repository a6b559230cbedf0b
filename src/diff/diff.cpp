#include "migrate/diff.hpp"

#include "diff/plan.hpp"

namespace migrate {

std::vector<Operation> diff(const Schema& from, const Schema& to) {
  diff_detail::Plan plan;
  diff_detail::plan_types(from, to, plan);
  diff_detail::plan_tables(from, to, plan);
  return diff_detail::order(plan);
}

}  // namespace migrate
