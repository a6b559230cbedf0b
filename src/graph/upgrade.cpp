// RevisionGraph::plan_upgrade: what `upgrade TARGET` runs.

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "migrate/graph.hpp"

#include "graph/graph_internal.hpp"

namespace migrate {
namespace {

// Where +N, REV+N, LABEL@+N and REV-N lead: nothing for base.
std::vector<std::string> walk_goal(const RevisionGraph& graph, const graph::Target& target,
                                   const std::vector<std::string>& rows,
                                   const std::set<std::string>& applied) {
  graph::Position start;
  if (!target.symbol.empty()) {
    start = graph::named_position(graph, target);
  } else if (*target.delta < 0) {
    throw RevisionError(fmt::format(
        "'{}' is not an upgrade target: upgrade moves up; use 'migrate downgrade {}' to move down",
        target.text, target.text));
  } else if (!target.label.empty()) {
    start = graph::label_start(graph, target, rows, applied);
  } else {
    start = graph::row_start(target, rows);
  }
  const graph::Position end = *target.delta > 0 ? graph::walk_up(graph, target, start)
                                                : graph::walk_down(graph, target, start);
  return end ? std::vector<std::string>{*end} : std::vector<std::string>{};
}

}  // namespace

// A' = A ∪ anc*(goals): what is already applied is skipped, so an applied target runs nothing.
std::vector<Step> RevisionGraph::plan_upgrade(const std::vector<std::string>& rows,
                                              const std::string& target) const {
  const std::set<std::string> applied = graph::applied_set(*this, rows);
  const graph::Target parsed = graph::parse_target(target);
  const std::vector<std::string> goals = parsed.delta ? walk_goal(*this, parsed, rows, applied)
                                                      : graph::named_revisions(*this, parsed);
  return graph::steps(graph::upgrade_order(*this, goals, applied), Direction::upgrade);
}

}  // namespace migrate
