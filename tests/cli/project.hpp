#pragma once
// A copy of migrations_example in a temp directory, with a fresh database, for CLI tests.

#include <filesystem>
#include <string>
#include <vector>

#include "support/postgres.hpp"

namespace migrate::testing {

struct Project {
  std::filesystem::path dir;
  TestDatabase database;

  // Runs the built migrate in the project's directory with DATABASE_URL set to its database.
  CommandResult run(std::vector<std::string> args,
                    std::map<std::string, std::string> env = {}) const {
    args.insert(args.begin(), MIGRATE_BINARY);
    env.emplace("DATABASE_URL", database.url);
    env.emplace("NO_COLOR", "1");
    return run_command(args, env, dir.string());
  }
};

inline Project example_project() {
  const auto dir = make_temp_dir("migrate-project") / "blog";
  std::filesystem::copy(std::string(MIGRATE_SOURCE_DIR) + "/migrations_example", dir,
                        std::filesystem::copy_options::recursive);
  for (const auto& entry : std::filesystem::directory_iterator(dir / "versions")) {
    if (entry.path().extension() == ".yaml") std::filesystem::remove(entry.path());
  }
  return Project{dir, fresh_database()};
}

}  // namespace migrate::testing
