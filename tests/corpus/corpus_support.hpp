#pragma once
// Steps of the schema-pair corpus test (test_corpus.cpp): deciding whether a loaded database is
// within what migrate manages, and comparing two databases the way shared/corpus/README.md asks.

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "migrate/schema.hpp"

#include "support/postgres.hpp"

namespace migrate::testing {

// Why the database `side` reflected as `schema` is beyond what migrate manages: the objects and
// attributes reflection names as not managed. Empty when a diff to or from it should be exact.
inline std::vector<std::string> out_of_scope_reasons(const std::string& side,
                                                     const Schema& schema) {
  std::vector<std::string> reasons;
  for (const auto& object : schema.unmanaged) {
    reasons.push_back(side + ": unmanaged " + object.kind + " " + object.name);
  }
  return reasons;
}

// A dump with the lines inside each CREATE TABLE ( ... ) sorted and without their trailing
// commas, and each run of COMMENT ON COLUMN statements sorted: a diff can only append a column,
// and pg_dump prints column comments in column order, so column order is not compared.
inline std::string without_column_order(const std::string& dump) {
  std::istringstream in(dump);
  std::string result;
  std::vector<std::string> block;
  std::vector<std::string> comments;  // COMMENT ON COLUMN statements, one after another
  const auto flush_comments = [&] {
    std::sort(comments.begin(), comments.end());
    for (const auto& comment : comments) result += comment + "\n\n";
    comments.clear();
  };
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    if (!in_table && line.starts_with("COMMENT ON COLUMN ")) {
      comments.push_back(line);
      continue;
    }
    if (!comments.empty() && line.empty()) continue;
    if (!comments.empty()) flush_comments();
    if (in_table && line.starts_with(")")) {
      std::sort(block.begin(), block.end());
      for (const auto& column : block) result += column + '\n';
      block.clear();
      in_table = false;
    }
    if (in_table) {
      if (line.ends_with(",")) line.pop_back();
      block.push_back(line);
      continue;
    }
    result += line + '\n';
    in_table = (line.starts_with("CREATE TABLE ") || line.starts_with("CREATE UNLOGGED TABLE ")) &&
               line.ends_with(" (");
  }
  flush_comments();
  return result;
}

// What two databases with the same schema print alike: their dump without column order, and
// their extensions' versions, which pg_dump leaves out.
inline std::string comparable_state(const std::string& url) {
  std::string state = without_column_order(pg_dump_schema(url));
  pqxx::connection connection{url};
  pqxx::read_transaction tx{connection};
  for (const auto& row :
       tx.exec("SELECT extname || ' ' || extversion FROM pg_extension ORDER BY 1")) {
    state += "-- extension " + row[0].as<std::string>() + "\n";
  }
  return state;
}

// `diff -u` of two texts, labelled, for a failure message; empty when they are equal.
inline std::string text_difference(const std::string& expected_label, const std::string& expected,
                                   const std::string& actual_label, const std::string& actual) {
  if (expected == actual) return "";
  const auto dir = make_temp_dir("migrate-corpus-diff");
  std::ofstream(dir / "expected") << expected;
  std::ofstream(dir / "actual") << actual;
  const auto result = run_command(
      {"diff", "-u", "--label", expected_label, "--label", actual_label, "expected", "actual"}, {},
      dir.string());
  return result.out.empty() ? result.err : result.out;
}

// Drops a database fresh_database() made, once the test is done with it, so that a run over many
// pairs does not leave them all to the end. Dropping it again at release is harmless.
inline void drop_database(const TestDatabase& db) {
  execute_sql(server_url(), "DROP DATABASE IF EXISTS " + db.name + " WITH (FORCE)");
}

}  // namespace migrate::testing
