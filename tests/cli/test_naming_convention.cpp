// naming_convention in migrate.yaml, end to end: the names it makes are the names created, and
// check compares against them.

#include <catch2/catch.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;

TEST_CASE("a naming convention's names are created by autogenerate and compared by check",
          "[cli][naming]") {
  const Project project = example_project();
  write_file(
      project.dir / "migrate.yaml",
      "naming_convention:\n  primary_key: pk_{table}\n  unique: uq_{table}_{columns}\n"
      "  foreign_key: fk_{table}_{column_0}_{referred_table}\n  index: ix_{table}_{columns}\n");
  const auto written = project.run({"revision", "--autogenerate", "-m", "blog", "--rev-id", "aaa"});
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  CHECK_THAT(written.out, Catch::Contains("add foreign key constraint fk_posts_author_id_users"));
  REQUIRE(project.run({"upgrade"}).exit_code == 0);
  CHECK(project.run({"check"}).exit_code == 0);
  CHECK(query(project.database.url,
              "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint c JOIN "
              "pg_class t ON t.oid = c.conrelid WHERE t.relname = 'users'") ==
        "pk_users,uq_users_email,uq_users_username");
  CHECK(query(project.database.url, "SELECT to_regclass('ix_users_username') IS NOT NULL") == "t");

  // Without the convention, the model asks for PostgreSQL's names: check sees the renames.
  write_file(project.dir / "migrate.yaml", "");
  const auto differs = project.run({"check"});
  CHECK(differs.exit_code == 1);
  CHECK_THAT(differs.out, Catch::Contains("rename constraint pk_users on users to users_pkey"));
}
