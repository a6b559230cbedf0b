#include <algorithm>

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
  REQUIRE(live.views.size() == 7);
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

TEST_CASE("functions and triggers are compared in the server's words and rebuilt around changes",
          "[catalog][diff][routines]") {
  const auto db = fresh_database();
  Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  const Schema live = Database(db.url).reflect();
  REQUIRE(live.functions.size() == 9);
  REQUIRE(live.triggers.size() == 5);
  const Function* add_tax =
      live.find_function({"public", "add_tax"}, "price numeric, rate numeric");
  REQUIRE(add_tax);
  CHECK(add_tax->comment == "Price with tax");
  CHECK_THAT(add_tax->definition, Catch::StartsWith("CREATE OR REPLACE FUNCTION public.add_tax("
                                                    "price numeric, rate numeric DEFAULT 0.2)"));
  const Trigger* audit = live.find_trigger({"public", "accounts"}, "accounts_audit");
  REQUIRE(audit);
  CHECK(audit->enabled == TriggerEnabled::disabled);
  CHECK(audit->comment == "Audits inserts");
  // net_price changes signature under a view; a trigger moves to a new function; a body changes.
  for (Function& function : model.functions) {
    if (function.name.name == "net_price") {
      function.definition =
          "CREATE FUNCTION public.net_price(price numeric, rate numeric DEFAULT 0.2) RETURNS "
          "numeric LANGUAGE sql IMMUTABLE RETURN price / (1 + rate)\n";
      function.arguments = "price numeric, rate numeric";
    }
    if (function.name.name == "touch_updated") {
      function.definition =
          "CREATE FUNCTION public.touch_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          "RETURN NEW; END $$\n";
    }
  }
  model.functions.push_back({{"public", "touch_again"},
                             "",
                             false,
                             "CREATE FUNCTION public.touch_again() RETURNS trigger LANGUAGE "
                             "plpgsql AS $$ BEGIN RETURN NEW; END $$\n"});
  for (Trigger& trigger : model.triggers) {
    if (trigger.name == "accounts_touch") {
      trigger.definition =
          "CREATE TRIGGER accounts_touch BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE "
          "FUNCTION touch_again()";
    }
  }
  const auto ops = changes_to(db.url, model);
  const std::string described = describe_all(ops);
  INFO(described);
  CHECK_THAT(described, Catch::Contains("drop view net_prices"));
  CHECK_THAT(described, Catch::Contains("replace function touch_updated()"));
  Database(db.url).execute_in_transaction(render(ops));
  const auto again = changes_to(db.url, model);
  INFO(describe_all(again));
  CHECK(again.empty());
  // And back, by the inverse of what ran.
  std::vector<Operation> back;
  for (auto op = ops.rbegin(); op != ops.rend(); ++op) back.push_back(inverse(*op));
  Database(db.url).execute_in_transaction(render(back));
  const auto restored = changes_to(db.url, load_model_files({every_kind}));
  INFO(describe_all(restored));
  CHECK(restored.empty());
}

TEST_CASE("domains are reflected whole and changed in place, or rebuilt around their columns",
          "[catalog][diff][domains]") {
  const auto db = fresh_database();
  Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  const Schema live = Database(db.url).reflect();
  const Domain* email = live.find_domain({"public", "email_address"});
  REQUIRE(email);
  CHECK(email->type == "citext");
  CHECK_FALSE(email->nullable);
  REQUIRE(email->checks.size() == 2);
  CHECK(email->checks[1].name == "email_address_short");
  CHECK(email->checks[1].not_valid);
  const Domain* positive = live.find_domain({"public", "positive_int"});
  REQUIRE(positive);
  REQUIRE(positive->checks.size() == 1);
  CHECK(positive->checks[0].name == "positive_int_check");
  CHECK(positive->comment == "Strictly positive");
  CHECK(live.find_domain({"public", "label_text"})->collation == "\"C\"");
  CHECK(live.find_table({"public", "subscribers"})->foreign_keys[0].not_valid);
  CHECK(live.find_table({"public", "subscribers"})->checks[0].not_valid);
  CHECK(std::none_of(live.unmanaged.begin(), live.unmanaged.end(),
                     [](const UnmanagedObject& o) { return o.kind == "domain"; }));

  for (Domain& domain : model.domains) {
    if (domain.name.name == "email_address") domain.checks[1].not_valid = false;  // validated
    if (domain.name.name == "happy_mood") domain.checks[0].expression = "VALUE <> 'ok'";
    if (domain.name.name == "positive_int") {
      domain.default_expr = "1";
      domain.checks.push_back({"positive_int_small", "VALUE < 1000000"});
      domain.comment.reset();
    }
    if (domain.name.name == "label_text") domain.nullable = false;
    if (domain.name.name == "plain_year") domain.type = "integer";  // rebuilt around its column
  }
  const auto ops = changes_to(db.url, model);
  const std::string described = describe_all(ops);
  INFO(described);
  CHECK_THAT(described, Catch::Contains("alter domain email_address: validate check "
                                        "email_address_short"));
  // A new check on a domain an array column uses: PostgreSQL cannot check the array's values.
  CHECK_THAT(described, Catch::Contains("drop domain happy_mood"));
  CHECK_THAT(described, Catch::Contains("drop domain plain_year"));
  CHECK_THAT(described, Catch::Contains("alter column subscribers.since: type plain_year -> "
                                        "smallint"));
  Database(db.url).execute_in_transaction(render(ops));
  const auto again = changes_to(db.url, model);
  INFO(describe_all(again));
  CHECK(again.empty());
  Database(db.url).execute_in_transaction(render(inverse(ops)));
  const auto restored = changes_to(db.url, load_model_files({every_kind}));
  INFO(describe_all(restored));
  CHECK(restored.empty());
}

TEST_CASE("how tables and columns are stored is reflected and changed in place",
          "[catalog][diff][storage]") {
  const auto db = fresh_database();
  Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  const Schema live = Database(db.url).reflect();
  const Table* hits = live.find_table({"public", "page_hits"});
  REQUIRE(hits);
  CHECK(hits->unlogged);
  CHECK(hits->storage == std::vector<std::string>{"autovacuum_enabled=false", "fillfactor=70",
                                                  "toast.autovacuum_enabled=false"});
  CHECK(hits->cluster_on == "page_hits_at_idx");
  CHECK(hits->find_column("at")->statistics == 1000);
  CHECK(hits->find_column("body")->storage == "external");
  CHECK(hits->find_column("body")->compression == "pglz");
  CHECK(hits->find_column("tags")->storage == "main");
  CHECK(live.find_table({"public", "archived_pages"})->cluster_on == "archived_pages_pkey");
  CHECK(hits->replica_identity == "full");
  CHECK(live.find_table({"public", "archived_pages"})->replica_identity ==
        "using index archived_pages_pkey");
  CHECK(std::none_of(live.unmanaged.begin(), live.unmanaged.end(), [](const UnmanagedObject& o) {
    return o.kind.find("of table") != std::string::npos ||
           o.kind.find("of column") != std::string::npos;
  }));

  for (Table& table : model.tables) {
    if (table.name.name == "archived_pages") table.replica_identity = "nothing";
    if (table.name.name != "page_hits") continue;
    table.replica_identity.reset();
    table.unlogged = false;
    table.storage = {"fillfactor=90"};
    table.cluster_on.reset();
    for (Column& column : table.columns) {
      if (column.name == "at") column.statistics.reset();
      if (column.name == "body") column.storage.reset(), column.compression.reset();
      if (column.name == "id") column.statistics = 50;
    }
  }
  const auto ops = changes_to(db.url, model);
  const std::string described = describe_all(ops);
  INFO(described);
  CHECK_THAT(described, Catch::Contains("alter table page_hits: set logged, storage "
                                        "(autovacuum_enabled=false, fillfactor=70, "
                                        "toast.autovacuum_enabled=false) -> (fillfactor=90), "
                                        "cluster on page_hits_at_idx -> (none), replica identity "
                                        "full -> default"));
  CHECK_THAT(described, Catch::Contains("alter table archived_pages: replica identity using index "
                                        "archived_pages_pkey -> nothing"));
  CHECK_THAT(described, Catch::Contains("alter column page_hits.body: storage external -> (none), "
                                        "compression pglz -> (none)"));
  Database(db.url).execute_in_transaction(render(ops));
  const auto again = changes_to(db.url, model);
  INFO(describe_all(again));
  CHECK(again.empty());
  Database(db.url).execute_in_transaction(render(inverse(ops)));
  const auto restored = changes_to(db.url, load_model_files({every_kind}));
  INFO(describe_all(restored));
  CHECK(restored.empty());
}

namespace {

Table* table_named(Schema& schema, const std::string& name) {
  for (Table& table : schema.tables) {
    if (table.name.name == name) return &table;
  }
  return nullptr;
}

}  // namespace

TEST_CASE(
    "partitioned tables are reflected with their partitions and changed by attach, detach "
    "or a rebuild",
    "[catalog][diff][partitions]") {
  const auto db = fresh_database();
  Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  const Schema live = Database(db.url).reflect();
  const Table* readings = live.find_table({"public", "readings"});
  REQUIRE(readings);
  CHECK(readings->partition_by == "RANGE (taken_at)");
  const Table* year = live.find_table({"public", "readings_2024"});
  REQUIRE(year);
  CHECK(year->partition_of == QualifiedName{"public", "readings"});
  CHECK(year->bounds == "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')");
  // Its own index only: the copies of its parent's key, check and index are the parent's.
  REQUIRE(year->indexes.size() == 1);
  CHECK(year->indexes[0].name == "readings_2024_sensor_idx");
  CHECK_FALSE(year->primary_key);
  CHECK(year->checks.empty());
  CHECK(live.find_table({"public", "readings_2025"})->partition_by == "LIST (kind)");
  CHECK(live.find_table({"public", "buckets_1"})->bounds ==
        "FOR VALUES WITH (modulus 2, remainder 1)");
  CHECK(live.find_table({"public", "readings_old"})->bounds == "DEFAULT");
  CHECK(std::count_if(live.triggers.begin(), live.triggers.end(),
                      [](const Trigger& t) { return t.table.name == "readings_2024"; }) == 1);
  CHECK(std::none_of(live.unmanaged.begin(), live.unmanaged.end(), [](const UnmanagedObject& o) {
    return o.kind.find("partition") != std::string::npos;
  }));

  // New bounds for two partitions that would overlap if moved one at a time, a partition
  // dropped and another created in its range, a plain table attached, and a table made
  // partitioned.
  table_named(model, "readings_2024")->bounds = "FOR VALUES FROM ('2023-07-01') TO ('2024-07-01')";
  table_named(model, "readings_2025")->bounds = "FOR VALUES FROM ('2024-07-01') TO ('2026-01-01')";
  Table* buckets_1 = table_named(model, "buckets_1");
  buckets_1->name.name = "buckets_one";
  Table* notes = table_named(model, "bucket_notes");
  notes->partition_by = "LIST (note)";
  notes->foreign_keys.clear();
  Table attached{{"public", "readings_2022"}};
  attached.partition_of = QualifiedName{"public", "readings"};
  attached.bounds = "FOR VALUES FROM ('2022-01-01') TO ('2023-01-01')";
  attached.columns = table_named(model, "readings")->columns;
  model.tables.push_back(attached);
  {
    Database database(db.url);
    database.execute_in_transaction(
        {"CREATE TABLE readings_2022 (sensor integer NOT NULL, taken_at timestamptz NOT NULL, "
         "value numeric DEFAULT 0, kind text NOT NULL DEFAULT 'raw', "
         "CONSTRAINT readings_value_check CHECK (value >= 0))",
         "INSERT INTO readings (sensor, taken_at, value) VALUES (1, '2025-03-01', 5)"});
  }
  const auto ops = changes_to(db.url, model);
  const std::string described = describe_all(ops);
  INFO(described);
  CHECK_THAT(described, Catch::Contains("detach partition readings_2024 from readings"));
  CHECK_THAT(described, Catch::Contains("attach partition readings_2025 to readings FOR VALUES "
                                        "FROM ('2024-07-01 00:00:00+00')"));
  CHECK_THAT(described, Catch::Contains("attach partition readings_2022 to readings"));
  CHECK_THAT(described, Catch::Contains("drop table buckets_1"));
  CHECK_THAT(described, Catch::Contains("create table buckets_one"));
  CHECK_THAT(described, Catch::Contains("drop table bucket_notes"));
  CHECK_THAT(described, Catch::Contains("create table bucket_notes"));
  CHECK(std::any_of(ops.begin(), ops.end(), [](const Operation& op) {
    return data_loss(op) == std::optional<std::string>("drops table bucket_notes and its rows");
  }));
  Database(db.url).execute_in_transaction(render(ops));
  const auto again = changes_to(db.url, model);
  INFO(describe_all(again));
  CHECK(again.empty());
  // The row kept its partition, whose bounds moved to take it: it is still there.
  const auto rows = run_command({client_program("psql"), "-XAtq", db.url, "-c",
                                 "SELECT count(*) FROM ONLY readings_2025_raw"});
  CHECK(rows.out == "1\n");
  Database(db.url).execute_in_transaction(render(inverse(ops)));
  // The attached table is detached again: it was not the model's.
  Database(db.url).execute_in_transaction({"DROP TABLE readings_2022"});
  const auto restored = changes_to(db.url, load_model_files({every_kind}));
  INFO(describe_all(restored));
  CHECK(restored.empty());
}

TEST_CASE("comments on constraints, indexes, sequences and domain checks change in place",
          "[catalog][diff][comments]") {
  const auto db = fresh_database();
  Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  const Schema live = Database(db.url).reflect();
  const Table* tickets = live.find_table({"public", "tickets"});
  REQUIRE(tickets);
  CHECK(tickets->primary_key->comment == "One per printed ticket");
  CHECK(tickets->exclusions.at(0).comment == "One at a time");
  REQUIRE(tickets->indexes.size() == 1);
  CHECK(tickets->indexes[0].comment == "Tickets of a holder");
  CHECK(tickets->indexes[0].storage ==
        std::vector<std::string>{"fillfactor=70", "deduplicate_items=off"});
  CHECK(live.find_sequence({"public", "ticket_numbers"})->comment == "Printed on each ticket");
  CHECK(live.find_domain({"public", "ticket_code"})->checks.at(0).comment ==
        "Codes are upper case");

  for (Table& table : model.tables) {
    if (table.name.name != "tickets") continue;
    table.primary_key->comment = "Changed";
    table.uniques[0].comment.reset();
    table.foreign_keys[0].comment = "Who has it";
    table.checks[0].comment = "Positive";
    table.exclusions[0].comment.reset();
    table.indexes[0].comment = "By holder";
  }
  for (Sequence& sequence : model.sequences) {
    if (sequence.name.name == "ticket_numbers") sequence.comment.reset();
  }
  for (Domain& domain : model.domains) {
    if (domain.name.name == "ticket_code") domain.checks[0].comment = "Upper case";
  }
  const auto ops = changes_to(db.url, model);
  INFO(describe_all(ops));
  CHECK(ops.size() == 8);
  CHECK(std::all_of(ops.begin(), ops.end(),
                    [](const Operation& op) { return std::holds_alternative<SetComment>(op); }));
  Database(db.url).execute_in_transaction(render(ops));
  const auto again = changes_to(db.url, model);
  INFO(describe_all(again));
  CHECK(again.empty());
  std::vector<Operation> back;
  for (auto op = ops.rbegin(); op != ops.rend(); ++op) back.push_back(inverse(*op));
  Database(db.url).execute_in_transaction(render(back));
  const auto restored = changes_to(db.url, load_model_files({every_kind}));
  INFO(describe_all(restored));
  CHECK(restored.empty());

  // New storage parameters build the index again, comment and all.
  model = load_model_files({every_kind});
  for (Table& table : model.tables) {
    if (table.name.name == "tickets") table.indexes[0].storage = {"fillfactor=80"};
  }
  const auto rebuilt = changes_to(db.url, model);
  INFO(describe_all(rebuilt));
  CHECK(rebuilt.size() == 2);
  Database(db.url).execute_in_transaction(render(rebuilt));
  const auto settled = changes_to(db.url, model);
  INFO(describe_all(settled));
  CHECK(settled.empty());
}

TEST_CASE("composite types are altered in place, or rebuilt around their columns",
          "[catalog][diff][composite]") {
  const auto db = fresh_database();
  Schema model = load_model_files({every_kind});
  migrate_to(db.url, model);
  const Schema live = Database(db.url).reflect();
  const CompositeType* amount = live.find_composite_type({"public", "money_amount"});
  REQUIRE(amount);
  CHECK(amount->comment == "An amount in a currency");
  REQUIRE(amount->attributes.size() == 2);
  CHECK(amount->attributes[1].type == "character varying(3)");
  CHECK(amount->attributes[1].collation == "\"C\"");
  CHECK(amount->attributes[1].comment == "ISO 4217 code");
  Database(db.url).execute_in_transaction(
      {"INSERT INTO wallets VALUES (1, ROW(5, 'EUR'), ARRAY[ROW(1, 'USD')::money_amount])"});

  const auto apply = [&](const Schema& target) {
    const auto ops = changes_to(db.url, target);
    INFO(describe_all(ops));
    Database(db.url).execute_in_transaction(render(ops));
    const auto again = changes_to(db.url, target);
    INFO(describe_all(again));
    CHECK(again.empty());
    return ops;
  };
  // An attribute added at the end and a comment changed: in place, the rows keep their values.
  for (CompositeType& type : model.composite_types) {
    if (type.name.name == "money_amount") {
      type.attributes.push_back({"rate", "numeric"});
      type.attributes[1].comment = "Currency code";
    }
  }
  const auto added = apply(model);
  REQUIRE(added.size() == 1);
  CHECK_FALSE(std::get<AlterCompositeType>(added[0]).rebuild);
  // A kept attribute changes type while columns use the type: rebuilt, the values cast through
  // text; the function that takes it is created again.
  for (CompositeType& type : model.composite_types) {
    if (type.name.name == "money_amount") type.attributes[0].type = "numeric(14,2)";
  }
  const auto retyped = apply(model);
  const auto rebuilt = std::find_if(retyped.begin(), retyped.end(), [](const Operation& op) {
    const auto* alter = std::get_if<AlterCompositeType>(&op);
    return alter && alter->rebuild;
  });
  REQUIRE(rebuilt != retyped.end());
  CHECK_FALSE(data_loss(*rebuilt));  // each field keeps its value, by name
  const auto rows =
      run_command({client_program("psql"), "-XAtc",
                   "SELECT (balance).value, (history[1]).currency FROM wallets", db.url});
  CHECK(rows.out == "5.00|USD\n");
  // And back to the fixture, then nothing.
  apply(load_model_files({every_kind}));
  apply(Schema{});
}
