// Running revisions: each one's statements, version-table update and history row together.
#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "migrate/render.hpp"

#include "runner/runner_internal.hpp"
#include "version_table/version_table.hpp"

namespace migrate {
namespace {

const std::vector<RevisionOperation>& operations_of(const Revision& revision, Direction direction) {
  return direction == Direction::upgrade ? revision.upgrade : revision.downgrade;
}

std::string server_message(const pqxx::sql_error& e) {
  std::string message = e.what();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

// Runs a revision's operations in `tx`; a failure names the revision, operation and SQL.
void run_operations(pqxx::transaction_base& tx, const Revision& revision, Direction direction) {
  const auto& ops = operations_of(revision, direction);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    for (const std::string& sql : render(ops[i].op)) {
      try {
        tx.exec(sql);
      } catch (const pqxx::sql_error& e) {
        throw MigrationError(revision.id, direction, i + 1, kind_name(ops[i].op), sql,
                             server_message(e));
      }
    }
  }
}

long elapsed_ms(std::chrono::steady_clock::time_point since) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - since)
                               .count());
}

void record(pqxx::transaction_base& tx, const RunnerOptions& options, const Step& step,
            const Revision& revision, const std::vector<std::string>& rows,
            std::chrono::steady_clock::time_point started) {
  for (const auto& sql : version_table::set_rows(options, rows)) tx.exec(sql);
  tx.exec(
      version_table::insert_history(options, step, checksum(revision), "ok", elapsed_ms(started)));
}

// A failed (rolled back) or partial revision is recorded on its own, afterwards.
void record_failure(Runner::Impl& runner, const Step& step, const Revision& revision,
                    const std::string& status, std::chrono::steady_clock::time_point started) {
  try {
    pqxx::work tx(*runner.connection);
    tx.exec(version_table::insert_history(runner.options, step, checksum(revision), status,
                                          elapsed_ms(started)));
    tx.commit();
  } catch (const std::exception&) {
    // The failure itself is what the user must see; a lost history row must not hide it.
  }
}

void apply(std::set<std::string>& applied, const Step& step) {
  if (step.direction == Direction::upgrade) {
    applied.insert(step.revision);
  } else {
    applied.erase(step.revision);
  }
}

// CREATE INDEX CONCURRENTLY and the like: each statement commits on its own, so a failure leaves
// the ones before it in place; the history says "partial" and the version table stays put.
void run_outside_transaction(Runner::Impl& runner, const Step& step, const Revision& revision,
                             const std::vector<std::string>& rows,
                             std::chrono::steady_clock::time_point started) {
  try {
    pqxx::nontransaction tx(*runner.connection);
    run_operations(tx, revision, step.direction);
  } catch (const MigrationError&) {
    record_failure(runner, step, revision, "partial", started);
    throw;
  }
  pqxx::work tx(*runner.connection);
  record(tx, runner.options, step, revision, rows, started);
  tx.commit();
}

void run_per_revision(Runner::Impl& runner, const RevisionGraph& graph,
                      const std::vector<Step>& steps, std::set<std::string> applied,
                      const Progress& progress) {
  for (const Step& step : steps) {
    const Revision& revision = graph.get(step.revision);
    const auto started = std::chrono::steady_clock::now();
    apply(applied, step);
    if (!revision.transactional) {
      run_outside_transaction(runner, step, revision, graph.rows_for(applied), started);
      if (progress) progress({step, &revision, elapsed_ms(started)});
      continue;
    }
    try {
      pqxx::work tx(*runner.connection);
      run_operations(tx, revision, step.direction);
      record(tx, runner.options, step, revision, graph.rows_for(applied), started);
      tx.commit();
    } catch (const MigrationError&) {
      record_failure(runner, step, revision, "failed", started);
      throw;
    }
    if (progress) progress({step, &revision, elapsed_ms(started)});
  }
}

// One transaction for the run. A `transactional: false` revision cannot run inside it: as
// Alembic's autocommit_block does, the transaction is committed before it, the revision runs
// outside any transaction, and a new transaction carries on after it.
void run_whole(Runner::Impl& runner, const RevisionGraph& graph, const std::vector<Step>& steps,
               std::set<std::string> applied, const Progress& progress) {
  std::optional<pqxx::work> tx;
  std::vector<StepEvent> events;  // reported once their transaction has committed
  const auto commit = [&] {
    if (tx) tx->commit();
    tx.reset();
    if (progress) {
      for (const auto& event : events) progress(event);
    }
    events.clear();
  };
  for (const Step& step : steps) {
    const Revision& revision = graph.get(step.revision);
    const auto started = std::chrono::steady_clock::now();
    apply(applied, step);
    if (!revision.transactional) {
      commit();
      run_outside_transaction(runner, step, revision, graph.rows_for(applied), started);
      if (progress) progress({step, &revision, elapsed_ms(started)});
      continue;
    }
    if (!tx) tx.emplace(*runner.connection);
    try {
      run_operations(*tx, revision, step.direction);
    } catch (const MigrationError&) {
      tx.reset();  // rolls back everything since the last commit
      record_failure(runner, step, revision, "failed", started);
      throw;
    }
    record(*tx, runner.options, step, revision, graph.rows_for(applied), started);
    events.push_back({step, &revision, elapsed_ms(started)});
  }
  commit();
}

}  // namespace

void run_steps(Runner::Impl& runner, const RevisionGraph& graph, const std::vector<Step>& steps,
               const std::vector<std::string>& rows, const Progress& progress) {
  const std::set<std::string> applied = graph.ancestors(rows);
  if (runner.options.transaction_mode == TransactionMode::whole_run) {
    run_whole(runner, graph, steps, applied, progress);
  } else {
    run_per_revision(runner, graph, steps, applied, progress);
  }
}

void refuse_flagged(const RevisionGraph& graph, const std::vector<Step>& steps) {
  std::string flags;
  for (const Step& step : steps) {
    const Revision& revision = graph.get(step.revision);
    for (const auto& op : operations_of(revision, step.direction)) {
      if (!op.flag) continue;
      flags += fmt::format("\n  {}:{}: {}", revision.file.string(), op.line, *op.flag);
    }
  }
  if (flags.empty()) return;
  throw FlaggedRevisionError(
      "refusing to run revisions that still carry flags; resolve each one in its file (write the "
      "suggested operation instead, or delete the flag line to confirm):" +
      flags);
}

}  // namespace migrate
