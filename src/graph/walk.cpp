// Relative targets: where +N and -N start, and the walk of N steps (Alembic's rules).

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "migrate/graph.hpp"

#include "graph/graph_internal.hpp"

namespace migrate::graph {
namespace {

std::string count_steps(int steps) {
  return fmt::format("{} step{}", steps, steps == 1 ? "" : "s");
}
std::string name(const Position& at) { return at ? fmt::format("'{}'", *at) : "base"; }

RevisionError ambiguous_up(const Target& target, const Position& at,
                           const std::vector<std::string>& next) {
  const std::string where = at ? fmt::format("'{}' has {} children", *at, next.size())
                               : fmt::format("there are {} bases", next.size());
  return RevisionError(fmt::format("'{}' is ambiguous: {}: {}. Name the target revision",
                                   target.text, where, join(next)));
}

RevisionError past_head(const Target& target, const Position& start, const Position& at, int step) {
  if (!at) return RevisionError(fmt::format("'{}' finds no revision to walk to", target.text));
  if (step == 0) return RevisionError(fmt::format("'{}' walks past head '{}'", target.text, *at));
  return RevisionError(fmt::format("'{}' walks past head '{}', {} up from {}", target.text, *at,
                                   count_steps(step), name(start)));
}

RevisionError below_base(const Target& target, const Position& start, int step) {
  if (step == 0) return RevisionError(fmt::format("'{}' walks below base", target.text));
  return RevisionError(fmt::format("'{}' walks below base, {} down from {}", target.text,
                                   count_steps(step), name(start)));
}

std::vector<std::string> on_line(const std::vector<std::string>& ids,
                                 const std::set<std::string>& line) {
  std::vector<std::string> result;
  std::copy_if(ids.begin(), ids.end(), std::back_inserter(result),
               [&](const std::string& id) { return line.contains(id); });
  return result;
}

}  // namespace

Position walk_up(const RevisionGraph& graph, const Target& target, const Position& start) {
  std::set<std::string> line;
  if (!target.label.empty()) line = lineage(graph, graph.resolve(target.label));
  Position at = start;
  for (int step = 0; step < *target.delta; ++step) {
    std::vector<std::string> next = at ? graph.children(*at) : graph.bases();
    if (!target.label.empty()) next = on_line(next, line);
    if (next.size() > 1) throw ambiguous_up(target, at, next);
    if (next.empty()) throw past_head(target, start, at, step);
    at = next.front();
  }
  return at;
}

Position walk_down(const RevisionGraph& graph, const Target& target, const Position& start) {
  Position at = start;
  for (int step = 0; step < -*target.delta; ++step) {
    if (!at) throw below_base(target, start, step);
    const std::vector<std::string>& parents = graph.get(*at).parents;
    if (parents.size() > 1) {
      throw RevisionError(
          fmt::format("'{}' is ambiguous: '{}' is a merge of {}. Name the target revision",
                      target.text, *at, join(parents)));
    }
    at = parents.empty() ? Position() : Position(parents.front());
  }
  return at;
}

Position row_start(const Target& target, const std::vector<std::string>& rows) {
  const std::set<std::string> unique(rows.begin(), rows.end());
  if (unique.size() > 1) {
    throw RevisionError(fmt::format(
        "'{}' is ambiguous: the version table has {} rows: {}. Name the target revision, or use "
        "'LABEL@{}'",
        target.text, unique.size(), join(to_vector(unique)), target.text));
  }
  if (unique.empty() && *target.delta < 0) {
    throw RevisionError(fmt::format("'{}' walks below base: nothing is applied", target.text));
  }
  return unique.empty() ? Position() : Position(*unique.begin());
}

Position label_start(const RevisionGraph& graph, const Target& target,
                     const std::vector<std::string>& rows, const std::set<std::string>& applied) {
  const std::set<std::string> line = lineage(graph, graph.resolve(target.label));
  const std::set<std::string> unique(rows.begin(), rows.end());
  std::vector<std::string> starts = on_line(to_vector(unique), line);
  if (starts.empty()) {
    std::set<std::string> applied_on_line;
    for (const std::string& id : applied) {
      if (line.contains(id)) applied_on_line.insert(id);
    }
    starts = maximal(graph, applied_on_line, true);
  }
  if (starts.size() > 1) {
    throw RevisionError(fmt::format(
        "'{}' is ambiguous: {} applied revisions are on branch '{}': {}. Name the target revision",
        target.text, starts.size(), target.label, join(starts)));
  }
  if (starts.empty() && *target.delta < 0) {
    throw RevisionError(fmt::format("'{}' walks below base: nothing on branch '{}' is applied",
                                    target.text, target.label));
  }
  return starts.empty() ? Position() : Position(starts.front());
}

}  // namespace migrate::graph
