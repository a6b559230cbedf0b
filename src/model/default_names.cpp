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
std::vector<std::string> index_key_names(const Index& index) {
  std::vector<std::string> keys;
  for (const IndexKey& key : index.keys) {
    keys.push_back(key.expression.empty() ? key.column : expression_column_name(key.expression));
  }
  keys.insert(keys.end(), index.include.begin(), index.include.end());
  return distinct_column_names(keys);
}

// Names an unnamed object of one table: by the convention's template for its kind if it has
// one, else as PostgreSQL would.
class TableNamer {
 public:
  TableNamer(const YamlReader& reader, Namespaces& names, const NamingConvention& convention,
             const TableDraft& draft)
      : reader_(reader), names_(names), convention_(convention), draft_(draft) {}

  // A primary key or unique constraint, whose index is also a relation. PostgreSQL's name is
  // table_<name2>_label.
  std::string key(const char* kind, const char* label, const char* what, const NameParts& parts,
                  const std::string& name2, Position at) {
    const auto name = from_convention(kind, what, parts, at);
    if (!name) return names_.choose_key(table(), name2, label, owner(what, draft_));
    names_.claim_relation(*name, owner(what, draft_), at);
    names_.claim_constraint(table(), *name, owner(what, draft_), at);
    return *name;
  }

  std::string constraint(const char* kind, const char* label, const char* what, NameParts parts,
                         Position at) {
    const auto name = from_convention(kind, what, parts, at);
    if (!name) {
      return names_.choose_constraint(table(), join_column_names(parts.columns), label,
                                      owner(what, draft_));
    }
    names_.claim_constraint(table(), *name, owner(what, draft_), at);
    return *name;
  }

  std::string index(NameParts parts, Position at) {
    const auto name = from_convention("index", "index", parts, at);
    if (!name) {
      return names_.choose_relation(table(), join_column_names(parts.columns), "idx",
                                    owner("index", draft_));
    }
    names_.claim_relation(*name, owner("index", draft_), at);
    return *name;
  }

  NameParts parts(std::vector<std::string> columns) const {
    return {.table = table(), .columns = std::move(columns)};
  }

 private:
  const std::string& table() const { return draft_.table.name.name; }

  std::optional<std::string> from_convention(const char* kind, const char* what,
                                             const NameParts& parts, Position at) const {
    const auto found = convention_.find(kind);
    if (found == convention_.end()) return std::nullopt;
    std::string name = apply_naming_template(found->second, parts);
    if (name.size() > max_identifier_bytes) {
      reader_.fail(at,
                   fmt::format("naming_convention.{} makes the name '{}' for the {}, {} "
                               "bytes long; PostgreSQL allows at most {}: name it here, or "
                               "shorten the template",
                               kind, name, owner(what, draft_), name.size(), max_identifier_bytes));
    }
    return name;
  }

  const YamlReader& reader_;
  Namespaces& names_;
  const NamingConvention& convention_;
  const TableDraft& draft_;
};

void name_table_objects(TableNamer& namer, TableDraft& draft) {
  std::vector<std::string> columns;
  for (const Column& column : draft.table.columns) columns.push_back(column.name);
  for (auto& check : draft.checks) {
    if (!check.value.name.empty()) continue;
    const std::string column = check_constraint_column(check.value.expression, columns);
    check.value.name = namer.constraint(
        "check", "check", "check constraint",
        namer.parts(column.empty() ? std::vector<std::string>{} : std::vector<std::string>{column}),
        check.at);
  }
  if (draft.primary_key && draft.primary_key->value.name.empty()) {
    // PostgreSQL names a primary key after its table alone (users_pkey).
    draft.primary_key->value.name =
        namer.key("primary_key", "pkey", "primary key",
                  namer.parts(draft.primary_key->value.columns), "", draft.primary_key->at);
  }
  for (auto& unique : draft.uniques) {
    if (unique.value.name.empty()) {
      unique.value.name =
          namer.key("unique", "key", "unique constraint", namer.parts(unique.value.columns),
                    join_column_names(unique.value.columns), unique.at);
    }
  }
  for (auto& key : draft.foreign_keys) {
    if (!key.value.name.empty()) continue;
    NameParts parts = namer.parts(key.value.columns);
    parts.referred_table = key.value.referenced_table.name;
    parts.referred_columns = key.value.referenced_columns;
    key.value.name = namer.constraint("foreign_key", "fkey", "foreign key", parts, key.at);
  }
  for (auto& index : draft.indexes) {
    if (index.value.name.empty()) {
      index.value.name = namer.index(namer.parts(index_key_names(index.value)), index.at);
    }
  }
}

}  // namespace

void name_objects(const YamlReader& reader, DocumentDraft& document,
                  const NamingConvention& convention) {
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
    TableNamer namer(reader, names, convention, draft);
    name_table_objects(namer, draft);
  }
}

}  // namespace migrate::model
