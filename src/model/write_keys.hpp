#pragma once
// Pieces of write_model.cpp: scalars, sequence options and a table's constraints and indexes.

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "migrate/schema.hpp"

namespace migrate::model {

// A string the loader reads back unchanged (quoted where YAML would read it otherwise).
YAML::Emitter& emit_string(YAML::Emitter& out, const std::string& text);
// A flow list of strings.
void emit_names(YAML::Emitter& out, const std::vector<std::string>& names);

void write_sequence_options(YAML::Emitter& out, const SequenceOptions& options);
void write_owner(YAML::Emitter& out, const ColumnRef& owner, const std::string& document_schema);
// primary_key, unique, foreign_keys, checks and exclusions, each with its name.
void write_constraints(YAML::Emitter& out, const Table& table);
void write_indexes(YAML::Emitter& out, const std::vector<Index>& indexes);

}  // namespace migrate::model
