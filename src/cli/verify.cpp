// `migrate verify`: every revision file still says what ran (checksums in the history table).
#include <map>

#include "cli/context.hpp"

namespace migrate::cli {
namespace {

int verify(Context& ctx) {
  const RevisionGraph graph = ctx.load_graph();
  Runner runner(ctx.database_url(), ctx.runner_options());
  // The last successful step of each revision is what the database holds now.
  std::map<std::string, HistoryEntry> last_run;
  for (const auto& entry : runner.history()) {
    if (entry.status == "ok" && entry.direction == "upgrade") last_run[entry.revision] = entry;
  }
  int changed = 0;
  std::vector<std::string> rows;
  for (const auto& row : runner.rows()) {
    if (graph.contains(row)) {
      rows.push_back(row);
    } else {
      ctx.out << "revision " << row << " is applied but has no file\n";
      ++changed;
    }
  }
  const auto applied = graph.ancestors(rows);
  for (const auto& id : applied) {
    const auto it = last_run.find(id);
    if (it == last_run.end()) continue;  // stamped, never run: nothing to compare
    if (it->second.checksum != checksum(graph.get(id))) {
      ctx.out << graph.get(id).file.string() << ": revision " << id
              << " was changed after it ran on " << it->second.finished_at << '\n';
      ++changed;
    }
  }
  if (changed == 0 && !ctx.options.quiet) ctx.out << "every applied revision matches its file\n";
  return changed == 0 ? 0 : 1;
}

}  // namespace

void add_verify(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("verify", "Exit 1 when a revision file changed after it ran");
  command->callback([&ctx] { ctx.action = [&ctx] { return verify(ctx); }; });
}

}  // namespace migrate::cli
