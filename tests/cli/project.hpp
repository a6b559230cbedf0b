#pragma once
// A copy of migrations_example in a temp directory, with a fresh database, for CLI tests.

#include <filesystem>
#include <fstream>
#include <iterator>
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

  // As run, killed with SIGKILL if it still runs `after` after it started.
  CommandResult run_killed_after(std::vector<std::string> args,
                                 std::chrono::microseconds after) const {
    args.insert(args.begin(), MIGRATE_BINARY);
    return run_command_killed_after(
        args, after, {{"DATABASE_URL", database.url}, {"NO_COLOR", "1"}}, dir.string());
  }
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// psql -At for one value, without its trailing newline.
inline std::string query(const std::string& url, const std::string& sql) {
  std::string text = run_command({client_program("psql"), "-X", "-At", url, "-c", sql}).out;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// versions/<id>_r.yaml: the given top-level fields ("parents: [a]\n"), a message, and the
// upgrade and downgrade values ("[]", or items such as sql_op gives).
inline void write_revision(const Project& project, const std::string& id, const std::string& fields,
                           const std::string& message, const std::string& upgrade = "[]",
                           const std::string& downgrade = "[]") {
  write_file(project.dir / "versions" / (id + "_r.yaml"),
             "revision: " + id + "\n" + fields + "message: " + message +
                 "\ncreated: 2026-11-24T12:00:00Z\nupgrade: " + upgrade +
                 "\ndowngrade: " + downgrade + "\n");
}

// One `sql` operation item, on a line of its own.
inline std::string sql_op(const std::string& up, const std::string& down = "") {
  return "\n  - sql: {up: \"" + up + "\", down: \"" + down + "\"}";
}

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
