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
