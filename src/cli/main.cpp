// The command line: global options, the commands, and the one place errors become exit codes.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <malloc.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "migrate/error.hpp"

#include "cli/context.hpp"
#include "cli/source_excerpt.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

void set_up_logging(const migrate::cli::GlobalOptions& options) {
  const bool colour = isatty(STDERR_FILENO) && !std::getenv("NO_COLOR");
  auto logger = spdlog::stderr_color_mt(
      "migrate", colour ? spdlog::color_mode::automatic : spdlog::color_mode::never);
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(options.quiet     ? spdlog::level::err
                    : options.verbose ? spdlog::level::debug
                                      : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void add_global_options(CLI::App& app, migrate::cli::GlobalOptions& options) {
  app.add_option("-c,--config", options.config_file,
                 "Configuration file (default: migrate.yaml here or in a parent directory)");
  app.add_option("--url", options.url,
                 "Database URL (default: DATABASE_URL, then database_url in migrate.yaml)");
  app.add_flag("-v,--verbose", options.verbose, "Log what is done");
  app.add_flag("-q,--quiet", options.quiet, "Print only errors and results");
  app.add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  app.set_version_flag("--version", "migrate " MIGRATE_VERSION);
}

// The error on stderr; with --format json, also as the last JSON line on stdout, so a tool that
// reads the events learns how the run ended.
int report(const migrate::cli::Context& ctx, const std::string& message, int code) {
  spdlog::error("{}", message);
  if (ctx.json()) {
    ctx.out << nlohmann::json{{"event", "error"}, {"exit_code", code}, {"message", message}}.dump()
            << std::endl;
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  // One malloc arena: the model is read on a second thread while the database is reflected
  // (cli/schema_source.cpp), and a second arena would keep the memory one thread frees from the
  // other, for a higher peak.
  mallopt(M_ARENA_MAX, 1);
  migrate::cli::Context ctx(std::cout, std::cerr);
  CLI::App app{"migrate: schema migrations for PostgreSQL"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the command: `migrate check --format json`
  add_global_options(app, ctx.options);
  migrate::cli::add_init(app, ctx);
  migrate::cli::add_check(app, ctx);
  migrate::cli::add_diff(app, ctx);
  migrate::cli::add_model(app, ctx);
  migrate::cli::add_revision(app, ctx);
  migrate::cli::add_upgrade(app, ctx);
  migrate::cli::add_downgrade(app, ctx);
  migrate::cli::add_stamp(app, ctx);
  migrate::cli::add_current(app, ctx);
  migrate::cli::add_heads(app, ctx);
  migrate::cli::add_branches(app, ctx);
  migrate::cli::add_history(app, ctx);
  migrate::cli::add_show(app, ctx);
  migrate::cli::add_merge(app, ctx);
  migrate::cli::add_verify(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  set_up_logging(ctx.options);
  try {
    return ctx.action ? ctx.action() : exit_usage;
  } catch (const migrate::FileError& e) {
    const int code = report(ctx, e.what(), exit_usage);
    ctx.err << migrate::cli::source_excerpt(e);
    return code;
  } catch (const migrate::InputError& e) {
    return report(ctx, e.what(), exit_usage);
  } catch (const migrate::Error& e) {
    return report(ctx, e.what(), exit_failed);
  } catch (const std::exception& e) {
    return report(ctx, std::string("unexpected error: ") + e.what(), exit_failed);
  }
}
