#pragma once
// migrate.yaml: where the model and revision files are, which database, how to run. Pure values;
// paths are made absolute against the file's directory.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "migrate/names.hpp"

namespace migrate {

struct Config {
  std::filesystem::path file = {};  // empty when no migrate.yaml was found
  std::filesystem::path root = {};  // the directory relative paths are read against
  // As written: its ${VAR}s are expanded by resolve_database_url, only when it is the URL used.
  std::optional<std::string> database_url = {};
  std::string database_url_place = {};  // "migrate.yaml:3", for an error naming an unset ${VAR}
  std::vector<std::filesystem::path> model_paths = {};
  std::vector<std::filesystem::path> version_paths = {};
  std::string version_table = "migrate_version";
  std::string version_schema = "public";
  std::string history_table = "migrate_history";  // in version_schema
  int lock_timeout_ms = 60000;                    // how long to wait for another migrator's lock
  // PostgreSQL's lock_timeout and statement_timeout for each revision's statements (0: none),
  // and how often a revision that hit the lock timeout is tried again, waiting
  // lock_retry_delay_ms, then twice that, and so on.
  int statement_lock_timeout_ms = 5000;
  int statement_timeout_ms = 0;
  int lock_retries = 3;
  int lock_retry_delay_ms = 2000;
  bool transaction_per_run = false;  // transaction_per: run (one for all) or revision (default)
  std::vector<std::string> include_schemas = {};  // empty: every schema but the system ones
  std::vector<std::string> exclude_schemas = {};
  std::vector<std::string> exclude_tables = {};  // "table" or "schema.table"
  NamingConvention naming_convention = {};       // empty: PostgreSQL's default names
  // unmanaged: error. `check` fails when the database holds objects or attributes migrate does
  // not manage, for teams that want the model to be the whole truth (check --strict, once).
  bool unmanaged_is_error = false;
};

// The configuration with no file: models/ and versions/ under `root`.
Config default_config(const std::filesystem::path& root);

// Reads a migrate.yaml. Throws FileError (file:line:column) for an unknown key, a wrong type, or a
// ${VAR} naming an unset environment variable in a path.
Config load_config(const std::filesystem::path& file);

// migrate.yaml in `start` or the nearest directory above it.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Replaces each ${NAME} with the environment variable's value; throws InputError naming a
// missing variable (`where` says which file or option held the text).
std::string expand_environment(const std::string& text, const std::string& where);

// The database URL to use: `--url`, else DATABASE_URL, else the config's database_url with its
// ${VAR}s expanded (InputError naming the file and line when one is unset); nullopt lets libpq's
// own environment (PGHOST, PGUSER, PGSERVICE, .pgpass) decide.
std::optional<std::string> resolve_database_url(const std::optional<std::string>& option_url,
                                                const Config& config);

// The URL or key=value connection string with its password replaced by "***".
std::string redact_url(const std::string& url);

// "cannot connect to <url, redacted>: <libpq's message, redacted>", or for an empty url, which
// leaves the choice to libpq's environment, "cannot connect with libpq's defaults (…): …".
std::string connection_failure(const std::string& url, const std::string& message);

// `text` (a message that may echo the connection string) with every password of `url`, and of
// PGPASSWORD, replaced by "***".
std::string redact_secrets(std::string text, const std::string& url);

}  // namespace migrate
