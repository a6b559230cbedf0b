// The test support itself: the throwaway server, its helpers, and scripts/dev-postgres.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "support/postgres.hpp"

namespace migrate::testing {
namespace {

std::string query_value(const std::string& url, const std::string& sql) {
  pqxx::connection connection{url};
  pqxx::nontransaction transaction{connection};
  return transaction.exec1(sql)[0].as<std::string>();
}

// The value of `key` in a dev-postgres state file (key=value lines).
std::string state_value(const std::filesystem::path& state_file, const std::string& key) {
  std::ifstream in(state_file);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(key + "=")) return line.substr(key.size() + 1);
  }
  return "";
}

}  // namespace

TEST_CASE("a fresh database is empty and distinct per call", "[harness]") {
  const TestDatabase first = fresh_database();
  const TestDatabase second = fresh_database();
  CHECK(first.name != second.name);
  CHECK(query_value(first.url, "SELECT current_database()") == first.name);
  CHECK(query_value(first.url,
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                    "ON n.oid = c.relnamespace WHERE n.nspname = 'public'") == "0");
  CHECK(pg_dump_schema(first.url) == pg_dump_schema(second.url));
}

TEST_CASE("execute_sql runs several statements and reports a failing one's message", "[harness]") {
  const TestDatabase db = fresh_database();
  execute_sql(db.url,
              "CREATE TABLE a (id int); CREATE TABLE b (id int); INSERT INTO a VALUES (1);");
  CHECK_NOTHROW(execute_sql(db.url, "SELECT id FROM a; SELECT id FROM b;"));
  CHECK_THROWS_WITH(execute_sql(db.url, "SELECT 1; SELECT * FROM missing;"),
                    Catch::Contains("relation \"missing\" does not exist"));
}

TEST_CASE("psql_file reports psql's error and stops at the first one", "[harness]") {
  const TestDatabase db = fresh_database();
  const std::string script = make_temp_dir("migrate-psql") / "script.sql";
  std::ofstream(script)
      << "CREATE TABLE kept (id int);\nSELECT 1/0;\nCREATE TABLE never (id int);\n";
  CHECK_THROWS_WITH(psql_file(db.url, script), Catch::Contains("division by zero"));
  const std::string schema = pg_dump_schema(db.url);
  CHECK_THAT(schema, Catch::Contains("CREATE TABLE public.kept"));
  CHECK_THAT(schema, !Catch::Contains("never"));
}

TEST_CASE("pg_dump_schema shows a created table without comments or settings", "[harness]") {
  const TestDatabase db = fresh_database();
  execute_sql(db.url, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)");
  const std::string schema = pg_dump_schema(db.url);
  CHECK_THAT(schema, Catch::Contains("CREATE TABLE public.users (\n"
                                     "    id bigint NOT NULL,\n"
                                     "    name text NOT NULL\n"
                                     ");\n"));
  CHECK_THAT(schema, !Catch::Contains("--") && !Catch::Contains("SET ") &&
                         !Catch::Contains("set_config") && !Catch::Contains("\n\n\n"));
}

TEST_CASE("run_command captures exit code, stdout and stderr separately", "[harness]") {
  const auto dir = make_temp_dir("migrate-run");
  const CommandResult result =
      run_command({"sh", "-c", "echo out; echo err >&2; pwd; echo \"$GREETING\"; exit 3"},
                  {{"GREETING", "hello"}}, dir.string());
  CHECK(result.exit_code == 3);
  CHECK(result.out == "out\n" + std::filesystem::canonical(dir).string() + "\nhello\n");
  CHECK(result.err == "err\n");
}

TEST_CASE("run_command reports a program that cannot run as exit code 127", "[harness]") {
  const CommandResult result = run_command({"migrate-no-such-program"});
  CHECK(result.exit_code == 127);
  CHECK(result.err == "run_command: cannot run 'migrate-no-such-program'\n");
}

TEST_CASE("dev-postgres starts a cluster, reports its URL and stop leaves nothing behind",
          "[harness]") {
  const std::string script = MIGRATE_SOURCE_DIR "/scripts/dev-postgres";
  const std::string state_dir = (make_temp_dir("migrate-devpg") / "state-dir").string();
  const CommandResult started = run_command({script, "start", "--state-dir", state_dir});
  REQUIRE(started.exit_code == 0);
  const std::string url = started.out.substr(0, started.out.find('\n'));
  CHECK_THAT(started.out,
             Catch::Matches("postgresql://postgres@127\\.0\\.0\\.1:[0-9]+/postgres\n"));
  const std::filesystem::path cluster_dir = state_value(state_dir + "/state", "base_dir");
  CHECK(std::filesystem::is_directory(cluster_dir / "data"));

  CHECK(run_command({script, "url", "--state-dir", state_dir}).out == url + "\n");
  CHECK(run_command({script, "start", "--state-dir", state_dir}).out == url + "\n");
  CHECK_NOTHROW(execute_sql(url, "SELECT 1"));

  CHECK(run_command({script, "stop", "--state-dir", state_dir}).exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(cluster_dir));
  CHECK_FALSE(std::filesystem::exists(state_dir));
  CHECK(run_command({script, "url", "--state-dir", state_dir}).exit_code == 1);
  CHECK(run_command({script, "stop", "--state-dir", state_dir}).exit_code == 0);
}

}  // namespace migrate::testing
