// A Schema as model YAML. Everything is written explicitly (constraint and index names, serial
// sequences with their nextval defaults), so reading it back needs no default-naming rule and
// load_model_text(write_model_yaml(s)) == s. Each schema (namespace) gets its own YAML document,
// public first, since a document's objects are all in the schema its `schema:` key names.

#include <set>

#include <yaml-cpp/yaml.h>

#include "migrate/model.hpp"

#include "model/object_nodes.hpp"
#include "yaml/writer.hpp"

namespace migrate {
namespace {

using yaml::MapBuilder;
using yaml::names_node;

// An enum's name written where the document's own enum of the same name would be taken instead.
std::string written_type(const std::string& type, const std::string& document_schema,
                         const Schema& schema) {
  if (document_schema == default_schema_name) return type;
  const bool array = type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0;
  const std::string base = array ? type.substr(0, type.size() - 2) : type;
  if (base.find('.') != std::string::npos) return type;
  return schema.find_enum({document_schema, base}) ? "public." + type : type;
}

YAML::Node enum_node(const Enum& enum_type) {
  if (!enum_type.comment) return names_node(enum_type.values);
  return MapBuilder(true)
      .add("values", names_node(enum_type.values))
      .text("comment", *enum_type.comment)
      .node();
}

YAML::Node sequence_node(const Sequence& sequence) {
  MapBuilder map(true);
  map.text("type", sequence.type).add_all(model::options_node(sequence.options));
  if (sequence.owned_by) {
    map.add("owned_by", model::owner_node(*sequence.owned_by, sequence.name.schema));
  }
  return map.node();
}

YAML::Node table_node(const Table& table, const Schema& schema) {
  MapBuilder columns(false);
  for (const Column& column : table.columns) {
    YAML::Node fields =
        model::column_fields(column, written_type(column.type, table.name.schema, schema));
    if (column.renamed_from)
      fields.force_insert("renamed_from", yaml::text_node(*column.renamed_from));
    columns.add(column.name, fields);
  }
  MapBuilder body(false);
  body.optional("comment", table.comment).optional("renamed_from", table.renamed_from);
  YAML::Node node = body.add("columns", columns.node()).node();
  model::add_constraints(node, table);
  model::add_indexes(node, table.indexes);
  return node;
}

// The named objects of one schema, as a mapping from name to node.
template <typename T, typename Write>
YAML::Node objects_in(const std::vector<T>& items, const std::string& schema, Write write) {
  MapBuilder map(false);
  for (const T& item : items) {
    if (item.name.schema == schema) map.add(item.name.name, write(item));
  }
  return map.node();
}

YAML::Node document_node(const Schema& schema, const std::string& name, bool first) {
  MapBuilder document(false);
  if (name != default_schema_name) document.text("schema", name);
  if (first && !schema.schemas.empty()) document.add("schemas", names_node(schema.schemas));
  std::vector<std::string> extensions;
  for (const Extension& extension : schema.extensions) {
    if (extension.schema == name) extensions.push_back(extension.name);
  }
  if (!extensions.empty()) document.add("extensions", names_node(extensions));
  document.add_if_any("enums", objects_in(schema.enums, name, enum_node));
  document.add_if_any("sequences", objects_in(schema.sequences, name, sequence_node));
  document.add_if_any("tables", objects_in(schema.tables, name, [&](const Table& table) {
                        return table_node(table, schema);
                      }));
  return document.node();
}

}  // namespace

std::string write_model_yaml(const Schema& schema) {
  std::set<std::string> namespaces;
  for (const auto& extension : schema.extensions) namespaces.insert(extension.schema);
  for (const auto& enum_type : schema.enums) namespaces.insert(enum_type.name.schema);
  for (const auto& sequence : schema.sequences) namespaces.insert(sequence.name.schema);
  for (const auto& table : schema.tables) namespaces.insert(table.name.schema);
  namespaces.erase(default_schema_name);
  std::vector<YAML::Node> documents{document_node(schema, default_schema_name, true)};
  for (const std::string& name : namespaces)
    documents.push_back(document_node(schema, name, false));
  return yaml::emit_documents(documents);
}

}  // namespace migrate
