#include "version_table/version_table.hpp"

#include <fmt/format.h>

#include "migrate/render.hpp"

namespace migrate::version_table {
namespace {

std::string version_name(const RunnerOptions& options) {
  return quote_name({options.version_schema, options.version_table});
}

std::string history_name(const RunnerOptions& options) {
  return quote_name({options.version_schema, options.history_table});
}

std::string direction_text(Direction direction) {
  return direction == Direction::upgrade ? "upgrade" : "downgrade";
}

}  // namespace

std::vector<std::string> create_statements(const RunnerOptions& options) {
  return {
      fmt::format("CREATE TABLE IF NOT EXISTS {} (\n"
                  "    version_num text NOT NULL,\n"
                  "    CONSTRAINT {} PRIMARY KEY (version_num)\n)",
                  version_name(options), quote_ident(options.version_table + "_pkey")),
      fmt::format("CREATE TABLE IF NOT EXISTS {} (\n"
                  "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                  "    revision text NOT NULL,\n"
                  "    direction text NOT NULL CHECK (direction IN ('upgrade', 'downgrade')),\n"
                  "    checksum text NOT NULL,\n"
                  "    status text NOT NULL CHECK (status IN ('ok', 'failed', 'partial')),\n"
                  "    started_at timestamptz NOT NULL,\n"
                  "    finished_at timestamptz NOT NULL,\n"
                  "    duration_ms bigint NOT NULL,\n"
                  "    db_user text NOT NULL DEFAULT current_user,\n"
                  "    tool_version text NOT NULL\n)",
                  history_name(options)),
  };
}

std::string table_exists(const RunnerOptions& options) {
  return fmt::format("SELECT to_regclass({}) IS NOT NULL", quote_literal(version_name(options)));
}

std::string select_rows(const RunnerOptions& options) {
  return fmt::format("SELECT version_num FROM {} ORDER BY 1", version_name(options));
}

std::vector<std::string> set_rows(const RunnerOptions& options,
                                  const std::vector<std::string>& rows) {
  std::vector<std::string> sql = {"DELETE FROM " + version_name(options)};
  if (rows.empty()) return sql;
  std::string values;
  for (const auto& row : rows) values += (values.empty() ? "(" : ", (") + quote_literal(row) + ")";
  sql.push_back(
      fmt::format("INSERT INTO {} (version_num) VALUES {}", version_name(options), values));
  return sql;
}

std::string insert_history(const RunnerOptions& options, const Step& step,
                           const std::string& checksum, const std::string& status,
                           std::optional<long> elapsed_ms) {
  const std::string times =
      elapsed_ms ? fmt::format("f - {0} * interval '1 millisecond', f, {0}", *elapsed_ms)
                 : "now(), f, (extract(epoch FROM f - now()) * 1000)::bigint";
  return fmt::format(
      "INSERT INTO {} (revision, direction, checksum, status, started_at, finished_at, "
      "duration_ms, tool_version) SELECT {}, {}, {}, {}, {}, {} FROM clock_timestamp() f",
      history_name(options), quote_literal(step.revision),
      quote_literal(direction_text(step.direction)), quote_literal(checksum), quote_literal(status),
      times, quote_literal(options.tool_version));
}

std::string history_exists(const RunnerOptions& options) {
  return fmt::format("SELECT to_regclass({}) IS NOT NULL", quote_literal(history_name(options)));
}

std::string select_last_runs(const RunnerOptions& options) {
  return fmt::format(
      "SELECT DISTINCT ON (revision) revision, direction, status, finished_at::text FROM {} "
      "WHERE revision = ANY($1::text[]) ORDER BY revision, id DESC",
      history_name(options));
}

std::string select_history(const RunnerOptions& options) {
  return fmt::format(
      "SELECT id, revision, direction, checksum, status, started_at::text, finished_at::text, "
      "duration_ms, db_user, tool_version FROM {} ORDER BY id",
      history_name(options));
}

}  // namespace migrate::version_table
