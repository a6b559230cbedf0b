// PostgreSQL's default names for what a model leaves unnamed, chosen in the order CREATE TABLE
// chooses them: serial sequences, check constraints, the primary key, unique constraints,
// foreign keys, then (CREATE INDEX) indexes. Explicit names are claimed first, so a default name
// never takes a name the model gives to something else.

#include <cctype>

#include <fmt/format.h>

#include "migrate/names.hpp"

#include "model/model_source.hpp"

namespace migrate::model {
namespace {

// The names of one schema: relations (tables, sequences, indexes, and the indexes behind primary
// keys and unique constraints) are unique per schema; constraint names are unique per table, and
// a default constraint name also avoids every constraint name of the schema (as PostgreSQL's
// ChooseConstraintName does).
class Namespaces {
 public:
  explicit Namespaces(const YamlReader& reader) : reader_(reader) {}

  void claim_relation(const std::string& name, const std::string& owner, Position at) {
    const auto [existing, inserted] = relations_.emplace(name, owner);
    if (!inserted) {
      reader_.fail(at, fmt::format("name '{}' of {} is already used by {} (tables, sequences, "
                                   "indexes and key constraints of a schema share one namespace)",
                                   name, owner, existing->second));
    }
  }

  void claim_constraint(const std::string& table, const std::string& name, const std::string& owner,
                        Position at) {
    const auto [existing, inserted] = table_constraints_.emplace(std::pair{table, name}, owner);
    if (!inserted) {
      reader_.fail(at, fmt::format("name '{}' of {} is already used by {} (constraint names are "
                                   "unique per table)",
                                   name, owner, existing->second));
    }
    constraints_.insert(name);
  }

  std::string choose_relation(const std::string& table, const std::string& name2,
                              const std::string& label, const std::string& owner) {
    std::string name = choose_object_name(table, name2, label, [&](const std::string& candidate) {
      return relations_.count(candidate) != 0;
    });
    relations_.emplace(name, owner);
    return name;
  }

  // A primary key or unique constraint: both a relation (its index) and a constraint.
  std::string choose_key(const std::string& table, const std::string& name2,
                         const std::string& label, const std::string& owner) {
    std::string name = choose_object_name(table, name2, label, [&](const std::string& candidate) {
      return relations_.count(candidate) != 0 || constraints_.count(candidate) != 0;
    });
    relations_.emplace(name, owner);
    claim_constraint(table, name, owner, {});
    return name;
  }

  std::string choose_constraint(const std::string& table, const std::string& name2,
                                const std::string& label, const std::string& owner) {
    std::string name = choose_object_name(table, name2, label, constraints_);
    table_constraints_.emplace(std::pair{table, name}, owner);
    return name;
  }

 private:
  const YamlReader& reader_;
  std::map<std::string, std::string> relations_;                                  // name -> owner
  std::map<std::pair<std::string, std::string>, std::string> table_constraints_;  // (table, name)
  std::set<std::string> constraints_;
};

std::string owner(const char* kind, const TableDraft& draft) {
  return fmt::format("{} on table {}", kind, display_name(draft.table.name));
}

void claim_explicit_names(Namespaces& names, const TableDraft& draft) {
  const std::string& table = draft.table.name.name;
  const auto claim_key = [&](const std::string& name, const char* kind, Position at) {
    if (name.empty()) return;
    names.claim_relation(name, owner(kind, draft), at);
    names.claim_constraint(table, name, owner(kind, draft), at);
  };
  if (draft.primary_key)
    claim_key(draft.primary_key->value.name, "primary key", draft.primary_key->at);
  for (const auto& unique : draft.uniques)
    claim_key(unique.value.name, "unique constraint", unique.at);
  for (const auto& exclusion : draft.exclusions) {
    claim_key(exclusion.value.name, "exclusion constraint", exclusion.at);
  }
  for (const auto& index : draft.indexes) {
    if (!index.value.name.empty())
      names.claim_relation(index.value.name, owner("index", draft), index.at);
  }
  for (const auto& check : draft.checks) {
    if (!check.value.name.empty()) {
      names.claim_constraint(table, check.value.name, owner("check constraint", draft), check.at);
    }
  }
  for (const auto& key : draft.foreign_keys) {
    if (!key.value.name.empty()) {
      names.claim_constraint(table, key.value.name, owner("foreign key", draft), key.at);
    }
  }
}

std::string quote_for_regclass(const std::string& name) {
  const bool plain =
      !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_$") == std::string::npos;
  if (plain) return name;
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// The default PostgreSQL shows for a serial column: regclass text is quoted where needed and
// qualified unless the sequence is in public (the default search_path).
std::string nextval_default(const QualifiedName& sequence) {
  std::string regclass = quote_for_regclass(sequence.name);
  if (sequence.schema != default_schema_name) {
    regclass = quote_for_regclass(sequence.schema) + "." + regclass;
  }
  std::string literal;
  for (char c : regclass) literal += c == '\'' ? std::string("''") : std::string(1, c);
  return fmt::format("nextval('{}'::regclass)", literal);
}

void name_serial_sequences(Namespaces& names, DocumentDraft& document, TableDraft& draft) {
  for (const SerialColumn& serial : draft.serials) {
    Sequence sequence;
    sequence.name = {document.schema,
                     names.choose_relation(draft.table.name.name, serial.column, "seq",
                                           "sequence of column " + serial.column)};
    sequence.type = serial.sequence_type;
    sequence.owned_by = ColumnRef{draft.table.name, serial.column};
    for (Column& column : draft.table.columns) {
      if (column.name == serial.column) column.default_expr = nextval_default(sequence.name);
    }
    document.sequences.push_back({.sequence = sequence, .at = serial.at});
  }
}

// The key names an index is named after: columns, expressions' names, then INCLUDE columns.
std::string index_name_part(const Index& index) {
  std::vector<std::string> keys;
  for (const IndexKey& key : index.keys) {
    keys.push_back(key.expression.empty() ? key.column : expression_column_name(key.expression));
  }
  keys.insert(keys.end(), index.include.begin(), index.include.end());
  return join_column_names(distinct_column_names(keys));
}

void name_table_objects(Namespaces& names, TableDraft& draft) {
  const std::string& table = draft.table.name.name;
  std::vector<std::string> columns;
  for (const Column& column : draft.table.columns) columns.push_back(column.name);
  for (auto& check : draft.checks) {
    if (check.value.name.empty()) {
      check.value.name =
          names.choose_constraint(table, check_constraint_column(check.value.expression, columns),
                                  "check", owner("check constraint", draft));
    }
  }
  if (draft.primary_key && draft.primary_key->value.name.empty()) {
    draft.primary_key->value.name =
        names.choose_key(table, "", "pkey", owner("primary key", draft));
  }
  for (auto& unique : draft.uniques) {
    if (unique.value.name.empty()) {
      unique.value.name = names.choose_key(table, join_column_names(unique.value.columns), "key",
                                           owner("unique constraint", draft));
    }
  }
  for (auto& key : draft.foreign_keys) {
    if (key.value.name.empty()) {
      key.value.name = names.choose_constraint(table, join_column_names(key.value.columns), "fkey",
                                               owner("foreign key", draft));
    }
  }
  for (auto& index : draft.indexes) {
    if (index.value.name.empty()) {
      index.value.name =
          names.choose_relation(table, index_name_part(index.value), "idx", owner("index", draft));
    }
  }
}

}  // namespace

void name_objects(const YamlReader& reader, DocumentDraft& document) {
  Namespaces names(reader);
  for (const TableDraft& draft : document.tables) {
    names.claim_relation(draft.table.name.name, "table " + display_name(draft.table.name),
                         draft.at);
  }
  for (const SequenceDraft& draft : document.sequences) {
    names.claim_relation(draft.sequence.name.name, "sequence " + display_name(draft.sequence.name),
                         draft.at);
  }
  for (const TableDraft& draft : document.tables) claim_explicit_names(names, draft);
  for (TableDraft& draft : document.tables) {
    name_serial_sequences(names, document, draft);
    name_table_objects(names, draft);
  }
}

}  // namespace migrate::model
