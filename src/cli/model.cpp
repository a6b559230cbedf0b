// `migrate model dump`: a database's schema written as model YAML, to adopt an existing database.
#include "migrate/model.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include <spdlog/spdlog.h>

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

// "\"Name\"" -> "Name": the catalog's type text quotes what the unmanaged list does not.
std::string unquoted(std::string type) {
  std::string result;
  for (const char c : type) {
    if (c != '"') result += c;
  }
  return result;
}

// A column typed by an object the model cannot hold (a range type) makes
// a model that cannot rebuild the database: said for each such column.
void warn_unwritten_types(const Schema& schema) {
  std::set<std::string> unwritten;
  for (const UnmanagedObject& object : schema.unmanaged) {
    if (object.kind != "range type") continue;
    const std::string prefix = std::string(default_schema_name) + ".";
    unwritten.insert(object.name.rfind(prefix, 0) == 0 ? object.name.substr(prefix.size())
                                                       : object.name);
  }
  if (unwritten.empty()) return;
  for (const Table& table : schema.tables) {
    for (const Column& column : table.columns) {
      std::string type = column.type;
      while (type.ends_with("[]")) type.resize(type.size() - 2);
      if (const auto paren = type.find('('); paren != std::string::npos) type.resize(paren);
      if (unwritten.count(type) || unwritten.count(unquoted(type))) {
        spdlog::warn(
            "column {}.{} is of type {}, which the model cannot hold yet: a database built from "
            "this model lacks it",
            display_name(table.name), column.name, column.type);
      }
    }
  }
}

int dump(Context& ctx, const DumpArgs& args) {
  Database database(ctx.database_url());
  ReflectOptions options = reflect_options(ctx.config());
  if (!args.schemas.empty()) options.include_schemas = args.schemas;
  const Schema schema = database.reflect(options);
  warn_unmanaged(schema);
  warn_unwritten_types(schema);
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
