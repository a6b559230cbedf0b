#pragma once
// Schema objects as the YAML nodes model files and revision files both show them (see
// yaml/writer.hpp): columns, identities, sequence options, and a table's constraints and
// indexes, every one named, so the model's readers read them back.

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "migrate/schema.hpp"

namespace migrate::model {

// type, nullable, default, identity, generated, collation, comment (flow); the type as given,
// since a model document may have to qualify it.
YAML::Node column_fields(const Column& column, const std::string& type);
// "always", "by_default", or {kind, start, ...} with options.
YAML::Node identity_node(const Identity& identity);
// {start, increment, min_value, max_value, cache, cycle}, each only when set.
YAML::Node options_node(const SequenceOptions& options);
// "table.column" in the document's schema, else {schema, table, column}.
YAML::Node owner_node(const ColumnRef& owner, const std::string& document_schema);

// Adds primary_key, unique, foreign_keys, checks and exclusions, each with its name; references
// are written relative to the table's schema, as the model's reader (given that schema) reads
// them.
void add_constraints(YAML::Node& body, const Table& table);
// Adds indexes: {name: {columns or expressions, unique, method, where, include, ...}}.
void add_indexes(YAML::Node& body, const std::vector<Index>& indexes);
// One index's fields, without its name.
YAML::Node index_fields(const Index& index);

}  // namespace migrate::model
