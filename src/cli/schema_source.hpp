#pragma once
// Where a schema to compare comes from: a database URL or model files, and how differences print.

#include <memory>
#include <string>
#include <vector>

#include "migrate/catalog.hpp"
#include "migrate/operations.hpp"

#include "cli/context.hpp"

namespace migrate::cli {

// "postgresql://...", "postgres://..." or a key=value connection string: a database; else a path.
bool is_database_url(const std::string& source);

// The reflect options of the configuration, with migrate's own tables excluded.
ReflectOptions reflect_options(const Config& config);

// A schema read from a source; `database` is kept open for canonicalization when it is one.
struct LoadedSchema {
  Schema schema = {};
  std::unique_ptr<Database> database = {};
};
LoadedSchema load_schema(Context& ctx, const std::string& source);

// The declared model and the database, each in the other's terms: the model canonicalized by the
// server, as compare() needs them.
struct ModelAndDatabase {
  Schema declared = {};
  Schema live = {};
};

// Reads the model while the database is reflected (reading a large model is work for the CPU,
// reflecting is mostly waiting on the server); a broken model file is reported before a
// database error. Warns about what the database holds that migrate does not manage.
ModelAndDatabase load_model_and_database(Context& ctx);

// Lists the differences: text lines ("+ create table tags") or a JSON array of objects.
// JSON: {"differences": [...]}, and "unmanaged": [{"kind", "name"}] when there are any.
void print_differences(Context& ctx, const std::vector<Operation>& ops,
                       const std::vector<UnmanagedObject>& unmanaged = {});

// Warns, on stderr, about each object that the comparison did not cover.
void warn_unmanaged(const Schema& schema);

}  // namespace migrate::cli
