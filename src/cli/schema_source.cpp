#include "cli/schema_source.hpp"

#include <exception>
#include <future>
#include <optional>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "migrate/model.hpp"
#include "migrate/render.hpp"

namespace migrate::cli {

bool is_database_url(const std::string& source) {
  return source.rfind("postgresql://", 0) == 0 || source.rfind("postgres://", 0) == 0 ||
         source.find('=') != std::string::npos;
}

ReflectOptions reflect_options(const Config& config) {
  ReflectOptions options{config.include_schemas, config.exclude_schemas, config.exclude_tables};
  const std::string schema = config.version_schema + ".";
  options.exclude_tables.push_back(schema + config.version_table);
  options.exclude_tables.push_back(schema + config.history_table);
  return options;
}

LoadedSchema load_schema(Context& ctx, const std::string& source) {
  LoadedSchema loaded;
  if (is_database_url(source)) {
    loaded.database = std::make_unique<Database>(source);
    loaded.schema = loaded.database->reflect(reflect_options(ctx.config()));
  } else {
    loaded.schema = load_model_files({source}, ctx.config().naming_convention);
  }
  return loaded;
}

ModelAndDatabase load_model_and_database(Context& ctx) {
  const std::string url = ctx.database_url();  // the configuration is read here, once
  const ReflectOptions options = reflect_options(ctx.config());
  // Deferred as well: where no thread can be started, the model is read at get().
  auto model =
      std::async(std::launch::async | std::launch::deferred, [&ctx] { return ctx.load_model(); });
  std::optional<Database> database;
  Schema live;
  std::exception_ptr database_error;
  try {
    database.emplace(url);
    live = database->reflect(options);
  } catch (...) {
    database_error = std::current_exception();
  }
  ModelAndDatabase both{model.get(), {}};
  if (database_error) std::rethrow_exception(database_error);
  warn_unmanaged(live);
  database->canonicalize(both.declared, live);
  both.live = std::move(live);
  return both;
}

void print_differences(Context& ctx, const std::vector<Operation>& ops,
                       const std::vector<UnmanagedObject>& unmanaged) {
  if (ctx.json()) {
    auto list = nlohmann::json::array();
    for (const Operation& op : ops) {
      nlohmann::json item{
          {"kind", kind_name(op)}, {"description", describe(op)}, {"sql", render(op)}};
      if (auto loss = data_loss(op)) item["data_loss"] = *loss;
      list.push_back(item);
    }
    nlohmann::json result{{"differences", list}};
    for (const UnmanagedObject& object : unmanaged) {
      result["unmanaged"].push_back({{"kind", object.kind}, {"name", object.name}});
    }
    ctx.out << result.dump(2) << '\n';
    return;
  }
  for (const Operation& op : ops) ctx.out << describe(op) << '\n';
}

void warn_unmanaged(const Schema& schema) {
  for (const UnmanagedObject& object : schema.unmanaged) {
    spdlog::warn("not managed by migrate, not compared: {} {}", object.kind, object.name);
  }
}

}  // namespace migrate::cli
