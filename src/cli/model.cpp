// `migrate model dump`: a database's schema written as model YAML, to adopt an existing database.
#include "migrate/model.hpp"

#include <filesystem>
#include <fstream>

#include "migrate/catalog.hpp"

#include "cli/context.hpp"
#include "cli/schema_source.hpp"

namespace migrate::cli {
namespace {

struct DumpArgs {
  std::vector<std::string> schemas;
  std::string output_dir;
};

int dump(Context& ctx, const DumpArgs& args) {
  Database database(ctx.database_url());
  ReflectOptions options = reflect_options(ctx.config());
  if (!args.schemas.empty()) options.include_schemas = args.schemas;
  const Schema schema = database.reflect(options);
  warn_unmanaged(schema);
  const std::string yaml = write_model_yaml(schema);
  if (args.output_dir.empty()) {
    ctx.out << yaml;
    return 0;
  }
  std::filesystem::create_directories(args.output_dir);
  const auto file = std::filesystem::path(args.output_dir) / "schema.yaml";
  std::ofstream(file) << yaml;
  ctx.out << "wrote " << file.string() << '\n';
  return 0;
}

}  // namespace

void add_model(CLI::App& app, Context& ctx) {
  auto* model = app.add_subcommand("model", "Work with the declared model");
  model->require_subcommand(1);
  auto* command = model->add_subcommand("dump", "Write the database's schema as model YAML");
  auto args = std::make_shared<DumpArgs>();
  command->add_option("--schema", args->schemas, "Only these schemas (repeatable)");
  command->add_option("-o,--output", args->output_dir, "Directory to write schema.yaml into");
  command->callback([&ctx, args] { ctx.action = [&ctx, args] { return dump(ctx, *args); }; });
}

}  // namespace migrate::cli
