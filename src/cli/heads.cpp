// `migrate heads [--resolve-dependencies]`.
#include "cli/context.hpp"
#include "cli/graph_text.hpp"

namespace migrate::cli {
namespace {

int heads(Context& ctx, bool resolve_dependencies) {
  const RevisionGraph graph = ctx.load_graph(RevisionParts::graph);
  for (const auto& id : resolve_dependencies ? graph.real_heads() : graph.heads()) {
    ctx.out << with_labels(graph, id) << markers(graph, id) << '\n';
  }
  return 0;
}

}  // namespace

void add_heads(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("heads", "List the revisions nothing builds on");
  auto resolve = std::make_shared<bool>(false);
  command->add_flag("--resolve-dependencies", *resolve,
                    "Leave out heads that another revision depends on");
  command->callback(
      [&ctx, resolve] { ctx.action = [&ctx, resolve] { return heads(ctx, *resolve); }; });
}

}  // namespace migrate::cli
