// `migrate current [--verbose]`: the revisions the database is at.
#include "cli/context.hpp"
#include "cli/graph_text.hpp"

namespace migrate::cli {
namespace {

int current(Context& ctx, bool verbose) {
  const RevisionGraph graph = ctx.load_graph();
  Runner runner(ctx.database_url(), ctx.runner_options());
  const auto rows = runner.rows();
  for (const auto& id : graph.current(rows)) {
    ctx.out << id << markers(graph, id) << '\n';
    if (verbose)
      ctx.out << "    " << graph.get(id).message << " (" << graph.get(id).file.string() << ")\n";
  }
  return 0;
}

}  // namespace

void add_current(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("current", "Show the revisions the database is at");
  auto verbose = std::make_shared<bool>(false);
  command->add_flag("--verbose", *verbose, "Also show each revision's message and file");
  command->callback(
      [&ctx, verbose] { ctx.action = [&ctx, verbose] { return current(ctx, *verbose); }; });
}

}  // namespace migrate::cli
