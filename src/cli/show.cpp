// `migrate show REV`: one revision's details and operations.
#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/graph_text.hpp"

namespace migrate::cli {
namespace {

void print_operations(Context& ctx, const char* title, const std::vector<RevisionOperation>& ops) {
  ctx.out << title << ":\n";
  for (const auto& op : ops) {
    ctx.out << "  " << describe(op.op) << '\n';
    if (op.flag) ctx.out << "    FLAG: " << *op.flag << '\n';
  }
}

int show(Context& ctx, const std::string& target) {
  const RevisionGraph graph = ctx.load_graph();
  const Revision& revision = graph.get(graph.resolve(target));
  ctx.out << "Revision: " << with_labels(graph, revision.id) << markers(graph, revision.id) << '\n';
  ctx.out << "Parents: " << (revision.parents.empty() ? "<base>" : "");
  for (std::size_t i = 0; i < revision.parents.size(); ++i) {
    ctx.out << (i ? ", " : "") << revision.parents[i];
  }
  if (!revision.depends_on.empty()) {
    ctx.out << fmt::format("\nDepends on: {}", fmt::join(revision.depends_on, ", "));
  }
  ctx.out << "\nFile: " << revision.file.string() << "\nCreated: " << revision.created
          << "\nChecksum: " << checksum(revision) << "\n\n    " << revision.message << "\n\n";
  print_operations(ctx, "upgrade", revision.upgrade);
  print_operations(ctx, "downgrade", revision.downgrade);
  return 0;
}

}  // namespace

void add_show(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("show", "Show one revision");
  auto target = std::make_shared<std::string>();
  command->add_option("revision", *target, "A revision id, unique prefix or branch label")
      ->required();
  command->callback([&ctx, target] { ctx.action = [&ctx, target] { return show(ctx, *target); }; });
}

}  // namespace migrate::cli
