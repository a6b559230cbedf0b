#pragma once
// The SQL of the version and history tables. The online runner and the --sql script use these
// same statements (values as quoted literals), so a script applied with psql leaves exactly what
// an online run leaves.

#include <optional>
#include <string>
#include <vector>

#include "migrate/graph.hpp"
#include "migrate/runner.hpp"

namespace migrate::version_table {

// CREATE TABLE IF NOT EXISTS for both tables.
std::vector<std::string> create_statements(const RunnerOptions& options);

// Reads the rows, or nothing when the table is missing: a query returning version_num.
std::string select_rows(const RunnerOptions& options);
// Whether the version table exists: a query returning one boolean.
std::string table_exists(const RunnerOptions& options);

// Replaces the rows with `rows`.
std::vector<std::string> set_rows(const RunnerOptions& options,
                                  const std::vector<std::string>& rows);

// One history row. With `elapsed_ms` (the online runner, which timed the step itself), the row
// finishes when it is written and started that long before; without it (a --sql script, where
// the row is written in the revision's own transaction), it spans that transaction.
std::string insert_history(const RunnerOptions& options, const Step& step,
                           const std::string& checksum, const std::string& status,
                           std::optional<long> elapsed_ms = std::nullopt);

std::string select_history(const RunnerOptions& options);
// The last history row of each revision in the text array $1: revision, direction, status,
// finished_at.
std::string select_last_runs(const RunnerOptions& options);
std::string history_exists(const RunnerOptions& options);

}  // namespace migrate::version_table
