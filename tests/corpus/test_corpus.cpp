// The schema-pair corpus (shared/corpus/README.md: the test suites of migra, pgschema, sqldef and
// pg-schema-diff): per pair, diff → apply → pg_dump equals the target's and a second diff is
// empty, both ways, whenever migrate manages everything in the pair; and a database diffed with a
// fresh copy of itself gives nothing, always.
#include <algorithm>
#include <atomic>
#include <cstdlib>
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

#include "corpus/corpus_support.hpp"
#include "integration/schema_support.hpp"
#include "support/postgres.hpp"

namespace migrate::testing {
namespace {

const std::filesystem::path corpus_root = MIGRATE_SOURCE_DIR "/../shared/corpus";
const char* const folders[] = {"migra", "pgschema", "sqldef", "pg_schema_diff"};

// Roles the pairs name, which must exist before they load (shared/corpus/README.md).
const char* const corpus_roles[] = {"schemainspect_test_role",
                                    "admin_role",
                                    "app_user",
                                    "readonly_user",
                                    "role_1",
                                    "role_2",
                                    "testuser",
                                    "user1",
                                    "user2",
                                    "user3",
                                    "user4",
                                    "user-with-dash",
                                    "user.with.dot",
                                    "user@domain.com",
                                    "evil\"role",
                                    "x\"; DROP TABLE foobar; --"};

const char* const attached_index_not_modelled =
    "a partition's index attached to an index of its parent is not modelled: which of the "
    "partition's indexes backs the parent's, its name, and whether it backs a constraint of the "
    "partition's own";
const char* const detached_copies_not_modelled =
    "a partition detached into a plain table keeps copies of its parent's constraints and "
    "indexes, which the model of the plain table does not list: the second diff drops them";

// Pairs within what migrate manages that it cannot reproduce, with the reason. Each is still
// asserted to fail, so that one which starts passing is taken off the list.
const std::map<std::string, std::string> known_failures = {
    {"pg_schema_diff/column_change_bigint_to_timestamp_validate_conversion_and_analyze",
     "bigint has no cast to timestamp: the conversion needs a USING expression only a person can "
     "write (alter_column's using)"},
    {"pg_schema_diff/"
     "table_alter_table_translate_bigint_type_to_timestamp_set_to_not_null_set_default",
     "bigint has no cast to timestamp: the conversion needs a USING expression only a person can "
     "write (alter_column's using)"},
    {"pgschema/create_index_issue_473_partial_index_in_list",
     "the server prints `status IN ('new', ...)` as `= ANY ((ARRAY['new'::character varying, "
     "...])::text[])`, which it parses back into another tree, printed `= ANY "
     "(ARRAY[('new'::character varying)::text, ...])`: no statement gives a.sql's catalog text"},
    {"pgschema/online_add_constraint",
     "the server prints `status IN ('pending', ...)` as `= ANY ((ARRAY[...])::text[])`, which it "
     "parses back into another tree: no statement gives b.sql's catalog text"},
    {"pg_schema_diff/"
     "partitioned_index_add_primary_key_constraint_with_existing_matching_base_table_index_local_"
     "matching_child_index_exists",
     attached_index_not_modelled},
    {"pg_schema_diff/"
     "partitioned_index_add_primary_key_constraint_with_existing_matching_base_table_index_"
     "matching_local_pk_already_exists_backed_by_local_index",
     attached_index_not_modelled},
    {"pg_schema_diff/"
     "partitioned_index_add_primary_key_to_partition_using_existing_index",
     attached_index_not_modelled},
    {"pg_schema_diff/"
     "partitioned_index_add_unique_constraint_to_partition_using_existing_index",
     attached_index_not_modelled},
    {"pg_schema_diff/"
     "partitioned_index_add_unique_constraint_with_existing_matching_base_table_index_matching_"
     "local_pk_already_exists_backed_by_local_index",
     attached_index_not_modelled},
    {"pg_schema_diff/"
     "partitioned_index_attach_an_unnattached_invalid_index",
     attached_index_not_modelled},
    {"pg_schema_diff/"
     "partitioned_table_can_handle_scenario_where_partition_is_not_attached",
     attached_index_not_modelled},
    {"pg_schema_diff/"
     "partitioned_table_partitioned_to_unpartitioned_and_child_tables_still_exist",
     detached_copies_not_modelled},
    {"pg_schema_diff/"
     "partitioned_table_unpartitioned_to_partitioned_and_child_tables_already_exist",
     "plain tables attached to a table rebuilt as partitioned are given its foreign key before "
     "their own of the same name is dropped (constraint \"foobar_fk_fk\" ... already exists)"},
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

std::optional<std::string> known_failure(const PairResult& r) {
  const auto found = known_failures.find(r.name);
  if (found == known_failures.end()) return std::nullopt;
  return found->second;
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
  result.out_of_scope = out_of_scope_reasons("a.sql", a.schema);
  for (auto& reason : out_of_scope_reasons("b.sql", b.schema)) {
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
    // a.sql twice: the self-diff compares two loads, whose objects have different oids.
    for (const char* file : {"a.sql", "b.sql", "a.sql"}) {
      dbs.push_back(load_sql(corpus_root / name / file));
    }
  } catch (const std::exception& e) {  // an extension or ICU this server lacks
    result.skipped = e.what();
  }
  if (result.skipped.empty()) run_loaded(dbs, result);
  for (const auto& db : dbs) drop_database(db);
  return result;
}

// "folder/case" for every case of every folder present; with MIGRATE_CORPUS_ONLY set, those
// whose name contains it (to look at a few pairs again).
std::vector<std::string> case_names() {
  const char* only = std::getenv("MIGRATE_CORPUS_ONLY");
  std::vector<std::string> names;
  for (const char* folder : folders) {
    if (!std::filesystem::is_directory(corpus_root / folder)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(corpus_root / folder)) {
      const std::string name = std::string(folder) + "/" + entry.path().filename().string();
      if (entry.is_directory() && (!only || name.find(only) != std::string::npos)) {
        names.push_back(name);
      }
    }
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

void print_direction(const Direction& d) {
  if (!d.apply_error.empty()) {
    std::cout << "    " << d.label << ": apply failed: " << d.apply_error << "\n    migration:\n"
              << d.statements;
  }
  if (!d.leftover.empty()) std::cout << "    " << d.label << ": dumps differ:\n" << d.leftover;
  if (!d.second_diff.empty()) {
    std::cout << "    " << d.label << ": second diff not empty:\n" << d.second_diff;
  }
}

struct FolderCounts {
  int pairs = 0, skipped = 0, in_scope = 0, passed = 0, known = 0;
};

// One line per pair (and what went wrong below it, for the pairs in scope), then the counts per
// folder.
void print_report(const std::vector<PairResult>& results) {
  std::map<std::string, FolderCounts> counts;
  for (const auto& r : results) {
    FolderCounts& folder = counts[r.name.substr(0, r.name.find('/'))];
    ++folder.pairs;
    folder.skipped += r.skipped.empty() ? 0 : 1;
    folder.in_scope += r.in_scope() ? 1 : 0;
    folder.passed += r.in_scope() && r.passed() ? 1 : 0;
    folder.known += r.in_scope() && !r.passed() && known_failure(r) ? 1 : 0;
    const char* status = !r.skipped.empty() ? "skipped"
                         : !r.in_scope()    ? (r.self_diff.empty() ? "out of scope" : "FAIL")
                         : r.passed()       ? "pass"
                         : known_failure(r) ? "known failure"
                                            : "FAIL";
    std::cout << fmt::format("corpus {:<90} {}\n", r.name, status);
    if (!r.skipped.empty()) std::cout << "    " << r.skipped << "\n";
    if (!r.self_diff.empty()) std::cout << "    self-diff not empty:\n" << r.self_diff;
    if (!r.in_scope()) {
      if (!r.out_of_scope.empty()) std::cout << "    " << r.out_of_scope.front() << "\n";
      continue;
    }
    if (const auto reason = known_failure(r); reason && !r.passed()) {
      std::cout << "    " << *reason << "\n";
    }
    for (const auto& d : r.directions) print_direction(d);
  }
  for (const auto& [folder, c] : counts) {
    std::cout << fmt::format(
        "corpus {}: {} pairs, {} not loaded, {} in scope, {} pass both ways, {} known failures\n",
        folder, c.pairs, c.skipped, c.in_scope, c.passed, c.known);
  }
}

void check_pair(const PairResult& r) {
  INFO("corpus pair " << r.name << (r.in_scope() ? " (in scope)" : " (out of scope)"));
  CHECK(r.self_diff == "");
  if (!r.in_scope()) return;
  if (const auto reason = known_failure(r)) {
    INFO("listed as a known failure (" << *reason << "), but it passes: take it off the list");
    CHECK_FALSE(r.passed());
    return;
  }
  for (const auto& d : r.directions) {
    INFO(d.label << "\n" << d.statements);
    CHECK(d.apply_error == "");
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
  if (!std::filesystem::is_directory(corpus_root)) {
    WARN("skipped: no schema-pair corpus at " << corpus_root.string());
    return;
  }
  for (const char* role : corpus_roles) {
    execute_sql(server_url(), fmt::format("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE "
                                          "rolname = {0}) THEN CREATE ROLE {1}; END IF; END $$",
                                          quote_literal(role), quote_ident(role)));
  }
  const auto results = run_all(case_names());
  print_report(results);
  for (const auto& r : results) {
    if (!r.skipped.empty()) {
      WARN("corpus pair " << r.name << " not loaded: " << r.skipped);
      continue;
    }
    check_pair(r);
  }
}

}  // namespace migrate::testing
