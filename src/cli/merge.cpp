// `migrate merge -m MSG REV REV... | heads`: a revision with several parents and no operations.
#include "migrate/error.hpp"

#include "cli/context.hpp"
#include "cli/new_revision.hpp"

namespace migrate::cli {
namespace {

struct MergeArgs {
  std::string message;
  std::vector<std::string> revisions;
  std::string rev_id;
};

int merge(Context& ctx, const MergeArgs& args) {
  const RevisionGraph graph = ctx.load_graph();
  Revision revision;
  revision.id = args.rev_id.empty() ? new_revision_id() : args.rev_id;
  revision.message = args.message;
  revision.created = now_utc();
  for (const auto& target : args.revisions) {
    if (target == "heads") {
      // Every head, effective ones too: after the merge, `head` names one revision.
      for (const auto& head : graph.heads()) revision.parents.push_back(head);
    } else {
      revision.parents.push_back(graph.resolve(target));
    }
  }
  if (revision.parents.size() < 2) {
    throw InputError("merge needs two or more revisions to merge (there is only one head)");
  }
  const auto path = write_new_revision(graph, revision, ctx.config().version_paths.front());
  ctx.out << "wrote " << Context::display(path).string() << '\n';
  return 0;
}

}  // namespace

void add_merge(CLI::App& app, Context& ctx) {
  auto* command = app.add_subcommand("merge", "Write a revision that joins several heads");
  auto args = std::make_shared<MergeArgs>();
  command->add_option("-m,--message", args->message, "What the merge is for")->required();
  command->add_option("--rev-id", args->rev_id, "The new revision's id (default: random)");
  command->add_option("revisions", args->revisions, "Revisions to merge, or 'heads'")->required();
  command->callback([&ctx, args] { ctx.action = [&ctx, args] { return merge(ctx, *args); }; });
}

}  // namespace migrate::cli
