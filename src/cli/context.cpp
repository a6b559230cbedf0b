#include "cli/context.hpp"

#include <filesystem>
#include <optional>

#include "migrate/error.hpp"
#include "migrate/model.hpp"
#include "migrate/revision.hpp"

namespace migrate::cli {

const Config& Context::config() {
  if (config_) return *config_;
  if (!options.config_file.empty()) {
    if (!std::filesystem::exists(options.config_file)) {
      throw InputError("configuration file not found: " + options.config_file);
    }
    config_ = load_config(options.config_file);
  } else if (auto found = find_config(std::filesystem::current_path())) {
    config_ = load_config(*found);
  } else {
    config_ = default_config(std::filesystem::current_path());
  }
  return *config_;
}

std::string Context::database_url() {
  const std::optional<std::string> option =
      options.url.empty() ? std::nullopt : std::optional<std::string>(options.url);
  return resolve_database_url(option, config()).value_or("");
}

std::filesystem::path Context::display(const std::filesystem::path& path) {
  const auto relative = std::filesystem::proximate(path);
  return relative.string().rfind("..", 0) == 0 ? path : relative;
}

namespace {

std::vector<std::filesystem::path> for_display(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::filesystem::path> shown;
  for (const auto& path : paths) shown.push_back(Context::display(path));
  return shown;
}

}  // namespace

Schema Context::load_model() {
  return load_model_files(for_display(config().model_paths), config().naming_convention);
}

RevisionGraph Context::load_graph(RevisionParts parts) {
  return RevisionGraph(load_revisions(for_display(config().version_paths), parts));
}

RunnerOptions Context::runner_options() {
  const Config& c = config();
  return RunnerOptions{
      .version_table = c.version_table,
      .version_schema = c.version_schema,
      .history_table = c.history_table,
      .lock_timeout_ms = c.lock_timeout_ms,
      .statement_lock_timeout_ms = c.statement_lock_timeout_ms,
      .statement_timeout_ms = c.statement_timeout_ms,
      .lock_retries = c.lock_retries,
      .lock_retry_delay_ms = c.lock_retry_delay_ms,
      .transaction_mode =
          c.transaction_per_run ? TransactionMode::whole_run : TransactionMode::per_revision,
      .tool_version = MIGRATE_VERSION,
  };
}

}  // namespace migrate::cli
