#pragma once
// The schema model: plain values describing a PostgreSQL schema, shared by the declared model
// (model files) and the live database (reflection). No database handle inside; every type compares
// with ==, prints as one line with operator<<, and keeps its members in declaration order.
//
// Canonical forms: types are written as PostgreSQL's format_type() prints them ("integer",
// "character varying(50)", "timestamp with time zone", "text[]"); user types are qualified with
// their schema unless it is "public", and quoted as format_type() quotes them, so a type is
// valid SQL as it stands. Expressions (defaults, checks, predicates) are SQL text;
// the catalog's form is canonical, and a declared expression is canonicalized before comparing.

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

namespace migrate {

inline constexpr const char* default_schema_name = "public";

// A name inside a schema: a table, type, sequence or index.
struct QualifiedName {
  std::string schema = default_schema_name;
  std::string name = {};
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
  friend auto operator<=>(const QualifiedName&, const QualifiedName&) = default;
};
std::ostream& operator<<(std::ostream& out, const QualifiedName& name);
// "name" for the public schema, "schema.name" otherwise: how model and revision files write it.
std::string display_name(const QualifiedName& name);

// The index a replica identity ("using index NAME") names, if it names one.
std::optional<std::string> replica_identity_index(const std::optional<std::string>& identity);

enum class IdentityKind { always, by_default };

// Sequence parameters; an unset value means PostgreSQL's default for the sequence's type.
struct SequenceOptions {
  std::optional<std::int64_t> start = {};
  std::optional<std::int64_t> increment = {};
  std::optional<std::int64_t> min_value = {};
  std::optional<std::int64_t> max_value = {};
  std::optional<std::int64_t> cache = {};
  bool cycle = false;
  friend bool operator==(const SequenceOptions&, const SequenceOptions&) = default;
};

struct Identity {
  IdentityKind kind = IdentityKind::by_default;
  SequenceOptions options = {};
  friend bool operator==(const Identity&, const Identity&) = default;
};

struct Column {
  std::string name = {};
  std::string type = {};
  bool nullable = true;
  std::optional<std::string> default_expr = {};
  std::optional<Identity> identity = {};
  std::optional<std::string> generated = {};  // STORED generation expression
  std::optional<std::string> collation = {};  // only when it differs from the type's default
  std::optional<std::string> comment = {};
  std::optional<int> statistics = {};  // SET STATISTICS; unset: the server's default target
  // SET STORAGE (plain, external, main, extended): only when it differs from the type's own.
  std::optional<std::string> storage = {};
  std::optional<std::string> compression = {};  // pglz or lz4; unset: the server's setting
  // Declared only (model `renamed_from:`): the name the column may still have in a database.
  std::optional<std::string> renamed_from = {};
  friend bool operator==(const Column&, const Column&) = default;
};

struct PrimaryKey {
  std::string name = {};
  std::vector<std::string> columns = {};
  bool deferrable = false;
  bool initially_deferred = false;
  std::optional<std::string> comment = {};
  friend bool operator==(const PrimaryKey&, const PrimaryKey&) = default;
};

struct UniqueConstraint {
  std::string name = {};
  std::vector<std::string> columns = {};
  bool nulls_not_distinct = false;
  bool deferrable = false;
  bool initially_deferred = false;
  std::optional<std::string> comment = {};
  friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};

enum class ReferentialAction { no_action, restrict, cascade, set_null, set_default };
enum class MatchType { simple, full, partial };

struct ForeignKey {
  std::string name = {};
  std::vector<std::string> columns = {};
  QualifiedName referenced_table = {};
  std::vector<std::string> referenced_columns = {};
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
  MatchType match = MatchType::simple;
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;  // NOT VALID: rows already there are not checked until validated
  std::optional<std::string> comment = {};
  friend bool operator==(const ForeignKey&, const ForeignKey&) = default;
};

struct CheckConstraint {
  std::string name = {};
  std::string expression = {};  // without the surrounding CHECK ( )
  bool no_inherit = false;      // NO INHERIT: not passed on to child tables
  bool not_valid = false;       // NOT VALID: rows already there are not checked until validated
  std::optional<std::string> comment = {};
  friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};

// Reflected and compared whole: its definition is pg_get_constraintdef()'s text.
struct ExclusionConstraint {
  std::string name = {};
  std::string definition = {};
  std::optional<std::string> comment = {};
  friend bool operator==(const ExclusionConstraint&, const ExclusionConstraint&) = default;
};

// One key of an index: a column or an expression, with its ordering options.
struct IndexKey {
  std::string column = {};      // empty when expression is set
  std::string expression = {};  // empty when column is set
  bool descending = false;
  bool nulls_first =
      false;  // meaningful as given: ASC NULLS LAST and DESC NULLS FIRST are the defaults
  std::string opclass = {};    // empty: the type's default operator class
  std::string collation = {};  // empty: the column's collation
  friend bool operator==(const IndexKey&, const IndexKey&) = default;
};

// An index created on its own (CREATE INDEX), not one backing a primary key or unique constraint.
struct Index {
  std::string name = {};
  bool unique = false;
  std::string method = "btree";
  std::vector<IndexKey> keys = {};
  std::vector<std::string> include = {};
  std::optional<std::string> where = {};
  bool nulls_not_distinct = false;
  // Storage parameters as "name=value", in the order given: the order CREATE INDEX says them,
  // which comparisons ignore.
  std::vector<std::string> storage = {};
  std::optional<std::string> comment = {};
  friend bool operator==(const Index& a, const Index& b) {
    return std::tie(a.name, a.unique, a.method, a.keys, a.include, a.where, a.nulls_not_distinct,
                    a.comment) == std::tie(b.name, b.unique, b.method, b.keys, b.include, b.where,
                                           b.nulls_not_distinct, b.comment) &&
           std::is_permutation(a.storage.begin(), a.storage.end(), b.storage.begin(),
                               b.storage.end());
  }
};

struct Table {
  QualifiedName name = {};
  std::vector<Column> columns = {};  // in declaration order
  std::optional<PrimaryKey> primary_key = {};
  std::vector<UniqueConstraint> uniques = {};
  std::vector<ForeignKey> foreign_keys = {};
  std::vector<CheckConstraint> checks = {};
  std::vector<ExclusionConstraint> exclusions = {};
  std::vector<Index> indexes = {};
  std::optional<std::string> comment = {};
  bool unlogged = false;
  // Storage parameters as "name=value", sorted; the TOAST table's as "toast.name=value".
  std::vector<std::string> storage = {};
  std::optional<std::string> cluster_on = {};  // the index CLUSTER uses
  // REPLICA IDENTITY other than DEFAULT: "full", "nothing" or "using index <index name>".
  std::optional<std::string> replica_identity = {};
  // A partitioned table's key as pg_get_partkeydef prints it: "RANGE (created_at)".
  std::optional<std::string> partition_by = {};
  // A partition: its parent and bounds as pg_get_expr prints them ("FOR VALUES FROM (1) TO (9)",
  // "DEFAULT"). Its columns are its parent's: the model does not list them, the diff does not
  // compare them, and nothing renders them; constraints and indexes it inherits are not listed.
  std::optional<QualifiedName> partition_of = {};
  std::optional<std::string> bounds = {};
  // Declared only (model `renamed_from:`): the name the table may still have in a database.
  std::optional<std::string> renamed_from = {};
  friend bool operator==(const Table&, const Table&) = default;

  const Column* find_column(const std::string& column_name) const;
};

// Something a view, function or trigger reads: a relation (a table or view), one of its
// columns, a type, or a function.
struct Dependency {
  std::string kind = {};  // "relation", "type" or "function"
  QualifiedName object = {};
  // The column of the relation that is read, or the function's identity arguments.
  std::string column = {};
  friend bool operator==(const Dependency&, const Dependency&) = default;
};

// A view or materialized view. Its query is compared in the server's words (pg_get_viewdef,
// without its semicolon and leading blanks, ending in a newline); declared queries are put in
// those words by the server too.
struct View {
  QualifiedName name = {};
  bool materialized = false;
  std::string query = {};
  bool security_barrier = false;                 // views
  bool security_invoker = false;                 // views
  std::optional<std::string> check_option = {};  // views: "local" or "cascaded"
  // Materialized views: WITH [NO] DATA, storage parameters ("fillfactor=70", sorted), indexes.
  bool with_data = true;
  std::vector<std::string> storage = {};
  std::vector<Index> indexes = {};
  std::optional<std::string> comment = {};
  std::map<std::string, std::string> column_comments = {};
  // What it reads: from pg_depend, or from the server's reading of a declared query. Orders the
  // plan; takes no part in comparisons.
  std::vector<Dependency> depends_on = {};
  friend bool operator==(const View& a, const View& b) {
    return a.name == b.name && a.materialized == b.materialized && a.query == b.query &&
           a.security_barrier == b.security_barrier && a.security_invoker == b.security_invoker &&
           a.check_option == b.check_option && a.with_data == b.with_data &&
           a.storage == b.storage && a.indexes == b.indexes && a.comment == b.comment &&
           a.column_comments == b.column_comments;
  }
};

struct Enum {
  QualifiedName name = {};
  std::vector<std::string> values = {};  // in sort order
  std::optional<std::string> comment = {};
  friend bool operator==(const Enum&, const Enum&) = default;
};

// A domain: a base type with a collation, a default, NOT NULL and named checks on VALUE.
struct Domain {
  QualifiedName name = {};
  std::string type = {};                      // the base type, as format_type() prints it
  std::optional<std::string> collation = {};  // only when it differs from the base type's
  std::optional<std::string> default_expr = {};
  bool nullable = true;
  std::vector<CheckConstraint> checks = {};  // sorted by name
  std::optional<std::string> comment = {};
  friend bool operator==(const Domain&, const Domain&) = default;
};

// An attribute of a composite type, in the type's order.
struct CompositeAttribute {
  std::string name = {};
  std::string type = {};                      // as format_type() prints it
  std::optional<std::string> collation = {};  // only when it differs from the type's default
  std::optional<std::string> comment = {};
  friend bool operator==(const CompositeAttribute&, const CompositeAttribute&) = default;
};

// CREATE TYPE name AS (attribute type, ...).
struct CompositeType {
  QualifiedName name = {};
  std::vector<CompositeAttribute> attributes = {};
  std::optional<std::string> comment = {};
  friend bool operator==(const CompositeType&, const CompositeType&) = default;
};

// A column that owns a sequence (serial columns, ALTER SEQUENCE ... OWNED BY).
struct ColumnRef {
  QualifiedName table = {};
  std::string column = {};
  friend bool operator==(const ColumnRef&, const ColumnRef&) = default;
};

// A standalone or owned sequence; identity columns' internal sequences are part of the column.
struct Sequence {
  QualifiedName name = {};
  std::string type = "bigint";
  SequenceOptions options = {};
  std::optional<ColumnRef> owned_by = {};
  std::optional<std::string> comment = {};
  friend bool operator==(const Sequence&, const Sequence&) = default;
};

struct Extension {
  std::string name = {};
  std::string schema = default_schema_name;
  friend bool operator==(const Extension&, const Extension&) = default;
};

// An object that exists in a database but that migrate does not manage yet (a view, a function,
// a trigger ...). It is reported, never compared, so a user knows what a comparison covered.
// A function or procedure: one per name and identity arguments (overloads are distinct). Its
// definition is compared in the server's words: pg_get_functiondef's CREATE OR REPLACE text,
// which holds the arguments, result, language, attributes, SET options and body.
struct Function {
  QualifiedName name = {};
  std::string arguments = {};  // pg_get_function_identity_arguments: "a integer, OUT b text"
  bool procedure = false;
  std::string definition = {};
  std::optional<std::string> comment = {};
  // What its signature and a BEGIN ATOMIC body use: pg_depend, or the server's reading of a
  // declared definition. Orders the plan; takes no part in comparisons.
  std::vector<Dependency> depends_on = {};
  friend bool operator==(const Function& a, const Function& b) {
    return a.name == b.name && a.arguments == b.arguments && a.procedure == b.procedure &&
           a.definition == b.definition && a.comment == b.comment;
  }
};

// How a trigger fires with respect to session_replication_role (pg_trigger.tgenabled).
enum class TriggerEnabled { origin, disabled, replica, always };

// A trigger on a table or view, compared in the server's words (pg_get_triggerdef).
struct Trigger {
  QualifiedName table = {};
  std::string name = {};
  std::string definition = {};
  TriggerEnabled enabled = TriggerEnabled::origin;
  std::optional<std::string> comment = {};
  std::vector<Dependency> depends_on = {};  // its function; takes no part in comparisons
  friend bool operator==(const Trigger& a, const Trigger& b) {
    return a.table == b.table && a.name == b.name && a.definition == b.definition &&
           a.enabled == b.enabled && a.comment == b.comment;
  }
};

struct UnmanagedObject {
  std::string kind = {};
  std::string name = {};
  friend bool operator==(const UnmanagedObject&, const UnmanagedObject&) = default;
};

// A whole schema. Vectors are kept sorted by name (see sort_schema) so that two schemas with the
// same content compare equal whatever order they were read in.
struct Schema {
  std::vector<std::string> schemas = {};                    // namespaces other than public
  std::map<std::string, std::string> schema_comments = {};  // of those namespaces, by name
  std::vector<Extension> extensions = {};
  std::vector<Enum> enums = {};
  std::vector<Domain> domains = {};
  std::vector<CompositeType> composite_types = {};
  std::vector<Sequence> sequences = {};
  std::vector<Table> tables = {};
  std::vector<View> views = {};          // views and materialized views
  std::vector<Function> functions = {};  // functions and procedures
  std::vector<Trigger> triggers = {};
  std::vector<UnmanagedObject> unmanaged = {};
  friend bool operator==(const Schema&, const Schema&) = default;

  const Table* find_table(const QualifiedName& name) const;
  const View* find_view(const QualifiedName& name) const;
  const Enum* find_enum(const QualifiedName& name) const;
  const Domain* find_domain(const QualifiedName& name) const;
  const CompositeType* find_composite_type(const QualifiedName& name) const;
  const Sequence* find_sequence(const QualifiedName& name) const;
  const Function* find_function(const QualifiedName& name, const std::string& arguments) const;
  const Trigger* find_trigger(const QualifiedName& table, const std::string& name) const;
};

// Options equal to PostgreSQL's defaults for a sequence of `type` (smallint, integer, bigint)
// unset, so that a sequence declared with `increment: 1` equals the one the server reports.
SequenceOptions without_defaults(const std::string& type, SequenceOptions options);

// Whether a sequence going from options `from` to `to` must be restarted: where an unused one
// stands (its start) is outside the new bounds, and PostgreSQL refuses bounds that exclude the
// current value ("RESTART value (30) cannot be greater than MAXVALUE (9)").
bool sequence_must_restart(const SequenceOptions& from, const SequenceOptions& to);

// Every sequence's and identity column's options without their defaults (see above).
void drop_default_sequence_options(Schema& schema);

// Sorts every name-keyed collection (tables by name, constraints and indexes by name) but keeps
// column order and enum value order, which are meaningful.
void sort_schema(Schema& schema);

// The item of that name (a column, a check, an attribute ...), or nullptr.
template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
  auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
  return it == items.end() ? nullptr : &*it;
}

// Whether a and b are equal but perhaps for their comments: a comment changes in place, never by
// dropping and creating the object again.
template <typename T>
bool equal_but_comment(T a, const T& b) {
  a.comment = b.comment;
  return a == b;
}

std::string to_string(IdentityKind kind);
std::string to_string(ReferentialAction action);  // "no action", "set null", ...
std::string to_string(MatchType match);
std::string to_string(TriggerEnabled enabled);  // "origin", "disabled", "replica", "always"

std::ostream& operator<<(std::ostream& out, const Column& column);
std::ostream& operator<<(std::ostream& out, const Table& table);
std::ostream& operator<<(std::ostream& out, const Enum& enum_type);
std::ostream& operator<<(std::ostream& out, const Domain& domain);
std::ostream& operator<<(std::ostream& out, const CompositeType& type);
std::ostream& operator<<(std::ostream& out, const Sequence& sequence);
std::ostream& operator<<(std::ostream& out, const View& view);
std::ostream& operator<<(std::ostream& out, const Function& function);
std::ostream& operator<<(std::ostream& out, const Trigger& trigger);
std::ostream& operator<<(std::ostream& out, const Schema& schema);

}  // namespace migrate
