#pragma once
// The revision graph and its targets, with Alembic's semantics (docs/revisions.md states them;
// where migrate differs on purpose, it says so there).

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "migrate/error.hpp"
#include "migrate/revision.hpp"

namespace migrate {

struct Step {
  std::string revision = {};
  Direction direction = Direction::upgrade;
  friend bool operator==(const Step&, const Step&) = default;
};

class RevisionGraph {
 public:
  // Throws RevisionError for a parent or depends_on naming no revision (naming the file), a
  // cycle (naming its revisions), or a branch label used twice.
  explicit RevisionGraph(std::vector<Revision> revisions);

  const std::vector<Revision>& revisions() const { return revisions_; }
  const Revision& get(const std::string& id) const;  // throws RevisionError if unknown
  bool contains(const std::string& id) const;
  bool is_branch_label(const std::string& text) const { return labels_.contains(text); }
  // The revision's depends_on as ids: an entry naming a branch label (as Alembic allows) stands
  // for the revision that carries it. revisions() keep the entries as written.
  const std::vector<std::string>& dependencies(const std::string& id) const;

  // Revisions that are nobody's parent, effective heads (only a depends_on target) included;
  // sorted by id.
  std::vector<std::string> heads() const;
  // Heads that are also nobody's depends_on target.
  std::vector<std::string> real_heads() const;
  std::vector<std::string> bases() const;
  // Revisions with two or more children through parents.
  std::vector<std::string> branch_points() const;
  // The same questions about one revision, without building the lists (listings ask per line).
  bool is_head(const std::string& id) const;
  bool is_real_head(const std::string& id) const;
  bool is_branch_point(const std::string& id) const;
  std::vector<std::string> children(const std::string& id) const;  // through parents
  // The branch labels a listing shows for a revision, spread as Alembic spreads them: a label
  // reaches every revision above the one that carries it (through parents, merges included),
  // and the revisions below it down to, not including, the nearest branch point or merge
  // point. Sorted. Targets (LABEL@head, LABEL@base) use the carrier only, not the spread.
  std::vector<std::string> branch_labels(const std::string& id) const;

  // anc*(ids): the ids and everything below them through parents and depends_on.
  std::set<std::string> ancestors(const std::vector<std::string>& ids) const;
  // desc*(ids): the ids and everything above them through children and dependents.
  std::set<std::string> descendants(const std::vector<std::string>& ids) const;

  // The version-table rows for an applied set: its maximal elements through parents and
  // depends_on, sorted.
  std::vector<std::string> rows_for(const std::set<std::string>& applied) const;
  // What `current` prints: maximal elements of the applied set through parents only.
  std::vector<std::string> current(const std::vector<std::string>& rows) const;

  // One revision from a full id, a branch label, or a unique prefix of either; RevisionError
  // naming the candidates when ambiguous, or saying none matched.
  std::string resolve(const std::string& target) const;

  // The steps of `upgrade TARGET` from the rows (TARGET: head, heads, REV, LABEL@head, +N,
  // REV+N, LABEL@+N), in a deterministic topological order: every parent and dependency before
  // its revision. Empty when everything asked is applied.
  // Order: a depth-first walk from the targets in ascending id order that visits a revision's
  // parents in the order its file lists them, then its depends_on likewise, and emits the
  // revision after them; what is applied is skipped.
  std::vector<Step> plan_upgrade(const std::vector<std::string>& rows,
                                 const std::string& target) const;
  // The steps of `downgrade TARGET` (TARGET: base, REV, -N, REV-N, LABEL@base, LABEL@-N): what
  // depends on the target is undone, dependents before what they depend on.
  // Order: the reverse of the order an upgrade from the result back to the rows would run.
  std::vector<Step> plan_downgrade(const std::vector<std::string>& rows,
                                   const std::string& target) const;
  // The rows after `stamp TARGET` (TARGET: REV, head, heads, base).
  std::vector<std::string> stamp(const std::vector<std::string>& rows,
                                 const std::string& target) const;

 private:
  // Where the revision is in revisions_; RevisionError for an unknown id.
  std::size_t position(const std::string& id) const;

  std::vector<Revision> revisions_;
  std::map<std::string, std::size_t> index_;  // id -> position, in id order (for prefixes)
  // The same, for the lookups every query makes: a thousand revisions are ten string
  // comparisons deep in index_.
  std::unordered_map<std::string, std::size_t> positions_;
  // At each revision's position: the ids above it through parents, through depends_on, and
  // its depends_on as ids (a label resolved).
  std::vector<std::vector<std::string>> children_;
  std::vector<std::vector<std::string>> dependents_;
  std::vector<std::vector<std::string>> dependencies_;
  std::map<std::string, std::string> labels_;  // branch label -> the revision that carries it
  std::map<std::string, std::set<std::string>> spread_labels_;  // id -> labels shown
};

}  // namespace migrate
