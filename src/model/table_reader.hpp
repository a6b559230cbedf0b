#pragma once
// Reading one table of a model document: columns (read_table.cpp), constraints
// (read_constraints.cpp) and indexes (read_indexes.cpp).

#include <optional>
#include <string>
#include <vector>

#include "model/model_source.hpp"

namespace migrate::model {

struct TableContext {
  const YamlReader& reader;
  const DocumentDraft& document;
  TableDraft& draft;
  std::string table;  // display name, for messages
  // A materialized view's: its columns are not known, so the names are not checked here.
  bool columns_unknown = false;
};

// One constraint or index of a list ("- {name: x, ...}") or of a mapping ("x: {...}").
struct Item {
  std::optional<Name> name = {};
  yaml::Node node = {};            // the item's mapping, or its scalar
  std::vector<Entry> fields = {};  // the mapping's entries other than 'name'
};
std::vector<Item> read_items(const YamlReader& reader, const Entry& entry, const std::string& where,
                             bool scalar_items);
// "unique constraint users_email_key of table users" / "unique constraint of table users".
std::string describe(const std::string& kind, const std::optional<Name>& name,
                     const std::string& table);

// The parent of a foreign key: "users.id", "users(id)", "app.users(id)", "app.users.id" or
// {schema, table, columns}.
struct Reference {
  QualifiedName table = {};
  std::vector<Name> columns = {};
};
Reference read_reference(const YamlReader& reader, const Entry& entry,
                         const std::string& default_schema, const std::string& where);
ReferentialAction read_action(const YamlReader& reader, const Entry& entry,
                              const std::string& where);
// Reads one of start, increment, min_value, max_value, cache, cycle; false for another key.
bool read_sequence_option(const YamlReader& reader, const Entry& entry, SequenceOptions& options,
                          const std::string& where);

// Each name must be a column of the table, at most once.
void check_columns(const TableContext& context, const std::vector<Name>& columns,
                   const std::string& where);
std::vector<std::string> texts(const std::vector<Name>& names);

void read_primary_key(TableContext& context, const Entry& entry);
void read_uniques(TableContext& context, const Entry& entry);
void read_foreign_keys(TableContext& context, const Entry& entry);
void read_checks(TableContext& context, const Entry& entry);
// The checks of a table or a domain (`owner`: "table x", "domain x"); only a table's may be
// NO INHERIT.
std::vector<Placed<CheckConstraint>> read_check_list(const YamlReader& reader, const Entry& entry,
                                                     const std::string& owner, bool of_table);
void read_exclusions(TableContext& context, const Entry& entry);
void read_indexes(TableContext& context, const Entry& entry);

// Storage settings (read_storage.cpp): parameters {name: value} as "name=value", in the order
// written (an index's, which its comparison ignores) or sorted (a table's or view's, compared
// as lists); a column's statistics target (-1 to 10000), storage (plain, external, main,
// extended) and compression (pglz, lz4), in the catalog's spelling.
std::vector<std::string> read_storage(const YamlReader& reader, const Entry& entry,
                                      const std::string& where);
std::vector<std::string> read_sorted_storage(const YamlReader& reader, const Entry& entry,
                                             const std::string& where);
std::optional<int> read_statistics(const YamlReader& reader, const Entry& entry,
                                   const std::string& where);
std::string read_column_storage(const YamlReader& reader, const Entry& entry,
                                const std::string& where);
std::string read_compression(const YamlReader& reader, const Entry& entry,
                             const std::string& where);
// A replica identity: full, nothing or "using index NAME"; nothing for default, as reflection
// reads it.
std::optional<std::string> read_replica_identity(const YamlReader& reader, const Entry& entry,
                                                 const std::string& where);

// `partition_by`, `partition_of` and `bounds` (read_partitions.cpp), read before the columns: a
// partition has none of its own, so constraints do not check the names they use.
void read_partitioning(TableContext& context, const std::vector<Entry>& fields);
// A partition's unnamed check would be named after columns the file does not list: refused.
void check_partition_names(const TableContext& context);

// A collation as reflection prints it: each part quoted as needed ("C" -> "\"C\""), and
// unqualified when in pg_catalog or public. Text that already holds quotes is kept as written.
std::string normalize_collation(const std::string& collation);

}  // namespace migrate::model
