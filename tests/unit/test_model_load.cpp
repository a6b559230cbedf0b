#include <string>

#include <catch2/catch.hpp>

#include "migrate/error.hpp"
#include "migrate/model.hpp"

using namespace migrate;

namespace {

// The example of DESIGN.md §3.
const char* const blog_model = R"y(schema: public
enums:
  post_status: [draft, published, archived]
tables:
  users:
    comment: Registered accounts
    columns:
      id:         {type: bigint, identity: always, primary_key: true}
      username:   {type: varchar(50), nullable: false, unique: true, index: true}
      email:      {type: varchar(255), nullable: false, unique: true}
      is_active:  {type: boolean, nullable: false, default: "true"}
      created_at: {type: timestamptz, nullable: false, default: now()}
  posts:
    columns:
      id:         {type: bigint, identity: always, primary_key: true}
      status:     {type: post_status, nullable: false, default: "'draft'"}
      author_id:  {type: bigint, nullable: false, references: users.id, on_delete: cascade}
      title:      {type: varchar(255), nullable: false}
      created_at: {type: timestamptz, nullable: false, default: now()}
    indexes:
      posts_author_id_created_at_idx: {columns: [author_id, created_at]}
      posts_published_idx: {columns: [created_at], where: "status = 'published'"}
      posts_lower_title_idx: {expressions: ["lower(title)"], unique: true, method: btree}
  post_tags:
    columns:
      post_id: {type: bigint, nullable: false}
      tag_id:  {type: integer, nullable: false}
    primary_key: [post_id, tag_id]
    foreign_keys:
      - {columns: [post_id], references: posts(id), on_delete: cascade}
      - {name: post_tags_tag_fk, columns: [tag_id], references: tags(id), deferrable: true}
    unique:
      - {columns: [tag_id, post_id]}
    checks:
      post_tags_distinct_check: "post_id > 0"
)y";

Column column(const std::string& name, const std::string& type, bool nullable = true) {
  Column result;
  result.name = name;
  result.type = type;
  result.nullable = nullable;
  return result;
}

Column with_default(Column column, const std::string& expression) {
  column.default_expr = expression;
  return column;
}

Column identity_always(Column column) {
  column.identity = Identity{IdentityKind::always, {}};
  return column;
}

Table expected_users() {
  Table users;
  users.name = {"public", "users"};
  users.comment = "Registered accounts";
  users.columns = {identity_always(column("id", "bigint", false)),
                   column("username", "character varying(50)", false),
                   column("email", "character varying(255)", false),
                   with_default(column("is_active", "boolean", false), "true"),
                   with_default(column("created_at", "timestamp with time zone", false), "now()")};
  users.primary_key = PrimaryKey{"users_pkey", {"id"}};
  users.uniques = {UniqueConstraint{.name = "users_email_key", .columns = {"email"}},
                   UniqueConstraint{.name = "users_username_key", .columns = {"username"}}};
  users.indexes = {Index{.name = "users_username_idx", .keys = {IndexKey{.column = "username"}}}};
  return users;
}

Table expected_posts() {
  Table posts;
  posts.name = {"public", "posts"};
  posts.columns = {identity_always(column("id", "bigint", false)),
                   with_default(column("status", "post_status", false), "'draft'"),
                   column("author_id", "bigint", false),
                   column("title", "character varying(255)", false),
                   with_default(column("created_at", "timestamp with time zone", false), "now()")};
  posts.primary_key = PrimaryKey{"posts_pkey", {"id"}};
  posts.foreign_keys = {ForeignKey{.name = "posts_author_id_fkey",
                                   .columns = {"author_id"},
                                   .referenced_table = {"public", "users"},
                                   .referenced_columns = {"id"},
                                   .on_delete = ReferentialAction::cascade}};
  posts.indexes = {
      Index{.name = "posts_author_id_created_at_idx",
            .keys = {IndexKey{.column = "author_id"}, IndexKey{.column = "created_at"}}},
      Index{.name = "posts_lower_title_idx",
            .unique = true,
            .keys = {IndexKey{.expression = "lower(title)"}}},
      Index{.name = "posts_published_idx",
            .keys = {IndexKey{.column = "created_at"}},
            .where = "status = 'published'"}};
  return posts;
}

Table expected_post_tags() {
  Table post_tags;
  post_tags.name = {"public", "post_tags"};
  post_tags.columns = {column("post_id", "bigint", false), column("tag_id", "integer", false)};
  post_tags.primary_key = PrimaryKey{"post_tags_pkey", {"post_id", "tag_id"}};
  post_tags.uniques = {
      UniqueConstraint{.name = "post_tags_tag_id_post_id_key", .columns = {"tag_id", "post_id"}}};
  post_tags.foreign_keys = {ForeignKey{.name = "post_tags_post_id_fkey",
                                       .columns = {"post_id"},
                                       .referenced_table = {"public", "posts"},
                                       .referenced_columns = {"id"},
                                       .on_delete = ReferentialAction::cascade},
                            ForeignKey{.name = "post_tags_tag_fk",
                                       .columns = {"tag_id"},
                                       .referenced_table = {"public", "tags"},
                                       .referenced_columns = {"id"},
                                       .deferrable = true}};
  post_tags.checks = {CheckConstraint{"post_tags_distinct_check", "post_id > 0"}};
  return post_tags;
}

}  // namespace

TEST_CASE("the design document's blog model loads into the expected schema", "[model]") {
  const Schema schema = load_model_text("blog.yaml", blog_model);
  Schema expected;
  expected.enums = {Enum{{"public", "post_status"}, {"draft", "published", "archived"}, {}}};
  expected.tables = {expected_post_tags(), expected_posts(), expected_users()};
  REQUIRE(schema.tables.size() == 3);
  CHECK(schema.tables[0] == expected.tables[0]);
  CHECK(schema.tables[1] == expected.tables[1]);
  CHECK(schema.tables[2] == expected.tables[2]);
  CHECK(schema == expected);
}

TEST_CASE("unnamed constraints and indexes get PostgreSQL's default names", "[model]") {
  const Schema schema = load_model_text("blog.yaml", blog_model);
  const Table& users = *schema.find_table({"public", "users"});
  CHECK(users.primary_key->name == "users_pkey");
  CHECK(users.uniques[0].name == "users_email_key");
  CHECK(users.uniques[1].name == "users_username_key");
  CHECK(users.indexes[0].name == "users_username_idx");
  const Table& post_tags = *schema.find_table({"public", "post_tags"});
  CHECK(post_tags.foreign_keys[0].name == "post_tags_post_id_fkey");
  CHECK(post_tags.uniques[0].name == "post_tags_tag_id_post_id_key");
}

TEST_CASE("a naming convention names what the model leaves unnamed", "[model]") {
  const NamingConvention convention = {{"primary_key", "pk_{table}"},
                                       {"unique", "uq_{table}_{columns}"},
                                       {"foreign_key", "fk_{table}_{column_0}_{referred_table}"},
                                       {"index", "ix_{table}_{columns}"}};
  const Schema schema = load_model_text("blog.yaml", blog_model, convention);
  const Table& users = *schema.find_table({"public", "users"});
  CHECK(users.primary_key->name == "pk_users");
  CHECK(users.uniques[0].name == "uq_users_email");
  CHECK(users.indexes[0].name == "ix_users_username");
  const Table& post_tags = *schema.find_table({"public", "post_tags"});
  CHECK(post_tags.foreign_keys[0].name == "fk_post_tags_post_id_posts");
  CHECK(post_tags.foreign_keys[1].name == "post_tags_tag_fk");  // named in the model: kept
  // No check template: PostgreSQL's name.
  CHECK(post_tags.checks[0].name == "post_tags_distinct_check");
}

TEST_CASE("a naming convention's name that clashes or is too long is an error at the object",
          "[model]") {
  const std::string model =
      "tables:\n  a:\n    columns:\n      id: {type: int, primary_key: true}\n"
      "      x: {type: int, unique: true}\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", model, {{"unique", "{table}"}}),
                    Catch::Contains("m.yaml:5:") &&
                        Catch::Contains("name 'a' of unique constraint on table a is already used "
                                        "by table a"));
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", model,
                      {{"primary_key", std::string(60, 'p') + "_{table}_{columns}"}}),
      Catch::Contains("m.yaml:4:") &&
          Catch::Contains("naming_convention.primary_key makes the name '" + std::string(60, 'p') +
                          "_a_id' for the primary key on table a, 65 bytes long"));
}

TEST_CASE("columns keep the order they are written in", "[model]") {
  const Schema schema = load_model_text("blog.yaml", blog_model);
  const Table& users = *schema.find_table({"public", "users"});
  std::vector<std::string> names;
  for (const Column& c : users.columns) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"id", "username", "email", "is_active", "created_at"});
}

TEST_CASE("primary key and identity columns are not null", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  a:
    columns:
      x: {type: int}
      y: {type: int}
      z: {type: int, identity: by_default}
    primary_key: {name: a_key, columns: [y, x]}
)y");
  const Table& a = schema.tables.at(0);
  CHECK_FALSE(a.columns[0].nullable);
  CHECK_FALSE(a.columns[1].nullable);
  CHECK_FALSE(a.columns[2].nullable);
  CHECK(a.primary_key == PrimaryKey{"a_key", {"y", "x"}});
}

TEST_CASE("primary_key on several columns makes one composite key in column order", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  t:
    columns:
      b: {type: int, primary_key: true}
      a: {type: int, primary_key: true}
)y");
  CHECK(schema.tables.at(0).primary_key == PrimaryKey{"t_pkey", {"b", "a"}});
}

TEST_CASE("a serial column becomes an integer with an owned sequence", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  counters:
    columns:
      id: {type: serial, primary_key: true}
      big: {type: BIGSERIAL}
      small: {type: serial2}
)y");
  const Table& table = schema.tables.at(0);
  CHECK(table.columns[0] ==
        with_default(column("id", "integer", false), "nextval('counters_id_seq'::regclass)"));
  CHECK(table.columns[1] ==
        with_default(column("big", "bigint", false), "nextval('counters_big_seq'::regclass)"));
  CHECK(table.columns[2].type == "smallint");
  REQUIRE(schema.sequences.size() == 3);
  CHECK(schema.sequences[0] == Sequence{{"public", "counters_big_seq"},
                                        "bigint",
                                        {},
                                        ColumnRef{{"public", "counters"}, "big"}});
  CHECK(schema.sequences[1].name.name == "counters_id_seq");
  CHECK(schema.sequences[1].type == "integer");
  CHECK(schema.sequences[2].type == "smallint");
}

TEST_CASE("a serial sequence in another schema is qualified in its default", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
schema: app
tables:
  counters:
    columns:
      id: {type: serial}
)y");
  CHECK(schema.schemas == std::vector<std::string>{"app"});
  CHECK(schema.tables.at(0).name == QualifiedName{"app", "counters"});
  CHECK(schema.tables.at(0).columns[0].default_expr == "nextval('app.counters_id_seq'::regclass)");
  CHECK(schema.sequences.at(0).owned_by == ColumnRef{{"app", "counters"}, "id"});
}

TEST_CASE("a serial sequence's name avoids a declared sequence's", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
sequences:
  users_id_seq: {type: integer}
tables:
  users:
    columns:
      id: {type: serial}
)y");
  CHECK(schema.tables.at(0).columns[0].default_expr == "nextval('users_id_seq1'::regclass)");
  CHECK(schema.find_sequence({"public", "users_id_seq1"}) != nullptr);
}

TEST_CASE("a default name that is taken in the schema gets a number", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  a:
    columns:
      b_c: {type: int, unique: true}
  a_b:
    columns:
      c: {type: int, unique: true}
)y");
  CHECK(schema.find_table({"public", "a"})->uniques.at(0).name == "a_b_c_key");
  CHECK(schema.find_table({"public", "a_b"})->uniques.at(0).name == "a_b_c_key1");
}

TEST_CASE("a unique constraint identical to the primary key is not created twice", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  t:
    columns:
      id: {type: int, primary_key: true, unique: true}
)y");
  CHECK(schema.tables.at(0).uniques.empty());
  CHECK(schema.tables.at(0).primary_key->name == "t_pkey");
}

TEST_CASE("unnamed indexes are named after their columns or expressions", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  posts:
    columns:
      title: {type: text}
      body: {type: text}
    indexes:
      - {expressions: ["lower(title)"]}
      - {columns: [title, body DESC NULLS LAST], include: [body]}
      - {expressions: ["title || body"]}
)y");
  const auto& indexes = schema.tables.at(0).indexes;
  REQUIRE(indexes.size() == 3);
  CHECK(indexes[0].name == "posts_expr_idx");
  CHECK(indexes[1].name == "posts_lower_idx");
  CHECK(indexes[2].name == "posts_title_body_body1_idx");
  CHECK(indexes[2].keys[1] == IndexKey{.column = "body", .descending = true, .nulls_first = false});
}

TEST_CASE("unnamed checks are named after the one column they mention", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  items:
    columns:
      price: {type: "numeric(10, 2)", check: "price > 0"}
      discount: {type: numeric}
    checks:
      - "discount < price"
      - {expression: "discount >= 0"}
)y");
  const auto& checks = schema.tables.at(0).checks;
  REQUIRE(checks.size() == 3);
  CHECK(checks[0] == CheckConstraint{"items_check", "discount < price"});
  CHECK(checks[1] == CheckConstraint{"items_discount_check", "discount >= 0"});
  CHECK(checks[2] == CheckConstraint{"items_price_check", "price > 0"});
  CHECK(schema.tables.at(0).columns[0].type == "numeric(10,2)");
}

TEST_CASE("references take the column shorthand, the table form and a mapping", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  t:
    columns:
      a: {type: int, references: users.id, on_update: set null}
      b: {type: int, references: "app.users(id)", on_delete: SET_DEFAULT}
      c: {type: int, references: {schema: app, table: "my.table", columns: [id]}}
    foreign_keys:
      - {name: t_pair_fk, columns: [a, b], references: "pairs(x, y)", match: full}
)y");
  const auto& keys = schema.tables.at(0).foreign_keys;
  REQUIRE(keys.size() == 4);
  CHECK(keys[0].name == "t_a_fkey");
  CHECK(keys[0].referenced_table == QualifiedName{"public", "users"});
  CHECK(keys[0].on_update == ReferentialAction::set_null);
  CHECK(keys[1].referenced_table == QualifiedName{"app", "users"});
  CHECK(keys[1].on_delete == ReferentialAction::set_default);
  CHECK(keys[2].referenced_table == QualifiedName{"app", "my.table"});
  CHECK(keys[3].referenced_columns == std::vector<std::string>{"x", "y"});
  CHECK(keys[3].match == MatchType::full);
}

TEST_CASE("an enum of the file's own schema is qualified in column types", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
schema: app
enums:
  mood: {values: [happy, sad], comment: How one feels}
tables:
  people:
    columns:
      mood: {type: mood}
      moods: {type: "mood[]"}
      other: {type: public.mood}
)y");
  const Table& people = schema.tables.at(0);
  CHECK(people.columns[0].type == "app.mood");
  CHECK(people.columns[1].type == "app.mood[]");
  CHECK(people.columns[2].type == "mood");
  CHECK(schema.enums.at(0) == Enum{{"app", "mood"}, {"happy", "sad"}, "How one feels"});
}

TEST_CASE("an empty model file declares nothing", "[model]") {
  CHECK(load_model_text("empty.yaml", "") == Schema{});
  CHECK(load_model_text("empty.yaml", "# nothing yet\n") == Schema{});
}

TEST_CASE("YAML anchors, aliases and merge keys can share column definitions", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  a:
    columns:
      id: &id {type: bigint, nullable: false}
      created: &stamp {type: timestamptz, default: now()}
  b:
    columns:
      id: *id
      updated: {<<: *stamp, nullable: false}
)y");
  const Table& b = *schema.find_table({"public", "b"});
  CHECK(b.columns[0] == column("id", "bigint", false));
  CHECK(b.columns[1] ==
        with_default(column("updated", "timestamp with time zone", false), "now()"));
}

TEST_CASE("sequences, extensions, identity options and column details are read", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
extensions:
  pgcrypto:
  citext: {schema: ext}
sequences:
  order_no: {type: int, start: 1000, increment: 2, min_value: 1, max_value: 99999, cache: 10,
             cycle: true, owned_by: orders.no}
tables:
  orders:
    columns:
      no: {type: bigint, identity: {kind: always, start: 5, cycle: true}}
      total: {type: int, generated: "no * 2", comment: doubled}
      name: {type: text, collation: C, default: 0, renamed_from: title}
)y");
  CHECK(schema.extensions ==
        std::vector<Extension>{Extension{"citext", "ext"}, Extension{"pgcrypto", "public"}});
  CHECK(schema.schemas == std::vector<std::string>{"ext"});
  // min_value 1 is the default for an ascending sequence: it reads as unset, as reflection does.
  SequenceOptions options{1000, 2, std::nullopt, 99999, 10, true};
  CHECK(
      schema.sequences.at(0) ==
      Sequence{{"public", "order_no"}, "integer", options, ColumnRef{{"public", "orders"}, "no"}});
  const Table& orders = schema.tables.at(0);
  CHECK(orders.columns[0].identity ==
        Identity{IdentityKind::always, SequenceOptions{.start = 5, .cycle = true}});
  CHECK(orders.columns[1].generated == "no * 2");
  CHECK(orders.columns[1].comment == "doubled");
  CHECK(orders.columns[2].collation == "\"C\"");  // spelled as the catalog spells it
  CHECK(orders.columns[2].default_expr == "0");
}

TEST_CASE("a partition takes its parent's columns and lists only its own constraints", "[model]") {
  const Schema schema = load_model_text("m.yaml", R"y(
tables:
  events_2026:
    partition_of: app.events
    bounds: FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')
    partition_by: LIST (kind)
    checks:
      events_2026_kind_check: kind <> ''
  events_2026_rest:
    partition_of: events_2026
    bounds: DEFAULT
---
schema: app
tables:
  events:
    columns:
      id: {type: bigint, identity: always}
      kind: {type: text, nullable: false, comment: What happened, renamed_from: type}
    partition_by: RANGE (id)
)y");
  const Table* parent = schema.find_table({"app", "events"});
  REQUIRE(parent);
  CHECK(parent->partition_by == "RANGE (id)");
  const Table* partition = schema.find_table({"public", "events_2026"});
  REQUIRE(partition);
  CHECK(partition->partition_of == QualifiedName{"app", "events"});
  CHECK(partition->bounds == "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
  CHECK(partition->partition_by == "LIST (kind)");
  REQUIRE(partition->columns.size() == 2);
  // As PostgreSQL gives a partition its columns: no identity, comment or rename of the parent's.
  CHECK_FALSE(partition->columns[0].identity);
  CHECK_FALSE(partition->columns[1].nullable);
  CHECK_FALSE(partition->columns[1].comment);
  CHECK_FALSE(partition->columns[1].renamed_from);
  CHECK(schema.find_table({"public", "events_2026_rest"})->columns.size() == 2);
}

TEST_CASE("partitioning mistakes name the file, line and column", "[model]") {
  const auto error_of = [](const std::string& tables) {
    try {
      load_model_text("m.yaml",
                      "tables:\n  events:\n    columns:\n      id: {type: bigint}\n" + tables);
    } catch (const FileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("  e1:\n    partition_of: events\n") ==
        "m.yaml:6:5: missing key 'bounds' in table e1 (a partition's 'FOR VALUES ...' or "
        "'DEFAULT', as pg_dump writes it)");
  CHECK(error_of("  e1:\n    bounds: DEFAULT\n") ==
        "m.yaml:6:5: 'bounds' needs 'partition_of' in "
        "table e1");
  CHECK(error_of("  e1:\n    partition_of: events\n    bounds: DEFAULT\n    columns:\n"
                 "      id: {type: bigint}\n") ==
        "m.yaml:8:5: 'columns' conflicts with 'partition_of' in table e1: a partition's columns "
        "are those of its parent");
  CHECK(error_of("  e1:\n    partition_of: events\n    bounds: DEFAULT\n") ==
        "m.yaml:6:19: table e1 is a partition of table events, which has no 'partition_by'");
  CHECK(error_of("  e1:\n    partition_of: nowhere\n    bounds: DEFAULT\n") ==
        "m.yaml:6:19: table e1 is a partition of table 'nowhere', which no model file defines");
  CHECK(
      error_of("  e1:\n    partition_of: e2\n    bounds: DEFAULT\n    partition_by: LIST (id)\n"
               "  e2:\n    partition_of: e1\n    bounds: DEFAULT\n    partition_by: LIST (id)\n") ==
      "m.yaml:6:19: table e1 is, through its parents, a partition of itself");
  CHECK(error_of("  e1:\n    partition_of: events\n    bounds: DEFAULT\n    checks:\n"
                 "      - id > 0\n") ==
        "m.yaml:9:9: name the check constraint of partition e1: PostgreSQL names it after its "
        "parent's columns, which the partition does not list");
  CHECK(error_of("  e1:\n    partition_by: ' '\n    columns:\n      id: {type: bigint}\n") ==
        "m.yaml:6:19: empty 'partition_by' in table e1");
}

TEST_CASE("a replica identity is default, full, nothing or an index", "[model]") {
  const auto identity_of = [](const std::string& value) {
    const Schema schema = load_model_text(
        "m.yaml", "tables:\n  t:\n    replica_identity: " + value +
                      "\n    columns:\n      id: {type: bigint, primary_key: true}\n");
    return schema.tables.front().replica_identity;
  };
  CHECK(identity_of("default") == std::nullopt);
  CHECK(identity_of("FULL") == "full");
  CHECK(identity_of("nothing") == "nothing");
  CHECK(identity_of("using index t_pkey") == "using index t_pkey");
  CHECK_THROWS_WITH(identity_of("some"),
                    "m.yaml:3:23: expected default, full, nothing or 'using "
                    "index NAME' for 'replica_identity' in table t");
}
