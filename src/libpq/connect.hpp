#pragma once
// Opening a connection: the one place it is done, for catalog (Database) and runner (Runner).

#include <memory>
#include <optional>
#include <string>

#include <pqxx/pqxx>

namespace migrate {

// A connection to url, a URI or key=value string ("" leaves the choice to libpq's environment).
// Throws DatabaseError naming the server (password hidden) when it cannot connect, or when url
// is not a connection string.
std::unique_ptr<pqxx::connection> open_connection(const std::string& url);

// The key=value string migrate connects with: url's options as libpq reads them, and
// fallback_application_name=migrate unless url sets one, so that sessions are named 'migrate'
// in pg_stat_activity unless the URL or PGAPPNAME names them otherwise, as psql and pg_dump do.
// nullopt, with libpq's reason in `error`, when url is not a connection string.
std::optional<std::string> connection_string_for(const std::string& url, std::string& error);

}  // namespace migrate
