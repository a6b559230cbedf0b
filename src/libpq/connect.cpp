#include "libpq/connect.hpp"

#include "migrate/config.hpp"
#include "migrate/error.hpp"

#if MIGRATE_LAZY_LIBPQ
// Defined in lazy_libpq.cpp: why libpq could not be loaded, or null once it is.
extern "C" const char* migrate_lazy_libpq_error();
#endif

namespace migrate {

std::unique_ptr<pqxx::connection> open_connection(const std::string& url) {
#if MIGRATE_LAZY_LIBPQ
  if (const char* error = migrate_lazy_libpq_error()) throw DatabaseError(error);
#endif
  try {
    return std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    throw DatabaseError(connection_failure(url, e.what()));
  }
}

}  // namespace migrate
