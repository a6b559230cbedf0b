#include <catch2/catch.hpp>

#include "migrate/model.hpp"

#include "integration/schema_support.hpp"
#include "support/postgres.hpp"

using namespace migrate;
using namespace migrate::testing;

namespace {

const std::string every_kind =
    std::string(MIGRATE_SOURCE_DIR) + "/tests/integration/fixtures/every_kind";

}  // namespace

TEST_CASE("every object kind round-trips: model, created, reflected, no differences",
          "[catalog][diff]") {
  const auto db = fresh_database();
  const Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  const auto ops = changes_to(db.url, model);
  INFO(describe_all(ops));
  CHECK(ops.empty());
}

TEST_CASE("every object kind dumps to a model that loads back equal", "[catalog][model]") {
  const auto db = fresh_database();
  migrate_to(db.url, load_model_files({every_kind}));
  const Schema live = Database(db.url).reflect();
  const Schema reloaded = load_model_text("dump.yaml", write_model_yaml(live));
  CHECK(reloaded == live);
}

TEST_CASE("dropping every object kind leaves an empty database", "[catalog][diff]") {
  const auto db = fresh_database();
  const std::string empty = pg_dump_schema(db.url);
  migrate_to(db.url, load_model_files({every_kind}));
  migrate_to(db.url, Schema{});
  CHECK(pg_dump_schema(db.url) == empty);
}

TEST_CASE("views are compared in the server's words and rebuilt around what they read",
          "[catalog][diff][views]") {
  const auto db = fresh_database();
  Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  // What the server made of the declared queries is what it reflects.
  const Schema live = Database(db.url).reflect();
  REQUIRE(live.views.size() == 5);
  const View* emails = live.find_view({"public", "account_emails"});
  REQUIRE(emails);
  CHECK(emails->security_barrier);
  CHECK(emails->comment == "Who ordered what");
  CHECK_THAT(emails->query, Catch::StartsWith("SELECT a.email,"));
  CHECK_FALSE(live.find_view({"public", "empty_counts"})->with_data);
  CHECK(live.find_view({"public", "order_counts"})->indexes.size() == 1);
  // Columns the views read change type (one under two levels of views, one under a
  // materialized view with an index): the dependents are dropped and created again around them.
  for (Table& table : model.tables) {
    for (Column& column : table.columns) {
      if (table.name.name == "accounts" && column.name == "email") column.type = "text";
      if (table.name.name == "orders" && column.name == "account_id") column.type = "bigint";
    }
  }
  const auto ops = changes_to(db.url, model);
  INFO(describe_all(ops));
  Database(db.url).execute_in_transaction(render(ops));
  const auto again = changes_to(db.url, model);
  INFO(describe_all(again));
  CHECK(again.empty());
}
