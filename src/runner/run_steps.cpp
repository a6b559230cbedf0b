// Running revisions: each one's statements, version-table update and history row together.
#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "migrate/render.hpp"

#include "runner/runner_internal.hpp"
#include "sql/scanner.hpp"
#include "version_table/version_table.hpp"

namespace migrate {
namespace {

using Clock = std::chrono::steady_clock;

const std::vector<RevisionOperation>& operations_of(const Revision& revision, Direction direction) {
  revision.require_operations();
  return direction == Direction::upgrade ? revision.upgrade : revision.downgrade;
}

std::string server_message(const pqxx::sql_error& e) {
  std::string message = e.what();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

// One statement of a revision, with what a failure must name.
struct Statement {
  std::size_t operation = 0;  // 1-based
  const Operation* op = nullptr;
  std::string sql;
  std::size_t number = 1;  // within the operation, 1-based
  std::size_t of = 1;      // statements the operation renders
};

std::vector<Statement> statements_of(const Revision& revision, Direction direction) {
  std::vector<Statement> statements;
  const auto& ops = operations_of(revision, direction);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    std::vector<std::string> rendered = render(ops[i].op);
    for (std::size_t n = 0; n < rendered.size(); ++n) {
      statements.push_back({i + 1, &ops[i].op, std::move(rendered[n]), n + 1, rendered.size()});
    }
  }
  return statements;
}

// The operation's kind and, when it renders several statements, which one ran:
// "create_table, statement 2 of 3: CREATE INDEX".
std::string what_ran(const Statement& statement) {
  const std::string kind = kind_name(*statement.op);
  if (statement.of == 1) return kind;
  return fmt::format("{}, statement {} of {}: {}", kind, statement.number, statement.of,
                     sql::command_words(statement.sql));
}

void run_statement(pqxx::transaction_base& tx, const Revision& revision, Direction direction,
                   const Statement& statement) {
  try {
    tx.exec(statement.sql);
  } catch (const pqxx::sql_error& e) {
    throw MigrationError(revision.id, direction, statement.operation, what_ran(statement),
                         statement.sql, server_message(e), e.sqlstate());
  }
}

// Runs a revision's operations in `tx`; a failure names the revision, operation and SQL.
void run_operations(pqxx::transaction_base& tx, const Revision& revision, Direction direction) {
  for (const Statement& statement : statements_of(revision, direction)) {
    run_statement(tx, revision, direction, statement);
  }
}

long elapsed_ms(Clock::time_point since) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count());
}

void record(pqxx::transaction_base& tx, const RunnerOptions& options, const Step& step,
            const Revision& revision, const std::vector<std::string>& rows,
            Clock::time_point started) {
  for (const auto& sql : version_table::set_rows(options, rows)) tx.exec(sql);
  tx.exec(
      version_table::insert_history(options, step, checksum(revision), "ok", elapsed_ms(started)));
}

// A failed (rolled back) or partial revision is recorded on its own, afterwards.
void record_failure(Runner::Impl& runner, const Step& step, const Revision& revision,
                    const std::string& status, Clock::time_point started) {
  try {
    pqxx::work tx(*runner.connection);
    tx.exec(version_table::insert_history(runner.options, step, checksum(revision), status,
                                          elapsed_ms(started)));
    tx.commit();
  } catch (const std::exception&) {
    // The failure itself is what the user must see; a lost history row must not hide it.
  }
}

// "statements 1 to 2 of 4 ran and stay in place:\n  SQL\n  SQL" for a transactional: false
// revision that stopped at statement `failed` (0-based).
std::string partial_note(const std::vector<Statement>& statements, std::size_t failed) {
  if (failed == 0) return "no statement of this transactional: false revision ran";
  std::string note = fmt::format(
      "statement{} 1{} of {} of this transactional: false revision ran and stay{} in place:",
      failed == 1 ? "" : "s", failed == 1 ? "" : fmt::format(" to {}", failed), statements.size(),
      failed == 1 ? "s" : "");
  for (std::size_t i = 0; i < failed; ++i) note += "\n  " + statements[i].sql;
  return note;
}

// CREATE INDEX CONCURRENTLY and the like: each statement commits on its own, and one that hits
// the lock timeout is tried again on its own. A failure leaves the statements before it in
// place; the history says "partial" and the version table stays put.
void run_outside_transaction(Runner::Impl& runner, const Step& step, const Revision& revision,
                             const std::vector<std::string>& rows, Clock::time_point started) {
  const std::vector<Statement> statements = statements_of(revision, step.direction);
  std::size_t done = 0;
  try {
    pqxx::nontransaction tx(*runner.connection);
    tx.exec(timeout_settings(runner.options, revision, false));
    for (; done < statements.size(); ++done) {
      with_lock_retries(runner.options,
                        [&] { run_statement(tx, revision, step.direction, statements[done]); });
    }
    tx.exec("RESET lock_timeout; RESET statement_timeout");
  } catch (const MigrationError& e) {
    record_failure(runner, step, revision, "partial", started);
    throw e.with_note(partial_note(statements, done));
  }
  pqxx::work tx(*runner.connection);
  record(tx, runner.options, step, revision, rows, started);
  tx.commit();
}

void apply(std::set<std::string>& applied, const Step& step) {
  if (step.direction == Direction::upgrade) {
    applied.insert(step.revision);
  } else {
    applied.erase(step.revision);
  }
}

void run_per_revision(Runner::Impl& runner, const RevisionGraph& graph,
                      const std::vector<Step>& steps, std::set<std::string> applied,
                      const Progress& progress) {
  for (const Step& step : steps) {
    const Revision& revision = graph.get(step.revision);
    const auto started = Clock::now();
    apply(applied, step);
    const auto rows = graph.rows_for(applied);
    if (!revision.transactional) {
      run_outside_transaction(runner, step, revision, rows, started);
      if (progress) progress({step, &revision, elapsed_ms(started)});
      continue;
    }
    try {
      with_lock_retries(runner.options, [&] {
        pqxx::work tx(*runner.connection);
        tx.exec(timeout_settings(runner.options, revision, true));
        run_operations(tx, revision, step.direction);
        record(tx, runner.options, step, revision, rows, started);
        tx.commit();
      });
    } catch (const MigrationError&) {
      record_failure(runner, step, revision, "failed", started);
      throw;
    }
    if (progress) progress({step, &revision, elapsed_ms(started)});
  }
}

// One transaction for the run. A `transactional: false` revision cannot run inside it: as
// Alembic's autocommit_block does, the transaction is committed before it, the revision runs
// outside any transaction, and a new transaction carries on after it. A lock timeout rolls back
// to the last commit, and that stretch is tried again from its first revision.
void run_whole(Runner::Impl& runner, const RevisionGraph& graph, const std::vector<Step>& steps,
               std::set<std::string> applied, const Progress& progress) {
  std::size_t next = 0;
  while (next < steps.size()) {
    const Revision& first = graph.get(steps[next].revision);
    if (!first.transactional) {
      const auto started = Clock::now();
      apply(applied, steps[next]);
      run_outside_transaction(runner, steps[next], first, graph.rows_for(applied), started);
      if (progress) progress({steps[next], &first, elapsed_ms(started)});
      ++next;
      continue;
    }
    // The stretch of transactional revisions from `next`, run in one transaction.
    std::size_t end = next;
    while (end < steps.size() && graph.get(steps[end].revision).transactional) ++end;
    std::vector<StepEvent> events;
    std::set<std::string> stretch_applied;
    std::size_t running = next;
    auto running_since = Clock::now();
    try {
      with_lock_retries(runner.options, [&] {
        events.clear();
        stretch_applied = applied;
        pqxx::work tx(*runner.connection);
        std::string in_force;
        for (std::size_t i = next; i < end; ++i) {
          const Revision& revision = graph.get(steps[i].revision);
          const auto started = running_since = Clock::now();
          running = i;
          apply(stretch_applied, steps[i]);
          // Sent again only when a revision sets other values than the one before it.
          if (std::string settings = timeout_settings(runner.options, revision, true);
              settings != in_force) {
            tx.exec(settings);
            in_force = std::move(settings);
          }
          try {
            run_operations(tx, revision, steps[i].direction);
          } catch (const MigrationError& e) {
            if (e.sqlstate() == lock_not_available) throw;  // retried, or reported, by the caller
            tx.abort();
            record_failure(runner, steps[i], revision, "failed", started);
            throw;
          }
          record(tx, runner.options, steps[i], revision, graph.rows_for(stretch_applied), started);
          events.push_back({steps[i], &revision, elapsed_ms(started)});
        }
        tx.commit();
      });
    } catch (const MigrationError& e) {
      // Out of lock retries: the stretch is rolled back; the revision that waited is recorded.
      if (e.sqlstate() == lock_not_available) {
        record_failure(runner, steps[running], graph.get(steps[running].revision), "failed",
                       running_since);
      }
      throw;
    }
    applied = std::move(stretch_applied);
    if (progress) {
      for (const auto& event : events) progress(event);
    }
    next = end;
  }
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
