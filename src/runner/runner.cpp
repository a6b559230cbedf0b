#include "migrate/runner.hpp"

#include <chrono>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "migrate/config.hpp"
#include "migrate/render.hpp"

#include "libpq/connect.hpp"
#include "runner/runner_internal.hpp"
#include "version_table/version_table.hpp"

namespace migrate {

Runner::Runner(const std::string& url, RunnerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->url = url;
  impl_->connection = open_connection(url);
}

Runner::~Runner() = default;

std::vector<std::string> Runner::rows() {
  // Two statements and no BEGIN or ROLLBACK: a transaction would add two round trips to
  // `current` and makes no difference to what it reads.
  pqxx::nontransaction tx(*impl_->connection);
  return read_rows(tx, impl_->options);
}

std::vector<HistoryEntry> Runner::history() {
  pqxx::read_transaction tx(*impl_->connection);
  std::vector<HistoryEntry> entries;
  if (!tx.exec1(version_table::history_exists(impl_->options))[0].as<bool>()) return entries;
  for (const auto& row : tx.exec(version_table::select_history(impl_->options))) {
    entries.push_back({row[0].as<long>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<std::string>(),
                       row[6].as<std::string>(), row[7].as<long>(), row[8].as<std::string>(),
                       row[9].as<std::string>()});
  }
  return entries;
}

std::vector<Step> Runner::upgrade(const RevisionGraph& graph, const std::string& target,
                                  const Progress& progress) {
  return run(graph, Direction::upgrade, target, progress);
}

std::vector<Step> Runner::downgrade(const RevisionGraph& graph, const std::string& target,
                                    const Progress& progress) {
  return run(graph, Direction::downgrade, target, progress);
}

// The lock is held from before the rows are read until the last step has run.
std::vector<Step> Runner::run(const RevisionGraph& graph, Direction direction,
                              const std::string& target, const Progress& progress) {
  MigrationLock lock(*impl_);
  const auto start_rows = rows();
  const auto steps = direction == Direction::upgrade ? graph.plan_upgrade(start_rows, target)
                                                     : graph.plan_downgrade(start_rows, target);
  refuse_flagged(graph, steps);
  if (!impl_->options.rerun_partial) refuse_partial(*impl_, steps);
  run_steps(*impl_, graph, steps, start_rows, progress);
  return steps;
}

std::vector<std::string> Runner::stamp(const RevisionGraph& graph,
                                       const std::vector<std::string>& targets, bool purge) {
  MigrationLock lock(*impl_);
  std::vector<std::string> new_rows = purge ? std::vector<std::string>{} : rows();
  for (const auto& target : targets) new_rows = graph.stamp(new_rows, target);
  pqxx::work tx(*impl_->connection);
  for (const auto& sql : version_table::set_rows(impl_->options, new_rows)) tx.exec(sql);
  tx.commit();
  return new_rows;
}

std::vector<std::string> read_rows(pqxx::transaction_base& tx, const RunnerOptions& options) {
  std::vector<std::string> rows;
  if (!tx.exec1(version_table::table_exists(options))[0].as<bool>()) return rows;
  for (const auto& row : tx.exec(version_table::select_rows(options))) {
    rows.push_back(row[0].as<std::string>());
  }
  return rows;
}

}  // namespace migrate
