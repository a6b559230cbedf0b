#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "support/postgres.hpp"

namespace fs = std::filesystem;
using migrate::testing::make_temp_dir;
using migrate::testing::run_command;

TEST_CASE("init scaffolds migrate.yaml, models and versions", "[cli][init]") {
  const fs::path dir = make_temp_dir("migrate-init");
  const auto result = run_command({MIGRATE_BINARY, "init", (dir / "app").string()});
  CHECK(result.exit_code == 0);
  CHECK(fs::exists(dir / "app" / "migrate.yaml"));
  CHECK(fs::is_directory(dir / "app" / "models"));
  CHECK(fs::is_directory(dir / "app" / "versions"));
}

TEST_CASE("init refuses to overwrite an existing project and exits 2", "[cli][init]") {
  const fs::path dir = make_temp_dir("migrate-init");
  std::ofstream(dir / "migrate.yaml") << "version_table: mine\n";
  const auto result = run_command({MIGRATE_BINARY, "init", dir.string()});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("already exists: refusing to overwrite"));
  std::ifstream in(dir / "migrate.yaml");
  std::string kept((std::istreambuf_iterator<char>(in)), {});
  CHECK(kept == "version_table: mine\n");
}

TEST_CASE("an unknown command is a usage error with exit 2", "[cli]") {
  const auto result = run_command({MIGRATE_BINARY, "frobnicate"});
  CHECK(result.exit_code == 2);
}

TEST_CASE("--version prints the version and exits 0", "[cli]") {
  const auto result = run_command({MIGRATE_BINARY, "--version"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("migrate 0."));
}

TEST_CASE("every command has --help", "[cli]") {
  for (const char* command : {"init", "check", "diff", "model"}) {
    const auto result = run_command({MIGRATE_BINARY, command, "--help"});
    INFO(command);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("Usage"));
  }
}
