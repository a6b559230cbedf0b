#pragma once
// Declared views' queries in the server's words, and what each reads (canonical_views.cpp).

#include <pqxx/pqxx>

#include "migrate/schema.hpp"

namespace migrate::canonical {

// Rewrites each declared view's query as pg_get_viewdef prints it and fills its depends_on,
// unless the live view of that name already has that text (then its depends_on are taken). A
// query the server rejects is left as written, with a warning.
void canonicalize_views(pqxx::connection& connection, Schema& declared, const Schema& live);

}  // namespace migrate::canonical
