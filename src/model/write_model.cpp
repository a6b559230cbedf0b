// A Schema as model YAML. Everything is written explicitly (constraint and index names, serial
// sequences with their nextval defaults), so reading it back needs no default-naming rule and
// load_model_text(write_model_yaml(s)) == s. Each schema (namespace) gets its own YAML document,
// public first, since a document's objects are all in the schema its `schema:` key names.

#include <set>

#include "migrate/model.hpp"

#include "model/object_nodes.hpp"
#include "yaml/writer.hpp"

namespace migrate {
namespace {

using yaml::ListBuilder;
using yaml::MapBuilder;
using yaml::names_node;
using yaml::Node;
using yaml::Store;

// A public enum's, domain's or composite type's name written where the document's own type of the
// same name would be taken instead.
std::string written_type(const std::string& type, const std::string& document_schema,
                         const Schema& schema) {
  if (document_schema == default_schema_name) return type;
  const bool array = type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0;
  const std::string base = array ? type.substr(0, type.size() - 2) : type;
  if (base.find('.') != std::string::npos) return type;
  const QualifiedName own{document_schema, base};
  return schema.find_enum(own) || schema.find_domain(own) || schema.find_composite_type(own)
             ? "public." + type
             : type;
}

Node enum_node(Store& store, const Enum& enum_type) {
  if (!enum_type.comment) return names_node(store, enum_type.values);
  return MapBuilder(store, true)
      .add("values", names_node(store, enum_type.values))
      .text("comment", *enum_type.comment)
      .node();
}

Node sequence_node(Store& store, const Sequence& sequence) {
  MapBuilder map(store, true);
  map.text("type", sequence.type).add_all(model::options_node(store, sequence.options));
  if (sequence.owned_by) {
    map.add("owned_by", model::owner_node(store, *sequence.owned_by, sequence.name.schema));
  }
  return map.optional("comment", sequence.comment).node();
}

Node table_node(Store& store, const Table& table, const Schema& schema) {
  MapBuilder columns(store, false);
  for (const Column& column : table.columns) {
    const Node fields =
        model::column_fields(store, column, written_type(column.type, table.name.schema, schema));
    if (!column.renamed_from) {
      columns.add(column.name, fields);
      continue;
    }
    columns.add(
        column.name,
        MapBuilder(store, true).add_all(fields).text("renamed_from", *column.renamed_from).node());
  }
  MapBuilder body(store, false);
  body.optional("comment", table.comment).optional("renamed_from", table.renamed_from);
  if (!table.partition_of) body.add("columns", columns.node());  // a partition's are its parent's
  model::add_constraints(body, store, table);
  model::add_indexes(body, store, table.indexes);
  model::add_table_attributes(body, store, table);
  return body.node();
}

// The named objects of one schema, as a mapping from name to node.
template <typename T, typename Write>
Node objects_in(Store& store, const std::vector<T>& items, const std::string& schema, Write write) {
  MapBuilder map(store, false);
  for (const T& item : items) {
    if (item.name.schema == schema) map.add(item.name.name, write(item));
  }
  return map.node();
}

Node document_node(Store& store, const Schema& schema, const std::string& name, bool first) {
  MapBuilder document(store, false);
  if (name != default_schema_name) document.text("schema", name);
  if (first && !schema.schemas.empty() && schema.schema_comments.empty()) {
    document.add("schemas", names_node(store, schema.schemas));
  } else if (first && !schema.schemas.empty()) {
    MapBuilder schemas(store, false);
    for (const std::string& namespace_name : schema.schemas) {
      MapBuilder fields(store, true);
      auto comment = schema.schema_comments.find(namespace_name);
      if (comment != schema.schema_comments.end()) fields.text("comment", comment->second);
      schemas.add(namespace_name, fields.node());
    }
    document.add("schemas", schemas.node());
  }
  std::vector<std::string> extensions;
  for (const Extension& extension : schema.extensions) {
    if (extension.schema == name) extensions.push_back(extension.name);
  }
  if (!extensions.empty()) document.add("extensions", names_node(store, extensions));
  document.add_if_any("enums", objects_in(store, schema.enums, name,
                                          [&](const Enum& e) { return enum_node(store, e); }));
  document.add_if_any("domains", objects_in(store, schema.domains, name, [&](const Domain& d) {
                        return model::domain_fields(store, d, written_type(d.type, name, schema));
                      }));
  document.add_if_any(
      "composite_types",
      objects_in(store, schema.composite_types, name, [&](const CompositeType& type) {
        MapBuilder fields(store, false);
        fields.add("attributes",
                   model::attributes_node(store, type.attributes, [&](const std::string& t) {
                     return written_type(t, name, schema);
                   }));
        return fields.optional("comment", type.comment).node();
      }));
  document.add_if_any("sequences",
                      objects_in(store, schema.sequences, name,
                                 [&](const Sequence& s) { return sequence_node(store, s); }));
  document.add_if_any("tables", objects_in(store, schema.tables, name, [&](const Table& table) {
                        return table_node(store, table, schema);
                      }));
  for (const bool materialized : {false, true}) {
    MapBuilder views(store, false);
    for (const View& view : schema.views) {
      if (view.name.schema == name && view.materialized == materialized) {
        views.add(view.name.name, model::view_fields(store, view));
      }
    }
    document.add_if_any(materialized ? "materialized_views" : "views", views.node());
  }
  ListBuilder functions(store, false);
  for (const Function& function : schema.functions) {
    if (function.name.schema == name) functions.add(model::function_node(store, function));
  }
  document.add_if_any("functions", functions.node());
  ListBuilder triggers(store, false);
  for (const Trigger& trigger : schema.triggers) {
    if (trigger.table.schema == name) triggers.add(model::trigger_node(store, trigger));
  }
  document.add_if_any("triggers", triggers.node());
  return document.node();
}

}  // namespace

std::string write_model_yaml(const Schema& schema) {
  std::set<std::string> namespaces;
  for (const auto& extension : schema.extensions) namespaces.insert(extension.schema);
  for (const auto& enum_type : schema.enums) namespaces.insert(enum_type.name.schema);
  for (const auto& type : schema.composite_types) namespaces.insert(type.name.schema);
  for (const auto& domain : schema.domains) namespaces.insert(domain.name.schema);
  for (const auto& sequence : schema.sequences) namespaces.insert(sequence.name.schema);
  for (const auto& table : schema.tables) namespaces.insert(table.name.schema);
  for (const auto& view : schema.views) namespaces.insert(view.name.schema);
  for (const auto& function : schema.functions) namespaces.insert(function.name.schema);
  for (const auto& trigger : schema.triggers) namespaces.insert(trigger.table.schema);
  namespaces.erase(default_schema_name);
  Store store;
  std::vector<Node> documents{document_node(store, schema, default_schema_name, true)};
  for (const std::string& name : namespaces) {
    documents.push_back(document_node(store, schema, name, false));
  }
  return yaml::emit_documents(documents);
}

}  // namespace migrate
