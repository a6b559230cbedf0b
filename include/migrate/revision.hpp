#pragma once
// Revision files: versions/<id>_<slug>.yaml, each one step of the schema's history with its
// upgrade operations and the downgrade that undoes them (format in docs/revisions.md).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "migrate/operations.hpp"

namespace migrate {

// One operation of a revision, with the flag autogenerate put on it (a possible rename, a data
// loss) until a person resolves it. `line` is where it stands in its file (0: not from a file)
// and takes no part in comparisons.
struct RevisionOperation {
  Operation op = {};
  std::optional<std::string> flag = {};
  int line = 0;
  friend bool operator==(const RevisionOperation& a, const RevisionOperation& b) {
    return a.op == b.op && a.flag == b.flag;
  }
};

struct Revision {
  std::string id = {};
  std::vector<std::string> parents = {};  // empty: a base; two or more: a merge
  std::vector<std::string> branch_labels = {};
  std::vector<std::string> depends_on = {};
  std::string message = {};
  std::string created = {};  // ISO 8601, UTC: 2026-11-24T12:00:00Z
  bool transactional = true;
  // Overrides of migrate.yaml's statement_lock_timeout_ms and statement_timeout_ms for this
  // revision's statements (0: no limit). How it runs, not what: not part of the checksum.
  std::optional<int> statement_lock_timeout_ms = {};
  std::optional<int> statement_timeout_ms = {};
  std::vector<RevisionOperation> upgrade = {};
  std::vector<RevisionOperation> downgrade = {};
  std::filesystem::path file = {};  // where it was read from; takes no part in comparisons
  // Where the values of parents, branch_labels and depends_on stand in the file, so graph errors
  // can point at them; line 0 when not read from a file; takes no part in comparisons.
  struct Place {
    int line = 0;
    int column = 0;
  };
  struct Places {
    Place parents = {};
    Place branch_labels = {};
    Place depends_on = {};
  };
  Places places = {};
  // False when loaded with RevisionParts::graph: upgrade and downgrade were not read and are
  // empty. Takes no part in comparisons.
  bool operations_read = true;

  // Throws std::logic_error when the operations were not read, so that nothing runs, checks or
  // writes a revision without them.
  void require_operations() const;

  friend bool operator==(const Revision& a, const Revision& b) {
    return a.id == b.id && a.parents == b.parents && a.branch_labels == b.branch_labels &&
           a.depends_on == b.depends_on && a.message == b.message && a.created == b.created &&
           a.transactional == b.transactional &&
           a.statement_lock_timeout_ms == b.statement_lock_timeout_ms &&
           a.statement_timeout_ms == b.statement_timeout_ms && a.upgrade == b.upgrade &&
           a.downgrade == b.downgrade;
  }
};

// Parses one revision file's text. Throws FileError (file:line:column) for invalid YAML, an
// unknown key or operation, a missing field, a bad revision id ([a-z0-9_]+).
Revision load_revision_text(const std::string& file_name, const std::string& text);

// Which parts of each file load_revisions reads.
enum class RevisionParts {
  everything,
  // What the graph commands (heads, history, current, branches) show: the keys other than
  // 'upgrade' and 'downgrade'. When every other key comes before them, as in every file migrate
  // writes, only that head of the file is parsed; otherwise the whole file is, but the
  // operations are not read or checked either way (Alembic's heads likewise imports each
  // revision's module without running its upgrade()).
  graph,
};

// Every *.yaml in the directories. The id must match the file name's prefix; a duplicate id is a
// FileError naming both files. Missing directories hold nothing. Sorted by id.
std::vector<Revision> load_revisions(const std::vector<std::filesystem::path>& directories,
                                     RevisionParts parts = RevisionParts::everything);

// The file text; load_revision_text(write_revision_yaml(r)) == r.
std::string write_revision_yaml(const Revision& revision);

// "<id>_<slug>.yaml", the slug made of the message's words (lowercase, '_'-joined, ≤ 40 chars).
std::string revision_file_name(const Revision& revision);

// SHA-256 (hex) of the revision's operations and flags in canonical form: stable across
// formatting, comments and key order of the file, changed by any edit to what would run.
std::string checksum(const Revision& revision);

// 12 random lowercase hex digits.
std::string new_revision_id();

// Whether text may be a revision id: lowercase letters, digits and '_', as files must hold.
bool is_revision_id(const std::string& text);

}  // namespace migrate
