// Functions, procedures and triggers: declared in models as their CREATE statements, written
// back, carried by revisions, rendered, and planned around what uses them.
#include <algorithm>

#include <catch2/catch.hpp>

#include "migrate/diff.hpp"
#include "migrate/model.hpp"
#include "migrate/render.hpp"
#include "migrate/revision.hpp"

#include "sql/routine_text.hpp"

using namespace migrate;

namespace {

const char* const model = R"y(schema: app
tables:
  posts:
    columns:
      id: {type: bigint, primary_key: true}
      updated_at: {type: timestamptz}
functions:
  - |
    CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
  - definition: create function public.add(a int, b integer default 1, out c int) language sql as 'select a + b'
    comment: Adds
  - CREATE PROCEDURE archive(INOUT n int, VARIADIC ids bigint[]) LANGUAGE sql BEGIN ATOMIC SELECT 1; END
triggers:
  - CREATE TRIGGER posts_touch BEFORE UPDATE OF updated_at ON posts FOR EACH ROW EXECUTE FUNCTION app.touch()
  - definition: CREATE CONSTRAINT TRIGGER posts_check AFTER INSERT ON app.posts DEFERRABLE FOR EACH ROW EXECUTE FUNCTION app.touch()
    enabled: replica
    comment: Checks
)y";

const Function& function_named(const Schema& schema, const std::string& name) {
  const auto found = std::find_if(schema.functions.begin(), schema.functions.end(),
                                  [&](const Function& f) { return f.name.name == name; });
  REQUIRE(found != schema.functions.end());
  return *found;
}

const Trigger& trigger_named(const Schema& schema, const std::string& name) {
  const auto found = std::find_if(schema.triggers.begin(), schema.triggers.end(),
                                  [&](const Trigger& t) { return t.name == name; });
  REQUIRE(found != schema.triggers.end());
  return *found;
}

}  // namespace

TEST_CASE("functions and triggers are read from their CREATE statements, named and qualified",
          "[model][routines]") {
  const Schema schema = load_model_text("app.yaml", model);
  REQUIRE(schema.functions.size() == 3);
  const Function& touch = function_named(schema, "touch");
  CHECK(touch.name == QualifiedName{"app", "touch"});
  CHECK(touch.arguments.empty());
  CHECK_THAT(touch.definition, Catch::StartsWith("CREATE OR REPLACE FUNCTION app.touch() RETURNS"));
  CHECK(touch.definition.back() == '\n');
  CHECK(touch.definition.find("END $$;") == std::string::npos);
  const Function& add = function_named(schema, "add");
  CHECK(add.name == QualifiedName{"public", "add"});
  CHECK(add.arguments == "a integer, b integer");  // OUT arguments are not a function's identity
  CHECK(add.comment == "Adds");
  const Function& archive = function_named(schema, "archive");
  CHECK(archive.procedure);
  CHECK(archive.arguments == "INOUT n integer, VARIADIC ids bigint[]");
  const Trigger& touch_trigger = trigger_named(schema, "posts_touch");
  CHECK(touch_trigger.table == QualifiedName{"app", "posts"});
  CHECK_THAT(touch_trigger.definition, Catch::Contains(" ON app.posts FOR EACH ROW"));
  const Trigger& check = trigger_named(schema, "posts_check");
  CHECK(check.enabled == TriggerEnabled::replica);
  CHECK(check.comment == "Checks");
}

TEST_CASE("a model's functions and triggers are written back as they read", "[model][routines]") {
  const Schema schema = load_model_text("app.yaml", model);
  const std::string text = write_model_yaml(schema);
  INFO(text);
  CHECK(load_model_text("dumped.yaml", text) == schema);
}

TEST_CASE("a function's or trigger's mistakes are named with their place", "[model][routines]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", "functions:\n  - SELECT 1\n"),
                    "m.yaml:2:5: expected one CREATE FUNCTION or CREATE PROCEDURE statement that "
                    "PostgreSQL's parser reads");
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", "functions:\n  - CREATE FUNCTION f() RETURNS int AS $$ x\n"),
      Catch::StartsWith("m.yaml:2:5: expected one CREATE FUNCTION"));
  CHECK_THROWS_WITH(load_model_text("m.yaml", "functions:\n  - {comment: x}\n"),
                    "m.yaml:2:5: missing key 'definition' in a function");
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", "triggers:\n  - CREATE TRIGGER t AFTER INSERT ON x EXECUTE\n"),
      "m.yaml:2:5: expected one CREATE TRIGGER statement that PostgreSQL's parser reads");
  CHECK_THROWS_WITH(
      load_model_text("m.yaml",
                      "triggers:\n  - definition: CREATE TRIGGER t AFTER INSERT ON x EXECUTE "
                      "FUNCTION f()\n    enabled: sometimes\n"),
      "m.yaml:3:14: expected true, false, replica or always for 'enabled' in trigger t on x");
  const char* twice =
      "functions:\n  - CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a\n"
      "  - CREATE FUNCTION f(b integer) RETURNS int LANGUAGE sql RETURN b\n";
  CHECK_THROWS_WITH(load_model_text("m.yaml", twice), Catch::Contains("is already defined"));
}

TEST_CASE("function and trigger operations read back as written, and invert each other",
          "[revision][routines]") {
  const Schema schema = load_model_text("app.yaml", model);
  Function replaced = function_named(schema, "touch");
  replaced.definition =
      "CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql "
      "AS $$ BEGIN RETURN NEW; END $$\n";
  Trigger disabled = trigger_named(schema, "posts_touch");
  disabled.enabled = TriggerEnabled::disabled;
  Revision revision{.id = "abc"};
  for (const Function& function : schema.functions)
    revision.upgrade.push_back({CreateFunction{function}});
  for (const Trigger& trigger : schema.triggers)
    revision.upgrade.push_back({CreateTrigger{trigger}});
  revision.upgrade.push_back({ReplaceFunction{{function_named(schema, "touch"), replaced}}});
  revision.upgrade.push_back({AlterTrigger{{trigger_named(schema, "posts_touch"), disabled}}});
  revision.downgrade.push_back({DropTrigger{trigger_named(schema, "posts_check")}});
  revision.downgrade.push_back({DropFunction{function_named(schema, "add")}});
  const std::string text = write_revision_yaml(revision);
  INFO(text);
  CHECK(load_revision_text("versions/abc.yaml", text) == revision);
  for (const RevisionOperation& operation : revision.upgrade) {
    CHECK(inverse(inverse(operation.op)) == operation.op);
  }
}

TEST_CASE("functions and triggers render as CREATE, CREATE OR REPLACE and DROP",
          "[render][routines]") {
  const Schema schema = load_model_text("app.yaml", model);
  const Function& add = function_named(schema, "add");
  const auto created = render(CreateFunction{add});
  REQUIRE(created.size() == 4);
  CHECK(created[0] == "SET check_function_bodies = false");
  CHECK_THAT(created[1],
             Catch::StartsWith("CREATE FUNCTION public.add(a int, b integer default 1"));
  CHECK(created[2] == "RESET check_function_bodies");
  CHECK(created[3] == "COMMENT ON FUNCTION public.add(a integer, b integer) IS 'Adds'");
  CHECK(render(DropFunction{function_named(schema, "archive")}) ==
        std::vector<std::string>{
            "DROP PROCEDURE app.archive(INOUT n integer, VARIADIC ids bigint[])"});
  Function body = function_named(schema, "touch");
  body.definition = "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS 'x'\n";
  const auto replaced = render(ReplaceFunction{{function_named(schema, "touch"), body}});
  REQUIRE(replaced.size() == 1);
  CHECK_THAT(replaced[0], Catch::StartsWith("CREATE OR REPLACE FUNCTION app.touch()"));
  const Trigger& check = trigger_named(schema, "posts_check");
  const auto trigger = render(CreateTrigger{check});
  REQUIRE(trigger.size() == 3);
  CHECK(trigger[1] == "ALTER TABLE app.posts ENABLE REPLICA TRIGGER posts_check");
  CHECK(trigger[2] == "COMMENT ON TRIGGER posts_check ON app.posts IS 'Checks'");
  CHECK(render(DropTrigger{check}) ==
        std::vector<std::string>{"DROP TRIGGER posts_check ON app.posts"});
  Trigger moved = trigger_named(schema, "posts_touch");
  moved.definition =
      "CREATE TRIGGER posts_touch AFTER UPDATE ON app.posts FOR EACH ROW EXECUTE "
      "FUNCTION app.touch()";
  CHECK(render(AlterTrigger{{trigger_named(schema, "posts_touch"), moved}}) ==
        std::vector<std::string>{"CREATE OR REPLACE TRIGGER posts_touch AFTER UPDATE ON app.posts "
                                 "FOR EACH ROW EXECUTE FUNCTION app.touch()"});
  CHECK(describe(AlterTrigger{{check, moved}}) != "");
}

TEST_CASE("functions come before the tables that call them and go after what uses them",
          "[diff][routines]") {
  const Schema schema = load_model_text("app.yaml", model);
  const auto up = diff(Schema{}, schema);
  const auto position = [&](auto predicate) {
    return std::find_if(up.begin(), up.end(), predicate) - up.begin();
  };
  const auto touch = position([](const Operation& op) {
    const auto* create = std::get_if<CreateFunction>(&op);
    return create && create->function.name.name == "touch";
  });
  const auto table =
      position([](const Operation& op) { return std::holds_alternative<CreateTable>(op); });
  const auto trigger =
      position([](const Operation& op) { return std::holds_alternative<CreateTrigger>(op); });
  CHECK(touch < table);
  CHECK(table < trigger);
  const auto down = diff(schema, Schema{});
  const auto drop_trigger = std::find_if(down.begin(), down.end(), [](const Operation& op) {
    return std::holds_alternative<DropTrigger>(op);
  });
  const auto drop_function = std::find_if(down.begin(), down.end(), [](const Operation& op) {
    return std::holds_alternative<DropFunction>(op);
  });
  CHECK(drop_trigger < drop_function);
}

TEST_CASE("the names in a CREATE FUNCTION or CREATE TRIGGER are found where they are written",
          "[sql][routines]") {
  const auto head = sql::routine_head(
      "/* c */ create or replace function \"My\".f (x int) "
      "returns int language sql as $$select x$$");
  REQUIRE(head);
  CHECK(head->name.parts == std::vector<std::string>{"My", "f"});
  CHECK(head->sql_string_body);
  const auto trigger = sql::trigger_head(
      "CREATE TRIGGER t AFTER UPDATE OF a, b ON s.\"T\" FOR EACH ROW EXECUTE FUNCTION f()");
  REQUIRE(trigger);
  CHECK(trigger->relation.parts == std::vector<std::string>{"s", "T"});
  CHECK_FALSE(sql::trigger_head("CREATE TABLE t (a int)"));
}

TEST_CASE(
    "a function goes after the table, default and check that call it, and views on an "
    "enum's columns are rebuilt around its rebuild",
    "[diff][routines]") {
  const Schema with = load_model_text("m.yaml", R"y(enums:
  state: [new, done]
functions:
  - CREATE FUNCTION random_id() RETURNS bigint LANGUAGE sql RETURN 4
tables:
  x:
    columns:
      id: {type: bigint, default: random_id()}
      state: {type: state}
views:
  xs: SELECT id, state FROM x
)y");
  const auto down = diff(with, Schema{});
  const auto at = [&](auto predicate) {
    return std::find_if(down.begin(), down.end(), predicate) - down.begin();
  };
  CHECK(at([](const Operation& op) { return std::holds_alternative<DropTable>(op); }) <
        at([](const Operation& op) { return std::holds_alternative<DropFunction>(op); }));
  Schema reordered = with;
  reordered.enums[0].values = {"done", "new"};
  reordered.views[0].depends_on = {{"relation", {"public", "x"}, "state"}};
  Schema live = with;
  live.views[0].depends_on = reordered.views[0].depends_on;
  const auto up = diff(live, reordered);
  for (const Operation& op : up) INFO(describe(op));
  REQUIRE(up.size() == 3);
  CHECK(std::holds_alternative<DropView>(up[0]));
  CHECK(std::holds_alternative<AlterEnumValues>(up[1]));
  CHECK(std::holds_alternative<CreateView>(up[2]));
}
