// Faults injected into real runs: a lock held by the application, a statement that runs too
// long, a transactional: false revision that fails part-way, an upgrade racing a downgrade.

#include <chrono>
#include <regex>
#include <thread>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "cli/project.hpp"

using namespace migrate::testing;
namespace fs = std::filesystem;

namespace {

// A revision whose message is its id.
void revision_file(const Project& project, const std::string& id, const std::string& fields,
                   const std::string& upgrade, const std::string& downgrade = "[]") {
  write_revision(project, id, fields, id, upgrade, downgrade);
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

std::string rows(const Project& project) {
  return query(project.database.url,
               "SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '') "
               "FROM migrate_version");
}

// A table the application uses, created by the first revision, and a second revision that
// alters it (which needs an ACCESS EXCLUSIVE lock).
Project table_and_alter(const std::string& config) {
  Project project = example_project();
  write_file(project.dir / "migrate.yaml", config);
  revision_file(project, "one", "parents: []\n",
                sql_op("CREATE TABLE accounts (id int)", "DROP TABLE accounts"));
  return project;
}

void add_alter(const Project& project) {
  revision_file(
      project, "two", "parents: [one]\n",
      sql_op("ALTER TABLE accounts ADD COLUMN note text", "ALTER TABLE accounts DROP COLUMN note"));
}

}  // namespace

TEST_CASE("a revision that cannot get its lock is retried, then fails clearly",
          "[cli][reliability]") {
  const Project project = table_and_alter(
      "statement_lock_timeout_ms: 200\nlock_retries: 2\nlock_retry_delay_ms: 100\n");
  REQUIRE(project.run({"upgrade"}).exit_code == 0);
  add_alter(project);

  // The application holds a lock on the table in a long transaction.
  pqxx::connection application(project.database.url);
  pqxx::work holding(application);
  holding.exec("SELECT * FROM accounts");

  const auto started = std::chrono::steady_clock::now();
  const auto result = project.run({"upgrade"});
  const auto waited = std::chrono::steady_clock::now() - started;
  CHECK(result.exit_code == 1);
  // Three tries of 200 ms and two waits of 100 and 200 ms: the application waited at most 200 ms
  // behind each try, never minutes.
  CHECK(waited >= std::chrono::milliseconds(900));
  CHECK(count_of(result.err,
                 "another session holds a lock it needs; rolled back, trying "
                 "again") == 2);
  CHECK_THAT(result.err, Catch::Contains("retry 2 of 2"));
  CHECK_THAT(result.err, Catch::Contains("upgrade of revision two failed at operation 1 (sql)"));
  CHECK_THAT(result.err, Catch::Contains("canceling statement due to lock timeout"));
  CHECK_THAT(result.err, Catch::Contains("gave up after 3 tries"));
  holding.abort();
  CHECK(rows(project) == "one");
  CHECK(query(project.database.url,
              "SELECT status FROM migrate_history ORDER BY id DESC LIMIT 1") == "failed");
  CHECK(query(project.database.url,
              "SELECT count(*) FROM information_schema.columns WHERE "
              "table_name = 'accounts' AND column_name = 'note'") == "0");
  CHECK(project.run({"upgrade"}).exit_code == 0);
  CHECK(rows(project) == "two");
}

TEST_CASE("a lock released while migrate waits lets the retry succeed", "[cli][reliability]") {
  // With transaction_per: run, the retry starts again from the first revision of the stretch.
  const std::string mode = GENERATE(std::string("revision"), std::string("run"));
  const Project project = table_and_alter(
      "statement_lock_timeout_ms: 150\nlock_retries: 5\nlock_retry_delay_ms: "
      "100\ntransaction_per: " +
      mode + "\n");
  REQUIRE(project.run({"upgrade"}).exit_code == 0);
  revision_file(project, "between", "parents: [one]\n",
                sql_op("CREATE TABLE between_t (id int)", "DROP TABLE between_t"));
  revision_file(
      project, "two", "parents: [between]\n",
      sql_op("ALTER TABLE accounts ADD COLUMN note text", "ALTER TABLE accounts DROP COLUMN note"));
  pqxx::connection application(project.database.url);
  auto holding = std::make_unique<pqxx::work>(application);
  holding->exec("SELECT * FROM accounts");
  // Released once migrate has waited past one lock timeout, whatever its start-up takes.
  std::thread release([&holding, &project] {
    pqxx::connection watcher(project.database.url);
    for (int i = 0; i < 1000; ++i) {
      pqxx::nontransaction tx(watcher);
      if (tx.exec1("SELECT count(*) FROM pg_locks WHERE NOT granted")[0].as<int>() > 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    holding->commit();
  });
  const auto result = project.run({"upgrade"});
  release.join();
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(count_of(result.err, "trying again") >= 1);
  CHECK(rows(project) == "two");
  CHECK(query(project.database.url,
              "SELECT count(*) FROM migrate_history WHERE revision = "
              "'between' AND status = 'ok'") == "1");
  CHECK(query(project.database.url, "SELECT to_regclass('between_t') IS NOT NULL") == "t");
}

TEST_CASE("a revision may set its own statement timeout", "[cli][reliability]") {
  const Project project = example_project();
  write_file(project.dir / "migrate.yaml", "statement_timeout_ms: 0\n");
  revision_file(project, "slow", "parents: []\nstatement_timeout_ms: 100\n",
                sql_op("SELECT pg_sleep(2)"));
  const auto result = project.run({"upgrade"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("canceling statement due to statement timeout"));
  CHECK(rows(project).empty());
}

TEST_CASE(
    "a transactional: false revision that fails part-way says what stayed, and blocks "
    "the next upgrade until resolved",
    "[cli][reliability]") {
  const Project project = table_and_alter("");
  REQUIRE(project.run({"upgrade"}).exit_code == 0);
  revision_file(project, "two", "parents: [one]\ntransactional: false\n",
                sql_op("CREATE INDEX CONCURRENTLY accounts_id_idx ON accounts (id)",
                       "DROP INDEX CONCURRENTLY accounts_id_idx") +
                    sql_op("CREATE INDEX CONCURRENTLY accounts_missing_idx ON accounts (missing)",
                           "DROP INDEX CONCURRENTLY accounts_missing_idx"));
  revision_file(project, "three", "parents: [two]\n",
                sql_op("CREATE TABLE later (id int)", "DROP TABLE later"));

  const auto failed = project.run({"upgrade"});
  CHECK(failed.exit_code == 1);
  CHECK_THAT(failed.err, Catch::Contains("upgrade of revision two failed at operation 2 (sql)"));
  CHECK_THAT(failed.err,
             Catch::Contains("statement 1 of 2 of this transactional: false revision ran and "
                             "stays in place:\n  CREATE INDEX CONCURRENTLY accounts_id_idx"));
  CHECK(rows(project) == "one");
  CHECK(query(project.database.url, "SELECT to_regclass('accounts_id_idx') IS NOT NULL") == "t");
  CHECK(query(project.database.url,
              "SELECT status FROM migrate_history ORDER BY id DESC LIMIT 1") == "partial");

  // Not past it, and not again from the top, until a person decides.
  const auto blocked = project.run({"upgrade"});
  CHECK(blocked.exit_code == 1);
  CHECK_THAT(blocked.err, Catch::Contains("revision two stopped part-way when it last ran"));
  CHECK_THAT(blocked.err, Catch::Contains("--rerun-partial"));
  CHECK(query(project.database.url, "SELECT to_regclass('later') IS NULL") == "t");

  // The fix: undo what stayed, correct the file, run it again.
  query(project.database.url, "DROP INDEX accounts_id_idx");
  std::string text = read_file(project.dir / "versions" / "two_r.yaml");
  text = std::regex_replace(text, std::regex("\\(missing\\)"), "(id)");
  write_file(project.dir / "versions" / "two_r.yaml", text);
  const auto rerun = project.run({"upgrade", "--rerun-partial"});
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(rows(project) == "three");
  CHECK(project.run({"upgrade"}).exit_code == 0);
}

TEST_CASE("stamp resolves a revision that stopped part-way", "[cli][reliability]") {
  const Project project = table_and_alter("");
  revision_file(project, "two", "parents: [one]\ntransactional: false\n",
                sql_op("CREATE TABLE half (id int)", "DROP TABLE half") + sql_op("SELECT 1/0"));
  revision_file(project, "three", "parents: [two]\n",
                sql_op("CREATE TABLE later (id int)", "DROP TABLE later"));
  CHECK(project.run({"upgrade"}).exit_code == 1);
  CHECK(project.run({"upgrade"}).exit_code == 1);
  // A person finished two's work by hand (here: nothing more to do) and records it.
  REQUIRE(project.run({"stamp", "two"}).exit_code == 0);
  CHECK(project.run({"upgrade"}).exit_code == 0);
  CHECK(rows(project) == "three");
}

TEST_CASE("an upgrade racing a downgrade is serialized and leaves a consistent state",
          "[cli][reliability]") {
  const Project project = example_project();
  for (int i = 1; i <= 6; ++i) {
    const std::string id = "r" + std::to_string(i);
    revision_file(
        project, id, i == 1 ? "parents: []\n" : "parents: [r" + std::to_string(i - 1) + "]\n",
        sql_op("CREATE TABLE t_" + id + " (id int); SELECT pg_sleep(0.05)", "DROP TABLE t_" + id),
        sql_op("DROP TABLE t_" + id));
  }
  REQUIRE(project.run({"upgrade", "r3"}).exit_code == 0);
  for (int round = 0; round < 3; ++round) {
    CommandResult up;
    CommandResult down;
    std::thread upgrading([&] { up = project.run({"-q", "upgrade", "head"}); });
    std::thread downgrading([&] { down = project.run({"-q", "downgrade", "r2"}); });
    upgrading.join();
    downgrading.join();
    INFO(up.err << down.err);
    CHECK(up.exit_code == 0);
    CHECK(down.exit_code == 0);
    // Whichever ran last decides; the tables are exactly the applied revisions'.
    const std::string at = rows(project);
    CHECK((at == "r6" || at == "r2"));
    const std::string tables = query(project.database.url,
                                     "SELECT string_agg(relname, ',' ORDER BY relname) FROM "
                                     "pg_class WHERE relname LIKE 't\\_r%' AND relkind = 'r'");
    CHECK(tables == (at == "r6" ? "t_r1,t_r2,t_r3,t_r4,t_r5,t_r6" : "t_r1,t_r2"));
    REQUIRE(project.run({"upgrade", "r3"}).exit_code == 0);
  }
}
