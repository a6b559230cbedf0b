// A `transactional: false` revision that failed part-way left some of its statements in place.
// Running it again from the top could fail on them or do their work twice, and running past it
// would build on a half-made change: so upgrade and downgrade stop until a person decides.

#include <fmt/format.h>

#include "runner/runner_internal.hpp"
#include "version_table/version_table.hpp"

namespace migrate {

void refuse_partial(Runner::Impl& runner, const std::vector<Step>& steps) {
  if (steps.empty()) return;
  std::string ids = "{";
  for (const Step& step : steps) ids += (ids.size() > 1 ? "," : "") + step.revision;
  ids += "}";
  pqxx::read_transaction tx(*runner.connection);
  const auto rows = tx.exec_params(version_table::select_last_runs(runner.options), ids);
  for (const auto& row : rows) {
    if (row[2].as<std::string>() != "partial") continue;
    const std::string revision = row[0].as<std::string>();
    throw PartialRevisionError(fmt::format(
        "revision {} stopped part-way when it last ran ({}, {}): it is transactional: false, so "
        "the statements before the failure stayed in place (the error then listed them). Either "
        "make the database fit to run it from its first statement and run `migrate {} "
        "--rerun-partial`, or finish its work by hand and record it with `migrate stamp {}`",
        revision, row[1].as<std::string>(), row[3].as<std::string>(),
        row[1].as<std::string>() == "upgrade" ? "upgrade" : "downgrade", revision));
  }
}

}  // namespace migrate
