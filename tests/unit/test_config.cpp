#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "migrate/config.hpp"
#include "migrate/error.hpp"

using namespace migrate;
namespace fs = std::filesystem;

namespace {

fs::path write_config(const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("migrate-config-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "migrate.yaml";
  std::ofstream(file) << text;
  return file;
}

}  // namespace

TEST_CASE("paths in migrate.yaml are relative to the file's directory", "[config]") {
  const fs::path file = write_config("model_paths: [schema]\nversion_table: v\n");
  const Config config = load_config(file);
  REQUIRE(config.model_paths.size() == 1);
  CHECK(config.model_paths[0] == file.parent_path() / "schema");
  CHECK(config.version_paths[0] == file.parent_path() / "versions");
  CHECK(config.version_table == "v");
}

TEST_CASE("${VAR} in database_url is replaced from the environment when it is used", "[config]") {
  ::setenv("MIGRATE_TEST_DB_HOST", "db.example", 1);
  ::unsetenv("DATABASE_URL");
  const Config config =
      load_config(write_config("database_url: postgresql://u@${MIGRATE_TEST_DB_HOST}/app\n"));
  CHECK(resolve_database_url(std::nullopt, config) == "postgresql://u@db.example/app");
}

TEST_CASE("a missing environment variable is an error naming it, when the URL is used",
          "[config]") {
  ::unsetenv("MIGRATE_TEST_UNSET");
  ::unsetenv("DATABASE_URL");
  const fs::path file = write_config("\ndatabase_url: postgresql://${MIGRATE_TEST_UNSET}/app\n");
  const Config config = load_config(file);
  CHECK_THROWS_WITH(resolve_database_url(std::nullopt, config),
                    file.string() + ":2: environment variable 'MIGRATE_TEST_UNSET' is not set");
  CHECK(resolve_database_url("postgresql://given/db", config) == "postgresql://given/db");
  ::setenv("DATABASE_URL", "postgresql://env/db", 1);
  CHECK(resolve_database_url(std::nullopt, config) == "postgresql://env/db");
  ::unsetenv("DATABASE_URL");
}

TEST_CASE("an unknown key in migrate.yaml names the file, line and column", "[config]") {
  const fs::path file = write_config("version_table: v\nmodel_path: [x]\n");
  CHECK_THROWS_WITH(load_config(file),
                    Catch::StartsWith(file.string() + ":2:1: unknown key 'model_path'"));
}

TEST_CASE("--url wins over DATABASE_URL, which wins over migrate.yaml", "[config]") {
  Config config;
  config.database_url = "postgresql://from-file/db";
  ::unsetenv("DATABASE_URL");
  CHECK(resolve_database_url(std::nullopt, config) == "postgresql://from-file/db");
  ::setenv("DATABASE_URL", "postgresql://from-env/db", 1);
  CHECK(resolve_database_url(std::nullopt, config) == "postgresql://from-env/db");
  CHECK(resolve_database_url("postgresql://from-option/db", config) ==
        "postgresql://from-option/db");
  ::unsetenv("DATABASE_URL");
  CHECK_FALSE(resolve_database_url(std::nullopt, Config{}));
}

TEST_CASE("passwords are masked in every connection-string form", "[config]") {
  // A string with a password is shown as libpq reads it, the password masked; one without is
  // shown as written.
  CHECK(redact_url("postgresql://app:s3cret@db/app") == "user=app password=*** dbname=app host=db");
  CHECK(redact_url("postgresql://app@db/app?password=s3cret&sslmode=require") ==
        "user=app password=*** dbname=app host=db sslmode=require");
  CHECK(redact_url("host=db user=app password=s3cret dbname=app") ==
        "user=app password=*** dbname=app host=db");
  CHECK(redact_url("host=db password='s3 cret'") == "password=*** host=db");
  CHECK(redact_url("postgresql://app@db/app") == "postgresql://app@db/app");
  CHECK(redact_url("postgresql://app:pw@[::1") == "(a connection string libpq cannot read)");
  // Echoes of the password, decoded or as the string spells it.
  CHECK(redact_secrets("failed for postgresql://app:p%40ss@db: p@ss wrong",
                       "postgresql://app:p%40ss@db/app") ==
        "failed for postgresql://app:***@db: *** wrong");
  CHECK(redact_secrets("it's wrong", "host=db password='it\\'s'") == "*** wrong");
  CHECK(redact_secrets("no secret here", "host=db") == "no secret here");
}

TEST_CASE("a connection string libpq cannot read is refused without quoting it", "[config]") {
  const std::string failure = connection_failure("postgresql://app:s3cret@[::1/db", "ignored");
  CHECK_THAT(failure, Catch::StartsWith("cannot connect: the database URL is not a connection "
                                        "string libpq can read"));
  CHECK_THAT(failure, !Catch::Contains("s3cret"));
}

TEST_CASE("a configuration that is not a mapping, or repeats a key, is an error", "[config]") {
  CHECK_THROWS_WITH(load_config(write_config(",\n")), Catch::Contains("migrate.yaml:1:1:"));
  CHECK_THROWS_WITH(load_config(write_config("version_table: a\nversion_table: b\n")),
                    Catch::Contains("migrate.yaml:2:1:"));
}

TEST_CASE("transaction_per takes revision or run", "[config]") {
  CHECK(load_config(write_config("transaction_per: run\n")).transaction_per_run);
  CHECK_FALSE(load_config(write_config("transaction_per: revision\n")).transaction_per_run);
  CHECK_THROWS_WITH(load_config(write_config("transaction_per: statement\n")),
                    Catch::Contains("expected 'revision' or 'run' for 'transaction_per'"));
}

TEST_CASE("the history table is configurable and must differ from the version table", "[config]") {
  CHECK(load_config(write_config("history_table: audit\n")).history_table == "audit");
  CHECK(load_config(write_config("version_table: v\n")).history_table == "migrate_history");
  CHECK_THROWS_WITH(load_config(write_config("history_table: v\nversion_table: v\n")),
                    Catch::Contains("migrate.yaml:2:16: 'history_table' and 'version_table' must "
                                    "name different tables"));
}

TEST_CASE("naming_convention is read and its templates checked where written", "[config]") {
  const Config config = load_config(
      write_config("naming_convention:\n  primary_key: pk_{table}\n  index: ix_{columns}\n"));
  CHECK(config.naming_convention ==
        NamingConvention{{"index", "ix_{columns}"}, {"primary_key", "pk_{table}"}});
  CHECK_THROWS_WITH(load_config(write_config("naming_convention:\n  index: ix_{colums}\n")),
                    Catch::Contains("migrate.yaml:2:10: naming_convention: unknown token "
                                    "'{colums}' for index"));
  CHECK_THROWS_WITH(load_config(write_config("naming_convention:\n  pk: pk_{table}\n")),
                    Catch::Contains("migrate.yaml:2:3: naming_convention: unknown kind 'pk'"));
}
