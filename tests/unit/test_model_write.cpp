#include <string>

#include <catch2/catch.hpp>

#include "migrate/model.hpp"

using namespace migrate;

namespace {

const char* const blog_model = R"y(enums:
  post_status: [draft, published, archived]
tables:
  users:
    comment: Registered accounts
    columns:
      id:         {type: bigint, identity: always, primary_key: true}
      username:   {type: varchar(50), nullable: false, unique: true, index: true}
      is_active:  {type: boolean, nullable: false, default: "true"}
  posts:
    columns:
      id:         {type: serial, primary_key: true}
      status:     {type: post_status, nullable: false, default: "'draft'"}
      author_id:  {type: bigint, nullable: false, references: users.id, on_delete: cascade}
      title:      {type: varchar(255), nullable: false}
    indexes:
      posts_lower_title_idx: {expressions: ["lower(title)"], unique: true, method: btree}
    checks:
      - "length(title) > 0"
)y";

Column column(const std::string& name, const std::string& type) {
  Column result;
  result.name = name;
  result.type = type;
  return result;
}

Table orders_table() {
  Table table;
  table.name = {"public", "orders"};
  table.comment = "Orders,\nall of them: \"quoted\" & 'single'";
  Column no = column("no", "bigint");
  no.nullable = false;
  no.identity = Identity{IdentityKind::always, SequenceOptions{5, 2, std::nullopt, 1000, 3, true}};
  Column total = column("total", "integer");
  total.generated = "no * 2";
  total.nullable = false;  // a primary key column
  Column name = column("Select", "text");
  name.collation = "\"C\"";
  name.comment = "# not a comment";
  name.default_expr = "'x: y'";
  Column flag = column("true", "boolean");
  flag.default_expr = "true";
  Column merge = column("<<", "mood[]");
  merge.default_expr = "null";
  table.columns = {no,
                   total,
                   name,
                   flag,
                   merge,
                   column("my col", "app.status"),
                   column("mood", "mood"),
                   column("n", "numeric(10,2)")};
  table.primary_key = PrimaryKey{"orders_primary", {"no", "total"}};
  table.uniques = {UniqueConstraint{"orders_u", {"Select", "my col"}, true, true, true},
                   UniqueConstraint{"orders_v", {"n"}, false, false, false}};
  table.foreign_keys = {ForeignKey{"orders_fk",
                                   {"n"},
                                   {"app", "my.table"},
                                   {"id"},
                                   ReferentialAction::set_null,
                                   ReferentialAction::cascade,
                                   MatchType::full,
                                   true,
                                   true},
                        ForeignKey{"orders_fk2",
                                   {"total", "no"},
                                   {"public", "pairs"},
                                   {"a", "b"},
                                   ReferentialAction::restrict,
                                   ReferentialAction::set_default,
                                   MatchType::simple,
                                   false,
                                   false},
                        ForeignKey{"orders_fk3", {"n"}, {"app", "people"}, {"id"}}};
  table.checks = {CheckConstraint{"orders_n_check", "n > 0"},
                  CheckConstraint{"orders_true_check", "\"true\" OR NOT \"true\""}};
  table.exclusions = {ExclusionConstraint{"orders_excl", "EXCLUDE USING gist (n WITH =)", "Alone"}};
  table.uniques[1].comment = "Once";
  table.indexes = {Index{"orders_gin",
                         false,
                         "gin",
                         {IndexKey{.expression = "to_tsvector('simple', \"Select\")"}},
                         {},
                         std::nullopt,
                         false,
                         {"fastupdate=off"},
                         "Searches"},
                   Index{"orders_keys",
                         true,
                         "btree",
                         {IndexKey{.column = "n", .descending = true, .nulls_first = false},
                          IndexKey{.column = "total", .nulls_first = true},
                          IndexKey{.column = "my col", .descending = true, .nulls_first = true},
                          IndexKey{.expression = "lower(\"Select\")",
                                   .opclass = "text_pattern_ops",
                                   .collation = "\"C\""},
                          IndexKey{.column = "no", .opclass = "int8_ops"}},
                         {"mood"},
                         "n > 0 AND \"Select\" <> 'x'",
                         true}};
  return table;
}

Schema every_field_schema() {
  Schema schema;
  schema.schemas = {"app", "empty_namespace", "ext"};
  schema.schema_comments = {{"app", "The application's"}};
  schema.extensions = {Extension{"citext", "ext"}, Extension{"pgcrypto", "public"}};
  schema.enums = {Enum{{"app", "mood"}, {"x"}, {}},
                  Enum{{"app", "status"}, {"new", "done"}, "Where\nit stands"},
                  Enum{{"public", "mood"}, {"happy", "sad", "with space", "true"}, {}}};
  schema.sequences = {
      Sequence{{"app", "counter"}, "bigint", {}, {}, "Counts"},
      Sequence{{"public", "order_no"},
               "integer",
               SequenceOptions{std::nullopt, std::nullopt, std::nullopt, 100, std::nullopt, true},
               ColumnRef{{"public", "orders"}, "total"}},
      Sequence{{"public", "odd"}, "smallint", {}, ColumnRef{{"public", "orders"}, "my col"}}};
  schema.composite_types = {
      CompositeType{{"app", "pair"}, {{"a", "app.mood"}, {"b", "text", "\"C\"", "Second"}}, "Two"},
      CompositeType{{"public", "empty"}, {}}};
  Table people;
  people.name = {"app", "people"};
  schema.domains = {Domain{{"app", "email"},
                           "ext.citext",
                           "\"C\"",
                           "'a@b'::ext.citext",
                           false,
                           {{"email_at", "(VALUE ~ '@'::ext.citext)"},
                            {"email_short", "(length((VALUE)::text) < 200)", false, true, "Short"}},
                           "An address"},
                    Domain{{"app", "year"}, "app.mood"}, Domain{{"public", "year"}, "integer"}};
  people.columns = {column("id", "integer"),
                    column("feeling", "mood"),
                    column("app_feeling", "app.mood"),
                    column("status", "app.status[]"),
                    column("born", "year"),
                    column("local_year", "app.year[]"),
                    column("email", "app.email"),
                    column("pairs", "app.pair[]")};
  people.checks = {{"people_born_check", "(born > 1900)", false, true}};
  people.unlogged = true;
  people.storage = {"fillfactor=70", "toast.autovacuum_enabled=false"};
  people.cluster_on = "people_pkey";
  people.columns[0].statistics = 500;
  people.columns[6].storage = "main";
  people.columns[6].compression = "lz4";
  people.columns[0].nullable = false;
  people.columns[2].renamed_from = "old_feeling";
  people.renamed_from = "persons";
  people.primary_key = PrimaryKey{"people_pkey", {"id"}, true, false, "Who"};
  people.checks[0].comment = "Born in a year";
  people.foreign_keys = {ForeignKey{.name = "people_fk",
                                    .columns = {"id"},
                                    .referenced_table = {"public", "orders"},
                                    .referenced_columns = {"no"},
                                    .not_valid = true,
                                    .comment = "Its order"}};
  Table dotted;
  dotted.name = {"app", "my.table"};
  dotted.columns = {column("id", "integer")};
  schema.tables = {people, dotted, orders_table()};
  sort_schema(schema);
  return schema;
}

}  // namespace

TEST_CASE("a model written as YAML loads back equal", "[model]") {
  const Schema schema = load_model_text("blog.yaml", blog_model);
  const std::string written = write_model_yaml(schema);
  INFO(written);
  CHECK(load_model_text("dump.yaml", written) == schema);
}

TEST_CASE("written models name every constraint and write columns as flow maps", "[model]") {
  const std::string written = write_model_yaml(load_model_text("blog.yaml", blog_model));
  using Catch::Contains;
  CHECK_THAT(written, Contains("      id: {type: bigint, nullable: false, identity: always}\n"));
  CHECK_THAT(written, Contains("primary_key: {name: users_pkey, columns: [id]}"));
  CHECK_THAT(written, Contains("- {name: users_username_key, columns: [username]}"));
  CHECK_THAT(written, Contains("users_username_idx: {columns: [username]}"));
  CHECK_THAT(written, Contains("posts_title_check: length(title) > 0"));
  CHECK_THAT(written, Contains("default: \"true\""));
  // serial is not reversed: the sequence and its default are written out.
  CHECK_THAT(written, Contains("default: nextval('posts_id_seq'::regclass)"));
  CHECK_THAT(written, Contains("posts_id_seq: {type: integer, owned_by: posts.id}"));
}

TEST_CASE("a schema using every model field loads back equal after writing", "[model]") {
  const Schema schema = every_field_schema();
  const std::string written = write_model_yaml(schema);
  INFO(written);
  const Schema loaded = load_model_text("dump.yaml", written);
  REQUIRE(loaded.tables.size() == schema.tables.size());
  for (std::size_t i = 0; i < schema.tables.size(); ++i)
    CHECK(loaded.tables[i] == schema.tables[i]);
  CHECK(loaded.enums == schema.enums);
  CHECK(loaded.domains == schema.domains);
  CHECK(loaded.sequences == schema.sequences);
  CHECK(loaded.extensions == schema.extensions);
  CHECK(loaded.schemas == schema.schemas);
  CHECK(loaded == schema);
}

TEST_CASE("each schema of a written model is a YAML document of its own", "[model]") {
  const std::string written = write_model_yaml(every_field_schema());
  CHECK_THAT(written, Catch::Contains("---\nschema: app\n"));
  CHECK_THAT(written, Catch::Contains("---\nschema: ext\nextensions: [citext]\n"));
  // public's enum, written inside app's document where app.mood would be taken instead.
  CHECK_THAT(written, Catch::Contains("feeling: {type: public.mood}"));
}

TEST_CASE("an empty schema writes a model that declares nothing", "[model]") {
  CHECK(load_model_text("empty.yaml", write_model_yaml(Schema{})) == Schema{});
}
