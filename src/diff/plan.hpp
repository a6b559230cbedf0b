#pragma once
// The diff's working form: each operation with the objects it touches, so that they can be put
// in an order PostgreSQL accepts by a dependency sort rather than a fixed order of kinds.

#include <optional>
#include <string>
#include <vector>

#include "migrate/operations.hpp"

namespace migrate::diff_detail {

// Objects are named by keys such as "table:public.users", "column:public.users.email",
// "type:public.post_status", "seq:public.users_id_seq", "key:public.users(id)", "schema:app".
struct PlannedOperation {
  Operation op = {};
  std::vector<std::string> creates = {};   // exist after op
  std::vector<std::string> removes = {};   // gone after op
  std::vector<std::string> needs = {};     // must exist before op: their creator runs first
  std::vector<std::string> releases = {};  // op stops using them: their remover runs after
  std::optional<Operation> then = {};      // emitted right after op, as one step
};

using Plan = std::vector<PlannedOperation>;

std::string table_key(const QualifiedName& table);
std::string column_key(const QualifiedName& table, const std::string& column);
std::string unique_key(const QualifiedName& table, const std::vector<std::string>& columns);
std::string type_key(const QualifiedName& type);
// Removed by an enum's rebuild: what uses the old type (a view's cast) goes before it.
std::string retyped_key(const QualifiedName& type);
std::string sequence_key(const QualifiedName& sequence);
std::string schema_key(const std::string& schema);
std::string view_key(const QualifiedName& view);
std::string function_key(const QualifiedName& function, const std::string& arguments);
// Created by every drop of a key (a primary key, a unique constraint or index) on those columns:
// foreign keys referencing them are added after.
std::string settled_key(const std::string& key);
// Created by a primary key's drop for each of its columns: their NOT NULL may go after it.
std::string unpinned_key(const QualifiedName& table, const std::string& column);
// Created by every constraint or index drop on the table: column drops come after them.
std::string dependents_dropped_key(const QualifiedName& table);
// Exists once no constraint of that name is on the table / no relation of that name in the schema.
std::string absent_constraint(const QualifiedName& table, const std::string& name);
std::string absent_relation(const QualifiedName& table, const std::string& name);
// Created by a partition's detach or drop, for the partition and for its parent: what attaches
// or creates a partition of that parent, or attaches that partition again, comes after, so that
// new bounds never overlap old ones.
std::string detached_key(const QualifiedName& table);
// Created by the index of that name in the table's schema (an index, a key's index).
std::string relation_key(const QualifiedName& table, const std::string& name);

// The keys of what a view, function or trigger uses (its depends_on) in `schema`: tables and
// their columns, views, types (and their rebuilds), functions; and every extension, whose
// objects are not listed.
std::vector<std::string> dependency_keys(const std::vector<Dependency>& depends_on,
                                         const Schema& schema);

// A type, table or sequence as the catalog prints its name under search_path = public:
// quoted where needed, qualified outside public.
std::string spelled(const QualifiedName& name);
// A type without its array suffixes: "mood[][]" -> "mood".
std::string element_type(std::string type);
// The enum, domain or composite type a type names (format_type's spelling, array suffixes
// aside), if any.
std::optional<QualifiedName> user_type_of(const std::string& type, const Schema& schema);

// The keys a column depends on in `schema`: an enum or domain, a sequence named in nextval().
std::vector<std::string> column_dependencies(const Column& column, const Schema& schema);
// The columns of `schema` whose type is `type` (or an array of it).
std::vector<TypeUse> uses_of(const QualifiedName& type, const Schema& schema);
// Exists once no type of that name is in the schema.
std::string absent_type(const QualifiedName& name);

// Composite types (composite_types.cpp).
void plan_composite_types(const Schema& from, const Schema& to, Plan& plan);

// The sequence's owner changed from one column (or none) to another (or none): after the new
// owner exists, before the old one goes.
void plan_sequence_owner(const QualifiedName& name, const std::optional<ColumnRef>& from,
                         const std::optional<ColumnRef>& to, Plan& plan);

// Namespaces, extensions, enums, domains and sequences.
void plan_types(const Schema& from, const Schema& to, Plan& plan);
// Tables, their columns, constraints, indexes and comments.
void plan_tables(const Schema& from, const Schema& to, Plan& plan);
// Views and materialized views (views.cpp).
void plan_views(const Schema& from, const Schema& to, Plan& plan);
// A view that stays as it is, but reads something the plan drops or changes (a column whose
// type changes, a view rebuilt), is dropped before and created again after; and so on for the
// views that read it.
void plan_rebuilt_views(const Schema& from, const Schema& to, Plan& plan);
// Functions and procedures created or replaced (routines.cpp): planned before tables, whose
// defaults and checks may call them; those that go are planned after everything else.
void plan_functions(const Schema& from, const Schema& to, Plan& plan);
void plan_function_drops(const Schema& from, const Schema& to, Plan& plan);
// A function that stays as it is but whose signature uses a type the plan rebuilds (removes its
// retyped key) is dropped before and created again after, on the new type.
void plan_rebuilt_functions(const Schema& from, const Schema& to, Plan& plan);
// Triggers; and those that stay but use what the plan drops (their function, their table or
// view rebuilt, a column) dropped before it and created again after.
void plan_triggers(const Schema& from, const Schema& to, Plan& plan);
void plan_rebuilt_triggers(const Schema& from, const Schema& to, Plan& plan);
// Each function dropped after the steps that stop calling a function of its name: a dropped
// table, column, default, check or index whose expression calls it.
void plan_function_users(Plan& plan);

// The plan with each index or constraint dropped and another added on the same table with the
// same definition made one rename; nothing when there is no such pair. A pair stays apart when
// something else planned touches what they use (a referenced key rebuilt, a column re-added) or
// the table loses a column (a check or expression may use it unseen).
std::optional<Plan> paired_renames(const Plan& plan);

// The plan with each drop and add that may be a rename (see may_be_renamed) joined into one step,
// so that they come out next to each other; nothing when there is no such pair.
std::optional<Plan> joined_likely_renames(const Plan& plan);

// Foreign keys that stay as they are but reference a key the plan drops (a unique constraint
// replaced by a primary key on the same columns) are dropped before it and added again after.
void plan_rebuilt_references(const Schema& from, const Schema& to, Plan& plan);

// Marks each enum that only gains values for a rebuild when another step of the plan uses one of
// the new values (a default, a check): ALTER TYPE ... ADD VALUE's values are usable only once
// committed, while a type created in the transaction is usable at once. A rebuild removes the
// type and its converted columns as they were, so that what reads them is rebuilt around it.
void plan_enum_rebuilds(Plan& plan);

// A stable topological order of the plan's steps, as indexes: among ready steps, the one planned
// first goes first. Throws InternalError naming a step of a dependency cycle.
std::vector<std::size_t> order(const Plan& plan);

// The operations of the plan's steps in that order, moved out of the plan.
std::vector<Operation> take_in_order(Plan& plan, const std::vector<std::size_t>& ordered);

}  // namespace migrate::diff_detail
