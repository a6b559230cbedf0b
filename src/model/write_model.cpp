// A Schema as model YAML. Everything is written explicitly (constraint and index names, serial
// sequences with their nextval defaults), so reading it back needs no default-naming rule and
// load_model_text(write_model_yaml(s)) == s. Each schema (namespace) gets its own YAML document,
// public first, since a document's objects are all in the schema its `schema:` key names.

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

#include "migrate/error.hpp"
#include "migrate/model.hpp"

#include "model/write_keys.hpp"

namespace migrate {
namespace {

using model::emit_names;
using model::emit_string;

void write_identity(YAML::Emitter& out, const Identity& identity) {
  const std::string kind = identity.kind == IdentityKind::always ? "always" : "by_default";
  if (identity.options == SequenceOptions{}) {
    out << YAML::Key << "identity" << YAML::Value << kind;
    return;
  }
  out << YAML::Key << "identity" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "kind" << YAML::Value << kind;
  model::write_sequence_options(out, identity.options);
  out << YAML::EndMap;
}

// An enum's name written where the document's own enum of the same name would be taken instead.
std::string written_type(const std::string& type, const std::string& document_schema,
                         const Schema& schema) {
  if (document_schema == default_schema_name) return type;
  const bool array = type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0;
  const std::string base = array ? type.substr(0, type.size() - 2) : type;
  if (base.find('.') != std::string::npos) return type;
  return schema.find_enum({document_schema, base}) ? "public." + type : type;
}

void write_column(YAML::Emitter& out, const Column& column, const std::string& document_schema,
                  const Schema& schema) {
  emit_string(out << YAML::Key, column.name);
  out << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "type" << YAML::Value;
  emit_string(out, written_type(column.type, document_schema, schema));
  if (!column.nullable) out << YAML::Key << "nullable" << YAML::Value << false;
  const std::pair<const char*, const std::optional<std::string>*> texts[] = {
      {"default", &column.default_expr},
      {"generated", &column.generated},
      {"collation", &column.collation},
      {"comment", &column.comment},
      {"renamed_from", &column.renamed_from}};
  for (const auto& [key, value] : texts) {
    if (*value) emit_string(out << YAML::Key << key << YAML::Value, **value);
  }
  if (column.identity) write_identity(out, *column.identity);
  out << YAML::EndMap;
}

void write_enums(YAML::Emitter& out, const std::vector<const Enum*>& enums) {
  if (enums.empty()) return;
  out << YAML::Key << "enums" << YAML::Value << YAML::BeginMap;
  for (const Enum* enum_type : enums) {
    emit_string(out << YAML::Key, enum_type->name.name);
    out << YAML::Value;
    if (enum_type->comment) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "values" << YAML::Value;
      emit_names(out, enum_type->values);
      emit_string(out << YAML::Key << "comment" << YAML::Value, *enum_type->comment);
      out << YAML::EndMap;
    } else {
      emit_names(out, enum_type->values);
    }
  }
  out << YAML::EndMap;
}

void write_sequences(YAML::Emitter& out, const std::vector<const Sequence*>& sequences) {
  if (sequences.empty()) return;
  out << YAML::Key << "sequences" << YAML::Value << YAML::BeginMap;
  for (const Sequence* sequence : sequences) {
    emit_string(out << YAML::Key, sequence->name.name);
    out << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "type" << YAML::Value << sequence->type;
    model::write_sequence_options(out, sequence->options);
    if (sequence->owned_by) model::write_owner(out, *sequence->owned_by, sequence->name.schema);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void write_table(YAML::Emitter& out, const Table& table, const Schema& schema) {
  emit_string(out << YAML::Key, table.name.name);
  out << YAML::Value << YAML::BeginMap;
  if (table.comment) emit_string(out << YAML::Key << "comment" << YAML::Value, *table.comment);
  if (table.renamed_from) {
    emit_string(out << YAML::Key << "renamed_from" << YAML::Value, *table.renamed_from);
  }
  out << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
  for (const Column& column : table.columns) write_column(out, column, table.name.schema, schema);
  out << YAML::EndMap;
  model::write_constraints(out, table);
  model::write_indexes(out, table.indexes);
  out << YAML::EndMap;
}

template <typename T>
std::vector<const T*> in_schema(const std::vector<T>& items, const std::string& schema) {
  std::vector<const T*> result;
  for (const T& item : items) {
    if (item.name.schema == schema) result.push_back(&item);
  }
  return result;
}

void write_document(YAML::Emitter& out, const Schema& schema, const std::string& name, bool first) {
  out << YAML::BeginMap;
  if (name != default_schema_name) emit_string(out << YAML::Key << "schema" << YAML::Value, name);
  if (first && !schema.schemas.empty()) {
    out << YAML::Key << "schemas" << YAML::Value;
    emit_names(out, schema.schemas);
  }
  std::vector<std::string> extensions;
  for (const Extension& extension : schema.extensions) {
    if (extension.schema == name) extensions.push_back(extension.name);
  }
  if (!extensions.empty()) {
    out << YAML::Key << "extensions" << YAML::Value;
    emit_names(out, extensions);
  }
  write_enums(out, in_schema(schema.enums, name));
  write_sequences(out, in_schema(schema.sequences, name));
  const auto tables = in_schema(schema.tables, name);
  if (!tables.empty()) {
    out << YAML::Key << "tables" << YAML::Value << YAML::BeginMap;
    for (const Table* table : tables) write_table(out, *table, schema);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

}  // namespace

std::string write_model_yaml(const Schema& schema) {
  std::set<std::string> namespaces;
  for (const auto& extension : schema.extensions) namespaces.insert(extension.schema);
  for (const auto& enum_type : schema.enums) namespaces.insert(enum_type.name.schema);
  for (const auto& sequence : schema.sequences) namespaces.insert(sequence.name.schema);
  for (const auto& table : schema.tables) namespaces.insert(table.name.schema);
  namespaces.erase(default_schema_name);
  std::vector<std::string> documents{default_schema_name};
  documents.insert(documents.end(), namespaces.begin(), namespaces.end());
  YAML::Emitter out;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (i > 0) out << YAML::BeginDoc;
    write_document(out, schema, documents[i], i == 0);
  }
  if (!out.good()) throw InternalError("cannot write model YAML: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

}  // namespace migrate
