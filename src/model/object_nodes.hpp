#pragma once
// Schema objects as the YAML nodes model files and revision files both show them (see
// yaml/writer.hpp), built in `store`: columns, identities, sequence options, and a table's
// constraints and indexes, every one named, so the model's readers read them back.

#include <functional>
#include <string>
#include <vector>

#include "migrate/schema.hpp"

#include "yaml/writer.hpp"

namespace migrate::model {

// type, nullable, default, identity, generated, collation, comment (flow); the type as given,
// since a model document may have to qualify it.
yaml::Node column_fields(yaml::Store& store, const Column& column, const std::string& type);
// "always", "by_default", or {kind, start, ...} with options.
yaml::Node identity_node(yaml::Store& store, const Identity& identity);
// {start, increment, min_value, max_value, cache, cycle}, each only when set.
yaml::Node options_node(yaml::Store& store, const SequenceOptions& options);
// "table.column" in the document's schema, else {schema, table, column}.
yaml::Node owner_node(yaml::Store& store, const ColumnRef& owner,
                      const std::string& document_schema);

// Adds partition_of (relative to the table's schema), bounds, partition_by, unlogged, storage,
// cluster_on and replica_identity, each when set.
void add_table_attributes(yaml::MapBuilder& body, yaml::Store& store, const Table& table);
// Adds primary_key, unique, foreign_keys, checks and exclusions, each with its name; references
// are written relative to the table's schema, as the model's reader (given that schema) reads
// them.
void add_constraints(yaml::MapBuilder& body, yaml::Store& store, const Table& table);
// Adds indexes: {name: {columns or expressions, unique, method, where, include, ...}}.
void add_indexes(yaml::MapBuilder& body, yaml::Store& store, const std::vector<Index>& indexes);
// {name: expression}, or {name: {expression, no_inherit, not_valid}} where either is set.
yaml::Node checks_node(yaml::Store& store, const std::vector<CheckConstraint>& checks);
// A domain's fields, without its name: its type alone when it has nothing else; the type as
// given, since a model document may have to qualify it.
yaml::Node domain_fields(yaml::Store& store, const Domain& domain, const std::string& type);
// A composite type's attributes {name: type, or {type, collation, comment}}, each type written
// by `type_of`, since a model document may have to qualify it.
yaml::Node attributes_node(yaml::Store& store, const std::vector<CompositeAttribute>& attributes,
                           const std::function<std::string(const std::string&)>& type_of);
// Storage parameters "name=value" as {name: value} (flow).
yaml::Node storage_node(yaml::Store& store, const std::vector<std::string>& storage);
// A view's fields, without its name: query, then its options, indexes and comments.
yaml::Node view_fields(yaml::Store& store, const View& view);
// A function or trigger: its definition, or a mapping of it and its comment (and state).
yaml::Node function_node(yaml::Store& store, const Function& function);
yaml::Node trigger_node(yaml::Store& store, const Trigger& trigger);

// One index's fields, without its name.
yaml::Node index_fields(yaml::Store& store, const Index& index);

}  // namespace migrate::model
