#pragma once
// Schema operations: the steps of a migration. Plain values; every kind has an inverse (used to
// write `downgrade`), a renderer (src/render/) and a one-line description. A drop carries the whole
// dropped object, an alter carries Change{from, to} per attribute, so inverting needs no database.

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "migrate/schema.hpp"

namespace migrate {

template <typename T>
struct Change {  // one attribute going from one value to another
  T from = {};
  T to = {};
  friend bool operator==(const Change&, const Change&) = default;
};

template <typename T>
std::optional<Change<T>> swapped(const std::optional<Change<T>>& change) {
  if (!change) return std::nullopt;
  return Change<T>{change->to, change->from};
}

struct CreateSchema {
  std::string name = {};
  friend bool operator==(const CreateSchema&, const CreateSchema&) = default;
};
struct DropSchema {
  std::string name = {};
  friend bool operator==(const DropSchema&, const DropSchema&) = default;
};

struct CreateExtension {
  Extension extension = {};
  friend bool operator==(const CreateExtension&, const CreateExtension&) = default;
};
struct DropExtension {
  Extension extension = {};
  friend bool operator==(const DropExtension&, const DropExtension&) = default;
};

struct CreateEnum {
  Enum enum_type = {};
  friend bool operator==(const CreateEnum&, const CreateEnum&) = default;
};
struct DropEnum {
  Enum enum_type = {};
  friend bool operator==(const DropEnum&, const DropEnum&) = default;
};

// A column whose type is an enum or composite type being rebuilt: it is converted through text,
// and its default (which names the old type) is dropped first and set again after.
struct TypeUse {
  ColumnRef column = {};
  std::optional<std::string> default_expr = {};
  bool array = false;  // the column holds arrays of the type
  friend bool operator==(const TypeUse&, const TypeUse&) = default;
};

// Values that are only inserted render as ALTER TYPE ... ADD VALUE; anything else (a removal, a
// reorder) rebuilds the type: rename the old one, create the new one, convert every use, drop.
struct AlterEnumValues {
  QualifiedName name = {};
  Change<std::vector<std::string>> values = {};
  std::vector<TypeUse> uses = {};
  // Rebuilt even when values are only inserted: a value added by ALTER TYPE ... ADD VALUE cannot
  // be used before its transaction commits, and something else in the migration uses one.
  bool rebuild = false;
  friend bool operator==(const AlterEnumValues&, const AlterEnumValues&) = default;
};

// ALTER TYPE ... RENAME VALUE: rows holding the value keep it under its new label.
struct RenameEnumValue {
  QualifiedName name = {};
  std::string from = {};
  std::string to = {};
  friend bool operator==(const RenameEnumValue&, const RenameEnumValue&) = default;
};

// NOT VALID checks are added after the CREATE DOMAIN, which cannot hold them.
struct CreateDomain {
  Domain domain = {};
  friend bool operator==(const CreateDomain&, const CreateDomain&) = default;
};
struct DropDomain {
  Domain domain = {};
  friend bool operator==(const DropDomain&, const DropDomain&) = default;
};
// A domain kept by name and base type. Its checks change as a whole list: those that go are
// dropped, new ones added; one kept whose expression changes is dropped and added again, one
// that becomes valid is validated, and one that becomes NOT VALID is added again NOT VALID.
struct AlterDomain {
  QualifiedName name = {};
  std::optional<Change<std::optional<std::string>>> default_expr = {};
  std::optional<Change<bool>> nullable = {};
  std::optional<Change<std::vector<CheckConstraint>>> checks = {};
  friend bool operator==(const AlterDomain&, const AlterDomain&) = default;
};

// Created without OWNED BY; ownership is set by AlterSequence once the table exists.
struct CreateCompositeType {
  CompositeType type = {};
  friend bool operator==(const CreateCompositeType&, const CreateCompositeType&) = default;
};
struct DropCompositeType {
  CompositeType type = {};
  friend bool operator==(const DropCompositeType&, const DropCompositeType&) = default;
};
// A composite type kept by name whose attributes change. In place, those that go are dropped,
// those kept change type or collation, new ones are added at the end, comments are set. Where
// that cannot give the new attributes (another order; a kept attribute changing type while a
// column uses the type) the type is rebuilt, as an enum is, and each column of it converted
// field by field, by name: new fields are NULL.
struct AlterCompositeType {
  QualifiedName name = {};
  Change<std::vector<CompositeAttribute>> attributes = {};
  std::vector<TypeUse> uses = {};
  bool rebuild = false;
  std::optional<std::string> comment = {};  // the type's, given again to it when rebuilt
  friend bool operator==(const AlterCompositeType&, const AlterCompositeType&) = default;
};

struct CreateSequence {
  Sequence sequence = {};
  friend bool operator==(const CreateSequence&, const CreateSequence&) = default;
};
struct DropSequence {
  Sequence sequence = {};
  friend bool operator==(const DropSequence&, const DropSequence&) = default;
};
struct AlterSequence {
  QualifiedName name = {};
  std::optional<Change<std::string>> type = {};
  std::optional<Change<SequenceOptions>> options = {};
  std::optional<Change<std::optional<ColumnRef>>> owned_by = {};
  friend bool operator==(const AlterSequence&, const AlterSequence&) = default;
};

struct CreateTable {
  Table table = {};
  friend bool operator==(const CreateTable&, const CreateTable&) = default;
};
struct DropTable {
  Table table = {};
  friend bool operator==(const DropTable&, const DropTable&) = default;
};
struct RenameTable {
  QualifiedName from = {};
  std::string to = {};
  friend bool operator==(const RenameTable&, const RenameTable&) = default;
};

// A table's own attributes: UNLOGGED, storage parameters, the index CLUSTER uses, its replica
// identity.
struct AlterTable {
  QualifiedName name = {};
  std::optional<Change<bool>> unlogged = {};
  std::optional<Change<std::vector<std::string>>> storage = {};
  std::optional<Change<std::optional<std::string>>> cluster_on = {};
  std::optional<Change<std::optional<std::string>>> replica_identity = {};  // as Table's
  friend bool operator==(const AlterTable&, const AlterTable&) = default;
};

// A partition attached to its partitioned table with bounds, or detached from it: the rows stay.
struct AttachPartition {
  QualifiedName table = {};  // the partitioned table
  QualifiedName partition = {};
  std::string bounds = {};  // "FOR VALUES ..." or "DEFAULT"
  friend bool operator==(const AttachPartition&, const AttachPartition&) = default;
};
struct DetachPartition {
  QualifiedName table = {};
  QualifiedName partition = {};
  std::string bounds = {};  // the bounds it had: the inverse attaches it with them
  friend bool operator==(const DetachPartition&, const DetachPartition&) = default;
};

struct AddColumn {
  QualifiedName table = {};
  Column column = {};
  friend bool operator==(const AddColumn&, const AddColumn&) = default;
};
struct DropColumn {
  QualifiedName table = {};
  Column column = {};
  friend bool operator==(const DropColumn&, const DropColumn&) = default;
};
struct RenameColumn {
  QualifiedName table = {};
  std::string from = {};
  std::string to = {};
  friend bool operator==(const RenameColumn&, const RenameColumn&) = default;
};

// A type change converts with `using` when given, else with an explicit cast "column::type".
struct AlterColumn {
  QualifiedName table = {};
  std::string column = {};
  std::optional<Change<std::string>> type = {};
  std::optional<Change<std::optional<std::string>>> using_expr = {};
  std::optional<Change<std::optional<std::string>>> collation = {};
  std::optional<Change<bool>> nullable = {};
  std::optional<Change<std::optional<std::string>>> default_expr = {};
  std::optional<Change<std::optional<Identity>>> identity = {};
  std::optional<Change<std::optional<int>>> statistics = {};
  std::optional<Change<std::optional<std::string>>> storage = {};
  std::optional<Change<std::optional<std::string>>> compression = {};
  friend bool operator==(const AlterColumn&, const AlterColumn&) = default;
};

struct CreateIndex {
  QualifiedName table = {};
  Index index = {};
  friend bool operator==(const CreateIndex&, const CreateIndex&) = default;
};
struct DropIndex {
  QualifiedName table = {};
  Index index = {};
  friend bool operator==(const DropIndex&, const DropIndex&) = default;
};
struct RenameIndex {
  QualifiedName table = {};
  std::string from = {};
  std::string to = {};
  friend bool operator==(const RenameIndex&, const RenameIndex&) = default;
};

using Constraint =
    std::variant<PrimaryKey, UniqueConstraint, ForeignKey, CheckConstraint, ExclusionConstraint>;
const std::string& constraint_name(const Constraint& constraint);
const std::optional<std::string>& constraint_comment(const Constraint& constraint);
// Whether a and b are the same constraint but perhaps for their comments.
bool equal_but_comment(const Constraint& a, const Constraint& b);
// The primary key, uniques, foreign keys, checks and exclusions, in that order.
std::vector<Constraint> constraints_of(const Table& table);

struct AddConstraint {
  QualifiedName table = {};
  Constraint constraint = {};
  friend bool operator==(const AddConstraint&, const AddConstraint&) = default;
};
struct DropConstraint {
  QualifiedName table = {};
  Constraint constraint = {};
  friend bool operator==(const DropConstraint&, const DropConstraint&) = default;
};
struct RenameConstraint {
  QualifiedName table = {};
  std::string from = {};
  std::string to = {};
  friend bool operator==(const RenameConstraint&, const RenameConstraint&) = default;
};

// A view or materialized view, created whole: its indexes and comments with it.
struct CreateView {
  View view = {};
  friend bool operator==(const CreateView&, const CreateView&) = default;
};
struct DropView {
  View view = {};
  friend bool operator==(const DropView&, const DropView&) = default;
};

struct CreateFunction {
  Function function = {};
  friend bool operator==(const CreateFunction&, const CreateFunction&) = default;
};
struct DropFunction {
  Function function = {};
  friend bool operator==(const DropFunction&, const DropFunction&) = default;
};
// CREATE OR REPLACE of a function keeping its name, arguments and result (a new body or new
// attributes), and its comment.
struct ReplaceFunction {
  Change<Function> function = {};
  friend bool operator==(const ReplaceFunction&, const ReplaceFunction&) = default;
};

struct CreateTrigger {
  Trigger trigger = {};
  friend bool operator==(const CreateTrigger&, const CreateTrigger&) = default;
};
struct DropTrigger {
  Trigger trigger = {};
  friend bool operator==(const DropTrigger&, const DropTrigger&) = default;
};
// A trigger kept by name: CREATE OR REPLACE TRIGGER for a new definition (not of a constraint
// trigger), ENABLE/DISABLE for its state, COMMENT for its comment.
struct AlterTrigger {
  Change<Trigger> trigger = {};
  friend bool operator==(const AlterTrigger&, const AlterTrigger&) = default;
};

// `column` on a table's or a view's column; `view` and `materialized_view` on a whole view;
// `schema` on a namespace, named by object.name; `index` and `sequence` on the relation named by
// object; `constraint` on a table's constraint, `domain_constraint` on a domain's.
enum class CommentTarget {
  table,
  column,
  type,
  view,
  materialized_view,
  domain,
  schema,
  index,
  sequence,
  constraint,
  domain_constraint
};
// How revision files name each target (`on: domain_constraint`).
inline constexpr std::pair<CommentTarget, const char*> comment_target_words[] = {
    {CommentTarget::table, "table"},
    {CommentTarget::column, "column"},
    {CommentTarget::type, "type"},
    {CommentTarget::view, "view"},
    {CommentTarget::materialized_view, "materialized_view"},
    {CommentTarget::domain, "domain"},
    {CommentTarget::schema, "schema"},
    {CommentTarget::index, "index"},
    {CommentTarget::sequence, "sequence"},
    {CommentTarget::constraint, "constraint"},
    {CommentTarget::domain_constraint, "domain_constraint"}};
struct SetComment {
  CommentTarget target = CommentTarget::table;
  QualifiedName object = {};
  // The column, or the constraint, of object; empty for the other targets.
  std::string part = {};
  Change<std::optional<std::string>> comment = {};
  friend bool operator==(const SetComment&, const SetComment&) = default;
};

// Raw SQL written by a person; `reverse` is the downgrade they wrote (empty: none).
struct Sql {
  std::string sql = {};
  std::string reverse = {};
  friend bool operator==(const Sql&, const Sql&) = default;
};

using Operation =
    std::variant<CreateSchema, DropSchema, CreateExtension, DropExtension, CreateEnum, DropEnum,
                 AlterEnumValues, RenameEnumValue, CreateDomain, DropDomain, AlterDomain,
                 CreateCompositeType, DropCompositeType, AlterCompositeType, CreateSequence,
                 DropSequence, AlterSequence, CreateTable, DropTable, RenameTable, AlterTable,
                 AttachPartition, DetachPartition, AddColumn, DropColumn, RenameColumn, AlterColumn,
                 CreateIndex, DropIndex, RenameIndex, AddConstraint, DropConstraint,
                 RenameConstraint, CreateView, DropView, CreateFunction, DropFunction,
                 ReplaceFunction, CreateTrigger, DropTrigger, AlterTrigger, SetComment, Sql>;

// The operation that undoes op. inverse(inverse(op)) == op for every kind.
Operation inverse(const Operation& op);

// The undo of a whole list: each inverted, in reverse order.
std::vector<Operation> inverse(const std::vector<Operation>& ops);

// The operation's kind as revision files name it: "create_table", "add_column", ...
std::string kind_name(const Operation& op);

// One line for people: "create table posts", "alter column users.email: type text -> ...".
std::string describe(const Operation& op);

// Why this operation may destroy data, or nothing when it cannot: "drops table posts" ...
std::optional<std::string> data_loss(const Operation& op);

std::ostream& operator<<(std::ostream& out, const Operation& op);

}  // namespace migrate
