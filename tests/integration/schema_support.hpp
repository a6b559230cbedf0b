#pragma once
// Steps the schema integration tests share: apply a diff, compare a model with a database.

#include <string>
#include <vector>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"
#include "migrate/render.hpp"

namespace migrate::testing {

// The operations that take the database at `url` to `declared` (canonicalized against it).
inline std::vector<Operation> changes_to(const std::string& url, Schema declared) {
  Database database(url);
  const Schema live = database.reflect();
  database.canonicalize(declared, live);
  return diff(live, declared);
}

// Applies the operations that take the database at `url` to `declared`.
inline void migrate_to(const std::string& url, const Schema& declared) {
  const auto ops = changes_to(url, declared);
  Database(url).execute_in_transaction(render(ops));
}

inline std::string describe_all(const std::vector<Operation>& ops) {
  std::string text;
  for (const auto& op : ops) text += describe(op) + "\n";
  return text;
}

}  // namespace migrate::testing
