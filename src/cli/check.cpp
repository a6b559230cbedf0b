// `migrate check`: exit 1 when the database differs from the declared model.
#include <spdlog/spdlog.h>

#include "cli/context.hpp"
#include "cli/schema_source.hpp"
#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"

namespace migrate::cli {
namespace {

int check(Context& ctx) {
  Schema declared = ctx.load_model();
  Database database(ctx.database_url());
  const Schema live = database.reflect(reflect_options(ctx.config()));
  warn_unmanaged(live);
  database.canonicalize(declared, live);
  const auto ops = diff(live, declared);
  if (ops.empty()) {
    if (ctx.json()) {
      print_differences(ctx, ops);
    } else if (!ctx.options.quiet) {
      ctx.out << "database matches the model (" << declared.tables.size() << " tables)\n";
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
