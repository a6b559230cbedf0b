#include <algorithm>

#include <catch2/catch.hpp>

#include "migrate/render.hpp"

using namespace migrate;

TEST_CASE("identifiers are quoted exactly where PostgreSQL's quote_ident quotes them", "[render]") {
  CHECK(quote_ident("users") == "users");
  CHECK(quote_ident("_x1") == "_x1");
  CHECK(quote_ident("Select") == "\"Select\"");
  CHECK(quote_ident("select") == "\"select\"");
  CHECK(quote_ident("user") == "\"user\"");
  CHECK(quote_ident("name") == "name");  // unreserved keyword
  CHECK(quote_ident("1abc") == "\"1abc\"");
  CHECK(quote_ident("my table") == "\"my table\"");
  CHECK(quote_ident("a\"b") == "\"a\"\"b\"");
  CHECK(quote_ident("drop table x;--") == "\"drop table x;--\"");
  CHECK(quote_ident("café") == "\"café\"");
  CHECK(quote_ident("") == "\"\"");
}

TEST_CASE("literals double quotes and use E'' for backslashes", "[render]") {
  CHECK(quote_literal("it's") == "'it''s'");
  CHECK(quote_literal("a\\b") == "E'a\\\\b'");
}

TEST_CASE("a created table renders its columns, keys and indexes", "[render]") {
  Table table{{"public", "posts"}};
  table.columns = {{"id", "bigint", false, std::nullopt, Identity{IdentityKind::always}},
                   {"title", "character varying(255)", false},
                   {"status", "post_status", false, "'draft'::post_status"}};
  table.primary_key = PrimaryKey{"posts_pkey", {"id"}};
  table.checks = {{"posts_title_check", "(length((title)::text) > 0)"}};
  table.indexes = {Index{"posts_status_idx", false, "btree", {IndexKey{"status"}}, {}, "(id > 1)"}};
  table.comment = "Posts";
  const auto sql = render(CreateTable{table});
  REQUIRE(sql.size() == 3);
  CHECK(sql[0] ==
        "CREATE TABLE public.posts (\n"
        "    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n"
        "    title character varying(255) NOT NULL,\n"
        "    status post_status DEFAULT 'draft'::post_status NOT NULL,\n"
        "    CONSTRAINT posts_pkey PRIMARY KEY (id),\n"
        "    CONSTRAINT posts_title_check CHECK ((length((title)::text) > 0))\n"
        ")");
  CHECK(sql[1] == "CREATE INDEX posts_status_idx ON public.posts (status) WHERE (id > 1)");
  CHECK(sql[2] == "COMMENT ON TABLE public.posts IS 'Posts'");
}

TEST_CASE("hostile names are quoted on every path into SQL", "[render]") {
  const QualifiedName table{"Weird Schema", "drop table\"x"};
  CHECK(render(AddColumn{table, {"select", "text"}}).front() ==
        "ALTER TABLE \"Weird Schema\".\"drop table\"\"x\" ADD COLUMN \"select\" text");
  CHECK(render(RenameColumn{table, "a b", "c;d"}).front() ==
        "ALTER TABLE \"Weird Schema\".\"drop table\"\"x\" RENAME COLUMN \"a b\" TO \"c;d\"");
  CHECK(render(CreateEnum{{{"public", "Mood"}, {"it's"}}}).front() ==
        "CREATE TYPE public.\"Mood\" AS ENUM ('it''s')");
}

TEST_CASE("a foreign key renders its actions and deferrability", "[render]") {
  ForeignKey fk{"post_tags_tag_fk", {"tag_id"}, {"public", "tags"}, {"id"}};
  fk.on_delete = ReferentialAction::cascade;
  fk.deferrable = true;
  CHECK(render(AddConstraint{{"public", "post_tags"}, fk}).front() ==
        "ALTER TABLE public.post_tags ADD CONSTRAINT post_tags_tag_fk FOREIGN KEY (tag_id) "
        "REFERENCES public.tags(id) ON DELETE CASCADE DEFERRABLE");
}

TEST_CASE("a type change converts with an explicit cast unless a using is given", "[render]") {
  AlterColumn alter{{"public", "t"}, "n", Change<std::string>{"text", "integer"}};
  CHECK(render(alter).front() ==
        "ALTER TABLE public.t ALTER COLUMN n TYPE integer USING n::integer");
  alter.using_expr = Change<std::optional<std::string>>{std::nullopt, "trim(n)::integer"};
  CHECK(render(alter).front() ==
        "ALTER TABLE public.t ALTER COLUMN n TYPE integer USING trim(n)::integer");
}

TEST_CASE("added enum values are placed; a removed value rebuilds the type", "[render]") {
  const QualifiedName mood{"public", "mood"};
  CHECK(render(AlterEnumValues{mood, {{"a", "c"}, {"a", "b", "c", "d"}}}) ==
        std::vector<std::string>{"ALTER TYPE public.mood ADD VALUE 'b' AFTER 'a'",
                                 "ALTER TYPE public.mood ADD VALUE 'd' AFTER 'c'"});
  CHECK(render(AlterEnumValues{mood, {{"a"}, {"z", "a"}}}) ==
        std::vector<std::string>{"ALTER TYPE public.mood ADD VALUE 'z' BEFORE 'a'"});
  const auto rebuilt =
      render(AlterEnumValues{mood, {{"a", "b"}, {"a"}}, {{{{"public", "t"}, "m"}, "'a'::mood"}}});
  CHECK(rebuilt ==
        std::vector<std::string>{
            "ALTER TYPE public.mood RENAME TO mood__migrate_old",
            "CREATE TYPE public.mood AS ENUM ('a')",
            "ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT",
            "ALTER TABLE public.t ALTER COLUMN m TYPE public.mood USING m::text::public.mood",
            "ALTER TABLE public.t ALTER COLUMN m SET DEFAULT 'a'::mood",
            "DROP TYPE public.mood__migrate_old"});
}

TEST_CASE("a deferrable primary key says so", "[render]") {
  const QualifiedName t{"public", "t"};
  CHECK(render(AddConstraint{t, PrimaryKey{"t_pkey", {"id"}, true, true}}) ==
        std::vector<std::string>{
            "ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY "
            "DEFERRED"});
}

TEST_CASE("a domain is created with its checks; NOT VALID ones and comments come after",
          "[render]") {
  const Domain domain{
      {"app", "email"},
      "text",
      "\"C\"",
      "'a@b'::text",
      false,
      {{"email_at", "(VALUE ~ '@'::text)"}, {"email_short", "(length(VALUE) < 200)", false, true}},
      "An address"};
  const auto sql = render(CreateDomain{domain});
  REQUIRE(sql.size() == 3);
  CHECK(sql[0] ==
        "CREATE DOMAIN app.email AS text COLLATE \"C\" DEFAULT 'a@b'::text NOT NULL CONSTRAINT "
        "email_at CHECK ((VALUE ~ '@'::text))");
  CHECK(
      sql[1] ==
      "ALTER DOMAIN app.email ADD CONSTRAINT email_short CHECK ((length(VALUE) < 200)) NOT VALID");
  CHECK(sql[2] == "COMMENT ON DOMAIN app.email IS 'An address'");
  CHECK(render(DropDomain{domain}) == std::vector<std::string>{"DROP DOMAIN app.email"});
}

TEST_CASE("a kept domain drops, adds, replaces and validates checks by name", "[render]") {
  const CheckConstraint at{"email_at", "(VALUE ~ '@')"};
  const CheckConstraint short_unchecked{"email_short", "(length(VALUE) < 9)", false, true};
  const CheckConstraint short_checked{"email_short", "(length(VALUE) < 9)"};
  const CheckConstraint gone{"email_old", "(VALUE <> '')"};
  AlterDomain alter{{"public", "email"}};
  alter.checks = Change<std::vector<CheckConstraint>>{
      {at, short_unchecked, gone}, {{"email_at", "(VALUE ~ '@.')"}, short_checked}};
  alter.default_expr = Change<std::optional<std::string>>{"'x'", std::nullopt};
  alter.nullable = Change<bool>{true, false};
  CHECK(render(alter) ==
        std::vector<std::string>{
            "ALTER DOMAIN public.email DROP CONSTRAINT email_at",
            "ALTER DOMAIN public.email DROP CONSTRAINT email_old",
            "ALTER DOMAIN public.email ADD CONSTRAINT email_at CHECK ((VALUE ~ '@.'))",
            "ALTER DOMAIN public.email VALIDATE CONSTRAINT email_short",
            "ALTER DOMAIN public.email DROP DEFAULT",
            "ALTER DOMAIN public.email SET NOT NULL",
        });
  // Back: the validated check cannot be made NOT VALID in place; it is added again so.
  const auto back = render(inverse(Operation{alter}));
  CHECK(std::find(back.begin(), back.end(),
                  "ALTER DOMAIN public.email ADD CONSTRAINT email_short CHECK ((length(VALUE) < "
                  "9)) NOT VALID") != back.end());
}

TEST_CASE("NOT VALID constraints of a created table are added after it, NOT VALID", "[render]") {
  Table table{{"public", "t"}};
  table.columns = {{"a", "integer"}};
  table.checks = {{"t_a_check", "(a > 0)", false, true}};
  const auto sql = render(CreateTable{table});
  REQUIRE(sql.size() == 2);
  CHECK(sql[0] == "CREATE TABLE public.t (\n    a integer\n)");
  CHECK(sql[1] == "ALTER TABLE public.t ADD CONSTRAINT t_a_check CHECK ((a > 0)) NOT VALID");
}

TEST_CASE("a table's storage is said in CREATE TABLE and changed by ALTER TABLE", "[render]") {
  Table table{{"public", "hits"}};
  table.columns = {{"at", "timestamp with time zone"}, {"body", "text"}};
  table.columns[0].statistics = 1000;
  table.columns[1].storage = "external";
  table.columns[1].compression = "pglz";
  table.unlogged = true;
  table.storage = {"fillfactor=70", "toast.autovacuum_enabled=false"};
  table.indexes = {Index{"hits_at_idx", false, "btree", {IndexKey{"at"}}}};
  table.cluster_on = "hits_at_idx";
  const auto sql = render(CreateTable{table});
  REQUIRE(sql.size() == 5);
  CHECK(sql[0] ==
        "CREATE UNLOGGED TABLE public.hits (\n    at timestamp with time zone,\n    body text "
        "COMPRESSION pglz\n)\nWITH (fillfactor=70, toast.autovacuum_enabled=false)");
  CHECK(sql[1] == "ALTER TABLE public.hits ALTER COLUMN at SET STATISTICS 1000");
  CHECK(sql[2] == "ALTER TABLE public.hits ALTER COLUMN body SET STORAGE external");
  CHECK(sql[4] == "ALTER TABLE public.hits CLUSTER ON hits_at_idx");
  AlterTable alter{table.name, Change<bool>{true, false},
                   Change<std::vector<std::string>>{table.storage, {"fillfactor=90"}},
                   Change<std::optional<std::string>>{"hits_at_idx", std::nullopt},
                   Change<std::optional<std::string>>{"full", "using index Hits_key"}};
  CHECK(render(alter) == std::vector<std::string>{
                             "ALTER TABLE public.hits SET LOGGED",
                             "ALTER TABLE public.hits RESET (toast.autovacuum_enabled)",
                             "ALTER TABLE public.hits SET (fillfactor=90)",
                             "ALTER TABLE public.hits SET WITHOUT CLUSTER",
                             "ALTER TABLE public.hits REPLICA IDENTITY USING INDEX \"Hits_key\"",
                         });
  alter.replica_identity = Change<std::optional<std::string>>{"nothing", std::nullopt};
  CHECK(render(alter).back() == "ALTER TABLE public.hits REPLICA IDENTITY DEFAULT");
}

TEST_CASE(
    "a partition is made like its parent and attached, its own indexes after; dropped "
    "detached",
    "[render]") {
  Table parent{{"public", "events"}};
  parent.columns = {{"id", "bigint", false}, {"at", "date", false}};
  parent.partition_by = "RANGE (at)";
  CHECK(render(CreateTable{parent}).front() ==
        "CREATE TABLE public.events (\n    id bigint NOT NULL,\n    at date NOT NULL\n)\n"
        "PARTITION BY RANGE (at)");
  Table partition{{"public", "events_2026"}};
  partition.columns = parent.columns;  // its parent's: not said again
  partition.partition_of = parent.name;
  partition.bounds = "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')";
  partition.partition_by = "LIST (id)";
  partition.checks = {{"events_2026_id_check", "(id > 0)"}};
  partition.indexes = {Index{"events_2026_id_idx", false, "btree", {IndexKey{"id"}}}};
  CHECK(render(CreateTable{partition}) ==
        std::vector<std::string>{
            "CREATE TABLE public.events_2026 (\n    LIKE public.events INCLUDING DEFAULTS "
            "INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING "
            "COMPRESSION,\n    CONSTRAINT events_2026_id_check CHECK ((id > 0))\n)\n"
            "PARTITION BY LIST (id)",
            "ALTER TABLE public.events ATTACH PARTITION public.events_2026 FOR VALUES FROM "
            "('2026-01-01') TO ('2027-01-01')",
            "CREATE INDEX events_2026_id_idx ON public.events_2026 (id)"});
  CHECK(render(DropTable{partition}) ==
        std::vector<std::string>{"ALTER TABLE public.events DETACH PARTITION public.events_2026",
                                 "DROP TABLE public.events_2026"});
  CHECK(render(AttachPartition{parent.name, partition.name, "DEFAULT"}) ==
        std::vector<std::string>{
            "ALTER TABLE public.events ATTACH PARTITION public.events_2026 DEFAULT"});
  CHECK(render(DetachPartition{parent.name, partition.name, "DEFAULT"}) ==
        std::vector<std::string>{"ALTER TABLE public.events DETACH PARTITION public.events_2026"});
}

TEST_CASE("comments on constraints, indexes and sequences follow what they are on", "[render]") {
  Table table{{"app", "t"}};
  table.columns = {{"a", "integer"}};
  table.primary_key = PrimaryKey{.name = "t_pkey", .columns = {"a"}, .comment = "It's the key"};
  table.checks = {
      {.name = "t_a_check", .expression = "(a > 0)", .not_valid = true, .comment = "Positive"}};
  table.indexes = {Index{.name = "t_a_idx",
                         .keys = {IndexKey{"a"}},
                         .where = "(a > 1)",
                         .storage = {"fillfactor=70"},
                         .comment = "Some"}};
  CHECK(render(CreateTable{table}) ==
        std::vector<std::string>{
            "CREATE TABLE app.t (\n    a integer,\n    CONSTRAINT t_pkey PRIMARY KEY (a)\n)",
            "ALTER TABLE app.t ADD CONSTRAINT t_a_check CHECK ((a > 0)) NOT VALID",
            "CREATE INDEX t_a_idx ON app.t (a) WITH (fillfactor=70) WHERE (a > 1)",
            "COMMENT ON INDEX app.t_a_idx IS 'Some'",
            "COMMENT ON CONSTRAINT t_pkey ON app.t IS 'It''s the key'",
            "COMMENT ON CONSTRAINT t_a_check ON app.t IS 'Positive'",
        });
  CHECK(render(AddConstraint{table.name, table.checks[0]}).back() ==
        "COMMENT ON CONSTRAINT t_a_check ON app.t IS 'Positive'");
  CHECK(render(SetComment{CommentTarget::index, {"app", "t_a_idx"}, "", {"Some", std::nullopt}}) ==
        std::vector<std::string>{"COMMENT ON INDEX app.t_a_idx IS NULL"});
  CHECK(render(SetComment{CommentTarget::domain_constraint,
                          {"app", "code"},
                          "code_check",
                          {std::nullopt, "Upper"}}) ==
        std::vector<std::string>{"COMMENT ON CONSTRAINT code_check ON DOMAIN app.code IS 'Upper'"});
  Sequence sequence{{"app", "n"}, "integer"};
  sequence.comment = "Numbers";
  CHECK(render(CreateSequence{sequence}) ==
        std::vector<std::string>{"CREATE SEQUENCE app.n AS integer",
                                 "COMMENT ON SEQUENCE app.n IS 'Numbers'"});
}

TEST_CASE("a composite type is created, altered in place, or rebuilt around its columns",
          "[render]") {
  const CompositeType point{
      {"app", "point"}, {{"x", "integer"}, {"label", "text", "\"C\"", "Shown"}}, "A point"};
  CHECK(render(CreateCompositeType{point}) ==
        std::vector<std::string>{
            "CREATE TYPE app.point AS (x integer, label text COLLATE \"C\")",
            "COMMENT ON TYPE app.point IS 'A point'",
            "COMMENT ON COLUMN app.point.label IS 'Shown'",
        });
  AlterCompositeType alter{point.name, {point.attributes, {{"x", "bigint"}, {"z", "text"}}}};
  CHECK(render(alter) ==
        std::vector<std::string>{
            "ALTER TYPE app.point DROP ATTRIBUTE label, ALTER ATTRIBUTE x TYPE bigint, ADD "
            "ATTRIBUTE z text",
        });
  alter.rebuild = true;
  alter.uses = {TypeUse{{{"public", "t"}, "p"}}};
  CHECK(render(alter) == std::vector<std::string>{
                             "ALTER TYPE app.point RENAME TO point__migrate_old",
                             "CREATE TYPE app.point AS (x bigint, z text)",
                             "ALTER TABLE public.t ALTER COLUMN p TYPE app.point USING CASE "
                             "WHEN p IS NULL THEN NULL ELSE ROW((p).x::bigint, NULL::text)::"
                             "app.point END",
                             "DROP TYPE app.point__migrate_old",
                         });
}
