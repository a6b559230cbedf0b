// `migrate branches`: each branch point and its children.
#include "cli/context.hpp"
#include "cli/graph_text.hpp"

namespace migrate::cli {
namespace {

int branches(Context& ctx) {
  const RevisionGraph graph = ctx.load_graph(RevisionParts::graph);
  for (const auto& id : graph.branch_points()) {
    ctx.out << with_labels(graph, id) << " (branchpoint)\n";
    for (const auto& child : graph.children(id)) {
      ctx.out << "             -> " << with_labels(graph, child) << markers(graph, child) << '\n';
    }
    ctx.out << '\n';
  }
  return 0;
}

}  // namespace

void add_branches(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("branches", "List branch points and their children");
  command->callback([&ctx] { ctx.action = [&ctx] { return branches(ctx); }; });
}

}  // namespace migrate::cli
