#pragma once
// A live PostgreSQL database: reflection of its catalog into a Schema, canonicalization of a
// declared schema's expressions by the server, and execution of statements.

#include <memory>
#include <string>
#include <vector>

#include "migrate/schema.hpp"

namespace migrate {

struct ReflectOptions {
  std::vector<std::string> include_schemas = {};  // empty: all but system schemas
  std::vector<std::string> exclude_schemas = {};
  std::vector<std::string> exclude_tables = {};  // "table" (public) or "schema.table"
};

class Database {
 public:
  // Connects; throws DatabaseError whose message never holds the password.
  explicit Database(const std::string& url);
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  // The whole schema in a fixed number of catalog queries, whatever the number of tables.
  // Objects owned by extensions are left out; objects of kinds migrate does not manage yet are
  // listed in Schema::unmanaged.
  Schema reflect(const ReflectOptions& options = {});

  // Rewrites the expressions of `declared` (defaults, checks, index expressions and predicates)
  // into the text the server itself would store for them, wherever they differ in text from the
  // same object in `live`. The server parses them on temporary tables holding the live columns
  // they use, inside a transaction that is always rolled back, in one or two round trips: nothing
  // in the database changes. Expressions the server rejects are left as written (they will show
  // as differences), and a warning names each with the server's message.
  void canonicalize(Schema& declared, const Schema& live);

  // Runs the statements in one transaction; on failure throws DatabaseError naming the statement.
  void execute_in_transaction(const std::vector<std::string>& statements);

  // What the server reports as its version, e.g. "PostgreSQL 15.18".
  std::string server_version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace migrate
