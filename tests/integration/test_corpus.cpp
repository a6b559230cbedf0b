// The schema-pair corpus (shared/corpus/README.md, migra's test fixtures): per pair, diff → apply →
// pg_dump equals the target's and a second diff is empty, both ways, and a database diffed with a
// fresh copy of itself gives nothing.
#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"
#include "migrate/render.hpp"

#include "integration/corpus_support.hpp"
#include "integration/schema_support.hpp"
#include "support/postgres.hpp"

namespace migrate::testing {
namespace {

const std::filesystem::path corpus_dir = MIGRATE_SOURCE_DIR "/../shared/corpus/migra";

// The pairs within what migrate manages (no unmanaged objects, no unreflected features), which it
// must reproduce exactly both ways. A pair that leaves this set or stops passing fails the test; a
// pair that enters it must be added here.
const std::set<std::string> expected_in_scope = {
    "constraints",     "enumdefaults", "excludeschema", "generated",
    "generated_added", "identitycols", "seq",
};

// Out-of-scope directions whose migration the server must refuse because of what migrate ignores,
// with the reason. Not asserted either way; every other direction of every pair must apply.
const std::map<std::string, std::string> apply_blocked_by_unmanaged = {
    {"collations: b.sql -> a.sql",
     "t.b goes back to collation posix, which b.sql lacks (collations are unmanaged)"},
    {"dependencies2: a.sql -> b.sql", "view x.q depends on table x.data, which is dropped"},
    {"dependencies2: b.sql -> a.sql", "x.data is a view in b.sql, in the way of table x.data"},
    {"dependencies4: b.sql -> a.sql", "views v and mv depend on table t, which is dropped"},
    {"enumdeps: b.sql -> a.sql",
     "removing value 'd' recreates enum e and retypes t.category, which views v and v2 use"},
    {"everything: a.sql -> b.sql",
     "views vvv and matvvv depend on products.oldcolumn, which is dropped"},
    {"inherit: b.sql -> a.sql",
     "entity_bindings_a, _b, _c inherit entity_bindings, which is dropped first (no inheritance "
     "in Schema)"},
    {"partitioning: a.sql -> b.sql",
     "measurement_y2006m03 is an unmanaged partition in a.sql, in the way of b.sql's table"},
    {"triggers3: b.sql -> a.sql",
     "view view_on_table depends on my_table.some_date, which is dropped"},
};

struct Loaded {
  TestDatabase db = {};
  Schema schema = {};
  std::optional<std::string> state = {};  // comparable_state() as loaded, for in-scope pairs
};

// One direction: diff(from, to) applied to from's database.
struct Direction {
  std::string label = {};        // "a.sql -> b.sql"
  std::string statements = {};   // the rendered migration, one statement a line
  std::string apply_error = {};  // what diff, render or the server threw; empty when applied
  std::string leftover = {};     // the dumps' difference after applying (in-scope pairs only)
  std::string second_diff = {};  // the operations a second diff still finds
  bool passed() const { return apply_error.empty() && leftover.empty() && second_diff.empty(); }
};

struct PairResult {
  std::string name = {};
  std::string skipped = {};  // why the pair could not be loaded; empty when it ran
  std::vector<std::string> out_of_scope = {};
  std::string self_diff = {};  // the operations diff(A, a fresh copy of A) finds
  std::vector<Direction> directions = {};

  bool in_scope() const { return skipped.empty() && out_of_scope.empty(); }
  bool passed() const {
    return skipped.empty() && self_diff.empty() &&
           std::all_of(directions.begin(), directions.end(),
                       [](const Direction& d) { return d.passed(); });
  }
};

std::optional<std::string> blocked_by_unmanaged(const PairResult& r, const Direction& d) {
  const auto found = apply_blocked_by_unmanaged.find(r.name + ": " + d.label);
  if (found == apply_blocked_by_unmanaged.end()) return std::nullopt;
  return found->second;
}

// What check_pair asserts: every self-diff is empty, every direction applies unless listed as
// blocked, and an in-scope pair's directions leave nothing behind.
bool meets_assertions(const PairResult& r) {
  return r.self_diff.empty() &&
         std::all_of(r.directions.begin(), r.directions.end(), [&](const Direction& d) {
           return (d.apply_error.empty() || blocked_by_unmanaged(r, d)) &&
                  (!r.in_scope() || d.passed());
         });
}

TestDatabase load_sql(const std::filesystem::path& file) {
  TestDatabase db = fresh_database();
  psql_file(db.url, file.string());
  return db;
}

Direction apply_diff(const std::string& from_file, const Loaded& from, const std::string& to_file,
                     const Loaded& to) {
  Direction result{from_file + " -> " + to_file};
  try {
    const auto statements = render(diff(from.schema, to.schema));
    for (const auto& statement : statements) result.statements += statement + ";\n";
    Database(from.db.url).execute_in_transaction(statements);
  } catch (const std::exception& e) {
    result.apply_error = e.what();
    return result;
  }
  if (to.state) {
    result.leftover =
        text_difference(to_file, *to.state, from_file + " migrated", comparable_state(from.db.url));
  }
  result.second_diff = describe_all(diff(Database(from.db.url).reflect(), to.schema));
  return result;
}

// Loads a.sql twice (the second copy for the self-diff) and b.sql once; takes A to B, then B, as
// loaded, to A.
void run_loaded(const std::vector<TestDatabase>& dbs, PairResult& result) {
  Loaded a{dbs[0], Database(dbs[0].url).reflect()};
  Loaded b{dbs[1], Database(dbs[1].url).reflect()};
  result.out_of_scope = out_of_scope_reasons("a.sql", a.schema, a.db.url);
  for (auto& reason : out_of_scope_reasons("b.sql", b.schema, b.db.url)) {
    result.out_of_scope.push_back(std::move(reason));
  }
  if (result.in_scope()) {  // pg_dump is slow, and tells nothing about the others
    a.state = comparable_state(a.db.url);
    b.state = comparable_state(b.db.url);
  }
  result.self_diff = describe_all(diff(a.schema, Database(dbs[2].url).reflect()));
  result.directions.push_back(apply_diff("a.sql", a, "b.sql", b));
  result.directions.push_back(apply_diff("b.sql", b, "a.sql", a));
}

PairResult run_pair(const std::string& name) {
  PairResult result{name};
  std::vector<TestDatabase> dbs;
  try {
    for (const char* file : {"a.sql", "b.sql", "a.sql"}) {
      dbs.push_back(load_sql(corpus_dir / name / file));
    }
  } catch (const std::exception& e) {  // an extension or ICU this server lacks
    result.skipped = e.what();
  }
  if (result.skipped.empty()) run_loaded(dbs, result);
  for (const auto& db : dbs) drop_database(db);
  return result;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Pairs are independent and mostly wait on the server and on psql and pg_dump, so a few run at
// once; Catch2 assertions stay on the test's thread.
std::vector<PairResult> run_all(const std::vector<std::string>& names) {
  std::vector<PairResult> results(names.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i) {
    workers.emplace_back([&] {
      for (std::size_t k; (k = next++) < names.size();) {
        try {
          results[k] = run_pair(names[k]);
        } catch (const std::exception& e) {  // reflection or the harness, not a migration
          results[k] = PairResult{names[k]};
          results[k].directions.push_back({"setup", "", e.what()});
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return results;
}

void print_direction(const PairResult& r, const Direction& d) {
  if (!d.apply_error.empty()) {
    const auto blocked = blocked_by_unmanaged(r, d);
    std::cout << "    " << d.label << ": apply failed"
              << (blocked ? " (expected: " + *blocked + ")" : "") << ": " << d.apply_error
              << "\n    migration:\n"
              << d.statements;
  }
  if (!d.leftover.empty()) std::cout << "    " << d.label << ": dumps differ:\n" << d.leftover;
  if (!d.second_diff.empty()) {
    std::cout << "    " << d.label << ": second diff not empty:\n" << d.second_diff;
  }
}

// One line per pair (and what went wrong below it), then a summary line.
void print_report(const std::vector<PairResult>& results) {
  int in_scope = 0, passed = 0;
  for (const auto& r : results) {
    in_scope += r.in_scope() ? 1 : 0;
    passed += r.in_scope() && r.passed() ? 1 : 0;
    const char* status = !r.skipped.empty()    ? "skipped"
                         : r.passed()          ? "pass"
                         : meets_assertions(r) ? "differs, as expected"
                                               : "FAIL";
    std::cout << fmt::format("corpus {:<18} {:<12} {}\n", r.name,
                             r.in_scope() ? "in scope" : "out of scope", status);
    if (!r.skipped.empty()) std::cout << "    " << r.skipped << "\n";
    for (const auto& reason : r.out_of_scope) std::cout << "    " << reason << "\n";
    if (!r.self_diff.empty()) std::cout << "    self-diff not empty:\n" << r.self_diff;
    for (const auto& d : r.directions) print_direction(r, d);
  }
  std::cout << fmt::format("corpus: {} pairs, {} in scope, {} of them pass both ways\n",
                           results.size(), in_scope, passed);
}

void check_pair(const PairResult& r) {
  INFO("corpus pair " << r.name << (r.in_scope() ? " (in scope)" : " (out of scope)"));
  CHECK(r.self_diff == "");
  for (const auto& d : r.directions) {
    INFO(d.label << "\n" << d.statements);
    if (!blocked_by_unmanaged(r, d)) CHECK(d.apply_error == "");
    if (!r.in_scope()) continue;
    CHECK(d.leftover == "");
    CHECK(d.second_diff == "");
  }
}

}  // namespace

TEST_CASE("corpus dumps are compared without the order of columns in CREATE TABLE", "[corpus]") {
  const std::string dump =
      "CREATE TABLE public.t (\n    b integer NOT NULL,\n    a text\n);\n\n"
      "CREATE TABLE public.empty (\n);\n\nALTER TABLE public.t\n    ADD CONSTRAINT t_pkey;\n";
  CHECK(without_column_order(dump) ==
        "CREATE TABLE public.t (\n    a text\n    b integer NOT NULL\n);\n\n"
        "CREATE TABLE public.empty (\n);\n\nALTER TABLE public.t\n    ADD CONSTRAINT t_pkey;\n");
}

TEST_CASE("each corpus pair migrates exactly both ways when migrate manages all of it",
          "[corpus]") {
  if (!std::filesystem::is_directory(corpus_dir)) {
    WARN("skipped: no schema-pair corpus at " << corpus_dir.string());
    return;
  }
  // The rls pair's policy names this role; migra's harness creates it first, and so do we.
  execute_sql(
      server_url(),
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
      "'schemainspect_test_role') THEN CREATE ROLE schemainspect_test_role; END IF; END $$");
  const auto results = run_all(case_names());
  print_report(results);

  std::set<std::string> in_scope;
  for (const auto& r : results) {
    if (!r.skipped.empty()) {
      WARN("corpus pair " << r.name << " skipped: " << r.skipped);
      continue;
    }
    if (r.in_scope()) in_scope.insert(r.name);
    check_pair(r);
  }
  std::set<std::string> expected;  // those the server could load
  for (const auto& r : results) {
    if (r.skipped.empty() && expected_in_scope.contains(r.name)) expected.insert(r.name);
  }
  CHECK(in_scope == expected);
}

}  // namespace migrate::testing
