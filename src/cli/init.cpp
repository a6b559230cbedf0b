// `migrate init [DIR]`: a new project's migrate.yaml, models/ and versions/.
#include <filesystem>
#include <fstream>

#include <spdlog/spdlog.h>

#include "migrate/error.hpp"

#include "cli/context.hpp"

namespace migrate::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* config_template = R"(# migrate configuration. Paths are relative to this file.

# The database to migrate. --url and the DATABASE_URL environment variable take precedence;
# ${NAME} is replaced by an environment variable (an unset one is an error). Leave it out to use
# libpq's own environment (PGHOST, PGUSER, PGPASSWORD, PGSERVICE, ~/.pgpass).
# database_url: postgresql://app@localhost:5432/app

# Where the declared model (*.yaml) lives.
model_paths: [models]

# Where revision files live.
version_paths: [versions]

# The table that records the applied revisions, its schema, and the table (in the same schema)
# that records every run step.
version_table: migrate_version
version_schema: public
history_table: migrate_history

# How long to wait for another migrator's lock, in milliseconds.
lock_timeout_ms: 60000

# PostgreSQL's lock_timeout and statement_timeout (0: none) for each revision's statements. A
# revision that waits longer for a table lock is rolled back and tried again lock_retries times,
# waiting lock_retry_delay_ms, then twice that, and so on.
statement_lock_timeout_ms: 5000
statement_timeout_ms: 0
lock_retries: 3
lock_retry_delay_ms: 2000

# revision: each revision in its own transaction (a failure keeps the revisions before it);
# run: the whole run in one transaction (a failure keeps nothing).
transaction_per: revision

# Which schemas and tables are compared (default: every schema but the system ones).
# include_schemas: [public]
# exclude_schemas: []
# exclude_tables: [spatial_ref_sys]
)";

constexpr const char* model_template = R"(# The schema this project wants. See docs/model-format.md.
schema: public
tables: {}
)";

int init(Context& ctx, const fs::path& dir) {
  const fs::path config = dir / "migrate.yaml";
  if (fs::exists(config)) {
    throw InputError(config.string() + " already exists: refusing to overwrite a project");
  }
  fs::create_directories(dir / "models");
  fs::create_directories(dir / "versions");
  std::ofstream(config) << config_template;
  if (!fs::exists(dir / "models" / "schema.yaml")) {
    std::ofstream(dir / "models" / "schema.yaml") << model_template;
  }
  ctx.out << "created " << config.string() << ", " << (dir / "models").string() << "/, "
          << (dir / "versions").string() << "/\n";
  return 0;
}

}  // namespace

void add_init(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("init", "Create migrate.yaml, models/ and versions/");
  auto dir = std::make_shared<std::string>(".");
  command->add_option("dir", *dir, "Project directory (default: the current one)");
  command->callback([&ctx, dir] { ctx.action = [&ctx, dir] { return init(ctx, *dir); }; });
}

}  // namespace migrate::cli
