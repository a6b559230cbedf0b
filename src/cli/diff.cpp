// `migrate diff --from A --to B [--sql]`: any two schemas, each a database URL or model files.
#include "migrate/diff.hpp"

#include "migrate/render.hpp"

#include "cli/context.hpp"
#include "cli/schema_source.hpp"

namespace migrate::cli {
namespace {

struct DiffArgs {
  std::string from;
  std::string to;
  bool sql = false;
};

int run_diff(Context& ctx, const DiffArgs& args) {
  LoadedSchema from = load_schema(ctx, args.from);
  LoadedSchema to = load_schema(ctx, args.to);
  // A model compared with a database is put in the server's words first.
  if (from.database && !to.database) from.database->canonicalize(to.schema, from.schema);
  if (to.database && !from.database) to.database->canonicalize(from.schema, to.schema);
  const auto ops = diff(from.schema, to.schema);
  if (args.sql) {
    for (const auto& statement : render(ops)) ctx.out << statement << ";\n";
    return 0;
  }
  print_differences(ctx, ops);
  return ops.empty() ? 0 : 1;
}

}  // namespace

void add_diff(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("diff", "Compare two schemas (database URLs or model paths)");
  auto args = std::make_shared<DiffArgs>();
  command->add_option("--from", args->from, "The schema to start from")->required();
  command->add_option("--to", args->to, "The schema to arrive at")->required();
  command->add_flag("--sql", args->sql, "Print the SQL that turns FROM into TO");
  command->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_diff(ctx, *args); }; });
}

}  // namespace migrate::cli
