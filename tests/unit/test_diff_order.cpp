// How the plan orders what PostgreSQL refuses in another order: type changes under defaults and
// checks, keys replaced under foreign keys, sequence bounds that leave out the start.
#include <algorithm>

#include <catch2/catch.hpp>

#include "migrate/diff.hpp"
#include "migrate/flags.hpp"
#include "migrate/render.hpp"

using namespace migrate;

namespace {

Schema one_table(Table table) {
  Schema schema;
  schema.tables = {std::move(table)};
  return schema;
}

std::vector<std::string> statements(const std::vector<Operation>& ops) {
  std::vector<std::string> sql;
  for (const Operation& op : ops) {
    for (std::string& statement : render(op)) sql.push_back(std::move(statement));
  }
  return sql;
}

}  // namespace

TEST_CASE("a column changing type loses its default before and gets it back after", "[diff]") {
  Table before{{"public", "t"}};
  before.columns = {{"status", "text", true, "'draft'::text"}};
  Table after{{"public", "t"}};
  after.columns = {{"status", "integer", true, "'draft'::text"}};
  CHECK(statements(diff(one_table(before), one_table(after))) ==
        std::vector<std::string>{
            "ALTER TABLE public.t ALTER COLUMN status DROP DEFAULT",
            "ALTER TABLE public.t ALTER COLUMN status TYPE integer USING status::integer",
            "ALTER TABLE public.t ALTER COLUMN status SET DEFAULT 'draft'::text"});
  // With a new default, the new one is set.
  after.columns[0].default_expr = "0";
  CHECK(statements(diff(one_table(before), one_table(after))).back() ==
        "ALTER TABLE public.t ALTER COLUMN status SET DEFAULT 0");
  // The inverse restores the old default after the old type.
  const auto ops = diff(one_table(before), one_table(after));
  CHECK(statements(inverse(ops)) ==
        std::vector<std::string>{
            "ALTER TABLE public.t ALTER COLUMN status DROP DEFAULT",
            "ALTER TABLE public.t ALTER COLUMN status TYPE text USING status::text",
            "ALTER TABLE public.t ALTER COLUMN status SET DEFAULT 'draft'::text"});
}

TEST_CASE("a check written for the old type goes before a type change, its successor after",
          "[diff]") {
  Table before{{"public", "t"}};
  before.columns = {{"n", "text"}};
  before.checks = {{"t_n_check", "(n > '0'::text)"}};
  Table after{{"public", "t"}};
  after.columns = {{"n", "integer"}};
  after.checks = {{"t_n_check", "(n > 0)"}};
  const auto sql = statements(diff(one_table(before), one_table(after)));
  CHECK(sql == std::vector<std::string>{
                   "ALTER TABLE public.t DROP CONSTRAINT t_n_check",
                   "ALTER TABLE public.t ALTER COLUMN n TYPE integer USING n::integer",
                   "ALTER TABLE public.t ADD CONSTRAINT t_n_check CHECK ((n > 0))"});
}

TEST_CASE("a foreign key on a unique key replaced by a primary key is dropped and added again",
          "[diff]") {
  Table parent{{"public", "parent"}};
  parent.columns = {{"id", "integer", false}};
  parent.uniques = {{"parent_id_key", {"id"}}};
  Table child{{"public", "child"}};
  child.columns = {{"parent_id", "integer"}};
  child.foreign_keys = {
      ForeignKey{"child_parent_id_fkey", {"parent_id"}, {"public", "parent"}, {"id"}}};
  Schema before;
  before.tables = {child, parent};
  Schema after = before;
  after.tables[1].uniques.clear();
  after.tables[1].primary_key = PrimaryKey{"parent_pkey", {"id"}};
  const auto sql = statements(diff(before, after));
  const auto at = [&](const std::string& statement) {
    const auto found = std::find(sql.begin(), sql.end(), statement);
    REQUIRE(found != sql.end());
    return found - sql.begin();
  };
  REQUIRE(sql.size() == 4);
  const auto drop_fk = at("ALTER TABLE public.child DROP CONSTRAINT child_parent_id_fkey");
  const auto drop_key = at("ALTER TABLE public.parent DROP CONSTRAINT parent_id_key");
  const auto add_key = at("ALTER TABLE public.parent ADD CONSTRAINT parent_pkey PRIMARY KEY (id)");
  const auto add_fk =
      at("ALTER TABLE public.child ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY (parent_id) "
         "REFERENCES public.parent(id)");
  CHECK(drop_fk < drop_key);
  // Not before the old key is gone: the server could tie the foreign key to its index.
  CHECK(add_fk > drop_key);
  CHECK(add_fk > add_key);
  // A renamed key keeps its foreign keys.
  Schema renamed = before;
  renamed.tables[1].uniques[0].name = "parent_key";
  CHECK(statements(diff(before, renamed)) ==
        std::vector<std::string>{
            "ALTER TABLE public.parent RENAME CONSTRAINT parent_id_key TO parent_key"});
}

TEST_CASE("identity bounds that leave out the start restart the sequence, flagged", "[diff]") {
  Table before{{"public", "t"}};
  before.columns = {{"id", "bigint", false}};
  before.columns[0].identity = Identity{IdentityKind::always, {3, 4, 2, 9, 5, false}};
  Table after = before;
  after.columns[0].identity = Identity{IdentityKind::by_default, {30, 40, 1, 90, 50, true}};
  const auto up = diff(one_table(before), one_table(after));
  CHECK_FALSE(statements(up).back().ends_with(" RESTART"));  // 3 is within 1..90
  const auto down = diff(one_table(after), one_table(before));
  CHECK(statements(down) ==
        std::vector<std::string>{
            "ALTER TABLE public.t ALTER COLUMN id SET GENERATED ALWAYS SET INCREMENT BY 4 SET "
            "MINVALUE 2 SET MAXVALUE 9 SET START WITH 3 SET CACHE 5 SET NO CYCLE RESTART"});
  const auto flagged = flag_operations(down);
  REQUIRE(flagged.size() == 1);
  CHECK_THAT(flagged[0].flag.value_or(""),
             Catch::StartsWith("restarts the identity sequence of t.id"));
}

TEST_CASE("a NO INHERIT check differs from the same check inheritable", "[diff]") {
  Table before{{"public", "t"}};
  before.columns = {{"n", "integer"}};
  before.checks = {{"t_n_check", "(n > 0)"}};
  Table after = before;
  after.checks[0].no_inherit = true;
  CHECK(statements(diff(one_table(before), one_table(after))) ==
        std::vector<std::string>{
            "ALTER TABLE public.t DROP CONSTRAINT t_n_check",
            "ALTER TABLE public.t ADD CONSTRAINT t_n_check CHECK ((n > 0)) NO INHERIT"});
}

TEST_CASE("a serial turned identity loses its default and sequence before the identity comes",
          "[diff]") {
  Sequence serial{{"public", "t_id_seq"}, "integer"};
  serial.owned_by = ColumnRef{{"public", "t"}, "id"};
  Table before{{"public", "t"}};
  before.columns = {{"id", "integer", false, "nextval('t_id_seq'::regclass)"}};
  Schema a = one_table(before);
  a.sequences = {serial};
  Table after{{"public", "t"}};
  after.columns = {{"id", "integer", false}};
  after.columns[0].identity = Identity{IdentityKind::always};
  const Schema b = one_table(after);
  const auto up = statements(diff(a, b));
  REQUIRE(up.size() >= 3);
  CHECK(up.back() == "ALTER TABLE public.t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY");
  CHECK(std::find(up.begin(), up.end(), "DROP SEQUENCE public.t_id_seq") != up.end());
  // And back: the identity goes before the serial's sequence is created under its name.
  const auto down = statements(diff(b, a));
  REQUIRE(!down.empty());
  CHECK(down.front() == "ALTER TABLE public.t ALTER COLUMN id DROP IDENTITY");
}

TEST_CASE("an enum gaining a value that the migration uses is rebuilt, not extended", "[diff]") {
  Schema a;
  a.enums = {Enum{{"public", "mood"}, {"ok", "sad"}}};
  Table table{{"public", "t"}};
  table.columns = {{"m", "mood"}};
  a.tables = {table};
  Schema b = a;
  b.enums[0].values = {"ok", "meh", "sad"};
  const auto only_added = statements(diff(a, b));
  CHECK(only_added ==
        std::vector<std::string>{"ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'ok'"});
  b.tables[0].columns[0].default_expr = "'meh'::mood";
  const auto used = diff(a, b);
  REQUIRE(std::holds_alternative<AlterEnumValues>(used[0]));
  CHECK(std::get<AlterEnumValues>(used[0]).rebuild);
  CHECK(statements(used) ==
        std::vector<std::string>{"ALTER TYPE public.mood RENAME TO mood__migrate_old",
                                 "CREATE TYPE public.mood AS ENUM ('ok', 'meh', 'sad')",
                                 "ALTER TABLE public.t ALTER COLUMN m DROP DEFAULT",
                                 "ALTER TABLE public.t ALTER COLUMN m TYPE public.mood USING "
                                 "m::text::public.mood",
                                 "ALTER TABLE public.t ALTER COLUMN m SET DEFAULT 'meh'::mood",
                                 "DROP TYPE public.mood__migrate_old",
                                 "ALTER TABLE public.t ALTER COLUMN m SET DEFAULT 'meh'::mood"});
}
