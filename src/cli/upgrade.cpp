// `migrate upgrade [TARGET] [--sql]`.
#include "cli/context.hpp"
#include "cli/run_support.hpp"

namespace migrate::cli {

void add_upgrade(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("upgrade", "Apply revisions up to TARGET (default: head)");
  auto args = std::make_shared<RunArgs>(RunArgs{"head"});
  command->add_option(
      "target", args->target,
      "head, heads, REV, a unique prefix, +N, LABEL@head, REV+N; FROM:TO with --sql");
  command->add_flag("--sql", args->sql, "Print the SQL script instead of running it");
  command->add_flag("--rerun-partial", args->rerun_partial,
                    "Run again a transactional: false revision that stopped part-way, once the "
                    "database is fit to run it from its first statement");
  command->callback([&ctx, args] {
    ctx.action = [&ctx, args] { return run_migration(ctx, Direction::upgrade, *args); };
  });
}

}  // namespace migrate::cli
