// A table's partitioning, as model files write it: `partition_by: RANGE (created_at)` on a
// partitioned table; `partition_of: events` and `bounds: FOR VALUES FROM (...) TO (...)` (or
// `DEFAULT`) on a partition, which lists no columns: they are its parent's.

#include <fmt/format.h>

#include "model/table_reader.hpp"

namespace migrate::model {
namespace {

QualifiedName read_parent(const YamlReader& reader, const Entry& entry,
                          const std::string& default_schema, const std::string& where) {
  const std::string what = "'partition_of' of " + where;
  const std::string text = reader.text(entry, where);
  const auto dot = text.find('.');
  QualifiedName parent{default_schema, text};
  if (dot != std::string::npos) parent = {text.substr(0, dot), text.substr(dot + 1)};
  reader.check_identifier(parent.schema, position_of(entry.value), "schema name in " + what);
  reader.check_identifier(parent.name, position_of(entry.value), "table name in " + what);
  return parent;
}

}  // namespace

void read_partitioning(TableContext& context, const std::vector<Entry>& fields) {
  const YamlReader& reader = context.reader;
  Table& table = context.draft.table;
  const std::string where = "table " + context.table;
  if (const Entry* key = find_entry(fields, "partition_by")) {
    table.partition_by = reader.text(*key, where);
    if (table.partition_by->find_first_not_of(" \t\n") == std::string::npos) {
      reader.fail(key->value, "empty 'partition_by' in " + where);
    }
  }
  const Entry* parent = find_entry(fields, "partition_of");
  const Entry* bounds = find_entry(fields, "bounds");
  if (bounds && !parent) {
    reader.fail(bounds->key_node, "'bounds' needs 'partition_of' in " + where);
  }
  if (!parent) return;
  if (!bounds) {
    reader.fail(parent->key_node,
                "missing key 'bounds' in " + where +
                    " (a partition's 'FOR VALUES ...' or 'DEFAULT', as pg_dump writes it)");
  }
  if (const Entry* columns = find_entry(fields, "columns")) {
    reader.fail(columns->key_node,
                fmt::format("'columns' conflicts with 'partition_of' in {}: a partition's "
                            "columns are those of its parent",
                            where));
  }
  table.partition_of = read_parent(reader, *parent, context.document.schema, where);
  table.bounds = reader.text(*bounds, where);
  context.draft.partition_of_at = position_of(parent->value);
  context.columns_unknown = true;
}

void check_partition_names(const TableContext& context) {
  if (!context.draft.table.partition_of) return;
  for (const auto& check : context.draft.checks) {
    if (check.value.name.empty()) {
      context.reader.fail(check.at,
                          fmt::format("name the check constraint of partition {}: PostgreSQL "
                                      "names it after its parent's columns, which the partition "
                                      "does not list",
                                      context.table));
    }
  }
}

}  // namespace migrate::model
