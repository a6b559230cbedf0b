#include "migrate/config.hpp"

#include <cstdlib>
#include <limits>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "migrate/error.hpp"

#include "model/yaml_reader.hpp"
#include "util/read_file.hpp"

namespace migrate {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> known_keys = {
    "database_url",         "model_paths",     "version_paths",
    "version_table",        "version_schema",  "history_table",
    "lock_timeout_ms",      "include_schemas", "exclude_schemas",
    "exclude_tables",       "transaction_per", "statement_lock_timeout_ms",
    "statement_timeout_ms", "lock_retries",    "lock_retry_delay_ms",
    "naming_convention",    "unmanaged"};

[[noreturn]] void fail(const fs::path& file, const yaml::Node& node, const std::string& message) {
  throw FileError(file.string(), node.mark().line, node.mark().column, message);
}

std::string scalar(const fs::path& file, const yaml::Node& node, const std::string& key) {
  if (!node.is_scalar()) fail(file, node, fmt::format("expected a string for '{}'", key));
  return node.scalar();
}

std::vector<std::string> strings(const fs::path& file, const yaml::Node& node,
                                 const std::string& key) {
  if (node.is_scalar()) return {node.scalar()};
  if (!node.is_sequence())
    fail(file, node, fmt::format("expected a list of strings for '{}'", key));
  std::vector<std::string> values;
  for (const yaml::Node item : node) values.push_back(scalar(file, item, key));
  return values;
}

std::vector<fs::path> paths(const Config& config, const yaml::Node& node, const std::string& key) {
  std::vector<fs::path> result;
  for (const auto& path : strings(config.file, node, key)) {
    result.push_back(
        (config.root / expand_environment(path, config.file.string())).lexically_normal());
  }
  return result;
}

// kind: template, each template checked where it is written.
NamingConvention naming_convention(const model::YamlReader& reader, const model::Entry& entry,
                                   const fs::path& file) {
  NamingConvention convention;
  if (entry.value.is_null()) return convention;
  for (const model::Entry& kind : reader.entries(entry.value, "'naming_convention'")) {
    if (const auto problem = naming_kind_problem(kind.key)) {
      fail(file, kind.key_node, "naming_convention: " + *problem);
    }
    const std::string name_template = scalar(file, kind.value, "naming_convention." + kind.key);
    if (const auto problem = naming_template_problem(kind.key, name_template)) {
      fail(file, kind.value, "naming_convention: " + *problem);
    }
    convention[kind.key] = name_template;
  }
  return convention;
}

void apply_key(Config& config, const model::YamlReader& reader, const model::Entry& entry) {
  const fs::path& file = config.file;
  const std::string& key = entry.key;
  const yaml::Node& value = entry.value;
  if (key == "database_url") {
    config.database_url = scalar(file, value, key);
    config.database_url_place = fmt::format("{}:{}", file.string(), value.mark().line);
  } else if (key == "model_paths") {
    config.model_paths = paths(config, value, key);
  } else if (key == "version_paths") {
    config.version_paths = paths(config, value, key);
  } else if (key == "version_table" || key == "history_table") {
    (key == "version_table" ? config.version_table : config.history_table) =
        scalar(file, value, key);
    if (config.history_table == config.version_table) {
      fail(file, value, "'history_table' and 'version_table' must name different tables");
    }
  } else if (key == "version_schema") {
    config.version_schema = scalar(file, value, key);
  } else if (key == "lock_timeout_ms") {
    config.lock_timeout_ms = reader.milliseconds(entry, "the configuration");
  } else if (key == "statement_lock_timeout_ms") {
    config.statement_lock_timeout_ms = reader.milliseconds(entry, "the configuration");
  } else if (key == "statement_timeout_ms") {
    config.statement_timeout_ms = reader.milliseconds(entry, "the configuration");
  } else if (key == "lock_retry_delay_ms") {
    config.lock_retry_delay_ms = reader.milliseconds(entry, "the configuration");
  } else if (key == "naming_convention") {
    config.naming_convention = naming_convention(reader, entry, file);
  } else if (key == "lock_retries") {
    const std::int64_t retries = reader.integer(entry, "the configuration");
    if (retries < 0 || retries > 100) {
      fail(file, value, "expected a number of retries from 0 to 100 for 'lock_retries'");
    }
    config.lock_retries = static_cast<int>(retries);
  } else if (key == "transaction_per") {
    const std::string mode = scalar(file, value, key);
    if (mode != "revision" && mode != "run") {
      fail(file, value, "expected 'revision' or 'run' for 'transaction_per'");
    }
    config.transaction_per_run = mode == "run";
  } else if (key == "unmanaged") {
    const std::string mode = scalar(file, value, key);
    if (mode != "warn" && mode != "error") {
      fail(file, value, "expected 'warn' or 'error' for 'unmanaged'");
    }
    config.unmanaged_is_error = mode == "error";
  } else if (key == "include_schemas") {
    config.include_schemas = strings(file, value, key);
  } else if (key == "exclude_schemas") {
    config.exclude_schemas = strings(file, value, key);
  } else if (key == "exclude_tables") {
    config.exclude_tables = strings(file, value, key);
  }
}

std::string known_keys_text() {
  std::string text;
  for (const auto& key : known_keys) text += (text.empty() ? "" : ", ") + key;
  return text;
}

}  // namespace

Config default_config(const fs::path& root) {
  Config config;
  config.root = root;
  config.model_paths = {root / "models"};
  config.version_paths = {root / "versions"};
  return config;
}

Config load_config(const fs::path& file) {
  const std::string text = read_input_file(file);
  // The same reader as model files: UTF-8, duplicate keys and yaml-cpp's pitfalls are handled.
  const model::YamlReader reader(file.string());
  const auto documents = reader.parse_documents(text);
  Config config = default_config(fs::absolute(file).parent_path());
  config.file = file;
  if (documents.empty() || documents.front().is_null()) return config;
  if (documents.size() > 1) reader.fail(documents[1], "expected one YAML document");
  const yaml::Node& root = documents.front();
  if (!root.is_map()) fail(file, root, "expected a mapping of settings");
  for (const model::Entry& entry : reader.entries(root, "the configuration")) {
    if (!known_keys.count(entry.key)) {
      fail(file, entry.key_node,
           fmt::format("unknown key '{}' (expected: {})", entry.key, known_keys_text()));
    }
    apply_key(config, reader, entry);
  }
  return config;
}

std::optional<fs::path> find_config(const fs::path& start) {
  for (fs::path dir = fs::absolute(start);; dir = dir.parent_path()) {
    if (fs::exists(dir / "migrate.yaml")) return dir / "migrate.yaml";
    if (dir == dir.parent_path()) return std::nullopt;
  }
}

std::string expand_environment(const std::string& text, const std::string& where) {
  std::string result;
  std::size_t pos = 0;
  while (true) {
    const auto start = text.find("${", pos);
    if (start == std::string::npos) break;
    const auto end = text.find('}', start);
    if (end == std::string::npos) break;
    const std::string name = text.substr(start + 2, end - start - 2);
    const char* value = std::getenv(name.c_str());
    if (!value) {
      throw InputError(fmt::format("{}: environment variable '{}' is not set", where, name));
    }
    result += text.substr(pos, start - pos) + value;
    pos = end + 1;
  }
  return result + text.substr(pos);
}

std::optional<std::string> resolve_database_url(const std::optional<std::string>& option_url,
                                                const Config& config) {
  if (option_url && !option_url->empty()) return option_url;
  if (const char* env = std::getenv("DATABASE_URL"); env && *env) return std::string(env);
  if (!config.database_url) return std::nullopt;
  return expand_environment(*config.database_url, config.database_url_place);
}

}  // namespace migrate
