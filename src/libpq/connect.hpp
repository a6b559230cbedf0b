#pragma once
// Opening a connection: the one place it is done, for catalog (Database) and runner (Runner).

#include <memory>
#include <string>

#include <pqxx/pqxx>

namespace migrate {

// A connection to url ("" leaves the choice to libpq's environment). libpq is loaded first when
// migrate loads it lazily (MIGRATE_LAZY_LIBPQ, lazy_libpq.cpp). Throws DatabaseError naming the
// library when it cannot be loaded, or the server (password hidden) when it cannot connect.
std::unique_ptr<pqxx::connection> open_connection(const std::string& url);

// The URL or key=value string with fallback_application_name=migrate added: sessions are named
// 'migrate' in pg_stat_activity unless the URL or PGAPPNAME names them otherwise, as psql and
// pg_dump do, at no cost of a round trip.
std::string with_fallback_application_name(const std::string& url);

}  // namespace migrate
