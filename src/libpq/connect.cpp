#include "libpq/connect.hpp"

#include <string_view>

#include "migrate/config.hpp"
#include "migrate/error.hpp"

#if MIGRATE_LAZY_LIBPQ
// Defined in lazy_libpq.cpp: why libpq could not be loaded, or null once it is.
extern "C" const char* migrate_lazy_libpq_error();
#endif

namespace migrate {

// It goes first, so that whatever the user wrote comes after it and wins: appended to a
// key=value string it could become the value of a last key left empty (`password=`).
std::string with_fallback_application_name(const std::string& url) {
  constexpr std::string_view parameter = "fallback_application_name=migrate";
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.rfind(scheme, 0) != 0) continue;
    // The query starts at the first '?' after the user information, which libpq takes to end
    // at the first '@' before any '/' (a password may hold a '?').
    const std::size_t authority = scheme.size();
    const std::size_t at_or_slash = url.find_first_of("@/", authority);
    const std::size_t host =
        at_or_slash != std::string::npos && url[at_or_slash] == '@' ? at_or_slash + 1 : authority;
    const std::size_t query = url.find('?', host);
    if (query == std::string::npos) return url + "?" + std::string(parameter);
    return url.substr(0, query + 1) + std::string(parameter) + "&" + url.substr(query + 1);
  }
  return std::string(parameter) + " " + url;
}

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
