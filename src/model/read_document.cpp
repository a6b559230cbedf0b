// Reading one YAML document of a model file: its schema, extensions, enums, sequences and the
// readers of its other kinds in order.

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "migrate/types.hpp"

#include "model/table_reader.hpp"

namespace migrate::model {
namespace {

constexpr auto document_keys = {
    "schema",          "schemas",   "extensions", "enums", "domains",
    "composite_types", "sequences", "tables",     "views", "materialized_views",
    "functions",       "triggers"};

Placed<Enum> read_enum(const YamlReader& reader, const DocumentDraft& document,
                       const Entry& entry) {
  Placed<Enum> result{.at = position_of(entry.key_node)};
  Enum& enum_type = result.value;
  enum_type.name = {document.schema, reader.identifier(entry.key_node, "enum name")};
  const std::string where = "enum " + display_name(enum_type.name);
  Entry values{"values", entry.key_node, entry.value};
  if (entry.value.is_map()) {
    const auto fields = reader.entries(entry.value, where);
    reader.check_keys(fields, {"values", "comment"}, where);
    const Entry* listed = find_entry(fields, "values");
    if (!listed) reader.fail(entry.value, "missing key 'values' in " + where);
    values = *listed;
    if (const Entry* comment = find_entry(fields, "comment")) {
      enum_type.comment = reader.text(*comment, where);
    }
  }
  for (const yaml::Node& node : reader.items(values, where)) {
    const std::string label = reader.identifier(node, "label of " + where);
    const auto& labels = enum_type.values;
    if (std::find(labels.begin(), labels.end(), label) != labels.end()) {
      reader.fail(node, fmt::format("duplicate label '{}' in {}", label, where));
    }
    enum_type.values.push_back(label);
  }
  return result;
}

// "table.column", "schema.table.column" or {schema, table, column}.
ColumnRef read_owner(const YamlReader& reader, const DocumentDraft& document, const Entry& entry,
                     const std::string& where) {
  const std::string what = "'owned_by' of " + where;
  ColumnRef owner;
  owner.table.schema = document.schema;
  if (entry.value.is_map()) {
    const auto fields = reader.entries(entry.value, what);
    reader.check_keys(fields, {"schema", "table", "column"}, what);
    for (const char* key : {"table", "column"}) {
      if (!find_entry(fields, key))
        reader.fail(entry.value, fmt::format("missing key '{}' in {}", key, what));
    }
    if (const Entry* schema = find_entry(fields, "schema")) {
      owner.table.schema = reader.identifier(schema->value, "schema name in " + what);
    }
    owner.table.name =
        reader.identifier(find_entry(fields, "table")->value, "table name in " + what);
    owner.column = reader.identifier(find_entry(fields, "column")->value, "column name in " + what);
    return owner;
  }
  std::vector<std::string> path;
  std::istringstream parts(reader.text(entry, where));
  for (std::string part; std::getline(parts, part, '.');) path.push_back(part);
  if (path.size() != 2 && path.size() != 3) {
    reader.fail(entry.value, fmt::format("expected 'table.column' or {{table: ..., column: ...}} "
                                         "for 'owned_by' in {}",
                                         where));
  }
  if (path.size() == 3) owner.table.schema = path[0];
  owner.table.name = path[path.size() - 2];
  owner.column = path.back();
  for (const std::string* name : {&owner.table.schema, &owner.table.name, &owner.column}) {
    reader.check_identifier(*name, position_of(entry.value), "name in " + what);
  }
  return owner;
}

SequenceDraft read_sequence(const YamlReader& reader, const DocumentDraft& document,
                            const Entry& entry) {
  SequenceDraft draft{.at = position_of(entry.key_node)};
  Sequence& sequence = draft.sequence;
  sequence.name = {document.schema, reader.identifier(entry.key_node, "sequence name")};
  const std::string where = "sequence " + display_name(sequence.name);
  const auto fields = reader.entries(entry.value, where);
  reader.check_keys(fields,
                    {"type", "start", "increment", "min_value", "max_value", "cache", "cycle",
                     "owned_by", "comment"},
                    where);
  for (const Entry& field : fields) {
    if (field.key == "type") {
      sequence.type = normalize_type(reader.text(field, where));
      if (sequence.type != "smallint" && sequence.type != "integer" && sequence.type != "bigint") {
        reader.fail(field.value,
                    fmt::format("expected smallint, integer or bigint for 'type' in {}", where));
      }
    } else if (field.key == "owned_by") {
      sequence.owned_by = read_owner(reader, document, field, where);
      draft.owner_at = position_of(field.value);
    } else if (field.key == "comment") {
      sequence.comment = reader.text(field, where);
    } else {
      read_sequence_option(reader, field, sequence.options, where);
    }
  }
  return draft;
}

// A list of names (or one name), or a mapping of name to {comment} (or to nothing).
void read_schemas(const YamlReader& reader, const Entry& entry, DocumentDraft& document) {
  if (!entry.value.is_map()) {
    for (const Name& name : reader.names(entry, "the model file")) {
      document.schemas.push_back({name.text, name.at});
    }
    return;
  }
  for (const Entry& named : reader.entries(entry.value, "'schemas'")) {
    const std::string name = reader.identifier(named.key_node, "schema name");
    document.schemas.push_back({name, position_of(named.key_node)});
    if (named.value.is_null()) continue;
    const std::string what = "schema " + name;
    const auto fields = reader.entries(named.value, what);
    reader.check_keys(fields, {"comment"}, what);
    if (const Entry* comment = find_entry(fields, "comment")) {
      document.schema_comments[name] = {reader.text(*comment, what), position_of(comment->value)};
    }
  }
}

// A list of names, or a mapping of name to {schema} (or to nothing).
void read_extensions(const YamlReader& reader, const Entry& entry, DocumentDraft& document) {
  const std::string where = "'extensions'";
  if (!entry.value.is_map()) {
    for (const yaml::Node& node : reader.items(entry, "the model file")) {
      document.extensions.push_back(
          {Extension{reader.identifier(node, "extension name"), document.schema},
           position_of(node)});
    }
    return;
  }
  for (const Entry& named : reader.entries(entry.value, where)) {
    Extension extension{reader.identifier(named.key_node, "extension name"), document.schema};
    const std::string what = "extension " + extension.name;
    const auto fields = reader.entries(named.value, what);
    reader.check_keys(fields, {"schema"}, what);
    if (const Entry* schema = find_entry(fields, "schema")) {
      extension.schema = reader.identifier(schema->value, "schema of " + what);
    }
    document.extensions.push_back({extension, position_of(named.key_node)});
  }
}

}  // namespace

bool read_sequence_option(const YamlReader& reader, const Entry& entry, SequenceOptions& options,
                          const std::string& where) {
  if (entry.key == "cycle") {
    options.cycle = reader.boolean(entry, where);
    return true;
  }
  const std::pair<const char*, std::optional<std::int64_t> SequenceOptions::*> numbers[] = {
      {"start", &SequenceOptions::start},
      {"increment", &SequenceOptions::increment},
      {"min_value", &SequenceOptions::min_value},
      {"max_value", &SequenceOptions::max_value},
      {"cache", &SequenceOptions::cache}};
  for (const auto& [key, member] : numbers) {
    if (entry.key == key) {
      options.*member = reader.integer(entry, where);
      return true;
    }
  }
  return false;
}

DocumentDraft read_document(const YamlReader& reader, const yaml::Node& root) {
  DocumentDraft document;
  if (root.is_null()) return document;  // an empty file declares nothing
  const std::string where = "the model file";
  if (!root.is_map()) {
    reader.fail(root,
                "expected a mapping at the top level of the model file (keys: schema, "
                "schemas, extensions, enums, domains, composite_types, sequences, tables, views, "
                "materialized_views, functions, triggers)");
  }
  const auto entries = reader.entries(root, where);
  reader.check_keys(entries, document_keys, where);
  // The schema first: it qualifies every other name of the document.
  if (const Entry* schema = find_entry(entries, "schema")) {
    document.schema = reader.identifier(schema->value, "schema name");
  }
  if (const Entry* schemas = find_entry(entries, "schemas")) {
    read_schemas(reader, *schemas, document);
  }
  if (const Entry* extensions = find_entry(entries, "extensions")) {
    read_extensions(reader, *extensions, document);
  }
  if (const Entry* enums = find_entry(entries, "enums")) {
    for (const Entry& entry : reader.entries(enums->value, "'enums'")) {
      document.enums.push_back(read_enum(reader, document, entry));
    }
  }
  // Before tables: a column's type may name a domain of the document.
  if (const Entry* domains = find_entry(entries, "domains")) {
    for (const Entry& entry : reader.entries(domains->value, "'domains'")) {
      document.domains.push_back(read_domain(reader, document, entry));
    }
  }
  // After domains, which its attributes may use; before tables, whose columns may use it.
  if (const Entry* types = find_entry(entries, "composite_types")) {
    for (const Entry& entry : reader.entries(types->value, "'composite_types'")) {
      document.composite_types.push_back(read_composite_type(reader, document, entry));
    }
  }
  if (const Entry* sequences = find_entry(entries, "sequences")) {
    for (const Entry& entry : reader.entries(sequences->value, "'sequences'")) {
      document.sequences.push_back(read_sequence(reader, document, entry));
    }
  }
  if (const Entry* tables = find_entry(entries, "tables")) {
    for (const Entry& entry : reader.entries(tables->value, "'tables'")) {
      document.tables.push_back(read_table(reader, document, entry));
    }
  }
  for (const bool materialized : {false, true}) {
    const char* key = materialized ? "materialized_views" : "views";
    if (const Entry* views = find_entry(entries, key)) {
      for (const Entry& entry : reader.entries(views->value, fmt::format("'{}'", key))) {
        document.views.push_back(read_view(reader, document, entry, materialized));
      }
    }
  }
  if (const Entry* functions = find_entry(entries, "functions")) {
    for (const yaml::Node& item : reader.items(*functions, where)) {
      document.functions.push_back(read_function(reader, document, item));
    }
  }
  if (const Entry* triggers = find_entry(entries, "triggers")) {
    for (const yaml::Node& item : reader.items(*triggers, where)) {
      document.triggers.push_back(read_trigger(reader, document, item));
    }
  }
  return document;
}

}  // namespace migrate::model
