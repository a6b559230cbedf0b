// `migrate check`: exit 1 when the database differs from the declared model.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"

#include "cli/context.hpp"
#include "cli/schema_source.hpp"

namespace migrate::cli {
namespace {

// Two branches that each added a revision leave two heads: `upgrade head` would refuse, so a CI
// job running check must fail too.
bool several_heads(Context& ctx) {
  const auto heads = ctx.load_graph().heads();
  if (heads.size() < 2) return false;
  ctx.out << "the revision files have " << heads.size() << " heads ("
          << fmt::format("{}", fmt::join(heads, ", "))
          << "): join them with `migrate merge -m MSG heads`\n";
  return true;
}

int check(Context& ctx) {
  if (several_heads(ctx)) return 1;
  const auto [declared, live] = load_model_and_database(ctx);
  const auto ops = diff(live, declared);
  if (ops.empty()) {
    if (ctx.json()) {
      print_differences(ctx, ops);
    } else if (!ctx.options.quiet) {
      const auto tables = declared.tables.size();
      ctx.out << "database matches the model (" << tables
              << (tables == 1 ? " table)\n" : " tables)\n");
    }
    return 0;
  }
  if (!ctx.json()) ctx.out << "database differs from the model (" << ops.size() << " changes):\n";
  print_differences(ctx, ops);
  return 1;
}

}  // namespace

void add_check(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("check", "Exit 1 when the database differs from the model");
  command->callback([&ctx] { ctx.action = [&ctx] { return check(ctx); }; });
}

}  // namespace migrate::cli
