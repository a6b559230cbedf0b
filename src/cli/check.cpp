// `migrate check`: exit 1 when the database differs from the declared model.
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"

#include "cli/context.hpp"
#include "cli/schema_source.hpp"

namespace migrate::cli {
namespace {

// Two branches that each added a revision leave two heads: `upgrade head` would refuse, so a CI
// job running check must fail too.
bool several_heads(Context& ctx) {
  const auto heads = ctx.load_graph().heads();
  if (heads.size() < 2) return false;
  ctx.out << "the revision files have " << heads.size() << " heads ("
          << fmt::format("{}", fmt::join(heads, ", "))
          << "): join them with `migrate merge -m MSG heads`\n";
  return true;
}

int check(Context& ctx, bool strict) {
  if (several_heads(ctx)) return 1;
  const auto [declared, live] = load_model_and_database(ctx);
  const auto ops = diff(live, declared);
  // With unmanaged: error (or --strict), what migrate cannot compare is a failure too.
  const bool unmanaged_fails =
      !live.unmanaged.empty() && (strict || ctx.config().unmanaged_is_error);
  if (ctx.json()) {
    print_differences(ctx, ops, live.unmanaged);
    return ops.empty() && !unmanaged_fails ? 0 : 1;
  }
  if (unmanaged_fails) {
    ctx.out << "the database holds " << live.unmanaged.size()
            << " objects or attributes migrate does not manage (unmanaged: error):\n";
    for (const UnmanagedObject& object : live.unmanaged) {
      ctx.out << object.kind << ' ' << object.name << '\n';
    }
  }
  if (ops.empty()) {
    if (!unmanaged_fails && !ctx.options.quiet) {
      const auto tables = declared.tables.size();
      ctx.out << "database matches the model (" << tables
              << (tables == 1 ? " table)\n" : " tables)\n");
    }
    return unmanaged_fails ? 1 : 0;
  }
  ctx.out << "database differs from the model (" << ops.size() << " changes):\n";
  print_differences(ctx, ops);
  return 1;
}

}  // namespace

void add_check(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("check", "Exit 1 when the database differs from the model");
  auto strict = std::make_shared<bool>(false);
  command->add_flag("--strict", *strict,
                    "Also exit 1 when the database holds objects migrate does not manage");
  command->callback(
      [&ctx, strict] { ctx.action = [&ctx, strict] { return check(ctx, *strict); }; });
}

}  // namespace migrate::cli
