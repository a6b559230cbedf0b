#pragma once
// What every command receives: the global options and the streams results go to.

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "migrate/config.hpp"
#include "migrate/graph.hpp"
#include "migrate/runner.hpp"
#include "migrate/schema.hpp"

namespace migrate::cli {

struct GlobalOptions {
  std::string config_file = {};
  std::string url = {};
  bool verbose = false;
  bool quiet = false;
  std::string format = "text";
};

class Context {
 public:
  Context(std::ostream& out, std::ostream& err) : out(out), err(err) {}

  GlobalOptions options = {};
  std::ostream& out;
  std::ostream& err;
  std::function<int()> action = {};  // set by the chosen command's callback

  bool json() const { return options.format == "json"; }
  // -c FILE, else migrate.yaml found upward from the working directory, else the defaults.
  const Config& config();
  // --url, DATABASE_URL, database_url in migrate.yaml; "" lets libpq's environment decide.
  std::string database_url();
  // The declared model of the configured model paths.
  Schema load_model();
  // The revision files of the configured version paths, as a graph.
  // The revision files; RevisionParts::graph for commands that show the graph and never read
  // the operations.
  RevisionGraph load_graph(RevisionParts parts = RevisionParts::everything);
  RunnerOptions runner_options();
  // A path as messages show it: relative to the working directory when below it.
  static std::filesystem::path display(const std::filesystem::path& path);

 private:
  std::optional<Config> config_ = {};
};

// Each command adds itself to the app and sets ctx.action when chosen.
void add_init(CLI::App& app, Context& ctx);
void add_check(CLI::App& app, Context& ctx);
void add_diff(CLI::App& app, Context& ctx);
void add_model(CLI::App& app, Context& ctx);
void add_revision(CLI::App& app, Context& ctx);
void add_upgrade(CLI::App& app, Context& ctx);
void add_downgrade(CLI::App& app, Context& ctx);
void add_stamp(CLI::App& app, Context& ctx);
void add_current(CLI::App& app, Context& ctx);
void add_heads(CLI::App& app, Context& ctx);
void add_branches(CLI::App& app, Context& ctx);
void add_history(CLI::App& app, Context& ctx);
void add_show(CLI::App& app, Context& ctx);
void add_merge(CLI::App& app, Context& ctx);
void add_verify(CLI::App& app, Context& ctx);

}  // namespace migrate::cli
