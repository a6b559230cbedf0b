#include <map>
#include <queue>
#include <set>

#include <fmt/format.h>

#include "migrate/error.hpp"

#include "diff/plan.hpp"

namespace migrate::diff_detail {
namespace {

using Edges = std::vector<std::set<std::size_t>>;

Edges dependency_edges(const Plan& plan) {
  std::map<std::string, std::vector<std::size_t>> creators;
  std::map<std::string, std::vector<std::size_t>> removers;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    for (const auto& key : plan[i].creates) creators[key].push_back(i);
    for (const auto& key : plan[i].removes) removers[key].push_back(i);
  }
  Edges after(plan.size());  // after[i]: operations that must run after i
  for (std::size_t i = 0; i < plan.size(); ++i) {
    for (const auto& key : plan[i].needs) {
      if (auto it = creators.find(key); it != creators.end()) {
        for (std::size_t creator : it->second) {
          if (creator != i) after[creator].insert(i);
        }
      }
    }
    for (const auto& key : plan[i].releases) {
      if (auto it = removers.find(key); it != removers.end()) {
        for (std::size_t remover : it->second) {
          if (remover != i) after[i].insert(remover);
        }
      }
    }
  }
  return after;
}

}  // namespace

std::vector<std::size_t> order(const Plan& plan) {
  const Edges after = dependency_edges(plan);
  std::vector<std::size_t> waiting_on(plan.size(), 0);
  for (const auto& successors : after) {
    for (std::size_t next : successors) ++waiting_on[next];
  }
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (waiting_on[i] == 0) ready.push(i);
  }
  std::vector<std::size_t> ordered;
  ordered.reserve(plan.size());
  while (!ready.empty()) {
    const std::size_t i = ready.top();
    ready.pop();
    ordered.push_back(i);
    for (std::size_t next : after[i]) {
      if (--waiting_on[next] == 0) ready.push(next);
    }
  }
  if (ordered.size() != plan.size()) {
    for (std::size_t i = 0; i < plan.size(); ++i) {
      if (waiting_on[i] != 0) {
        throw InternalError(fmt::format(
            "cannot order the changes: '{}' is part of a dependency cycle", describe(plan[i].op)));
      }
    }
  }
  return ordered;
}

std::vector<Operation> take_in_order(Plan& plan, const std::vector<std::size_t>& ordered) {
  std::vector<Operation> ops;
  ops.reserve(plan.size());
  for (std::size_t i : ordered) {
    ops.push_back(std::move(plan[i].op));
    if (plan[i].then) ops.push_back(std::move(*plan[i].then));
  }
  return ops;
}

}  // namespace migrate::diff_detail
