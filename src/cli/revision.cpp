// `migrate revision -m MSG [--autogenerate] ...`: a new revision file, empty or with the
// operations that take the database to the model.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "migrate/catalog.hpp"
#include "migrate/diff.hpp"
#include "migrate/error.hpp"
#include "migrate/flags.hpp"

#include "cli/context.hpp"
#include "cli/new_revision.hpp"
#include "cli/schema_source.hpp"

namespace migrate::cli {
namespace {

struct RevisionArgs {
  std::string message;
  bool autogenerate = false;
  bool allow_empty = false;
  std::string rev_id;
  std::string head = "head";
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string version_path;
};

// The one head on the labeled revision's line (above or below it), as LABEL@head means.
std::string branch_head(const RevisionGraph& graph, const std::string& label) {
  const std::string labeled = graph.resolve(label);
  const auto above = graph.descendants({labeled});
  const auto below = graph.ancestors({labeled});
  std::vector<std::string> found;
  for (const auto& head : graph.heads()) {
    if (above.count(head) || below.count(head)) found.push_back(head);
  }
  if (found.size() != 1) {
    throw RevisionError(fmt::format("'{}@head' names {} heads ({}): name the revision", label,
                                    found.size(), fmt::join(found, ", ")));
  }
  return found.front();
}

// The parents of the new revision: `--head` resolved; a non-head needs --splice.
std::vector<std::string> parents_for(const RevisionGraph& graph, const RevisionArgs& args) {
  if (args.head == "base") return {};
  if (graph.revisions().empty()) {
    if (args.head == "head") return {};
    throw RevisionError(
        fmt::format("no revision matches '{}': there are no revisions yet", args.head));
  }
  if (args.head == "head") {
    const auto heads = graph.heads();
    if (heads.size() > 1) {
      throw RevisionError(
          fmt::format("several heads ({}): choose one with --head, or join them with `migrate "
                      "merge -m MSG heads`",
                      fmt::join(heads, ", ")));
    }
    return heads;
  }
  const auto heads = graph.heads();
  const auto at = args.head.find("@head");
  if (at != std::string::npos) return {branch_head(graph, args.head.substr(0, at))};
  const std::string id = graph.resolve(args.head);
  if (!args.splice && std::find(heads.begin(), heads.end(), id) == heads.end()) {
    throw RevisionError(
        fmt::format("revision {} is not a head: pass --splice to start a branch from it", id));
  }
  return {id};
}

// The operations that take the database to the model; refuses unless the database is at the
// new revision's parents, as a diff against an older state would repeat applied revisions.
std::vector<RevisionOperation> autogenerate(Context& ctx, const RevisionGraph& graph,
                                            const std::vector<std::string>& parents) {
  Runner runner(ctx.database_url(), ctx.runner_options());
  auto rows = runner.rows();
  auto expected = graph.rows_for(graph.ancestors(parents));
  std::sort(rows.begin(), rows.end());
  if (rows != expected) {
    throw RevisionError(fmt::format(
        "the database is not up to date (at: {}; expected: {}): run `migrate upgrade` first",
        rows.empty() ? "base" : fmt::format("{}", fmt::join(rows, ", ")),
        expected.empty() ? "base" : fmt::format("{}", fmt::join(expected, ", "))));
  }
  const auto [declared, live] = load_model_and_database(ctx);
  return flag_operations(diff(live, declared));
}

// The downgrade undoes the upgrade: dropping what the upgrade created is its purpose, so only
// possible renames are flagged there (see flag_renames).
std::vector<RevisionOperation> inverse_of(const std::vector<RevisionOperation>& upgrade) {
  std::vector<Operation> downgrade;
  for (auto it = upgrade.rbegin(); it != upgrade.rend(); ++it) downgrade.push_back(inverse(it->op));
  return flag_renames(std::move(downgrade));
}

void print_summary(Context& ctx, const std::filesystem::path& path, const Revision& revision) {
  std::size_t flags = 0;
  for (const auto& op : revision.upgrade) flags += op.flag ? 1 : 0;
  std::vector<std::string> downgrade_flags;
  for (const auto& op : revision.downgrade) {
    if (op.flag) downgrade_flags.push_back(*op.flag);
  }
  if (ctx.json()) {
    auto list = nlohmann::json::array();
    for (const auto& op : revision.upgrade) {
      list.push_back({{"kind", kind_name(op.op)},
                      {"description", describe(op.op)},
                      {"flag", op.flag ? nlohmann::json(*op.flag) : nlohmann::json()}});
    }
    ctx.out << nlohmann::json{{"file", Context::display(path).string()},
                              {"revision", revision.id},
                              {"flags", flags},
                              {"downgrade_flags", downgrade_flags},
                              {"operations", list}}
                   .dump(2)
            << '\n';
    return;
  }
  ctx.out << "wrote " << Context::display(path).string() << '\n';
  for (const auto& op : revision.upgrade) {
    if (op.flag) ctx.out << "  FLAG " << *op.flag << '\n';
  }
  for (const auto& flag : downgrade_flags) ctx.out << "  FLAG in downgrade: " << flag << '\n';
  for (const auto& op : revision.upgrade) ctx.out << "  " << describe(op.op) << '\n';
  if (flags) {
    ctx.out << flags << " flag(s) to resolve in the file before `migrate upgrade` will run it\n";
  }
  if (!downgrade_flags.empty()) {
    ctx.out << downgrade_flags.size()
            << " flag(s) in its downgrade, to resolve before `migrate downgrade` will run it\n";
  }
}

int revision_command(Context& ctx, const RevisionArgs& args) {
  const RevisionGraph graph = ctx.load_graph();
  Revision revision;
  revision.id = args.rev_id.empty() ? new_revision_id() : args.rev_id;
  revision.parents = parents_for(graph, args);
  revision.branch_labels = args.branch_labels;
  // A branch label stays a label, as Alembic writes it: the dependency follows the label.
  for (const auto& dependency : args.depends_on) {
    revision.depends_on.push_back(graph.is_branch_label(dependency) ? dependency
                                                                    : graph.resolve(dependency));
  }
  revision.message = args.message;
  revision.created = now_utc();
  if (args.autogenerate) {
    revision.upgrade = autogenerate(ctx, graph, revision.parents);
    revision.downgrade = inverse_of(revision.upgrade);
    if (revision.upgrade.empty() && !args.allow_empty) {
      ctx.out << "no changes: the database matches the model; nothing written "
                 "(--allow-empty writes an empty revision)\n";
      return 0;
    }
  }
  const std::filesystem::path directory = args.version_path.empty()
                                              ? ctx.config().version_paths.front()
                                              : std::filesystem::path(args.version_path);
  print_summary(ctx, write_new_revision(graph, revision, directory), revision);
  return 0;
}

}  // namespace

void add_revision(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("revision", "Write a new revision file");
  auto args = std::make_shared<RevisionArgs>();
  command->add_option("-m,--message", args->message, "What the revision does")->required();
  command->add_flag("--autogenerate", args->autogenerate,
                    "Fill it with the operations that take the database to the model");
  command->add_flag("--allow-empty", args->allow_empty, "Write it even when nothing differs");
  command->add_option("--rev-id", args->rev_id, "The revision id (default: 12 random hex digits)");
  command->add_option("--head", args->head, "The parent: head (default), base, or a revision");
  command->add_flag("--splice", args->splice, "Allow --head to name a revision that is not a head");
  command->add_option("--branch-label", args->branch_labels, "A branch label (repeatable)");
  command->add_option("--depends-on", args->depends_on,
                      "A revision this one depends on (repeatable)");
  command->add_option("--version-path", args->version_path, "Directory to write the file into");
  command->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return revision_command(ctx, *args); }; });
}

}  // namespace migrate::cli
