#include "cli/run_support.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "migrate/error.hpp"

namespace migrate::cli {
namespace {

const char* word(Direction direction) {
  return direction == Direction::upgrade ? "upgrade" : "downgrade";
}

Progress progress_printer(Context& ctx) {
  return [&ctx](const StepEvent& event) {
    if (ctx.json()) {
      ctx.out << nlohmann::json{{"event", word(event.step.direction)},
                                {"revision", event.revision->id},
                                {"message", event.revision->message},
                                {"duration_ms", event.duration_ms}}
                     .dump()
              << '\n';
    } else if (!ctx.options.quiet) {
      ctx.out << fmt::format("{} {} ({} ms): {}\n", word(event.step.direction), event.revision->id,
                             event.duration_ms, event.revision->message);
    }
  };
}

// --sql cannot read the version table: FROM:TO says where the database stands (no FROM: at base
// for upgrade; downgrade needs it).
int print_script(Context& ctx, const RevisionGraph& graph, Direction direction,
                 const std::string& target) {
  std::vector<std::string> rows;
  std::string to = target;
  if (const auto colon = target.find(':'); colon != std::string::npos) {
    const std::string from = target.substr(0, colon);
    to = target.substr(colon + 1);
    if (from != "base" && !from.empty()) rows = graph.stamp({}, from);
  } else if (direction == Direction::downgrade) {
    throw InputError("downgrade --sql needs a range FROM:TO, since it cannot read the database");
  }
  const auto steps = direction == Direction::upgrade ? graph.plan_upgrade(rows, to)
                                                     : graph.plan_downgrade(rows, to);
  refuse_flagged(graph, steps);
  ctx.out << offline_script(graph, steps, rows, ctx.runner_options());
  return 0;
}

}  // namespace

int run_migration(Context& ctx, Direction direction, const RunArgs& args) {
  const RevisionGraph graph = ctx.load_graph();
  if (args.sql) return print_script(ctx, graph, direction, args.target);
  RunnerOptions options = ctx.runner_options();
  options.rerun_partial = args.rerun_partial;
  Runner runner(ctx.database_url(), std::move(options));
  const auto steps = direction == Direction::upgrade
                         ? runner.upgrade(graph, args.target, progress_printer(ctx))
                         : runner.downgrade(graph, args.target, progress_printer(ctx));
  if (steps.empty() && !ctx.options.quiet && !ctx.json()) {
    ctx.out << "nothing to " << word(direction) << ": the database is already at " << args.target
            << '\n';
  }
  return 0;
}

}  // namespace migrate::cli
