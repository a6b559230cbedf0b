// Reading a table's columns and column-level keys; table-level constraints and indexes are read
// by read_constraints.cpp and read_indexes.cpp.

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "migrate/names.hpp"
#include "migrate/render.hpp"
#include "migrate/types.hpp"

#include "model/table_reader.hpp"
#include "util/lowercase.hpp"

namespace migrate::model {
namespace {

bool is_key_type(const std::string& type) {
  return type == "smallint" || type == "integer" || type == "bigint";
}

// serial is not a type but a shorthand for an integer column with an owned sequence.
std::optional<std::string> serial_type(const std::string& declared) {
  static const std::map<std::string, std::string> types = {
      {"serial", "integer"}, {"serial4", "integer"},      {"bigserial", "bigint"},
      {"serial8", "bigint"}, {"smallserial", "smallint"}, {"serial2", "smallint"}};
  const auto first = declared.find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  const std::string word =
      lowercase(declared.substr(first, declared.find_last_not_of(" \t") - first + 1));
  const auto found = types.find(word);
  if (found == types.end()) return std::nullopt;
  return found->second;
}

bool is_serial(const TableDraft& draft, const std::string& column) {
  return !draft.serials.empty() && draft.serials.back().column == column;
}

IdentityKind read_identity_kind(const YamlReader& reader, const Entry& entry,
                                const std::string& where) {
  const std::string kind = reader.text(entry, where);
  if (kind == "always") return IdentityKind::always;
  if (kind == "by_default" || kind == "by default") return IdentityKind::by_default;
  reader.fail(entry.value,
              fmt::format("expected always or by_default for '{}' in {}", entry.key, where));
}

Identity read_identity(const YamlReader& reader, const Entry& entry, const std::string& where) {
  Identity identity;
  if (!entry.value.is_map()) {
    identity.kind = read_identity_kind(reader, entry, where);
    return identity;
  }
  const std::string what = fmt::format("'identity' of {}", where);
  const auto fields = reader.entries(entry.value, what);
  reader.check_keys(
      fields, {"kind", "start", "increment", "min_value", "max_value", "cache", "cycle"}, what);
  for (const Entry& field : fields) {
    if (field.key == "kind") {
      identity.kind = read_identity_kind(reader, field, what);
    } else {
      read_sequence_option(reader, field, identity.options, what);
    }
  }
  return identity;
}

void read_type(TableContext& context, const Entry& entry, Column& column,
               const std::string& where) {
  const std::string declared = context.reader.text(entry, where);
  if (auto serial = serial_type(declared)) {
    column.type = *serial;
    context.draft.serials.push_back({column.name, *serial, position_of(entry.value)});
    return;
  }
  column.type = normalize_type(declared);
  // "public.mood" (normalized to "mood") names public's enum even beside an enum of this schema.
  if (declared.find('.') == std::string::npos) {
    column.type = qualify_user_type(context.document, column.type);
  }
  if (column.type.empty()) context.reader.fail(entry.value, "empty 'type' in " + where);
}

// The keys that describe the column itself rather than a constraint on it.
void read_attribute(TableContext& context, const Entry& field, Column& column,
                    const std::string& where) {
  const YamlReader& reader = context.reader;
  if (field.key == "nullable") column.nullable = reader.boolean(field, where);
  if (field.key == "default") column.default_expr = reader.text(field, where);
  if (field.key == "identity") column.identity = read_identity(reader, field, where);
  if (field.key == "generated") column.generated = reader.text(field, where);
  if (field.key == "collation") column.collation = normalize_collation(reader.text(field, where));
  if (field.key == "comment") column.comment = reader.text(field, where);
  if (field.key == "statistics") column.statistics = read_statistics(reader, field, where);
  if (field.key == "storage") column.storage = read_column_storage(reader, field, where);
  if (field.key == "compression") column.compression = read_compression(reader, field, where);
  if (field.key == "renamed_from") {
    column.renamed_from = reader.identifier(field.value, "'renamed_from' of " + where);
  }
}

// A column has at most one source of values; identity needs an integer type.
void check_column_conflicts(TableContext& context, const std::vector<Entry>& fields,
                            const Column& column, const std::string& where) {
  const bool serial = is_serial(context.draft, column.name);
  std::vector<const Entry*> sources;
  for (const char* key : {"default", "identity", "generated"}) {
    if (const Entry* field = find_entry(fields, key)) sources.push_back(field);
  }
  const Entry* type = find_entry(fields, "type");
  if (serial) sources.push_back(type);
  // Blame the key written last.
  std::sort(sources.begin(), sources.end(), [](const Entry* a, const Entry* b) {
    const Position at = position_of(a->key_node), other = position_of(b->key_node);
    return std::pair(at.line, at.column) < std::pair(other.line, other.column);
  });
  if (sources.size() > 1) {
    context.reader.fail(
        sources[1]->key_node,
        fmt::format("'{}' conflicts with '{}' in {} (a column takes one of default, "
                    "identity, generated or a serial type)",
                    sources[1]->key, sources[0]->key, where));
  }
  if (column.identity && !is_key_type(column.type)) {
    context.reader.fail(type->value, fmt::format("an identity column must be smallint, integer or "
                                                 "bigint, not '{}', in {}",
                                                 column.type, where));
  }
}

void read_column_reference(TableContext& context, const std::vector<Entry>& fields,
                           const Column& column, const std::string& where) {
  const YamlReader& reader = context.reader;
  const Entry* references = find_entry(fields, "references");
  const Entry* on_delete = find_entry(fields, "on_delete");
  const Entry* on_update = find_entry(fields, "on_update");
  for (const Entry* action : {on_delete, on_update}) {
    if (action && !references) {
      reader.fail(action->key_node,
                  fmt::format("'{}' needs 'references' in {}", action->key, where));
    }
  }
  if (!references) return;
  const Reference parent = read_reference(reader, *references, context.document.schema, where);
  if (parent.columns.size() != 1) {
    reader.fail(references->value,
                fmt::format("expected one referenced column for 'references' in {}", where));
  }
  ForeignKey foreign_key;
  foreign_key.columns = {column.name};
  foreign_key.referenced_table = parent.table;
  foreign_key.referenced_columns = texts(parent.columns);
  if (on_delete) foreign_key.on_delete = read_action(reader, *on_delete, where);
  if (on_update) foreign_key.on_update = read_action(reader, *on_update, where);
  context.draft.foreign_keys.push_back({foreign_key, position_of(references->value)});
}

// Column-level constraints, kept in column order as PostgreSQL creates (and names) them.
void read_column_constraints(TableContext& context, const std::vector<Entry>& fields,
                             const Column& column, const std::string& where,
                             std::vector<Placed<std::string>>& key_columns) {
  const YamlReader& reader = context.reader;
  TableDraft& draft = context.draft;
  for (const Entry& field : fields) {
    const Position at = position_of(field.value);
    if (field.key == "primary_key" && reader.boolean(field, where)) {
      key_columns.push_back({column.name, at});
    }
    if (field.key == "unique" && reader.boolean(field, where)) {
      draft.uniques.push_back({UniqueConstraint{.columns = {column.name}}, at});
    }
    if (field.key == "index" && reader.boolean(field, where)) {
      draft.indexes.push_back({Index{.keys = {IndexKey{.column = column.name}}}, at});
    }
    if (field.key == "check") {
      draft.checks.push_back({CheckConstraint{.expression = reader.text(field, where)}, at});
    }
  }
  read_column_reference(context, fields, column, where);
}

void read_column(TableContext& context, const Entry& entry,
                 std::vector<Placed<std::string>>& key_columns) {
  const YamlReader& reader = context.reader;
  Column column{.name = reader.identifier(entry.key_node, "column name")};
  const std::string where = fmt::format("column {}.{}", context.table, column.name);
  const auto fields = reader.entries(entry.value, where);
  reader.check_keys(fields,
                    {"type", "nullable", "default", "primary_key", "unique", "index", "references",
                     "on_delete", "on_update", "identity", "generated", "collation", "statistics",
                     "storage", "compression", "comment", "check", "renamed_from"},
                    where);
  const Entry* type = find_entry(fields, "type");
  if (!type) reader.fail(entry.key_node, "missing key 'type' in " + where);
  read_type(context, *type, column, where);
  for (const Entry& field : fields) read_attribute(context, field, column, where);
  const std::size_t keys_before = key_columns.size();
  read_column_constraints(context, fields, column, where, key_columns);
  check_column_conflicts(context, fields, column, where);
  const bool serial = is_serial(context.draft, column.name);
  const char* never_null = key_columns.size() > keys_before ? "primary_key"
                           : column.identity                ? "identity"
                           : serial                         ? "type: serial"
                                                            : nullptr;
  const Entry* nullable = find_entry(fields, "nullable");
  if (never_null && nullable && column.nullable) {
    reader.fail(nullable->value,
                fmt::format("'nullable: true' conflicts with '{}' in {}", never_null, where));
  }
  if (never_null) column.nullable = false;
  context.draft.table.columns.push_back(std::move(column));
}

void read_columns(TableContext& context, const Entry& entry) {
  std::vector<Placed<std::string>> key_columns;
  const auto columns = context.reader.entries(entry.value, "'columns' of table " + context.table);
  context.draft.table.columns.reserve(columns.size());  // a large model holds 28,000 of them
  for (const Entry& column : columns) read_column(context, column, key_columns);
  if (key_columns.empty()) return;
  Placed<PrimaryKey> primary_key{.at = key_columns.front().at};
  for (const auto& column : key_columns) primary_key.value.columns.push_back(column.value);
  context.draft.primary_key = primary_key;
}

// PostgreSQL builds one index for identical key constraints ("id: {primary_key: true, unique:
// true}"): it keeps the first, named after the later one if the first had no name.
void drop_redundant_uniques(TableDraft& draft) {
  std::vector<Placed<UniqueConstraint>> kept;
  for (auto& unique : draft.uniques) {
    const UniqueConstraint& value = unique.value;
    const bool plain = !value.nulls_not_distinct && !value.deferrable && !value.initially_deferred;
    std::string* prior_name = nullptr;
    if (draft.primary_key && plain && draft.primary_key->value.columns == value.columns) {
      prior_name = &draft.primary_key->value.name;
    }
    for (auto& prior : kept) {
      const UniqueConstraint& other = prior.value;
      if (!prior_name && other.columns == value.columns &&
          other.nulls_not_distinct == value.nulls_not_distinct &&
          other.deferrable == value.deferrable &&
          other.initially_deferred == value.initially_deferred) {
        prior_name = &prior.value.name;
      }
    }
    if (!prior_name) {
      kept.push_back(std::move(unique));
    } else if (prior_name->empty()) {
      *prior_name = value.name;
    }
  }
  draft.uniques = std::move(kept);
}

}  // namespace

// An unqualified type naming an enum, domain or composite type of this document, as written or
// quoted ("Mood"), means that type, spelled as format_type() spells it: quoted where needed,
// qualified outside public.
std::string qualify_user_type(const DocumentDraft& document, const std::string& type) {
  const bool array = type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0;
  const std::string written = array ? type.substr(0, type.size() - 2) : type;
  const std::string base = unquote_identifier(written).value_or(written);
  const bool declared =
      std::any_of(document.enums.begin(), document.enums.end(),
                  [&](const Placed<Enum>& e) { return e.value.name.name == base; }) ||
      std::any_of(document.domains.begin(), document.domains.end(),
                  [&](const Placed<Domain>& d) { return d.value.name.name == base; }) ||
      std::any_of(document.composite_types.begin(), document.composite_types.end(),
                  [&](const Placed<CompositeType>& t) { return t.value.name.name == base; });
  if (!declared) return type;
  const std::string spelled = document.schema == default_schema_name
                                  ? quote_ident(base)
                                  : quote_name({document.schema, base});
  return array ? spelled + "[]" : spelled;
}

// A collation as reflection prints it: each part quoted as needed ("C" -> "\"C\""), and
// unqualified when in pg_catalog or public. Text that already holds quotes is kept as written.
std::string normalize_collation(const std::string& collation) {
  if (collation.find('"') != std::string::npos) return collation;
  const auto dot = collation.find('.');
  if (dot == std::string::npos) return quote_ident(collation);
  const std::string schema = collation.substr(0, dot);
  const std::string name = collation.substr(dot + 1);
  if (schema == "pg_catalog" || schema == default_schema_name) return quote_ident(name);
  return quote_ident(schema) + "." + quote_ident(name);
}

TableDraft read_table(const YamlReader& reader, const DocumentDraft& document, const Entry& entry) {
  TableDraft draft;
  draft.table.name = {document.schema, reader.identifier(entry.key_node, "table name")};
  draft.at = position_of(entry.key_node);
  TableContext context{reader, document, draft, display_name(draft.table.name)};
  const std::string where = "table " + context.table;
  const auto fields = reader.entries(entry.value, where);
  reader.check_keys(fields,
                    {"comment", "columns", "primary_key", "unique", "foreign_keys", "checks",
                     "exclusions", "indexes", "unlogged", "storage", "cluster_on",
                     "replica_identity", "partition_by", "partition_of", "bounds", "renamed_from"},
                    where);
  read_partitioning(context, fields);
  // Columns first: every constraint refers to them, and column-level constraints come first.
  if (const Entry* columns = find_entry(fields, "columns")) read_columns(context, *columns);
  using ReadPart = void (*)(TableContext&, const Entry&);
  const std::pair<const char*, ReadPart> parts[] = {
      {"primary_key", read_primary_key},   {"unique", read_uniques},
      {"foreign_keys", read_foreign_keys}, {"checks", read_checks},
      {"exclusions", read_exclusions},     {"indexes", read_indexes}};
  for (const auto& [key, read] : parts) {
    if (const Entry* part = find_entry(fields, key)) read(context, *part);
  }
  if (const Entry* comment = find_entry(fields, "comment")) {
    draft.table.comment = reader.text(*comment, where);
  }
  if (const Entry* unlogged = find_entry(fields, "unlogged")) {
    draft.table.unlogged = reader.boolean(*unlogged, where);
  }
  if (const Entry* storage = find_entry(fields, "storage")) {
    draft.table.storage = read_sorted_storage(reader, *storage, where);
  }
  if (const Entry* cluster_on = find_entry(fields, "cluster_on")) {
    draft.table.cluster_on = reader.identifier(cluster_on->value, "'cluster_on' of " + where);
  }
  if (const Entry* identity = find_entry(fields, "replica_identity")) {
    draft.table.replica_identity = read_replica_identity(reader, *identity, where);
  }
  if (const Entry* renamed = find_entry(fields, "renamed_from")) {
    draft.table.renamed_from = reader.identifier(renamed->value, "'renamed_from' of " + where);
  }
  check_partition_names(context);
  drop_redundant_uniques(draft);
  if (draft.primary_key) {
    for (Column& column : draft.table.columns) {
      const auto& keys = draft.primary_key->value.columns;
      if (std::find(keys.begin(), keys.end(), column.name) != keys.end()) column.nullable = false;
    }
  }
  return draft;
}

}  // namespace migrate::model
