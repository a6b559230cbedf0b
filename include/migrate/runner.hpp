#pragma once
// Applying revisions to a database: one migrator at a time (a session advisory lock), each
// revision in its own transaction together with its version-table update and history row, so
// that the version table says exactly which revisions' changes exist.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "migrate/error.hpp"
#include "migrate/graph.hpp"

namespace migrate {

enum class TransactionMode { per_revision, whole_run };

struct RunnerOptions {
  std::string version_table = "migrate_version";
  std::string version_schema = "public";
  std::string history_table = "migrate_history";  // in version_schema
  int lock_timeout_ms = 60000;
  int statement_lock_timeout_ms = 5000;
  int statement_timeout_ms = 0;
  int lock_retries = 3;
  int lock_retry_delay_ms = 2000;
  TransactionMode transaction_mode = TransactionMode::per_revision;
  std::string tool_version = {};
  // Run again a `transactional: false` revision whose last run stopped part-way: a person has
  // made the database fit to run it from its first statement. Without it, upgrade refuses.
  bool rerun_partial = false;
};

// The advisory-lock key of a version table: the first 8 bytes of SHA-256("migrate:" + schema +
// "." + table), read big-endian, as a signed 64-bit integer, so that every migrator of one version
// table queues on the same key and migrators of other tables do not.
std::int64_t advisory_lock_key(const RunnerOptions& options);

struct StepEvent {
  Step step = {};
  const Revision* revision = nullptr;
  long duration_ms = 0;
};
using Progress = std::function<void(const StepEvent&)>;

struct HistoryEntry {
  long id = 0;
  std::string revision = {};
  std::string direction = {};
  std::string checksum = {};
  std::string status = {};  // ok | failed | partial
  std::string started_at = {};
  std::string finished_at = {};
  long duration_ms = 0;
  std::string db_user = {};
  std::string tool_version = {};
};

// Throws FlaggedRevisionError when a revision among `steps` still carries a flag in the direction
// it would run, naming each flag with file:line.
void refuse_flagged(const RevisionGraph& graph, const std::vector<Step>& steps);

class Runner {
 public:
  Runner(const std::string& url, RunnerOptions options);
  ~Runner();

  // The version table's rows, sorted; empty when the table does not exist yet.
  std::vector<std::string> rows();
  // The history table, oldest first; empty when it does not exist yet.
  std::vector<HistoryEntry> history();

  // Takes the lock, reads the rows, plans (RevisionGraph::plan_upgrade/plan_downgrade), refuses
  // flagged revisions, runs each step. Returns the steps run.
  std::vector<Step> upgrade(const RevisionGraph& graph, const std::string& target,
                            const Progress& progress = {});
  std::vector<Step> downgrade(const RevisionGraph& graph, const std::string& target,
                              const Progress& progress = {});
  // Sets the version table without running operations. Returns the new rows.
  std::vector<std::string> stamp(const RevisionGraph& graph,
                                 const std::vector<std::string>& targets, bool purge);

  struct Impl;  // the connection and options; defined in src/runner/, opaque to users

 private:
  std::vector<Step> run(const RevisionGraph& graph, Direction direction, const std::string& target,
                        const Progress& progress);

  std::unique_ptr<Impl> impl_;
};

// The SQL script of the steps, as --sql prints it: version and history tables created if missing,
// then per revision BEGIN, its statements, the version-table update and history row, COMMIT.
// `rows` is the version table before the first step.
std::string offline_script(const RevisionGraph& graph, const std::vector<Step>& steps,
                           std::vector<std::string> rows, const RunnerOptions& options);

}  // namespace migrate
