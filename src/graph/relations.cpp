// Sets and orders over the revision graph that targets and plans share.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "migrate/graph.hpp"

#include "graph/graph_internal.hpp"

namespace migrate::graph {
namespace {

// The revisions directly below a revision: its parents, then (if asked) its depends_on, in the
// order its file lists them.
std::vector<std::string> below(const RevisionGraph& graph, const std::string& id,
                               bool through_depends_on) {
  std::vector<std::string> ids = graph.get(id).parents;
  if (through_depends_on) {
    const auto& depends_on = graph.dependencies(id);
    ids.insert(ids.end(), depends_on.begin(), depends_on.end());
  }
  return ids;
}

}  // namespace

std::string join(const std::vector<std::string>& ids) {
  return fmt::format("{}", fmt::join(ids, ", "));
}

std::set<std::string> lineage(const RevisionGraph& graph, const std::string& id) {
  std::set<std::string> line = ancestors_through_parents(graph, {id});
  line.merge(descendants_through_parents(graph, {id}));
  return line;
}

std::map<std::string, std::set<std::string>> spread_labels(const RevisionGraph& graph) {
  std::map<std::string, std::set<std::string>> spread;
  for (const Revision& revision : graph.revisions()) {
    if (revision.branch_labels.empty()) continue;
    const auto give = [&](const std::string& id) {
      spread[id].insert(revision.branch_labels.begin(), revision.branch_labels.end());
    };
    const auto on_one_line = [&graph](const std::string& id) {
      return graph.get(id).parents.size() <= 1 && !graph.is_branch_point(id);
    };
    bool one_line_above = true;
    for (const std::string& id : descendants_through_parents(graph, {revision.id})) {
      give(id);
      one_line_above = one_line_above && on_one_line(id);
    }
    // Alembic walks down from the top of what is above the label, and stops at the first branch
    // point or merge point: so the label reaches below only when a single line leads up from it
    // (measured on Alembic 1.8).
    if (!one_line_above) continue;
    for (const Revision* below = &revision; on_one_line(below->id);) {
      give(below->id);
      if (below->parents.empty()) break;
      below = &graph.get(below->parents.front());
    }
  }
  return spread;
}

std::vector<std::string> maximal(const RevisionGraph& graph, const std::set<std::string>& ids,
                                 bool through_depends_on) {
  // What lies strictly below some member: everything reached from the members' own parents.
  std::set<std::string> lower;
  std::vector<std::string> todo;
  for (const std::string& id : ids) {
    for (std::string& next : below(graph, id, through_depends_on)) todo.push_back(next);
  }
  while (!todo.empty()) {
    std::string id = std::move(todo.back());
    todo.pop_back();
    if (lower.contains(id)) continue;
    for (std::string& next : below(graph, id, through_depends_on)) todo.push_back(next);
    lower.insert(std::move(id));
  }
  std::vector<std::string> result;
  std::set_difference(ids.begin(), ids.end(), lower.begin(), lower.end(),
                      std::back_inserter(result));
  return result;
}

std::string describe_heads(const RevisionGraph& graph, const std::vector<std::string>& heads) {
  const std::vector<std::string> real = graph.real_heads();
  std::vector<std::string> described;
  for (const std::string& head : heads) {
    const bool effective = !std::binary_search(real.begin(), real.end(), head);
    described.push_back(effective ? head + " (effective head)" : head);
  }
  return join(described);
}

std::set<std::string> applied_set(const RevisionGraph& graph,
                                  const std::vector<std::string>& rows) {
  for (const std::string& row : rows) {
    if (!graph.contains(row)) {
      throw RevisionError(
          fmt::format("the version table lists '{}', which is not a known revision", row));
    }
  }
  return graph.ancestors(rows);
}

std::vector<std::string> upgrade_order(const RevisionGraph& graph, std::vector<std::string> goals,
                                       const std::set<std::string>& exclude) {
  // A depth-first walk that reads each revision's parents and depends_on where they are kept,
  // rather than copying them: `history` orders every revision this way.
  struct Frame {
    const Revision* revision;
    const std::vector<std::string>* depends_on;
    std::size_t visited = 0;  // of parents, then depends_on
  };
  std::sort(goals.begin(), goals.end());
  std::unordered_set<std::string_view> seen(exclude.begin(), exclude.end());
  seen.reserve(graph.revisions().size());
  std::vector<std::string> order;
  std::vector<Frame> stack;
  const auto visit = [&](const std::string& id) {
    const Revision& revision = graph.get(id);
    if (seen.insert(revision.id).second) {
      stack.push_back({&revision, &graph.dependencies(revision.id)});
    }
  };
  for (const std::string& goal : goals) {
    visit(goal);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const std::vector<std::string>& parents = top.revision->parents;
      if (top.visited < parents.size() + top.depends_on->size()) {
        const std::string& next = top.visited < parents.size()
                                      ? parents[top.visited]
                                      : (*top.depends_on)[top.visited - parents.size()];
        ++top.visited;
        visit(next);  // may reallocate the stack: `top` is not used after this
      } else {
        order.push_back(top.revision->id);
        stack.pop_back();
      }
    }
  }
  return order;
}

std::vector<Step> steps(const std::vector<std::string>& ids, Direction direction) {
  std::vector<Step> result;
  result.reserve(ids.size());
  for (const std::string& id : ids) result.push_back({id, direction});
  return result;
}

}  // namespace migrate::graph
