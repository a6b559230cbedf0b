#pragma once
// What the files of src/runner/ share.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "migrate/runner.hpp"

namespace migrate {

struct Runner::Impl {
  std::string url;
  RunnerOptions options;
  std::unique_ptr<pqxx::connection> connection;
};

// Holds the session advisory lock of the version table for its lifetime; creates the version and
// history tables once the lock is held. Throws DatabaseError naming the holder on timeout.
class MigrationLock {
 public:
  explicit MigrationLock(Runner::Impl& runner);
  ~MigrationLock();
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  Runner::Impl& runner_;
};

// PostgreSQL's lock_not_available: a statement waited longer than lock_timeout.
inline constexpr const char* lock_not_available = "55P03";

// SET [LOCAL] lock_timeout and statement_timeout for a revision's statements (the revision's
// own values, else the options'), as one string: one round trip.
std::string timeout_settings(const RunnerOptions& options, const Revision& revision, bool local);

// Runs `attempt`; when it throws a MigrationError for a lock timeout, waits and runs it again, up
// to options.lock_retries times, the wait doubling from options.lock_retry_delay_ms, with a
// warning for each. The last failure is rethrown with a note on what was tried. `attempt` must
// leave nothing behind when it throws (a rolled-back transaction, a single failed statement).
void with_lock_retries(const RunnerOptions& options, const std::function<void()>& attempt);

// Throws PartialRevisionError when a revision among `steps` last ran as `partial`.
void refuse_partial(Runner::Impl& runner, const std::vector<Step>& steps);

std::vector<std::string> read_rows(pqxx::transaction_base& tx, const RunnerOptions& options);

// Runs the steps from the version table's `rows`, in the options' transaction mode.
void run_steps(Runner::Impl& runner, const RevisionGraph& graph, const std::vector<Step>& steps,
               const std::vector<std::string>& rows, const Progress& progress);

}  // namespace migrate
