#pragma once
// Private to src/graph/: what RevisionGraph's construction, targets and plans share between
// files. Everything here works through RevisionGraph's public interface.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "migrate/graph.hpp"

namespace migrate::graph {

// "a, b, c".
std::string join(const std::vector<std::string>& ids);
template <typename Range>
std::vector<std::string> to_vector(const Range& ids) {
  return {ids.begin(), ids.end()};
}

// --- Construction (validate.cpp). Each throws RevisionError naming the revision's file. ---

// id -> position; a duplicate id names both files.
std::map<std::string, std::size_t> index_ids(const std::vector<Revision>& revisions);
// Each revision's depends_on, as ids, at the revision's position.
using Dependencies = std::vector<std::vector<std::string>>;
// Every parent and depends_on names a revision, and none is listed twice.
void check_references(const std::vector<Revision>& revisions,
                      const std::map<std::string, std::size_t>& index,
                      const Dependencies& dependencies);
// label -> revision; a label used twice, equal to an id or a keyword, or holding '@', '+', '-'
// or ':' is refused.
std::map<std::string, std::string> index_labels(const std::vector<Revision>& revisions,
                                                const std::map<std::string, std::size_t>& index);
// depends_on may name a revision by one of its branch labels, as in Alembic: the graph's walks
// see the labeled revision's id in its place.
Dependencies resolve_dependencies(const std::vector<Revision>& revisions,
                                  const std::map<std::string, std::size_t>& index,
                                  const std::map<std::string, std::string>& labels);
// No revision is below itself through parents and depends_on. The message lists the cycle in
// upgrade direction (`a -> b`: b has a as parent or dependency), from its smallest id, and
// points at the file entry that closes it.
void check_acyclic(const std::vector<Revision>& revisions,
                   const std::map<std::string, std::size_t>& index,
                   const Dependencies& dependencies);

// --- Relations (graph.cpp, relations.cpp) ---

// anc_P(ids) and desc_P(ids): through parents only, the ids included.
std::set<std::string> ancestors_through_parents(const RevisionGraph& graph,
                                                const std::vector<std::string>& ids);
std::set<std::string> descendants_through_parents(const RevisionGraph& graph,
                                                  const std::vector<std::string>& ids);
// anc_P(id) ∪ desc_P(id): the revisions on a line with id (Alembic's "shares lineage").
std::set<std::string> lineage(const RevisionGraph& graph, const std::string& id);
// Each revision's spread branch labels (RevisionGraph::branch_labels); revisions that get
// none are absent.
std::map<std::string, std::set<std::string>> spread_labels(const RevisionGraph& graph);
// The members of `ids` that are below no other member, through parents and, if asked,
// depends_on; sorted.
std::vector<std::string> maximal(const RevisionGraph& graph, const std::set<std::string>& ids,
                                 bool through_depends_on);
// The heads, each effective head marked: "b1, c1 (effective head)".
std::string describe_heads(const RevisionGraph& graph, const std::vector<std::string>& heads);
// anc*(rows), after checking that every row names a known revision.
std::set<std::string> applied_set(const RevisionGraph& graph, const std::vector<std::string>& rows);

// The tie-breaking rule of every plan. A depth-first walk from each goal in ascending id order,
// visiting a revision's parents in the order its file lists them, then its depends_on in listed
// order, emits each revision after everything it visits from there. Revisions in `exclude` are
// neither visited nor emitted. Downgrades run this order backwards.
std::vector<std::string> upgrade_order(const RevisionGraph& graph, std::vector<std::string> goals,
                                       const std::set<std::string>& exclude);
std::vector<Step> steps(const std::vector<std::string>& ids, Direction direction);

// --- Targets (target.cpp) ---

// A target as typed: [LABEL@]SYMBOL, or [LABEL@][SYMBOL](+|-)N.
struct Target {
  std::string text = {};          // as typed, for messages
  std::string label = {};         // before '@'; empty: none
  std::string symbol = {};        // head, heads, base, a revision; empty: relative to the rows
  std::optional<int> delta = {};  // N of +N / -N; nullopt: not relative
};
// Throws RevisionError for a malformed target.
Target parse_target(const std::string& text);

// Where a walk stands: a revision, or nullopt for "base", below every base.
using Position = std::optional<std::string>;

// The revisions that a target without +N/-N names: head, heads, base (none), REV, and with a
// label LABEL@head, LABEL@heads, LABEL@base (none), LABEL@REV.
std::vector<std::string> named_revisions(const RevisionGraph& graph, const Target& target);
// The one revision, or base, where the SYMBOL of SYMBOL+N / SYMBOL-N stands.
Position named_position(const RevisionGraph& graph, const Target& target);

// --- Walks (walk.cpp), Alembic's rules: one step goes to the only child through parents (up;
// from base, the only base) or the only parent (down; from a base, to base). ---

// target.delta steps up; with a label, only children on the label's line count.
Position walk_up(const RevisionGraph& graph, const Target& target, const Position& start);
// -target.delta steps down.
Position walk_down(const RevisionGraph& graph, const Target& target, const Position& start);
// Where +N and -N start: the single row, or base when there are none.
Position row_start(const Target& target, const std::vector<std::string>& rows);
// Where LABEL@+N and LABEL@-N start: the single row on the label's line, else the single topmost
// applied revision on it, else base.
Position label_start(const RevisionGraph& graph, const Target& target,
                     const std::vector<std::string>& rows, const std::set<std::string>& applied);

}  // namespace migrate::graph
