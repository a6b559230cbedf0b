#pragma once
// libpq is either linked (loaded with migrate) or, with MIGRATE_LAZY_LIBPQ, loaded on first use
// by lazy_libpq.cpp.

namespace migrate {

// Makes libpq callable, before a connection is opened. Throws DatabaseError naming the library
// and the reason when it cannot be loaded.
void load_libpq();

}  // namespace migrate
