#pragma once
// Declared domains, views, functions and triggers in the server's words, and what each uses
// (canonical_definitions.cpp, canonical_domains.cpp, canonical_views.cpp,
// canonical_routines.cpp).

#include <set>
#include <string>

#include <pqxx/pqxx>

#include "migrate/schema.hpp"

namespace migrate::canonical {

// Rewrites each declared domain's default and checks, partition key and bounds, view's query,
// function's and trigger's definition (and a function's arguments) as the server prints them, and
// fills their depends_on, unless the live object already has that text (then its depends_on are
// taken). All is done in one transaction that is rolled back, over bare copies of what the model
// adds and the database lacks (schemas, extensions, enums, domains, tables and columns). A
// definition the server rejects is left as written, with a warning.
void canonicalize_definitions(pqxx::connection& connection, Schema& declared, const Schema& live);

// The steps, in that order, inside that transaction. ask_domains puts domain defaults and checks
// in the server's words (canonical_domains.cpp).
void ask_domains(pqxx::work& tx, Schema& declared, const Schema& live);
// ask_partitions puts partition keys and bounds in the server's words (canonical_partitions.cpp).
void ask_partitions(pqxx::work& tx, Schema& declared, const Schema& live);
bool partitions_to_ask(const Schema& declared, const Schema& live);
// The other steps, in that order, inside that transaction. ask_views returns the names of the
// temporary views it made (the declared views of those names), on which triggers are asked.
void ask_functions(pqxx::work& tx, Schema& declared, const Schema& live);
std::set<std::string> ask_views(pqxx::work& tx, Schema& declared, const Schema& live);
void ask_triggers(pqxx::work& tx, Schema& declared, const Schema& live,
                  const std::set<std::string>& temporary_views);

}  // namespace migrate::canonical
