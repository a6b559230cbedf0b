// Turning named document drafts into sources, merging sources of several documents and files,
// and checking the references between them once everything is known.

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migrate/error.hpp"

#include "model/model_source.hpp"
#include "sql/routine_text.hpp"

namespace migrate::model {
namespace {

[[noreturn]] void fail(const Location& at, const std::string& message) {
  throw FileError(at.file, at.at.line, at.at.column, message);
}

void define(ModelSource& source, const std::string& kind, const QualifiedName& name,
            const Location& at) {
  // Tables and views share one namespace per schema.
  if (kind == "table" || kind == "view") {
    const std::string other = kind == "table" ? "view" : "table";
    if (const auto clash = source.definitions.find({other, name});
        clash != source.definitions.end()) {
      const Location& first = clash->second;
      fail(at, fmt::format("{} '{}' has the name of the {} defined at {}:{}:{}", kind,
                           display_name(name), other, first.file, first.at.line, first.at.column));
    }
  }
  const auto [existing, inserted] = source.definitions.emplace(std::pair{kind, name}, at);
  if (!inserted) {
    const Location& first = existing->second;
    fail(at, fmt::format("{} '{}' is already defined at {}:{}:{}", kind, display_name(name),
                         first.file, first.at.line, first.at.column));
  }
}

void add_schemas(Schema& schema, const std::set<std::string>& names) {
  std::set<std::string> all(schema.schemas.begin(), schema.schemas.end());
  all.insert(names.begin(), names.end());
  all.erase(default_schema_name);
  schema.schemas.assign(all.begin(), all.end());
}

template <typename T>
std::vector<T> values(std::vector<Placed<T>>&& placed) {
  std::vector<T> result;
  for (auto& item : placed) result.push_back(std::move(item.value));
  return result;
}

void add_table(ModelSource& source, const std::string& file, TableDraft&& draft) {
  Table table = std::move(draft.table);
  if (draft.primary_key) table.primary_key = std::move(draft.primary_key->value);
  for (const auto& key : draft.foreign_keys) {
    source.references.push_back({table.name, key.value.name, {file, key.at}});
  }
  table.uniques = values(std::move(draft.uniques));
  table.foreign_keys = values(std::move(draft.foreign_keys));
  table.checks = values(std::move(draft.checks));
  table.exclusions = values(std::move(draft.exclusions));
  table.indexes = values(std::move(draft.indexes));
  define(source, "table", table.name, {file, draft.at});
  if (draft.partition_of_at) source.partitions[table.name] = {file, *draft.partition_of_at};
  source.schema.tables.push_back(std::move(table));
}

std::vector<std::string> column_names(const Table& table) {
  std::vector<std::string> names;
  for (const Column& column : table.columns) names.push_back(column.name);
  return names;
}

// PostgreSQL needs the referenced columns to carry a primary key or a unique constraint or
// index (without predicate or expressions), in any order.
bool is_unique_key(const Table& table, std::vector<std::string> columns) {
  std::sort(columns.begin(), columns.end());
  const auto same = [&](std::vector<std::string> other) {
    std::sort(other.begin(), other.end());
    return other == columns;
  };
  if (table.primary_key && same(table.primary_key->columns)) return true;
  for (const auto& unique : table.uniques) {
    if (same(unique.columns)) return true;
  }
  for (const auto& index : table.indexes) {
    if (!index.unique || index.where) continue;
    std::vector<std::string> keys;
    for (const auto& key : index.keys) keys.push_back(key.expression.empty() ? key.column : "");
    if (same(keys)) return true;
  }
  return false;
}

// The model's tables by name, looked up once per reference: a model may hold thousands.
class TableIndex {
 public:
  explicit TableIndex(const Schema& schema) {
    for (const Table& table : schema.tables) tables_.emplace(key(table.name), &table);
  }
  const Table* find(const QualifiedName& name) const {
    const auto found = tables_.find(key(name));
    return found == tables_.end() ? nullptr : found->second;
  }

 private:
  static std::string key(const QualifiedName& name) { return name.schema + '\0' + name.name; }
  std::unordered_map<std::string, const Table*> tables_;
};

void check_foreign_key(const TableIndex& tables, const ReferenceSite& site) {
  const Table* table = tables.find(site.object);
  const auto key = std::find_if(table->foreign_keys.begin(), table->foreign_keys.end(),
                                [&](const ForeignKey& k) { return k.name == site.name; });
  const std::string what =
      fmt::format("foreign key {} of table {}", key->name, display_name(table->name));
  const Table* parent = tables.find(key->referenced_table);
  if (!parent) {
    fail(site.at, fmt::format("{} references table '{}', which no model file defines", what,
                              display_name(key->referenced_table)));
  }
  for (const std::string& column : key->referenced_columns) {
    if (!parent->find_column(column)) {
      fail(site.at,
           fmt::format("{} references column '{}', which table {} lacks (expected: {})", what,
                       column, display_name(parent->name), fmt::join(column_names(*parent), ", ")));
    }
  }
  if (!is_unique_key(*parent, key->referenced_columns)) {
    fail(site.at,
         fmt::format("{} references {}({}), which is neither the primary key nor unique", what,
                     display_name(parent->name), fmt::join(key->referenced_columns, ", ")));
  }
}

void check_owner(const Schema& schema, const TableIndex& tables, const ReferenceSite& site) {
  const ColumnRef& owner = *schema.find_sequence(site.object)->owned_by;
  const std::string what = "sequence " + display_name(site.object);
  const Table* table = tables.find(owner.table);
  if (!table) {
    fail(site.at, fmt::format("{} is owned by table '{}', which no model file defines", what,
                              display_name(owner.table)));
  }
  if (!table->find_column(owner.column)) {
    fail(site.at, fmt::format("{} is owned by column '{}', which table {} lacks (expected: {})",
                              what, owner.column, display_name(owner.table),
                              fmt::join(column_names(*table), ", ")));
  }
}

}  // namespace

ModelSource to_source(const YamlReader& reader, DocumentDraft&& document) {
  ModelSource source;
  Schema& schema = source.schema;
  const std::string& file = reader.file();
  std::set<std::string> namespaces{document.schema};
  for (const auto& declared : document.schemas) namespaces.insert(declared.value);
  for (auto& [name, comment] : document.schema_comments) {
    // Given once in the whole model, so that no file's comment silently wins.
    define(source, "comment of schema", {default_schema_name, name}, {file, comment.at});
    schema.schema_comments.emplace(name, std::move(comment.value));
  }
  for (auto& [extension, at] : document.extensions) {
    define(source, "extension", {default_schema_name, extension.name}, {file, at});
    namespaces.insert(extension.schema);
    schema.extensions.push_back(std::move(extension));
  }
  for (auto& [enum_type, at] : document.enums) {
    define(source, "enum", enum_type.name, {file, at});
    schema.enums.push_back(std::move(enum_type));
  }
  for (auto& [domain, at] : document.domains) {
    define(source, "domain", domain.name, {file, at});
    schema.domains.push_back(std::move(domain));
  }
  for (auto& [type, at] : document.composite_types) {
    define(source, "composite type", type.name, {file, at});
    schema.composite_types.push_back(std::move(type));
  }
  for (SequenceDraft& draft : document.sequences) {
    define(source, "sequence", draft.sequence.name, {file, draft.at});
    if (draft.owner_at.line != 0) {
      source.references.push_back({draft.sequence.name, "", {file, draft.owner_at}});
    }
    schema.sequences.push_back(std::move(draft.sequence));
  }
  for (TableDraft& draft : document.tables) add_table(source, file, std::move(draft));
  for (auto& [view, at] : document.views) {
    define(source, "view", view.name, {file, at});
    schema.views.push_back(std::move(view));
  }
  for (auto& [function, at] : document.functions) {
    namespaces.insert(function.name.schema);
    // One per name and argument types: f(a integer) and f(b int) are the same function.
    const auto head = sql::routine_head(function.definition);
    define(source, "function",
           {function.name.schema,
            function.name.name + "(" + (head ? head->argument_types : function.arguments) + ")"},
           {file, at});
    schema.functions.push_back(std::move(function));
  }
  for (auto& [trigger, at] : document.triggers) {
    define(source, "trigger", {trigger.table.schema, trigger.table.name + "." + trigger.name},
           {file, at});
    schema.triggers.push_back(std::move(trigger));
  }
  add_schemas(schema, namespaces);
  return source;
}

void merge_source(ModelSource& into, ModelSource&& from) {
  for (const auto& [key, at] : from.definitions) define(into, key.first, key.second, at);
  Schema& schema = into.schema;
  add_schemas(schema, {from.schema.schemas.begin(), from.schema.schemas.end()});
  schema.schema_comments.merge(from.schema.schema_comments);
  const auto append = [](auto& to, auto& items) {
    std::move(items.begin(), items.end(), std::back_inserter(to));
  };
  append(schema.extensions, from.schema.extensions);
  append(schema.enums, from.schema.enums);
  append(schema.domains, from.schema.domains);
  append(schema.composite_types, from.schema.composite_types);
  append(schema.sequences, from.schema.sequences);
  append(schema.tables, from.schema.tables);
  append(schema.views, from.schema.views);
  append(schema.functions, from.schema.functions);
  append(schema.triggers, from.schema.triggers);
  append(into.references, from.references);
  into.partitions.merge(from.partitions);
}

void inherit_partition_columns(ModelSource& source) {
  if (source.partitions.empty()) return;
  std::map<QualifiedName, Table*> tables;
  for (Table& table : source.schema.tables) tables[table.name] = &table;
  std::set<QualifiedName> done;
  // Parents first: a sub-partition takes the columns its parent took from the root.
  const auto inherit = [&](auto& self, Table& table, std::set<QualifiedName>& path) -> void {
    if (!table.partition_of || done.count(table.name)) return;
    const Location& at = source.partitions.at(table.name);
    const std::string what = "table " + display_name(table.name);
    const auto parent = tables.find(*table.partition_of);
    if (parent == tables.end()) {
      fail(at, fmt::format("{} is a partition of table '{}', which no model file defines", what,
                           display_name(*table.partition_of)));
    }
    if (!parent->second->partition_by) {
      fail(at, fmt::format("{} is a partition of table {}, which has no 'partition_by'", what,
                           display_name(*table.partition_of)));
    }
    if (!path.insert(table.name).second) {
      fail(at, fmt::format("{} is, through its parents, a partition of itself", what));
    }
    self(self, *parent->second, path);
    table.columns = parent->second->columns;
    // As PostgreSQL gives them: without the parent's identity, statistics target and comments.
    // A rename is the parent's to declare: the partition's column is renamed with it.
    for (Column& column : table.columns) {
      column.identity.reset();
      column.statistics.reset();
      column.comment.reset();
      column.renamed_from.reset();
    }
    done.insert(table.name);
  };
  for (Table& table : source.schema.tables) {
    std::set<QualifiedName> path;
    inherit(inherit, table, path);
  }
}

void check_references(const ModelSource& source) {
  const TableIndex tables(source.schema);
  for (const ReferenceSite& site : source.references) {
    if (site.name.empty()) {
      check_owner(source.schema, tables, site);
    } else {
      check_foreign_key(tables, site);
    }
  }
}

}  // namespace migrate::model
