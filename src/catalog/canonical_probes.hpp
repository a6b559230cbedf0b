#pragma once
// The declared expressions that canonicalization asks the server about, and the temporary tables
// they are asked on. Creating a table is costly next to asking one expression, so probes from
// many tables share a few wide temporary tables holding just the columns they use; a table whose
// probes cannot share (a generated column is dropped and added again) gets a copy of its own.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "migrate/operations.hpp"
#include "migrate/schema.hpp"

namespace migrate::canonical {

enum class ProbeKind { default_value, generated, check, exclusion, where, key };

// One declared expression to put in the server's words, and where the answer goes. Probes of a
// kind are asked together in one statement per temporary table (`part` is the probe's piece of
// it); when that statement fails, each probe is asked alone (`alone`), so that one expression the
// server rejects costs no other its answer.
struct Probe {
  ProbeKind kind = ProbeKind::default_value;
  std::string* target = nullptr;
  std::string name = {};  // the probe's column, constraint or index: unique in a run
  int key_ordinal = 0;    // key: which key of the index asked alone
  std::string part = {};  // default, check, where: an ALTER TABLE clause; key: the expression
  std::string alone = {};
  // Where a key probe's answer comes in the statement asking several: index name and key.
  std::string packed_name = {};
  int packed_ordinal = 0;
  bool answered = false;
  std::string what = {};     // for messages: "check constraint a_n_check of table a"
  std::string written = {};  // the expression as the model writes it
  std::string error = {};    // the server's message when it rejected the probe
  // Defaults, checks and predicates: what the answer depends on (the expression, and the types
  // and collations of what it can name). A probe asked on a shared table with the signature of
  // one asked before is not asked again: it takes that probe's answer (same_as).
  std::string signature = {};
  const Probe* same_as = nullptr;
};

// A column a temporary table must have for a table's probes: the live column's type and
// collation under the name the expressions use.
struct ProbeColumn {
  std::string name = {};
  std::string type = {};
  std::optional<std::string> collation = {};
  friend bool operator==(const ProbeColumn&, const ProbeColumn&) = default;
};

// The probes of one declared table. Statements name their temporary table as placeholder_table.
struct TableProbes {
  QualifiedName declared = {};  // the table's name in the model
  QualifiedName source = {};    // the live table, by its name in the database
  std::vector<RenameColumn> renames = {};
  std::vector<ProbeColumn> columns = {};        // live columns the expressions use
  std::vector<ProbeColumn> probe_columns = {};  // one per default asked: defaults name no column
  bool needs_own_copy = false;
  std::vector<Probe> probes = {};
};

inline constexpr const char* placeholder_table = "migrate_canonical_table";

// The probes for every expression of `declared` that differs in text from its live counterpart
// in `compared` (live with the model's renames applied). A literal default whose live text is
// that literal cast to the column's type is already canonical and needs none.
std::vector<TableProbes> collect_probes(Schema& declared, const Schema& compared,
                                        const std::vector<Operation>& renames);

// A temporary table and the probes asked on it.
struct ProbeTable {
  std::string name = {};
  std::size_t number = 0;   // unique in a run: names what is created on the table
  std::string create = {};  // the statement that creates it
  std::vector<TableProbes*> tables = {};
  bool shared = true;  // false: a copy of one table's own
};

// Tables packed into as few temporary tables as their columns allow (a name used with two
// types cannot share); `own_copies` gives every table a copy of its live table instead, under
// the table's own name where two tables do not share it.
std::vector<ProbeTable> pack(std::vector<TableProbes*> tables, bool own_copies,
                             std::size_t& next_temp);

// What is asked on one temporary table: statements asking several probes at once, each with the
// statements asking them one by one should it fail.
struct AloneStatement {
  std::string probe = {};  // the probe's name, to tie the server's complaint to it
  std::string sql = {};
};
struct ProbeStatement {
  std::string together = {};
  std::vector<AloneStatement> alone = {};
};
// asked: the probes with a signature already asked in this run, by signature; a probe on a
// shared table found there is left out and marked same_as.
std::vector<ProbeStatement> probe_statements(ProbeTable& table,
                                             std::unordered_map<std::string, const Probe*>& asked);

// The answers of the probes marked same_as, once their originals are answered.
void copy_shared_answers(std::vector<ProbeTable>& tables);

}  // namespace migrate::canonical
