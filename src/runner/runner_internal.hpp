#pragma once
// What the files of src/runner/ share.

#include <memory>
#include <string>

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

std::vector<std::string> read_rows(pqxx::transaction_base& tx, const RunnerOptions& options);

// Runs the steps from the version table's `rows`, in the options' transaction mode.
void run_steps(Runner::Impl& runner, const RevisionGraph& graph, const std::vector<Step>& steps,
               const std::vector<std::string>& rows, const Progress& progress);

}  // namespace migrate
