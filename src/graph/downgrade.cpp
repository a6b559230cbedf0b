// RevisionGraph::plan_downgrade: what `downgrade TARGET` undoes.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "migrate/graph.hpp"

#include "graph/graph_internal.hpp"

namespace migrate {
namespace {

// Where a downgrade goes: a revision, or base. `line`, when set, is the revision whose line
// alone is undone where the destination has several children (or there are several bases):
// the row that -N walked from, or the revision LABEL@base names.
struct Destination {
  graph::Position to = {};
  graph::Position line = {};
};

Destination relative_destination(const RevisionGraph& graph, const graph::Target& target,
                                 const std::vector<std::string>& rows,
                                 const std::set<std::string>& applied) {
  if (!target.symbol.empty()) {
    const graph::Position start = graph::named_position(graph, target);
    return {*target.delta > 0 ? graph::walk_up(graph, target, start)
                              : graph::walk_down(graph, target, start)};
  }
  if (*target.delta > 0) {
    throw RevisionError(fmt::format(
        "'{}' is not a downgrade target: downgrade moves down; use 'migrate upgrade {}' to move up",
        target.text, target.text));
  }
  const graph::Position start = target.label.empty()
                                    ? graph::row_start(target, rows)
                                    : graph::label_start(graph, target, rows, applied);
  return {graph::walk_down(graph, target, start), start};
}

Destination destination(const RevisionGraph& graph, const graph::Target& target,
                        const std::vector<std::string>& rows,
                        const std::set<std::string>& applied) {
  if (target.delta) return relative_destination(graph, target, rows, applied);
  if (target.symbol == "base") {
    if (target.label.empty()) return {};
    return {std::nullopt, graph.resolve(target.label)};
  }
  const std::vector<std::string> named = graph::named_revisions(graph, target);
  if (named.size() != 1) {
    throw RevisionError(fmt::format("'{}' names {} revisions ({}); downgrade needs one target",
                                    target.text, named.size(), graph::join(named)));
  }
  return {named.front()};
}

// drop = desc*(roots) ∩ A, roots being the destination's children (at base, the bases).
std::set<std::string> to_drop(const RevisionGraph& graph, const Destination& destination,
                              const std::set<std::string>& applied) {
  std::vector<std::string> roots = destination.to ? graph.children(*destination.to) : graph.bases();
  if (destination.line && roots.size() > 1) {
    const std::set<std::string> below =
        graph::ancestors_through_parents(graph, {*destination.line});
    std::erase_if(roots, [&](const std::string& id) { return !below.contains(id); });
  }
  std::set<std::string> drop;
  for (const std::string& id : graph.descendants(roots)) {
    if (applied.contains(id)) drop.insert(id);
  }
  return drop;
}

RevisionError not_a_target(const std::string& to, const std::vector<std::string>& rows) {
  const std::set<std::string> unique(rows.begin(), rows.end());
  return RevisionError(fmt::format(
      "cannot downgrade to '{}': no applied revision is above it, and it is not a version table "
      "row (rows: {})",
      to, unique.empty() ? "none" : graph::join(graph::to_vector(unique))));
}

}  // namespace

std::vector<Step> RevisionGraph::plan_downgrade(const std::vector<std::string>& rows,
                                                const std::string& target) const {
  const std::set<std::string> applied = graph::applied_set(*this, rows);
  const Destination to = destination(*this, graph::parse_target(target), rows, applied);
  const std::set<std::string> drop = to_drop(*this, to, applied);
  if (to.to && drop.empty() && std::find(rows.begin(), rows.end(), *to.to) == rows.end()) {
    throw not_a_target(*to.to, rows);
  }
  std::set<std::string> kept;
  std::set_difference(applied.begin(), applied.end(), drop.begin(), drop.end(),
                      std::inserter(kept, kept.end()));
  // Undo in the reverse of the order that upgrading from `kept` back to `applied` would run.
  std::vector<std::string> order =
      graph::upgrade_order(*this, graph::maximal(*this, drop, true), kept);
  std::reverse(order.begin(), order.end());
  return graph::steps(order, Direction::downgrade);
}

}  // namespace migrate
