// Views and materialized views: declared in models, written back, carried by revisions, and
// planned around what they read.
#include <algorithm>

#include <catch2/catch.hpp>

#include "migrate/diff.hpp"
#include "migrate/model.hpp"
#include "migrate/render.hpp"
#include "migrate/revision.hpp"

using namespace migrate;

namespace {

const char* const model = R"y(tables:
  users:
    columns:
      id: {type: bigint, primary_key: true}
      email: {type: text}
views:
  emails: "SELECT email FROM users"
  active_users:
    query: |
      SELECT id, email FROM users
    security_barrier: true
    check_option: local
    comment: The users who log in
    column_comments: {email: Where we write}
materialized_views:
  user_counts:
    query: SELECT count(*) AS n FROM users
    with_data: false
    storage: {fillfactor: 70}
    indexes:
      user_counts_n_key: {columns: [n], unique: true}
)y";

View view_named(const Schema& schema, const std::string& name) {
  const View* view = schema.find_view({"public", name});
  REQUIRE(view);
  return *view;
}

std::vector<std::string> statements(const std::vector<Operation>& ops) {
  std::vector<std::string> sql;
  for (const Operation& op : ops) {
    for (std::string& statement : render(op)) sql.push_back(std::move(statement));
  }
  return sql;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("views and materialized views are read from a model, as a query or a mapping",
          "[model][views]") {
  const Schema schema = load_model_text("blog.yaml", model);
  REQUIRE(schema.views.size() == 3);
  const View emails = view_named(schema, "emails");
  CHECK(emails.query == "SELECT email FROM users");
  CHECK_FALSE(emails.materialized);
  const View active = view_named(schema, "active_users");
  CHECK(active.query == "SELECT id, email FROM users\n");
  CHECK(active.security_barrier);
  CHECK(active.check_option == "local");
  CHECK(active.comment == "The users who log in");
  CHECK(active.column_comments == std::map<std::string, std::string>{{"email", "Where we write"}});
  const View counts = view_named(schema, "user_counts");
  CHECK(counts.materialized);
  CHECK_FALSE(counts.with_data);
  CHECK(counts.storage == std::vector<std::string>{"fillfactor=70"});
  REQUIRE(counts.indexes.size() == 1);
  CHECK(counts.indexes[0].unique);
}

TEST_CASE("a model's views are written back as they read", "[model][views]") {
  const Schema schema = load_model_text("blog.yaml", model);
  const std::string text = write_model_yaml(schema);
  INFO(text);
  CHECK(load_model_text("dumped.yaml", text) == schema);
}

TEST_CASE("a view's mistakes are named with their place", "[model][views]") {
  CHECK_THROWS_WITH(load_model_text("m.yaml", "views:\n  v: {query: SELECT 1, security: true}\n"),
                    Catch::StartsWith("m.yaml:2:24: unknown key 'security' in view v"));
  CHECK_THROWS_WITH(
      load_model_text("m.yaml", "views:\n  v: {query: SELECT 1, check_option: yes}\n"),
      Catch::StartsWith("m.yaml:2:38: expected local or cascaded"));
  CHECK_THROWS_WITH(load_model_text("m.yaml", "views:\n  v: {security_barrier: true}\n"),
                    Catch::StartsWith("m.yaml:2:6: missing key 'query' in view v"));
  CHECK_THROWS_WITH(
      load_model_text("m.yaml",
                      "materialized_views:\n  m:\n    query: SELECT 1 AS a\n    indexes:\n"
                      "      - {columns: [a]}\n"),
      Catch::StartsWith("m.yaml:5:9: an index of materialized view m needs a name"));
  CHECK_THROWS_WITH(
      load_model_text("m.yaml",
                      "tables:\n  t:\n    columns: {a: {type: int}}\nviews:\n  t: SELECT 1\n"),
      Catch::StartsWith("m.yaml:5:3: view 't' has the name of the table defined at m.yaml:2:3"));
}

TEST_CASE("create_view and drop_view read back as written, and invert each other",
          "[revision][views]") {
  const Schema schema = load_model_text("blog.yaml", model);
  Revision revision{.id = "abc"};
  for (const View& view : schema.views) revision.upgrade.push_back({CreateView{view}});
  revision.downgrade.push_back({DropView{view_named(schema, "user_counts")}});
  const std::string text = write_revision_yaml(revision);
  INFO(text);
  CHECK(load_revision_text("versions/abc.yaml", text) == revision);
  for (const RevisionOperation& operation : revision.upgrade) {
    CHECK(inverse(inverse(operation.op)) == operation.op);
  }
  CHECK(std::holds_alternative<DropView>(inverse(revision.upgrade[0].op)));
}

TEST_CASE("a view is created with its options, indexes and comments", "[render][views]") {
  const Schema schema = load_model_text("blog.yaml", model);
  CHECK(render(CreateView{view_named(schema, "active_users")}) ==
        std::vector<std::string>{
            "CREATE VIEW public.active_users WITH (check_option=local, security_barrier=true) AS\n"
            "SELECT id, email FROM users\n",
            "COMMENT ON VIEW public.active_users IS 'The users who log in'",
            "COMMENT ON COLUMN public.active_users.email IS 'Where we write'"});
  const auto counts = render(CreateView{view_named(schema, "user_counts")});
  REQUIRE(counts.size() == 2);
  CHECK(counts[0] ==
        "CREATE MATERIALIZED VIEW public.user_counts WITH (fillfactor=70) AS\n"
        "SELECT count(*) AS n FROM users\nWITH NO DATA");
  CHECK(counts[1] == "CREATE UNIQUE INDEX user_counts_n_key ON public.user_counts (n)");
  CHECK(render(DropView{view_named(schema, "user_counts")}) ==
        std::vector<std::string>{"DROP MATERIALIZED VIEW public.user_counts"});
  View filled = view_named(schema, "user_counts");
  CHECK(describe(CreateView{filled}) == "create materialized view user_counts, left empty");
  filled.with_data = true;
  CHECK(describe(CreateView{filled}) ==
        "create materialized view user_counts, running its query to fill it");
  CHECK(describe(DropView{view_named(schema, "emails")}) == "drop view emails");
}

TEST_CASE("a view comes after what it reads, goes before it, and is rebuilt around changes to it",
          "[diff][views]") {
  Table users{{"public", "users"}};
  users.columns = {{"id", "bigint", false}, {"email", "text"}};
  View emails{{"public", "emails"}};
  emails.query = "SELECT users.email FROM users;\n";
  emails.depends_on = {{"relation", {"public", "users"}, "email"}};
  View counts{{"public", "counts"}};
  counts.query = "SELECT count(*) AS count FROM emails;\n";
  counts.depends_on = {{"relation", {"public", "emails"}, ""}};
  Schema with_views;
  with_views.tables = {users};
  with_views.views = {counts, emails};

  const auto created = statements(diff(Schema{}, with_views));
  REQUIRE(created.size() == 3);
  CHECK(first_line(created[0]) == "CREATE TABLE public.users (");
  CHECK(first_line(created[1]) == "CREATE VIEW public.emails AS");
  CHECK(first_line(created[2]) == "CREATE VIEW public.counts AS");
  CHECK(statements(diff(with_views, Schema{})) ==
        std::vector<std::string>{"DROP VIEW public.counts", "DROP VIEW public.emails",
                                 "DROP TABLE public.users"});

  // email's type changes: both views go first and come back after, in their order.
  Schema retyped = with_views;
  retyped.tables[0].columns[1].type = "character varying(200)";
  const auto around = statements(diff(with_views, retyped));
  REQUIRE(around.size() == 5);
  CHECK(around[0] == "DROP VIEW public.counts");
  CHECK(around[1] == "DROP VIEW public.emails");
  CHECK(first_line(around[2]) ==
        "ALTER TABLE public.users ALTER COLUMN email TYPE character varying(200) USING "
        "email::character varying(200)");
  CHECK(first_line(around[3]) == "CREATE VIEW public.emails AS");
  CHECK(first_line(around[4]) == "CREATE VIEW public.counts AS");

  // A comment alone is a comment.
  Schema commented = with_views;
  commented.views[1].comment = "why";
  CHECK(statements(diff(with_views, commented)) ==
        std::vector<std::string>{"COMMENT ON VIEW public.emails IS 'why'"});
}
