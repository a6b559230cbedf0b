// `migrate history [-r A:B] [--verbose] [--indicate-current]`: newest first.
#include <algorithm>

#include "cli/context.hpp"
#include "cli/graph_text.hpp"

namespace migrate::cli {
namespace {

struct HistoryArgs {
  std::string range;
  bool verbose = false;
  bool indicate_current = false;
};

// The revisions of A:B (either side may be empty): anc*(B) minus what lies below A.
std::vector<std::string> in_range(const RevisionGraph& graph, const std::string& range) {
  std::vector<std::string> ids;
  for (const auto& revision : graph.revisions()) ids.push_back(revision.id);
  if (range.empty()) return ids;
  const auto colon = range.find(':');
  const std::string lower = colon == std::string::npos ? range : range.substr(0, colon);
  const std::string upper = colon == std::string::npos ? "" : range.substr(colon + 1);
  std::set<std::string> keep(ids.begin(), ids.end());
  if (!upper.empty() && upper != "head" && upper != "heads") {
    keep = graph.ancestors({graph.resolve(upper)});
  }
  if (!lower.empty() && lower != "base") {
    const auto above = graph.descendants({graph.resolve(lower)});
    std::erase_if(keep, [&](const std::string& id) { return !above.count(id); });
  }
  return {keep.begin(), keep.end()};
}

// Newest first: a revision after everything below it, reversed.
std::vector<std::string> newest_first(const RevisionGraph& graph, std::vector<std::string> ids) {
  std::vector<std::string> ordered;
  if (ids.size() == graph.revisions().size()) {  // no range: every revision, nothing to filter
    for (auto& step : graph.plan_upgrade({}, "heads")) ordered.push_back(std::move(step.revision));
  } else {
    const std::set<std::string> wanted(ids.begin(), ids.end());
    for (const auto& step : graph.plan_upgrade({}, "heads")) {
      if (wanted.count(step.revision)) ordered.push_back(step.revision);
    }
  }
  std::reverse(ordered.begin(), ordered.end());
  return ordered;
}

int history(Context& ctx, const HistoryArgs& args) {
  // --verbose counts each revision's operations.
  const RevisionGraph graph =
      ctx.load_graph(args.verbose ? RevisionParts::everything : RevisionParts::graph);
  std::vector<std::string> current;
  if (args.indicate_current) current = Runner(ctx.database_url(), ctx.runner_options()).rows();
  for (const auto& id : newest_first(graph, in_range(graph, args.range))) {
    const Revision& revision = graph.get(id);
    const bool is_current = std::find(current.begin(), current.end(), id) != current.end();
    ctx.out << history_line(graph, revision, is_current) << '\n';
    if (args.verbose) {
      ctx.out << "    file: " << revision.file.string() << "\n    created: " << revision.created
              << "\n    operations: " << revision.upgrade.size() << " up, "
              << revision.downgrade.size() << " down\n";
    }
  }
  return 0;
}

}  // namespace

void add_history(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("history", "List revisions, newest first");
  auto args = std::make_shared<HistoryArgs>();
  command->add_option("-r,--rev-range", args->range, "Only revisions in A:B");
  command->add_flag("--verbose", args->verbose, "Show each revision's file and operations");
  command->add_flag("-i,--indicate-current", args->indicate_current,
                    "Mark the revisions the database is at");
  command->callback([&ctx, args] { ctx.action = [&ctx, args] { return history(ctx, *args); }; });
}

}  // namespace migrate::cli
