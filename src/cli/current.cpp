// `migrate current [--verbose]`: the revisions the database is at.
#include <exception>
#include <future>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/graph_text.hpp"

namespace migrate::cli {
namespace {

int current(Context& ctx, bool verbose) {
  // The revision files are read while the connection is made: loading libpq and connecting is
  // mostly waiting. The configuration is read before, so the two never read it at once.
  const std::string url = ctx.database_url();
  const RunnerOptions options = ctx.runner_options();
  // Deferred as well: where no thread can be started, the files are read at get().
  auto loading = std::async(std::launch::async | std::launch::deferred,
                            [&ctx] { return ctx.load_graph(RevisionParts::graph); });
  std::vector<std::string> rows;
  std::exception_ptr connection_error;
  try {
    rows = Runner(url, options).rows();
  } catch (...) {
    connection_error = std::current_exception();
  }
  const RevisionGraph graph = loading.get();  // a broken revision file is reported first
  if (connection_error) std::rethrow_exception(connection_error);
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
