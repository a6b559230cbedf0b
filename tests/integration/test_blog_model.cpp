#include <catch2/catch.hpp>

#include "migrate/model.hpp"

#include "integration/schema_support.hpp"
#include "support/postgres.hpp"

using namespace migrate;
using namespace migrate::testing;

namespace {

const std::string example_models = std::string(MIGRATE_SOURCE_DIR) + "/migrations_example/models";
const std::string blog_sql =
    std::string(MIGRATE_SOURCE_DIR) + "/tests/integration/fixtures/blog_by_hand.sql";

}  // namespace

TEST_CASE("the blog model matches a database a person built by hand in SQL", "[catalog][diff]") {
  const auto db = fresh_database();
  psql_file(db.url, blog_sql);
  const auto ops = changes_to(db.url, load_model_files({example_models}));
  INFO(describe_all(ops));
  CHECK(ops.empty());
}

TEST_CASE("the blog model applied to an empty database leaves no differences", "[catalog][diff]") {
  const auto db = fresh_database();
  const Schema model = load_model_files({example_models});
  migrate_to(db.url, model);
  const auto ops = changes_to(db.url, model);
  INFO(describe_all(ops));
  CHECK(ops.empty());
}

TEST_CASE("the blog built from the model dumps like the blog built by hand", "[catalog][diff]") {
  const auto by_model = fresh_database();
  migrate_to(by_model.url, load_model_files({example_models}));
  const auto by_hand = fresh_database();
  psql_file(by_hand.url, blog_sql);
  CHECK(pg_dump_schema(by_model.url) == pg_dump_schema(by_hand.url));
}

TEST_CASE("a changed model is reported, and the inverse of the change restores the database",
          "[catalog][diff]") {
  const auto db = fresh_database();
  psql_file(db.url, blog_sql);
  const std::string before = pg_dump_schema(db.url);
  Schema model = load_model_files({example_models});
  Table& users = const_cast<Table&>(*model.find_table({"public", "users"}));
  users.columns.push_back({"bio", "text"});
  users.columns[1].type = "character varying(80)";
  const auto ops = changes_to(db.url, model);
  REQUIRE(ops.size() == 2);
  Database(db.url).execute_in_transaction(render(ops));
  CHECK(changes_to(db.url, model).empty());
  Database(db.url).execute_in_transaction(render(inverse(ops)));
  CHECK(pg_dump_schema(db.url) == before);
}

TEST_CASE("a model dumped from a database loads back equal to the reflected schema",
          "[catalog][model]") {
  const auto db = fresh_database();
  psql_file(db.url, blog_sql);
  const Schema live = Database(db.url).reflect();
  CHECK(load_model_text("dump.yaml", write_model_yaml(live)) == live);
}

TEST_CASE("reflection lists objects it does not manage instead of skipping them", "[catalog]") {
  const auto db = fresh_database();
  execute_sql(db.url,
              "CREATE TABLE t (id int); CREATE TYPE span AS RANGE (subtype = int8);"
              "CREATE AGGREGATE total(integer) (sfunc = int4pl, stype = integer);");
  const Schema live = Database(db.url).reflect();
  CHECK(live.unmanaged == std::vector<UnmanagedObject>{{"aggregate", "public.total(integer)"},
                                                       {"range type", "public.span"}});
}
