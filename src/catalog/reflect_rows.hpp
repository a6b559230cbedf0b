#pragma once
// Turning the rows of each catalog query (queries.hpp, same column order) into schema values.

#include <map>

#include <pqxx/pqxx>

#include "migrate/schema.hpp"

namespace migrate {

using TablesByOid = std::map<pqxx::oid, Table>;

void read_schemas(const pqxx::result& rows, Schema& schema);
void read_extensions(const pqxx::result& rows, Schema& schema);
void read_enums(const pqxx::result& rows, Schema& schema);
void read_sequences(const pqxx::result& rows, Schema& schema);
void read_tables(const pqxx::result& rows, Schema& schema, TablesByOid& tables);
void read_columns(const pqxx::result& rows, TablesByOid& tables);
void read_constraints(const pqxx::result& rows, TablesByOid& tables);
void read_indexes(const pqxx::result& rows, TablesByOid& tables);
void read_unmanaged(const pqxx::result& rows, Schema& schema);

}  // namespace migrate
