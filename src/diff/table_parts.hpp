#pragma once
// The parts of a table present on both sides, compared one aspect per file.

#include "diff/plan.hpp"

namespace migrate::diff_detail {

void plan_columns(const Table& from, const Table& to, const Schema& from_schema,
                  const Schema& to_schema, Plan& plan);
void plan_constraints(const Table& from, const Table& to, Plan& plan);
void plan_indexes(const Table& from, const Table& to, Plan& plan);
// A SetComment where an index kept as it is gains, changes or loses its comment.
void plan_index_comment(const QualifiedName& relation, const Index& from, const Index& to,
                        Plan& plan);

PlannedOperation plan_add_constraint(const QualifiedName& table, const Constraint& constraint);
PlannedOperation plan_drop_constraint(const QualifiedName& table, const Constraint& constraint);

}  // namespace migrate::diff_detail
