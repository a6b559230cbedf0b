#include "libpq/load_libpq.hpp"

#include "migrate/error.hpp"

#if MIGRATE_LAZY_LIBPQ
// Defined in lazy_libpq.cpp: why libpq could not be loaded, or null once it is.
extern "C" const char* migrate_lazy_libpq_error();
#endif

namespace migrate {

void load_libpq() {
#if MIGRATE_LAZY_LIBPQ
  if (const char* error = migrate_lazy_libpq_error()) throw DatabaseError(error);
#endif
}

}  // namespace migrate
