#include "cli/graph_text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace migrate::cli {
namespace {

bool listed(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

std::string with_labels(const Revision& revision) {
  if (revision.branch_labels.empty()) return revision.id;
  return fmt::format("{} ({})", revision.id, fmt::join(revision.branch_labels, ", "));
}

std::string markers(const RevisionGraph& graph, const std::string& id) {
  std::string text;
  if (listed(graph.heads(), id)) {
    text += listed(graph.real_heads(), id) ? " (head)" : " (effective head)";
  }
  if (listed(graph.branch_points(), id)) text += " (branchpoint)";
  if (graph.get(id).parents.size() > 1) text += " (mergepoint)";
  return text;
}

std::string history_line(const RevisionGraph& graph, const Revision& revision) {
  const std::string parents =
      revision.parents.empty() ? "<base>" : fmt::format("{}", fmt::join(revision.parents, ", "));
  return fmt::format("{} -> {}{}, {}", parents, with_labels(revision), markers(graph, revision.id),
                     revision.message);
}

}  // namespace migrate::cli
