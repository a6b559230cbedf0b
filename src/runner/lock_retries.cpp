// Statements that wait for a table lock must not stall the application behind them: each
// revision's statements run with a short lock_timeout, and a revision that hits it is rolled back
// and tried again a bounded number of times, the wait between tries doubling.

#include <algorithm>
#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "runner/runner_internal.hpp"

namespace migrate {

std::string timeout_settings(const RunnerOptions& options, const Revision& revision, bool local) {
  const char* set = local ? "SET LOCAL" : "SET";
  return fmt::format("{0} lock_timeout = {1}; {0} statement_timeout = {2}", set,
                     revision.statement_lock_timeout_ms.value_or(options.statement_lock_timeout_ms),
                     revision.statement_timeout_ms.value_or(options.statement_timeout_ms));
}

void with_lock_retries(const RunnerOptions& options, const std::function<void()>& attempt) {
  long delay_ms = options.lock_retry_delay_ms;
  for (int retry = 1;; ++retry) {
    try {
      attempt();
      return;
    } catch (const MigrationError& e) {
      if (e.sqlstate() != lock_not_available) throw;
      if (retry > options.lock_retries) {
        throw e.with_note(
            fmt::format("another session held a lock it needs; gave up after {} tr{} "
                        "(statement_lock_timeout_ms, lock_retries in migrate.yaml)",
                        retry, retry == 1 ? "y" : "ies"));
      }
      spdlog::warn(
          "{} of revision {}, operation {} ({}): another session holds a lock it needs; rolled "
          "back, trying again in {} ms (retry {} of {})",
          e.direction() == Direction::upgrade ? "upgrade" : "downgrade", e.revision(),
          e.operation_index(), e.operation_kind(), delay_ms, retry, options.lock_retries);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      delay_ms = std::min<long>(delay_ms * 2, 60'000);
    }
  }
}

}  // namespace migrate
