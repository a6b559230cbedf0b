// The graph's listings and version-table commands as a user runs them: heads, branches, history,
// show, current and stamp on a branched, merged, labeled graph; JSON events; the history table.

#include <iterator>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;
namespace fs = std::filesystem;

namespace {

// aaa111 branches into bbb222 (north) -> ccc333 and ddd444 (south) -> eee555; fff666 merges
// ccc333 and eee555; a second base ggg777 (other) depends on north, named by its label.
Project labeled_graph() {
  Project project = example_project();
  write_revision(project, "aaa111", "parents: []\n", "a");
  write_revision(project, "bbb222", "parents: [aaa111]\nbranch_labels: [north]\n", "b");
  write_revision(project, "ccc333", "parents: [bbb222]\n", "c");
  write_revision(project, "ddd444", "parents: [aaa111]\nbranch_labels: [south]\n", "d");
  write_revision(project, "eee555", "parents: [ddd444]\n", "e");
  write_revision(project, "fff666", "parents: [ccc333, eee555]\n", "join");
  write_revision(project, "ggg777", "parents: []\nbranch_labels: [other]\ndepends_on: [north]\n",
                 "other base");
  return project;
}

std::string rows(const Project& project) {
  return query(project.database.url,
               "SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '') "
               "FROM migrate_version");
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("heads, branches and history list a labeled, branched and merged graph", "[cli][graph]") {
  const Project project = labeled_graph();
  const auto heads = project.run({"heads"});
  REQUIRE(heads.exit_code == 0);
  CHECK(heads.out ==
        "fff666 (north, south) (head) (mergepoint)\n"
        "ggg777 (other) (head)\n");
  CHECK(project.run({"heads", "--resolve-dependencies"}).out == heads.out);

  CHECK(project.run({"branches"}).out ==
        "aaa111 (branchpoint)\n"
        "             -> bbb222 (north)\n"
        "             -> ddd444 (south)\n"
        "\n");

  CHECK(project.run({"history"}).out ==
        "<base> (north) -> ggg777 (other) (head), other base\n"
        "ccc333, eee555 -> fff666 (north, south) (head) (mergepoint), join\n"
        "ddd444 -> eee555 (south), e\n"
        "aaa111 -> ddd444 (south), d\n"
        "bbb222 -> ccc333 (north), c\n"
        "aaa111 -> bbb222 (north), b\n"
        "<base> -> aaa111 (branchpoint), a\n");
  CHECK(project.run({"history", "-r", "ddd444:eee555"}).out ==
        "ddd444 -> eee555 (south), e\n"
        "aaa111 -> ddd444 (south), d\n");

  const auto show = project.run({"show", "ggg"});
  REQUIRE(show.exit_code == 0);
  CHECK_THAT(show.out, Catch::StartsWith("Revision: ggg777 (other) (head)\nParents: <base>\n"
                                         "Depends on: north\n"));
}

TEST_CASE("a depends_on label runs the labeled revision first, and current shows it",
          "[cli][graph]") {
  const Project project = labeled_graph();
  const auto upgraded = project.run({"upgrade", "other"});
  INFO(upgraded.err);
  REQUIRE(upgraded.exit_code == 0);
  CHECK(upgraded.out.find("upgrade aaa111") < upgraded.out.find("upgrade bbb222"));
  CHECK(upgraded.out.find("upgrade bbb222") < upgraded.out.find("upgrade ggg777"));
  CHECK(rows(project) == "ggg777");
  CHECK(project.run({"current"}).out == "bbb222\nggg777 (head)\n");
  CHECK_THAT(project.run({"history", "--indicate-current"}).out,
             Catch::Contains("<base> (north) -> ggg777 (other) (head) (current), other base\n"));

  // revision --depends-on keeps a label as written, as Alembic does.
  const auto written = project.run({"revision", "-m", "needs south", "--rev-id", "hhh888", "--head",
                                    "ggg777", "--depends-on", "south"});
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  CHECK_THAT(read_file(project.dir / "versions" / "hhh888_needs_south.yaml"),
             Catch::Contains("depends_on: [south]"));
  REQUIRE(project.run({"upgrade", "hhh888"}).exit_code == 0);
  // ddd444 lies below hhh888 through depends_on: the one row is hhh888.
  CHECK(rows(project) == "hhh888");
  CHECK(project.run({"current"}).out == "bbb222\nddd444\nhhh888 (head)\n");
}

TEST_CASE("stamp rewrites the version table without running anything", "[cli][graph]") {
  const Project project = labeled_graph();
  REQUIRE(project.run({"upgrade", "other"}).exit_code == 0);
  const std::string history_rows =
      query(project.database.url, "SELECT count(*) FROM migrate_history");
  REQUIRE(project.run({"stamp", "eee555"}).exit_code == 0);
  CHECK(rows(project) == "eee555,ggg777");
  REQUIRE(project.run({"stamp", "heads"}).exit_code == 0);
  CHECK(rows(project) == "fff666,ggg777");
  REQUIRE(project.run({"stamp", "base"}).exit_code == 0);
  CHECK(rows(project).empty());
  REQUIRE(project.run({"stamp", "--purge", "ccc333"}).exit_code == 0);
  CHECK(rows(project) == "ccc333");
  const auto refused = project.run({"stamp", "-1"});
  CHECK(refused.exit_code == 2);
  CHECK(query(project.database.url, "SELECT count(*) FROM migrate_history") == history_rows);
}

TEST_CASE("a graph error points at the file, line and column", "[cli][graph]") {
  const Project project = example_project();
  write_revision(project, "aaa", "parents: [zzz]\n", "broken");
  const auto result = project.run({"heads"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("aaa_r.yaml:2:10: parent 'zzz' of revision 'aaa' names "
                                         "no revision"));
  write_revision(project, "aaa", "parents: [bbb]\n", "one");
  write_revision(project, "bbb", "parents: []\ndepends_on: [aaa]\n", "two");
  const auto cycle = project.run({"history"});
  CHECK(cycle.exit_code == 2);
  CHECK_THAT(cycle.err,
             Catch::Contains("bbb_r.yaml:3:13: revision graph has a cycle: aaa -> bbb -> aaa"));
}

TEST_CASE("--format json prints one event per step, and the error that ended the run",
          "[cli][graph]") {
  const Project project = labeled_graph();
  const auto upgraded = project.run({"--format", "json", "upgrade", "north"});
  REQUIRE(upgraded.exit_code == 0);
  const auto events = json_lines(upgraded.out);
  REQUIRE(events.size() == 2);
  CHECK(events[0]["event"] == "upgrade");
  CHECK(events[0]["revision"] == "aaa111");
  CHECK(events[1]["revision"] == "bbb222");
  CHECK(events[1]["message"] == "b");
  CHECK(events[1]["duration_ms"].is_number_integer());

  const auto refused = project.run({"upgrade", "head", "--format", "json"});
  CHECK(refused.exit_code == 2);
  const auto error = json_lines(refused.out);
  REQUIRE(error.size() == 1);
  CHECK(error[0]["event"] == "error");
  CHECK(error[0]["exit_code"] == 2);
  CHECK_THAT(error[0]["message"].get<std::string>(), Catch::Contains("'head' is ambiguous"));
  CHECK(project.run({"-q", "upgrade", "heads"}).out.empty());
}

TEST_CASE("the history table can be renamed, and its times cover the statements that ran",
          "[cli][runner]") {
  const Project project = example_project();
  write_file(project.dir / "migrate.yaml", "history_table: audit_log\n");
  write_revision(project, "slow", "parents: []\n", "slow",
                 "\n  - sql: {up: \"SELECT pg_sleep(0.3)\", down: \"\"}");
  write_revision(project, "broken", "parents: [slow]\n", "broken",
                 "\n  - sql: {up: \"SELECT pg_sleep(0.2)\", down: \"\"}\n"
                 "  - sql: {up: \"SELECT 1/0\", down: \"\"}");
  CHECK(project.run({"upgrade"}).exit_code == 1);
  CHECK(query(project.database.url, "SELECT to_regclass('migrate_history') IS NULL") == "t");
  CHECK(query(project.database.url,
              "SELECT string_agg(format('%s %s %s', revision, status, duration_ms >= CASE "
              "revision WHEN 'slow' THEN 300 ELSE 200 END AND finished_at - started_at = "
              "duration_ms * interval '1 millisecond'), ',' ORDER BY id) FROM audit_log") ==
        "slow ok t,broken failed t");
  CHECK_THAT(project.run({"check"}).out, !Catch::Contains("audit_log"));
  write_file(project.dir / "migrate.yaml", "version_table: audit_log\nhistory_table: audit_log\n");
  const auto refused = project.run({"current"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("migrate.yaml:2:16: 'history_table' and "
                                          "'version_table' must name different tables"));
}

TEST_CASE("with transaction_per: run, a transactional: false revision commits what ran before it",
          "[cli][runner]") {
  const Project project = example_project();
  write_file(project.dir / "migrate.yaml", "transaction_per: run\n");
  write_revision(project, "one", "parents: []\n", "table",
                 "\n  - sql: {up: \"CREATE TABLE t_one (id int)\", down: \"DROP TABLE t_one\"}");
  write_revision(project, "two", "parents: [one]\ntransactional: false\n", "index",
                 "\n  - sql: {up: \"CREATE INDEX CONCURRENTLY t_one_idx ON t_one (id)\", down: "
                 "\"DROP INDEX CONCURRENTLY t_one_idx\"}");
  write_revision(project, "three", "parents: [two]\n", "table two",
                 "\n  - sql: {up: \"CREATE TABLE t_two (id int)\", down: \"DROP TABLE t_two\"}");
  write_revision(project, "four", "parents: [three]\n", "broken",
                 "\n  - sql: {up: \"SELECT 1/0\", down: \"\"}");
  const auto result = project.run({"upgrade"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("upgrade of revision four failed at operation 1 (sql)"));
  // one and two are kept; three shared the failed transaction with four.
  CHECK(rows(project) == "two");
  CHECK(query(project.database.url, "SELECT to_regclass('t_one_idx') IS NOT NULL") == "t");
  CHECK(query(project.database.url, "SELECT to_regclass('t_two') IS NULL") == "t");
  CHECK(query(project.database.url,
              "SELECT string_agg(revision || ' ' || status, ',' ORDER BY id) FROM "
              "migrate_history") == "one ok,two ok,four failed");
}

TEST_CASE("heads reads the revision files each time and sees every edit", "[cli][graph]") {
  const Project project = labeled_graph();
  const auto first = project.run({"heads"});
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == "fff666 (north, south) (head) (mergepoint)\nggg777 (other) (head)\n");
  // The merge edited to have one parent: eee555 becomes a head again.
  write_revision(project, "fff666", "parents: [ccc333]\n", "join");
  const auto edited = project.run({"heads"});
  REQUIRE(edited.exit_code == 0);
  CHECK(edited.out == "eee555 (south) (head)\nfff666 (north) (head)\nggg777 (other) (head)\n");
}
