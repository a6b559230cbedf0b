// `migrate stamp REV... [--purge]`: set the version table without running operations.
#include "cli/context.hpp"

namespace migrate::cli {
namespace {

struct StampArgs {
  std::vector<std::string> targets;
  bool purge = false;
};

int stamp(Context& ctx, const StampArgs& args) {
  const RevisionGraph graph = ctx.load_graph();
  Runner runner(ctx.database_url(), ctx.runner_options());
  const auto rows = runner.stamp(graph, args.targets, args.purge);
  if (!ctx.options.quiet) {
    ctx.out << (rows.empty() ? "version table is empty\n" : "version table:\n");
    for (const auto& row : rows) ctx.out << "  " << row << '\n';
  }
  return 0;
}

}  // namespace

void add_stamp(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("stamp", "Set the version table without running anything");
  auto args = std::make_shared<StampArgs>();
  command->add_option("targets", args->targets, "REV, head, heads or base")->required();
  command->add_flag("--purge", args->purge, "Empty the version table first");
  command->callback([&ctx, args] { ctx.action = [&ctx, args] { return stamp(ctx, *args); }; });
}

}  // namespace migrate::cli
