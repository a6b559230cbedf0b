// `migrate downgrade TARGET [--sql]`.
#include "cli/context.hpp"
#include "cli/run_support.hpp"

namespace migrate::cli {

void add_downgrade(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("downgrade", "Undo revisions down to TARGET");
  auto args = std::make_shared<RunArgs>();
  command
      ->add_option("target", args->target, "-N, REV, base, LABEL@base, REV-N; FROM:TO with --sql")
      ->required();
  command->add_flag("--sql", args->sql, "Print the SQL script instead of running it");
  command->add_flag("--rerun-partial", args->rerun_partial,
                    "Run again a transactional: false revision that stopped part-way, once the "
                    "database is fit to run it from its first statement");
  command->callback([&ctx, args] {
    ctx.action = [&ctx, args] { return run_migration(ctx, Direction::downgrade, *args); };
  });
}

}  // namespace migrate::cli
