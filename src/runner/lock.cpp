// One migrator at a time: a session advisory lock, taken before the version table is read and
// held until the run ends (or the session dies, which releases it).

#include <fmt/format.h>

#include "migrate/error.hpp"

#include "runner/runner_internal.hpp"
#include "util/sha256.hpp"
#include "version_table/version_table.hpp"

namespace migrate {
namespace {

// Who holds the lock, from pg_locks and pg_stat_activity, for the timeout message.
std::string lock_holder(pqxx::connection& connection, std::int64_t key) {
  pqxx::nontransaction tx(connection);
  const auto rows = tx.exec_params(
      "SELECT a.pid, COALESCE(a.application_name, ''), COALESCE(a.usename::text, '') "
      "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted "
      "AND ((l.classid::bigint << 32) | l.objid::bigint) = $1 AND l.pid <> pg_backend_pid()",
      key);
  if (rows.empty()) return "a session that has since ended";
  return fmt::format("pid {} (application_name '{}', user '{}')", rows[0][0].as<int>(),
                     rows[0][1].as<std::string>(), rows[0][2].as<std::string>());
}

}  // namespace

std::int64_t advisory_lock_key(const RunnerOptions& options) {
  const std::string text = "migrate:" + options.version_schema + "." + options.version_table;
  const Sha256Digest digest = sha256(text);
  // Big-endian, so the key is the same on every machine.
  std::uint64_t key = 0;
  for (int i = 0; i < 8; ++i) key = (key << 8) | digest[i];
  return static_cast<std::int64_t>(key);
}

MigrationLock::MigrationLock(Runner::Impl& runner) : runner_(runner) {
  const std::int64_t key = advisory_lock_key(runner.options);
  try {
    pqxx::nontransaction tx(*runner.connection);
    tx.exec(fmt::format("SET lock_timeout = {}", runner.options.lock_timeout_ms));
    tx.exec_params("SELECT pg_advisory_lock($1)", key);
    tx.exec("RESET lock_timeout");
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() != "55P03") throw DatabaseError(e.what());
    throw DatabaseError(fmt::format(
        "another migrator holds the lock of {}.{}: {}; gave up after {} ms (lock_timeout_ms)",
        runner.options.version_schema, runner.options.version_table,
        lock_holder(*runner.connection, key), runner.options.lock_timeout_ms));
  }
  pqxx::work tx(*runner.connection);
  for (const auto& sql : version_table::create_statements(runner.options)) tx.exec(sql);
  tx.commit();
}

MigrationLock::~MigrationLock() {
  try {
    pqxx::nontransaction tx(*runner_.connection);
    tx.exec_params("SELECT pg_advisory_unlock($1)", advisory_lock_key(runner_.options));
  } catch (const std::exception&) {
    // The session ending releases the lock anyway.
  }
}

}  // namespace migrate
