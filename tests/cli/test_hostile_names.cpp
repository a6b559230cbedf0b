// Names that break naive SQL: reserved words, quotes, spaces, semicolons, dots, unicode and
// 63-byte names, through model -> autogenerate -> upgrade -> check -> --sql -> downgrade base.

#include <catch2/catch.hpp>

#include "cli/project.hpp"

using namespace migrate::testing;

namespace {

// 63 bytes: the longest name PostgreSQL keeps whole. The unicode one counts bytes, not letters.
const std::string long_ascii(63, 'c');
std::string long_unicode() {
  std::string name;
  for (int i = 0; i < 31; ++i) name += "\xc3\xa9";  // é, 2 bytes
  return name + "x";
}

std::string hostile_model(const std::string& long_column) {
  return R"yaml(schema: "Weird Schema"
enums:
  "mood;drop": [happy, "it's", "ü"]
tables:
  order:
    comment: "it's a \"reserved\" word; really"
    columns:
      select: {type: integer, primary_key: true}
      "first name": {type: text, nullable: false, default: "'x;y'", comment: "--not a comment"}
      "we\"ird": {type: "\"mood;drop\"", default: "'it''s'"}
      café: {type: varchar(10), unique: true}
      名前: {type: text, index: true}
      )yaml" +
         long_column + R"yaml(: {type: integer}
      "a.b": {type: integer}
    checks:
      "check;1": "\"first name\" <> ''"
    indexes:
      "idx \"q\"": {expressions: ["lower(\"first name\")"], where: "\"select\" > 0"}
  user:
    columns:
      id: {
type:
  bigint, primary_key : true
}
      "order ref": {type: integer, references: {schema: "Weird Schema", table: order, columns: [select]}, on_delete: cascade}
      )yaml" +
         long_unicode() + R"yaml(: {type: "\"mood;drop\"[]"}
)yaml";
}

}  // namespace

TEST_CASE("hostile names round-trip through autogenerate, upgrade, check and downgrade",
          "[cli][hostile]") {
  const Project project = example_project();
  write_file(project.dir / "models" / "blog.yaml", hostile_model(long_ascii));

  const auto differs = project.run({"check"});
  CHECK(differs.exit_code == 1);
  CHECK_THAT(differs.out, Catch::Contains("create schema \"Weird Schema\""));
  CHECK_THAT(differs.out, Catch::Contains("create table \"Weird Schema\".\"order\""));
  CHECK_THAT(differs.out,
             Catch::Contains("add foreign key constraint \"user_order ref_fkey\" on \"Weird "
                             "Schema\".\"user\""));

  const auto written =
      project.run({"revision", "--autogenerate", "-m", "hostile", "--rev-id", "h1"});
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  const auto upgraded = project.run({"upgrade", "head"});
  INFO(upgraded.err);
  REQUIRE(upgraded.exit_code == 0);
  const auto clean = project.run({"check"});
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(query(project.database.url, "SELECT count(*) FROM pg_attribute WHERE attname IN ('" +
                                        long_ascii + "', '" + long_unicode() +
                                        "', 'we\"ird', 'a.b')") == "4");

  // The offline script leaves the same schema.
  const auto offline = fresh_database();
  const auto script = project.run({"upgrade", "head", "--sql"});
  REQUIRE(script.exit_code == 0);
  write_file(project.dir / "hostile.sql", script.out);
  psql_file(offline.url, (project.dir / "hostile.sql").string());
  CHECK(pg_dump_schema(offline.url) == pg_dump_schema(project.database.url));

  const auto downgraded = project.run({"downgrade", "base"});
  INFO(downgraded.err);
  REQUIRE(downgraded.exit_code == 0);
  CHECK(query(project.database.url,
              "SELECT count(*) FROM pg_namespace WHERE nspname = 'Weird Schema'") == "0");
  CHECK(query(project.database.url, "SELECT count(*) FROM pg_type WHERE typname = 'mood;drop'") ==
        "0");
}

TEST_CASE("a name over 63 bytes is an error, never truncated", "[cli][hostile]") {
  const Project project = example_project();
  write_file(project.dir / "models" / "blog.yaml", hostile_model(std::string(64, 'd')));
  const auto refused = project.run({"check"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("blog.yaml:13:7: column name '" + std::string(64, 'd') +
                                          "' is 64 bytes long; PostgreSQL allows at most 63"));
  // 62 ASCII letters and one 2-byte letter: 63 letters, 64 bytes.
  write_file(project.dir / "models" / "blog.yaml",
             hostile_model(std::string(62, 'e') + "\xc3\xa9"));
  const auto unicode = project.run({"check"});
  CHECK(unicode.exit_code == 2);
  CHECK_THAT(unicode.err, Catch::Contains("is 64 bytes long"));
  CHECK(query(project.database.url,
              "SELECT count(*) FROM pg_namespace WHERE nspname = 'Weird Schema'") == "0");
}
