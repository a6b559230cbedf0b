#include "cli/graph_text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace migrate::cli {

std::string with_labels(const RevisionGraph& graph, const std::string& id) {
  const std::vector<std::string> labels = graph.branch_labels(id);
  if (labels.empty()) return id;
  return fmt::format("{} ({})", id, fmt::join(labels, ", "));
}

std::string markers(const RevisionGraph& graph, const std::string& id, bool current) {
  std::string text;
  if (graph.is_head(id)) text += graph.is_real_head(id) ? " (head)" : " (effective head)";
  if (current) text += " (current)";
  if (graph.is_branch_point(id)) text += " (branchpoint)";
  if (graph.get(id).parents.size() > 1) text += " (mergepoint)";
  return text;
}

std::string history_line(const RevisionGraph& graph, const Revision& revision, bool current) {
  std::string below =
      revision.parents.empty() ? "<base>" : fmt::format("{}", fmt::join(revision.parents, ", "));
  if (!revision.depends_on.empty()) {
    below += fmt::format(" ({})", fmt::join(revision.depends_on, ", "));
  }
  return fmt::format("{} -> {}{}, {}", below, with_labels(graph, revision.id),
                     markers(graph, revision.id, current), revision.message);
}

}  // namespace migrate::cli
