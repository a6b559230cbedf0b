#include <fstream>

#include <catch2/catch.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;

namespace {

// Builds the project's database from its model with the SQL that `diff --sql` prints.
void build_from_model(const Project& project) {
  const auto sql = project.run({"diff", "--from", project.database.url, "--to", "models", "--sql"});
  REQUIRE(sql.exit_code == 0);
  execute_sql(project.database.url, sql.out);
}

}  // namespace

TEST_CASE("check exits 1 and lists the differences, 0 once the database matches", "[cli][check]") {
  const Project project = example_project();
  const auto before = project.run({"check"});
  CHECK(before.exit_code == 1);
  CHECK_THAT(before.out, Catch::Contains("create table users"));
  build_from_model(project);
  const auto after = project.run({"check"});
  CHECK(after.exit_code == 0);
  CHECK(after.out == "database matches the model (4 tables)\n");
}

TEST_CASE("check --format json gives one object per difference", "[cli][check]") {
  const Project project = example_project();
  build_from_model(project);
  execute_sql(project.database.url, "ALTER TABLE users ADD COLUMN bio text");
  const auto result = project.run({"check", "--format", "json"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("\"kind\": \"drop_column\""));
  CHECK_THAT(result.out,
             Catch::Contains("\"data_loss\": \"drops column users.bio and its values\""));
}

TEST_CASE("check names objects it does not manage on stderr", "[cli][check]") {
  const Project project = example_project();
  build_from_model(project);
  execute_sql(project.database.url, "CREATE TYPE span AS RANGE (subtype = int8)");
  const auto result = project.run({"check"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err,
             Catch::Contains("not managed by migrate, not compared: range type public.span"));
}

TEST_CASE("check finds a domain the model does not declare", "[cli][check][domains]") {
  const Project project = example_project();
  build_from_model(project);
  execute_sql(project.database.url, "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')");
  const auto result = project.run({"check", "--format", "json"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("\"kind\": \"drop_domain\""));
  CHECK_THAT(result.out, Catch::Contains("DROP DOMAIN public.email"));
}

TEST_CASE("check finds a view the model does not declare", "[cli][check][views]") {
  const Project project = example_project();
  build_from_model(project);
  execute_sql(project.database.url, "CREATE VIEW active_users AS SELECT * FROM users");
  const auto result = project.run({"check", "--format", "json"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.out, Catch::Contains("\"kind\": \"drop_view\""));
}

TEST_CASE("a mistake in a model file is exit 2 with file, line and column", "[cli][check]") {
  const Project project = example_project();
  std::ofstream(project.dir / "models" / "extra.yaml")
      << "tables:\n  notes:\n    columns:\n      id: {type: bigint, nulable: false}\n";
  const auto result = project.run({"check"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("models/extra.yaml:4:26: unknown key 'nulable'"));
}

TEST_CASE("diff --sql between two databases makes the first equal to the second", "[cli][diff]") {
  const Project project = example_project();
  build_from_model(project);
  const auto empty = fresh_database();
  const auto sql =
      project.run({"diff", "--from", empty.url, "--to", project.database.url, "--sql"});
  REQUIRE(sql.exit_code == 0);
  execute_sql(empty.url, sql.out);
  CHECK(pg_dump_schema(empty.url) == pg_dump_schema(project.database.url));
}

TEST_CASE("model dump writes a model that check accepts as equal", "[cli][model]") {
  const Project project = example_project();
  build_from_model(project);
  const auto dumped = project.run({"model", "dump", "-o", "dumped"});
  REQUIRE(dumped.exit_code == 0);
  const auto result = project.run({"--config", "migrate.yaml", "check"}, {{"MIGRATE_UNUSED", "1"}});
  CHECK(result.exit_code == 0);
  std::filesystem::remove_all(project.dir / "models");
  std::filesystem::rename(project.dir / "dumped", project.dir / "models");
  CHECK(project.run({"check"}).exit_code == 0);
}

TEST_CASE("model dump -o leaves an edited model alone unless --force", "[cli][model]") {
  const Project project = example_project();
  build_from_model(project);
  REQUIRE(project.run({"model", "dump", "-o", "dumped"}).exit_code == 0);
  const auto file = project.dir / "dumped" / "schema.yaml";
  const std::string dumped = read_file(file);
  // Run again on the same database: nothing to replace.
  const auto again = project.run({"model", "dump", "-o", "dumped"});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("schema.yaml is unchanged"));
  // A hand edit is kept, and named.
  write_file(file, dumped + "# reviewed by hand\n");
  const auto refused = project.run({"model", "dump", "-o", "dumped"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("dumped/schema.yaml exists and differs from the "
                                          "database's schema: not overwritten (--force replaces "
                                          "it)"));
  CHECK(read_file(file) == dumped + "# reviewed by hand\n");
  const auto forced = project.run({"model", "dump", "-o", "dumped", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK(read_file(file) == dumped);
}

TEST_CASE("check says which declared expression the server rejects, and why", "[cli][check]") {
  const Project project = example_project();
  build_from_model(project);
  const auto model = project.dir / "models" / "blog.yaml";
  std::string text = read_file(model);
  const std::string check = "post_tags_distinct_check: \"post_id > 0\"";
  REQUIRE(text.find(check) != std::string::npos);
  text.replace(text.find(check), check.size(), "post_tags_distinct_check: \"post_idd > 0\"");
  write_file(model, text);
  const auto result = project.run({"check"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err,
             Catch::Contains("the server rejects the check constraint post_tags_distinct_check of "
                             "table post_tags (post_idd > 0): column \"post_idd\" does not exist; "
                             "it is compared as written"));
}

TEST_CASE("check --strict and unmanaged: error fail on what migrate does not manage",
          "[cli][check]") {
  const Project project = example_project();
  build_from_model(project);
  execute_sql(project.database.url, "CREATE TYPE span AS RANGE (subtype = int8)");
  CHECK(project.run({"check"}).exit_code == 0);
  const auto strict = project.run({"check", "--strict"});
  CHECK(strict.exit_code == 1);
  CHECK_THAT(strict.out, Catch::Contains("range type public.span"));
  const auto json = project.run({"check", "--format", "json"});
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.out, Catch::Contains("\"unmanaged\""));
  std::ofstream(project.dir / "migrate.yaml", std::ios::app) << "unmanaged: error\n";
  CHECK(project.run({"check"}).exit_code == 1);
}

TEST_CASE("model dump warns of each column whose type the model cannot hold", "[cli][model]") {
  const Project project = example_project();
  build_from_model(project);
  execute_sql(project.database.url,
              "CREATE TYPE \"Span\" AS RANGE (subtype = int); ALTER TABLE users ADD COLUMN backup "
              "\"Span\"[]");
  const auto dumped = project.run({"model", "dump"});
  CHECK(dumped.exit_code == 0);
  CHECK_THAT(dumped.err, Catch::Contains("column users.backup is of type \"Span\"[], which the "
                                         "model cannot hold yet"));
}
