// RevisionGraph: construction and the queries on its shape.

#include "migrate/graph.hpp"

#include <algorithm>
#include <deque>
#include <utility>

#include <fmt/format.h>

#include "graph/graph_internal.hpp"

namespace migrate {
namespace {

// Everything reached from `ids` (included) through `next`; throws for an unknown id.
template <typename Next>
std::set<std::string> reach(const RevisionGraph& graph, const std::vector<std::string>& ids,
                            Next next) {
  std::set<std::string> seen;
  std::deque<std::string> todo(ids.begin(), ids.end());
  while (!todo.empty()) {
    std::string id = std::move(todo.front());
    todo.pop_front();
    if (seen.contains(id)) continue;
    graph.get(id);  // throws for an unknown id
    next(id, todo);
    seen.insert(std::move(id));
  }
  return seen;
}

}  // namespace

RevisionGraph::RevisionGraph(std::vector<Revision> revisions)
    : revisions_(std::move(revisions)),
      index_(graph::index_ids(revisions_)),
      positions_(index_.begin(), index_.end()) {
  labels_ = graph::index_labels(revisions_, index_);
  dependencies_ = graph::resolve_dependencies(revisions_, index_, labels_);
  graph::check_references(revisions_, index_, dependencies_);
  graph::check_acyclic(revisions_, index_, dependencies_);
  children_.resize(revisions_.size());
  dependents_.resize(revisions_.size());
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    const std::string& id = revisions_[i].id;
    for (const std::string& parent : revisions_[i].parents) {
      children_[positions_.at(parent)].push_back(id);
    }
    for (const std::string& target : dependencies_[i]) {
      dependents_[positions_.at(target)].push_back(id);
    }
  }
  for (auto& ids : children_) std::sort(ids.begin(), ids.end());
  for (auto& ids : dependents_) std::sort(ids.begin(), ids.end());
  spread_labels_ = graph::spread_labels(*this);
}

std::vector<std::string> RevisionGraph::branch_labels(const std::string& id) const {
  get(id);  // throws for an unknown id
  const auto it = spread_labels_.find(id);
  if (it == spread_labels_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

const Revision& RevisionGraph::get(const std::string& id) const { return revisions_[position(id)]; }

std::size_t RevisionGraph::position(const std::string& id) const {
  const auto it = positions_.find(id);
  if (it == positions_.end()) throw RevisionError(fmt::format("unknown revision '{}'", id));
  return it->second;
}

bool RevisionGraph::contains(const std::string& id) const { return positions_.contains(id); }

const std::vector<std::string>& RevisionGraph::dependencies(const std::string& id) const {
  return dependencies_[position(id)];
}

bool RevisionGraph::is_head(const std::string& id) const { return children_[position(id)].empty(); }

bool RevisionGraph::is_real_head(const std::string& id) const {
  const std::size_t at = position(id);
  return children_[at].empty() && dependents_[at].empty();
}

bool RevisionGraph::is_branch_point(const std::string& id) const {
  return children_[position(id)].size() >= 2;
}

std::vector<std::string> RevisionGraph::heads() const {
  std::vector<std::string> result;
  for (const auto& [id, position] : index_) {
    if (children_[position].empty()) result.push_back(id);
  }
  return result;
}

std::vector<std::string> RevisionGraph::real_heads() const {
  std::vector<std::string> result;
  for (const std::string& id : heads()) {
    if (is_real_head(id)) result.push_back(id);
  }
  return result;
}

std::vector<std::string> RevisionGraph::bases() const {
  std::vector<std::string> result;
  for (const auto& [id, position] : index_) {
    if (revisions_[position].parents.empty()) result.push_back(id);
  }
  return result;
}

std::vector<std::string> RevisionGraph::branch_points() const {
  std::vector<std::string> result;
  for (const auto& [id, position] : index_) {
    if (children_[position].size() >= 2) result.push_back(id);
  }
  return result;
}

std::vector<std::string> RevisionGraph::children(const std::string& id) const {
  return children_[position(id)];
}

std::set<std::string> RevisionGraph::ancestors(const std::vector<std::string>& ids) const {
  return reach(*this, ids, [this](const std::string& id, std::deque<std::string>& todo) {
    const std::size_t at = position(id);
    const Revision& revision = revisions_[at];
    const auto& depends_on = dependencies_[at];
    todo.insert(todo.end(), revision.parents.begin(), revision.parents.end());
    todo.insert(todo.end(), depends_on.begin(), depends_on.end());
  });
}

std::set<std::string> RevisionGraph::descendants(const std::vector<std::string>& ids) const {
  return reach(*this, ids, [this](const std::string& id, std::deque<std::string>& todo) {
    const std::size_t at = position(id);
    const auto& up = children_[at];
    const auto& dependents = dependents_[at];
    todo.insert(todo.end(), up.begin(), up.end());
    todo.insert(todo.end(), dependents.begin(), dependents.end());
  });
}

std::vector<std::string> RevisionGraph::rows_for(const std::set<std::string>& applied) const {
  return graph::maximal(*this, applied, true);
}

std::vector<std::string> RevisionGraph::current(const std::vector<std::string>& rows) const {
  return graph::maximal(*this, graph::applied_set(*this, rows), false);
}

}  // namespace migrate

namespace migrate::graph {

std::set<std::string> ancestors_through_parents(const RevisionGraph& graph,
                                                const std::vector<std::string>& ids) {
  return reach(graph, ids, [&graph](const std::string& id, std::deque<std::string>& todo) {
    const auto& parents = graph.get(id).parents;
    todo.insert(todo.end(), parents.begin(), parents.end());
  });
}

std::set<std::string> descendants_through_parents(const RevisionGraph& graph,
                                                  const std::vector<std::string>& ids) {
  return reach(graph, ids, [&graph](const std::string& id, std::deque<std::string>& todo) {
    const auto children = graph.children(id);
    todo.insert(todo.end(), children.begin(), children.end());
  });
}

}  // namespace migrate::graph
