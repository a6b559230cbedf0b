#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "migrate/runner.hpp"

#include "cli/project.hpp"

using namespace migrate::testing;
namespace fs = std::filesystem;

namespace {

// Output without its trailing newline.
std::string scalar(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::vector<fs::path> revision_files(const Project& project) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(project.dir / "versions")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The model without post_tags and tags: the blog's first revision.
void keep_users_and_posts(const Project& project) {
  std::string model = read_file(project.dir / "models" / "blog.yaml");
  model = model.substr(0, model.find("  tags:\n"));
  write_file(project.dir / "models" / "blog.yaml", model);
}

}  // namespace

TEST_CASE("autogenerate, upgrade, change, autogenerate, upgrade, downgrade -1, downgrade base",
          "[cli][revision]") {
  const Project project = example_project();
  const std::string full_model = read_file(project.dir / "models" / "blog.yaml");
  const std::string empty_dump = pg_dump_schema(project.database.url);
  keep_users_and_posts(project);

  const auto first =
      project.run({"revision", "--autogenerate", "-m", "users and posts", "--rev-id", "aaa"});
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("create table users"));
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  CHECK(project.run({"check"}).exit_code == 0);
  CHECK(scalar(project.run({"current"}).out) == "aaa (head)");

  write_file(project.dir / "models" / "blog.yaml", full_model);
  const auto second =
      project.run({"revision", "--autogenerate", "-m", "add tags", "--rev-id", "bbb"});
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.out, Catch::Contains("create table tags"));
  const auto upgraded = project.run({"upgrade", "head"});
  REQUIRE(upgraded.exit_code == 0);
  CHECK_THAT(upgraded.out, Catch::Contains("upgrade bbb"));
  CHECK(project.run({"check"}).exit_code == 0);
  const std::string full_dump = pg_dump_schema(project.database.url);

  REQUIRE(project.run({"downgrade", "-1"}).exit_code == 0);
  CHECK(scalar(project.run({"current"}).out) == "aaa");
  CHECK(query(project.database.url, "SELECT to_regclass('tags') IS NULL") == "t");
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  CHECK(pg_dump_schema(project.database.url) == full_dump);

  REQUIRE(project.run({"downgrade", "base"}).exit_code == 0);
  CHECK(scalar(project.run({"current"}).out).empty());
  CHECK(query(project.database.url,
              "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = 'public' AND c.relname NOT LIKE 'migrate\\_%'") == "0");
  CHECK(query(project.database.url, "SELECT count(*) FROM migrate_history") == "6");
  (void)empty_dump;
}

TEST_CASE("autogenerate with nothing to do writes nothing and says so", "[cli][revision]") {
  const Project project = example_project();
  REQUIRE(project.run({"revision", "--autogenerate", "-m", "all", "--rev-id", "a1"}).exit_code ==
          0);
  REQUIRE(project.run({"upgrade"}).exit_code == 0);
  const auto again = project.run({"revision", "--autogenerate", "-m", "nothing"});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("no changes"));
  CHECK(revision_files(project).size() == 1);
}

TEST_CASE("autogenerate refuses when the database is not at head", "[cli][revision]") {
  const Project project = example_project();
  REQUIRE(project.run({"revision", "--autogenerate", "-m", "all", "--rev-id", "a1"}).exit_code ==
          0);
  const auto refused = project.run({"revision", "--autogenerate", "-m", "more"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("not up to date"));
}

TEST_CASE("the --sql script applied with psql leaves what the online run leaves",
          "[cli][revision]") {
  const Project project = example_project();
  keep_users_and_posts(project);
  REQUIRE(project.run({"revision", "--autogenerate", "-m", "first", "--rev-id", "aaa"}).exit_code ==
          0);
  write_file(project.dir / "models" / "blog.yaml",
             read_file(fs::path(MIGRATE_SOURCE_DIR) / "migrations_example/models/blog.yaml"));
  REQUIRE(project.run({"upgrade"}).exit_code == 0);
  REQUIRE(
      project.run({"revision", "--autogenerate", "-m", "second", "--rev-id", "bbb"}).exit_code ==
      0);
  REQUIRE(project.run({"upgrade"}).exit_code == 0);

  const auto offline = fresh_database();
  const auto script = project.run({"upgrade", "head", "--sql"});
  REQUIRE(script.exit_code == 0);
  const fs::path file = project.dir / "upgrade.sql";
  write_file(file, script.out);
  psql_file(offline.url, file.string());
  CHECK(pg_dump_schema(offline.url) == pg_dump_schema(project.database.url));
  CHECK(query(offline.url, "SELECT version_num FROM migrate_version") == "bbb");

  const auto down = project.run({"downgrade", "bbb:aaa", "--sql"});
  REQUIRE(down.exit_code == 0);
  CHECK_THAT(down.out, Catch::Contains("DROP TABLE public.tags"));
}

TEST_CASE("a failing revision leaves nothing of itself and names the operation and SQL",
          "[cli][runner]") {
  const Project project = example_project();
  write_file(project.dir / "versions" / "aaa_ok.yaml",
             "revision: aaa\nparents: []\nmessage: ok\ncreated: 2026-11-24T12:00:00Z\n"
             "upgrade:\n  - sql: {up: \"CREATE TABLE one (id int)\", down: \"DROP TABLE one\"}\n"
             "downgrade:\n  - sql: \"DROP TABLE one\"\n");
  write_file(
      project.dir / "versions" / "bbb_broken.yaml",
      "revision: bbb\nparents: [aaa]\nmessage: broken\ncreated: 2026-11-24T12:00:00Z\n"
      "upgrade:\n  - sql: \"CREATE TABLE two (id int)\"\n  - sql: \"CREATE TABLE three (id int)\"\n"
      "  - sql: \"INSERT INTO missing VALUES (1)\"\ndowngrade: []\n");
  const auto result = project.run({"upgrade", "head"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("upgrade of revision bbb failed at operation 3 (sql)"));
  CHECK_THAT(result.err, Catch::Contains("INSERT INTO missing VALUES (1)"));
  CHECK_THAT(result.err, Catch::Contains("relation \"missing\" does not exist"));
  CHECK(query(project.database.url, "SELECT version_num FROM migrate_version") == "aaa");
  CHECK(query(project.database.url, "SELECT to_regclass('two') IS NULL") == "t");
  CHECK(query(project.database.url, "SELECT to_regclass('one') IS NOT NULL") == "t");
  CHECK(query(project.database.url,
              "SELECT status FROM migrate_history ORDER BY id DESC LIMIT 1") == "failed");
}

TEST_CASE("eight concurrent upgrades apply each revision exactly once", "[cli][runner]") {
  const Project project = example_project();
  REQUIRE(project.run({"revision", "--autogenerate", "-m", "all", "--rev-id", "aaa"}).exit_code ==
          0);
  for (int i = 0; i < 5; ++i) {
    write_file(project.dir / "versions" / ("c" + std::to_string(i) + "_more.yaml"),
               "revision: c" + std::to_string(i) + "\nparents: [" +
                   (i == 0 ? std::string("aaa") : "c" + std::to_string(i - 1)) +
                   "]\nmessage: more\ncreated: 2026-11-24T12:00:00Z\nupgrade:\n"
                   "  - add_column: {table: users, column: extra" +
                   std::to_string(i) +
                   ", type: text}\ndowngrade:\n  - drop_column: {table: users, column: extra" +
                   std::to_string(i) + ", type: text}\n");
  }
  std::vector<CommandResult> results(8);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&project, &result] { result = project.run({"-q", "upgrade", "head"}); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) {
    INFO(result.err);
    CHECK(result.exit_code == 0);
  }
  CHECK(query(project.database.url, "SELECT version_num FROM migrate_version") == "c4");
  CHECK(query(project.database.url,
              "SELECT count(*) = count(DISTINCT revision) AND count(*) = 6 FROM migrate_history") ==
        "t");
}

TEST_CASE("verify names a revision whose file changed after it ran", "[cli][runner]") {
  const Project project = example_project();
  REQUIRE(project.run({"revision", "--autogenerate", "-m", "all", "--rev-id", "aaa"}).exit_code ==
          0);
  REQUIRE(project.run({"upgrade"}).exit_code == 0);
  CHECK(project.run({"verify"}).exit_code == 0);
  const fs::path file = revision_files(project).front();
  std::string text = read_file(file);
  text = std::regex_replace(text, std::regex("varchar|character varying\\(50\\)"),
                            "character varying(60)", std::regex_constants::format_first_only);
  write_file(file, text);
  const auto result = project.run({"verify"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("revision aaa was changed after it ran"));
}

TEST_CASE("a revision that carries a flag does not run until it is resolved", "[cli][runner]") {
  const Project project = example_project();
  write_file(project.dir / "versions" / "aaa_flagged.yaml",
             "revision: aaa\nparents: []\nmessage: flagged\ncreated: 2026-11-24T12:00:00Z\n"
             "upgrade:\n  - sql: {up: \"CREATE TABLE one (id int)\", down: \"DROP TABLE one\"}\n"
             "  - sql: {up: \"DROP TABLE one\", down: \"\", flag: \"data loss: drops table one\"}\n"
             "downgrade: []\n");
  const auto refused = project.run({"upgrade"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("aaa_flagged.yaml:"));
  CHECK_THAT(refused.err, Catch::Contains("data loss: drops table one"));
  CHECK(query(project.database.url, "SELECT to_regclass('one') IS NULL") == "t");
  CHECK(project.run({"upgrade", "--sql"}).exit_code == 1);
}

namespace {

// A revision adding one table, written by hand, on the given parents.
void table_revision(const Project& project, const std::string& id, const std::string& parents,
                    const std::string& extra = "") {
  write_file(project.dir / "versions" / (id + "_" + id + ".yaml"),
             "revision: " + id + "\nparents: [" + parents + "]\n" + extra + "message: add " + id +
                 "\ncreated: 2026-11-24T12:00:00Z\nupgrade:\n  - create_table: {name: t_" + id +
                 ", columns: {id: {type: integer}}}\ndowngrade:\n  - drop_table: {name: t_" + id +
                 ", columns: {id: {type: integer}}}\n");
}

std::set<std::string> tables_of(const Project& project) {
  const std::string list = query(project.database.url,
                                 "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class "
                                 "WHERE relname LIKE 't\\_%' AND relkind = 'r'");
  std::set<std::string> tables;
  std::istringstream in(list);
  for (std::string name; in >> name;) tables.insert(name);
  return tables;
}

}  // namespace

TEST_CASE("check fails when the revision files have two heads", "[cli][revision]") {
  const Project project = example_project();
  table_revision(project, "base1", "");
  table_revision(project, "left", "base1");
  table_revision(project, "right", "base1");
  const auto result = project.run({"check"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("2 heads (left, right)"));
  const auto upgrade = project.run({"upgrade", "head"});
  CHECK(upgrade.exit_code == 2);
  CHECK_THAT(upgrade.err, Catch::Contains("'head' is ambiguous"));
}

TEST_CASE("a branched history with a merge and depends_on runs as Alembic would",
          "[cli][revision]") {
  const Project project = example_project();
  table_revision(project, "root", "");
  table_revision(project, "north", "root", "branch_labels: [north_line]\n");
  table_revision(project, "south", "root", "branch_labels: [south_line]\n");
  table_revision(project, "north2", "north", "depends_on: [south]\n");
  REQUIRE(project.run({"upgrade", "north_line@head"}).exit_code == 0);
  // north2 depends on south: both branches ran.
  CHECK(tables_of(project) == std::set<std::string>{"t_north", "t_north2", "t_root", "t_south"});
  CHECK(query(project.database.url, "SELECT string_agg(version_num, ',') FROM migrate_version") ==
        "north2");
  REQUIRE(project.run({"merge", "-m", "join", "--rev-id", "joined", "heads"}).exit_code == 0);
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  CHECK(scalar(project.run({"current"}).out) == "joined (head) (mergepoint)");
  // Downgrading south's revision undoes what depends on it, and leaves north's own line.
  REQUIRE(project.run({"downgrade", "root"}).exit_code == 0);
  CHECK(tables_of(project) == std::set<std::string>{"t_root"});
  REQUIRE(project.run({"upgrade", "heads"}).exit_code == 0);
  REQUIRE(project.run({"downgrade", "north"}).exit_code == 0);
  CHECK(tables_of(project) == std::set<std::string>{"t_north", "t_root", "t_south"});
  CHECK(query(project.database.url,
              "SELECT string_agg(version_num, ',' ORDER BY version_num) FROM migrate_version") ==
        "north,south");
}

TEST_CASE("a migrator waits for another's lock, then fails naming the holder", "[cli][runner]") {
  const Project project = example_project();
  write_file(project.dir / "migrate.yaml", "lock_timeout_ms: 300\n");
  table_revision(project, "one", "");
  migrate::RunnerOptions options;
  pqxx::connection holder(project.database.url);
  pqxx::nontransaction tx(holder);
  tx.exec("SET application_name = 'long_job'");
  tx.exec_params("SELECT pg_advisory_lock($1)", migrate::advisory_lock_key(options));
  const auto blocked = project.run({"upgrade"});
  CHECK(blocked.exit_code == 1);
  CHECK_THAT(blocked.err,
             Catch::Contains("another migrator holds the lock of public.migrate_version"));
  CHECK_THAT(blocked.err, Catch::Contains("application_name 'long_job'"));
  tx.exec_params("SELECT pg_advisory_unlock($1)", migrate::advisory_lock_key(options));
  CHECK(project.run({"upgrade"}).exit_code == 0);
}

TEST_CASE("with transaction_per: run, a failure keeps nothing of the run", "[cli][runner]") {
  const Project project = example_project();
  write_file(project.dir / "migrate.yaml", "transaction_per: run\n");
  table_revision(project, "one", "");
  write_file(project.dir / "versions" / "two_broken.yaml",
             "revision: two\nparents: [one]\nmessage: broken\ncreated: 2026-11-24T12:00:00Z\n"
             "upgrade:\n  - sql: \"SELECT 1/0\"\ndowngrade: []\n");
  CHECK(project.run({"upgrade"}).exit_code == 1);
  CHECK(query(project.database.url, "SELECT to_regclass('t_one') IS NULL") == "t");
  CHECK(query(project.database.url, "SELECT count(*) FROM migrate_version") == "0");
}

TEST_CASE("a transactional: false revision runs its statements outside a transaction",
          "[cli][runner]") {
  const Project project = example_project();
  table_revision(project, "one", "");
  write_file(project.dir / "versions" / "two_concurrently.yaml",
             "revision: two\nparents: [one]\nmessage: index\ncreated: 2026-11-24T12:00:00Z\n"
             "transactional: false\nupgrade:\n"
             "  - sql: {up: \"CREATE INDEX CONCURRENTLY t_one_id_idx ON t_one (id)\", down: \"DROP "
             "INDEX CONCURRENTLY t_one_id_idx\"}\ndowngrade:\n"
             "  - sql: {up: \"DROP INDEX CONCURRENTLY t_one_id_idx\", down: \"CREATE INDEX "
             "CONCURRENTLY t_one_id_idx ON t_one (id)\"}\n");
  const auto result = project.run({"upgrade"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(query(project.database.url, "SELECT to_regclass('t_one_id_idx') IS NOT NULL") == "t");
  CHECK(project.run({"downgrade", "-1"}).exit_code == 0);
  CHECK(query(project.database.url, "SELECT to_regclass('t_one_id_idx') IS NULL") == "t");
}

TEST_CASE("a --rev-id the reader would refuse is refused before anything is written",
          "[cli][revision]") {
  const Project project = example_project();
  const auto result = project.run({"revision", "-m", "x", "--rev-id", "X-1"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("invalid revision id 'X-1' (expected lowercase letters, "
                                         "digits and '_')"));
  CHECK(revision_files(project).empty());
  CHECK(project.run({"heads"}).exit_code == 0);
}

TEST_CASE("migrate's sessions are named migrate unless the URL names them", "[cli][runner]") {
  const Project project = example_project();
  write_revision(project, "one", "", "record the session's name",
                 sql_op("CREATE TABLE session_name AS SELECT "
                        "current_setting('application_name') AS name"),
                 sql_op("DROP TABLE session_name"));
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  CHECK(query(project.database.url, "SELECT name FROM session_name") == "migrate");
  REQUIRE(project.run({"downgrade", "base"}).exit_code == 0);
  const std::string separator = project.database.url.find('?') == std::string::npos ? "?" : "&";
  const auto named = project.run(
      {"--url", project.database.url + separator + "application_name=nightly", "upgrade", "head"});
  REQUIRE(named.exit_code == 0);
  CHECK(query(project.database.url, "SELECT name FROM session_name") == "nightly");
}

TEST_CASE("a column changed under views, a function and a trigger: autogenerate, up, down",
          "[cli][revision][views][routines]") {
  const Project project = example_project();
  REQUIRE(project.run({"revision", "--autogenerate", "-m", "blog", "--rev-id", "aaa"}).exit_code ==
          0);
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  write_file(project.dir / "models" / "derived.yaml", R"(schema: public
functions:
  - |
    CREATE FUNCTION display_name(u users) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT u.username || ' <' || u.email || '>' $$;
  - |
    CREATE FUNCTION touch_post() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.created_at := now(); RETURN NEW; END $$;
views:
  active_users: SELECT id, username, email FROM users WHERE is_active
  active_authors: |
    SELECT a.username, count(p.id) AS posts
    FROM active_users a JOIN posts p ON p.author_id = a.id GROUP BY a.username
materialized_views:
  author_counts:
    query: SELECT username, posts FROM active_authors
    indexes:
      author_counts_username_key: {columns: [username], unique: true}
triggers:
  - CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch_post()
)");
  const auto second =
      project.run({"revision", "--autogenerate", "-m", "derived", "--rev-id", "bbb"});
  INFO(second.out << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.out, Catch::Contains("create trigger posts_touch on posts"));
  REQUIRE(project.run({"upgrade", "head"}).exit_code == 0);
  CHECK(project.run({"check"}).exit_code == 0);
  const std::string derived_dump = pg_dump_schema(project.database.url);

  // username widens under two levels of views and a materialized view with an index.
  std::string model = read_file(project.dir / "models" / "blog.yaml");
  const std::string before = "username:   {type: varchar(50)";
  REQUIRE(model.find(before) != std::string::npos);
  model.replace(model.find(before), before.size(), "username:   {type: varchar(80)");
  write_file(project.dir / "models" / "blog.yaml", model);
  const auto third = project.run({"revision", "--autogenerate", "-m", "wider", "--rev-id", "ccc"});
  INFO(third.out << third.err);
  REQUIRE(third.exit_code == 0);
  CHECK_THAT(third.out, Catch::Contains("drop materialized view author_counts"));
  CHECK_THAT(third.out, Catch::Contains("drop view active_users"));
  const auto upgraded = project.run({"upgrade", "head"});
  INFO(upgraded.out << upgraded.err);
  REQUIRE(upgraded.exit_code == 0);
  CHECK(project.run({"check"}).exit_code == 0);
  REQUIRE(project.run({"downgrade", "-1"}).exit_code == 0);
  CHECK(pg_dump_schema(project.database.url) == derived_dump);
  REQUIRE(project.run({"downgrade", "-1"}).exit_code == 0);
  CHECK(query(project.database.url,
              "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
              "WHERE n.nspname = 'public'") == "0");
}
