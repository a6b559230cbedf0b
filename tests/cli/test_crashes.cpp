// migrate killed with SIGKILL at seeded random points of a run: whatever the point, the version
// table says exactly which revisions' changes exist, the lock dies with the session, and the
// next run completes.

#include <algorithm>
#include <chrono>
#include <random>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "cli/project.hpp"

using namespace migrate::testing;

namespace {

constexpr int chain_length = 40;

std::string id_of(int n) { return fmt::format("r{:02}", n); }

// r01 <- r02 <- ... <- r40; each creates table t_NN and takes a few milliseconds.
void write_chain(const Project& project) {
  for (int n = 1; n <= chain_length; ++n) {
    const std::string table = fmt::format("t_{:02}", n);
    write_file(project.dir / "versions" / (id_of(n) + "_chain.yaml"),
               "revision: " + id_of(n) + "\nparents: [" + (n == 1 ? "" : id_of(n - 1)) +
                   "]\nmessage: table " + table + "\ncreated: 2026-11-24T12:00:00Z\nupgrade:\n" +
                   "  - sql: {up: \"CREATE TABLE " + table + " (id int)\", down: \"DROP TABLE " +
                   table + "\"}\n  - sql: {up: \"SELECT pg_sleep(0.004)\", down: \"\"}\n" +
                   "downgrade:\n  - sql: {up: \"DROP TABLE " + table + "\", down: \"CREATE TABLE " +
                   table + " (id int)\"}\n" +
                   "  - sql: {up: \"SELECT pg_sleep(0.004)\", down: \"\"}\n");
  }
}

// How many revisions the version table says are applied (the chain is linear: one row at most).
int applied_count(const Project& project) {
  const std::string row =
      query(project.database.url, "SELECT coalesce(max(version_num), '') FROM migrate_version");
  return row.empty() ? 0 : std::stoi(row.substr(1));
}

// The tables that exist, as a count; they must be t_01 .. t_<count>.
bool tables_match(const Project& project, int applied) {
  const std::string expected = applied == 0 ? "" : fmt::format("t_01..t_{:02}", applied);
  const std::string found = query(
      project.database.url,
      "SELECT coalesce(min(relname) || '..' || max(relname), '') || '/' || count(*) FROM pg_class "
      "WHERE relname ~ '^t_[0-9]{2}$' AND relkind = 'r'");
  return found == expected + "/" + std::to_string(applied);
}

}  // namespace

TEST_CASE("SIGKILL at random points never leaves the version table and schema apart",
          "[cli][crash]") {
  const Project project = example_project();
  write_chain(project);
  // One full run each way, timed, bounds where the kill points fall; they start after what a
  // command takes before it connects (start-up, reading 40 files), which sanitizer builds
  // make long.
  auto started = std::chrono::steady_clock::now();
  REQUIRE(project.run({"-q", "heads"}).exit_code == 0);
  const auto before_connecting = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  started = std::chrono::steady_clock::now();
  REQUIRE(project.run({"-q", "upgrade", "head"}).exit_code == 0);
  const auto up_time = std::chrono::steady_clock::now() - started;
  started = std::chrono::steady_clock::now();
  REQUIRE(project.run({"-q", "downgrade", "base"}).exit_code == 0);
  const auto down_time = std::chrono::steady_clock::now() - started;

  std::mt19937 random(20261129);
  constexpr int kill_points = 24;
  int mid_run = 0;
  for (int point = 0; point < kill_points; ++point) {
    const bool upgrading = point % 2 == 0;  // even: from base; odd: from head
    const auto span =
        std::chrono::duration_cast<std::chrono::microseconds>(upgrading ? up_time : down_time);
    const auto after = std::chrono::microseconds(std::uniform_int_distribution<long>(
        std::min(before_connecting.count(), span.count()), span.count())(random));
    const auto killed = project.run_killed_after(
        {"-q", upgrading ? "upgrade" : "downgrade", upgrading ? "head" : "base"}, after);
    const int applied = applied_count(project);
    INFO("kill point " << point << " after " << after.count() << " us: exit " << killed.exit_code
                       << ", " << applied << " applied\n"
                       << killed.err);
    CHECK((killed.exit_code == 137 || killed.exit_code == 0));
    CHECK(tables_match(project, applied));
    if (applied != 0 && applied != chain_length) ++mid_run;
    // The next run waits out the dead session's lock, if any, and completes.
    const auto finished =
        project.run({"-q", upgrading ? "upgrade" : "downgrade", upgrading ? "head" : "base"});
    REQUIRE(finished.exit_code == 0);
    CHECK(applied_count(project) == (upgrading ? chain_length : 0));
    CHECK(tables_match(project, applied_count(project)));
  }
  // Most kill points must land inside a run, or the test proves little.
  CHECK(mid_run >= kill_points / 2);
  WARN(mid_run << " of " << kill_points << " kill points landed inside a run");
  CHECK(query(project.database.url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") ==
        "0");
}
