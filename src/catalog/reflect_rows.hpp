#pragma once
// Turning the rows of each catalog query (queries.hpp, same column order) into schema values.

#include <map>

#include <pqxx/pqxx>

#include "migrate/schema.hpp"

namespace migrate {

using TablesByOid = std::map<pqxx::oid, Table>;
using ViewsByOid = std::map<pqxx::oid, View>;
using FunctionsByOid = std::map<pqxx::oid, Function>;
using TriggersByOid = std::map<pqxx::oid, Trigger>;

void read_schemas(const pqxx::result& rows, Schema& schema);
void read_extensions(const pqxx::result& rows, Schema& schema);
void read_enums(const pqxx::result& rows, Schema& schema);
void read_domains(const pqxx::result& rows, Schema& schema);
void read_composite_types(const pqxx::result& rows, Schema& schema);
// A check as pg_get_constraintdef() prints it ("CHECK ((a > 0)) NOT VALID") as a constraint.
CheckConstraint check_of(std::string name, std::string definition);
void read_sequences(const pqxx::result& rows, Schema& schema);
void read_tables(const pqxx::result& rows, Schema& schema, TablesByOid& tables);
void read_columns(const pqxx::result& rows, TablesByOid& tables);
void read_constraints(const pqxx::result& rows, TablesByOid& tables);
void read_indexes(const pqxx::result& rows, TablesByOid& tables, ViewsByOid& views);
// pg_get_viewdef's text as View::query holds it: without its semicolon and leading blanks, ending
// in one newline (so files show it as a block). Views and their dependencies (reflect_views.cpp).
std::string view_query(std::string text);
void read_views(const pqxx::result& rows, ViewsByOid& views);
// Rows of (object oid, kind, schema, name, column or arguments) into each object's depends_on.
template <typename ByOid>
void read_dependencies(const pqxx::result& rows, ByOid& objects) {
  for (const auto& row : rows) {
    const auto object = objects.find(row[0].template as<pqxx::oid>());
    if (object == objects.end()) continue;
    object->second.depends_on.push_back(
        {row[1].template as<std::string>(),
         {row[2].template as<std::string>(), row[3].template as<std::string>()},
         row[4].is_null() ? "" : row[4].template as<std::string>()});
  }
}
void read_view_dependencies(const pqxx::result& rows, ViewsByOid& views);
// Functions and triggers (reflect_routines.cpp).
void read_functions(const pqxx::result& rows, FunctionsByOid& functions);
void read_function_dependencies(const pqxx::result& rows, FunctionsByOid& functions);
void read_triggers(const pqxx::result& rows, TriggersByOid& triggers);
void read_trigger_dependencies(const pqxx::result& rows, TriggersByOid& triggers);
// Names each partition whose columns differ from its parent's (order, default, NOT NULL, a
// comment...): the model lists a partition's columns as its parent's.
void note_partition_columns(Schema& schema);
void read_unmanaged(const pqxx::result& rows, Schema& schema);

}  // namespace migrate
