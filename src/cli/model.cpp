// `migrate model dump`: a database's schema written as model YAML, to adopt an existing database.
#include "migrate/model.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "migrate/catalog.hpp"
#include "migrate/error.hpp"

#include "cli/context.hpp"
#include "cli/schema_source.hpp"

namespace migrate::cli {
namespace {

struct DumpArgs {
  std::vector<std::string> schemas;
  std::string output_dir;
  bool force = false;
};

// The file's text, or nullopt when there is none.
std::optional<std::string> existing_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

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
  const auto file = std::filesystem::path(args.output_dir) / "schema.yaml";
  const auto before = existing_text(file);
  if (before == yaml) {
    ctx.out << file.string() << " is unchanged\n";
    return 0;
  }
  // A model people edit by hand after adopting a database is never replaced by surprise.
  if (before && !args.force) {
    throw InputError(file.string() +
                     " exists and differs from the database's schema: not overwritten (--force "
                     "replaces it)");
  }
  std::filesystem::create_directories(args.output_dir);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << yaml;
  out.close();
  if (!out) throw InputError("cannot write " + file.string());
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
  command->add_flag("--force", args->force,
                    "Replace schema.yaml in the output directory when it differs");
  command->callback([&ctx, args] { ctx.action = [&ctx, args] { return dump(ctx, *args); }; });
}

}  // namespace migrate::cli
