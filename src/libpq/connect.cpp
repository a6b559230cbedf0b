#include "libpq/connect.hpp"

#include "migrate/config.hpp"
#include "migrate/error.hpp"

#if MIGRATE_LAZY_LIBPQ
// Defined in lazy_libpq.cpp: why libpq could not be loaded, or null once it is.
extern "C" const char* migrate_lazy_libpq_error();
#endif

namespace migrate {
namespace {

// Names the session 'migrate' in pg_stat_activity unless the URL or PGAPPNAME names it
// otherwise, as psql and pg_dump do. In the connection string it costs no round trip.
std::string with_fallback_application_name(const std::string& url) {
  constexpr const char* parameter = "fallback_application_name=migrate";
  const bool uri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!uri) return url.empty() ? parameter : url + " " + parameter;
  if (url.back() == '?' || url.back() == '&') return url + parameter;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

}  // namespace

std::unique_ptr<pqxx::connection> open_connection(const std::string& url) {
#if MIGRATE_LAZY_LIBPQ
  if (const char* error = migrate_lazy_libpq_error()) throw DatabaseError(error);
#endif
  try {
    return std::make_unique<pqxx::connection>(with_fallback_application_name(url));
  } catch (const std::exception& e) {
    throw DatabaseError(connection_failure(url, e.what()));
  }
}

}  // namespace migrate
