#pragma once
// Steps of the schema-pair corpus test (test_corpus.cpp): loading a pair, deciding whether it is
// within what migrate manages, and comparing two databases the way the corpus README asks.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "migrate/schema.hpp"

#include "support/postgres.hpp"

namespace migrate::testing {

// What pg_dump prints for features that Schema has no field for yet, although the objects they
// belong to (tables, constraints) are managed. A pair showing one of them is out of scope.
struct UnreflectedFeature {
  std::string_view dump_text;
  std::string_view reason;
};
inline constexpr UnreflectedFeature unreflected_features[] = {
    {" INHERITS (", "table inheritance (INHERITS)"},
    {" PARTITION BY ", "declarative partitioning (PARTITION BY)"},
    {" ATTACH PARTITION ", "declarative partitioning (ATTACH PARTITION)"},
    {" ROW LEVEL SECURITY", "row-level security (ENABLE ROW LEVEL SECURITY)"},
    {"CREATE UNLOGGED TABLE ", "unlogged tables"},
    {"GRANT ", "privileges (GRANT)"},
    {"REVOKE ", "privileges (REVOKE)"},
};

// A dump's lines, for matching a feature to the line that shows it.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The reasons, one per feature, that a database dumped as `dump` is beyond what migrate manages.
inline std::vector<std::string> unreflected_in_dump(const std::string& dump) {
  const auto lines = lines_of(dump);
  std::vector<std::string> reasons;
  for (const auto& feature : unreflected_features) {
    const auto shown = std::find_if(lines.begin(), lines.end(), [&](const std::string& line) {
      return line.find(feature.dump_text) != std::string::npos;
    });
    if (shown != lines.end()) reasons.push_back(std::string(feature.reason) + ": " + *shown);
  }
  // PrimaryKey has no deferrable field, unlike UniqueConstraint and ForeignKey.
  for (const auto& line : lines) {
    if (line.find("PRIMARY KEY (") != std::string::npos &&
        line.find("DEFERRABLE") != std::string::npos) {
      reasons.push_back("deferrable primary key: " + line);
    }
  }
  return reasons;
}

// Extensions installed at another version than the server's default: migrate creates extensions
// at the default version and does not compare versions.
inline std::vector<std::string> pinned_extension_versions(const std::string& url) {
  pqxx::connection connection{url};
  pqxx::read_transaction tx{connection};
  std::vector<std::string> pinned;
  for (const auto& row : tx.exec(
           "SELECT e.extname || ' ' || e.extversion || ' (default ' || a.default_version || ')' "
           "FROM pg_extension e JOIN pg_available_extensions a ON a.name = e.extname "
           "WHERE e.extversion IS DISTINCT FROM a.default_version ORDER BY 1")) {
    pinned.push_back("extension version " + row[0].as<std::string>());
  }
  return pinned;
}

// Why the pair of databases is out of scope; empty when migrate should reproduce it exactly.
inline std::vector<std::string> out_of_scope_reasons(const std::string& side, const Schema& schema,
                                                     const std::string& dump,
                                                     const std::string& url) {
  std::vector<std::string> reasons;
  for (const auto& object : schema.unmanaged) {
    reasons.push_back(side + ": unmanaged " + object.kind + " " + object.name);
  }
  for (const auto& reason : unreflected_in_dump(dump)) reasons.push_back(side + ": " + reason);
  for (const auto& reason : pinned_extension_versions(url)) reasons.push_back(side + ": " + reason);
  return reasons;
}

// A dump with the column lines of each CREATE TABLE sorted (and their trailing commas dropped):
// a diff can only append a column, so column order is not compared.
inline std::string without_column_order(const std::string& dump) {
  std::string result;
  std::vector<std::string> block;
  bool in_table = false;
  for (auto line : lines_of(dump)) {
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

// `diff -u` of two texts, for a failure message; empty when they are equal.
inline std::string text_difference(const std::string& expected, const std::string& actual) {
  if (expected == actual) return "";
  const auto dir = make_temp_dir("migrate-corpus-diff");
  std::ofstream(dir / "expected") << expected;
  std::ofstream(dir / "actual") << actual;
  const auto result = run_command({"diff", "-u", "expected", "actual"}, {}, dir.string());
  return result.out.empty() ? result.err : result.out;
}

}  // namespace migrate::testing
