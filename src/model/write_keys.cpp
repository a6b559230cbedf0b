#include "model/write_keys.hpp"

#include <algorithm>

#include "yaml/special_words.hpp"

namespace migrate::model {
namespace {

// A name that the loader's short forms ("table(col)", "table.column", "col DESC") keep intact.
bool is_plain(const std::string& name) {
  return !name.empty() && name.find_first_of(".(),\"' \t\n") == std::string::npos;
}

void write_flags(YAML::Emitter& out, std::initializer_list<std::pair<const char*, bool>> flags) {
  for (const auto& [key, value] : flags) {
    if (value) out << YAML::Key << key << YAML::Value << true;
  }
}

void write_reference(YAML::Emitter& out, const ForeignKey& key, const std::string& schema) {
  const QualifiedName& parent = key.referenced_table;
  const bool plain =
      is_plain(parent.schema) && is_plain(parent.name) &&
      std::all_of(key.referenced_columns.begin(), key.referenced_columns.end(), is_plain);
  out << YAML::Key << "references" << YAML::Value;
  if (plain) {
    std::string text = parent.schema == schema ? parent.name : parent.schema + "." + parent.name;
    text += "(";
    for (std::size_t i = 0; i < key.referenced_columns.size(); ++i) {
      text += (i ? ", " : "") + key.referenced_columns[i];
    }
    emit_string(out, text + ")");
    return;
  }
  out << YAML::Flow << YAML::BeginMap;
  if (parent.schema != schema)
    emit_string(out << YAML::Key << "schema" << YAML::Value, parent.schema);
  emit_string(out << YAML::Key << "table" << YAML::Value, parent.name);
  out << YAML::Key << "columns" << YAML::Value;
  emit_names(out, key.referenced_columns);
  out << YAML::EndMap;
}

void write_foreign_key(YAML::Emitter& out, const ForeignKey& key, const std::string& schema) {
  out << YAML::Flow << YAML::BeginMap;
  emit_string(out << YAML::Key << "name" << YAML::Value, key.name);
  out << YAML::Key << "columns" << YAML::Value;
  emit_names(out, key.columns);
  write_reference(out, key, schema);
  if (key.on_delete != ReferentialAction::no_action) {
    out << YAML::Key << "on_delete" << YAML::Value << to_string(key.on_delete);
  }
  if (key.on_update != ReferentialAction::no_action) {
    out << YAML::Key << "on_update" << YAML::Value << to_string(key.on_update);
  }
  if (key.match != MatchType::simple)
    out << YAML::Key << "match" << YAML::Value << to_string(key.match);
  write_flags(out,
              {{"deferrable", key.deferrable}, {"initially_deferred", key.initially_deferred}});
  out << YAML::EndMap;
}

void write_uniques(YAML::Emitter& out, const std::vector<UniqueConstraint>& uniques) {
  if (uniques.empty()) return;
  out << YAML::Key << "unique" << YAML::Value << YAML::BeginSeq;
  for (const UniqueConstraint& unique : uniques) {
    out << YAML::Flow << YAML::BeginMap;
    emit_string(out << YAML::Key << "name" << YAML::Value, unique.name);
    out << YAML::Key << "columns" << YAML::Value;
    emit_names(out, unique.columns);
    write_flags(out, {{"nulls_not_distinct", unique.nulls_not_distinct},
                      {"deferrable", unique.deferrable},
                      {"initially_deferred", unique.initially_deferred}});
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

// name: text pairs (checks' expressions, exclusions' definitions).
template <typename T>
void write_named_texts(YAML::Emitter& out, const char* key, const std::vector<T>& items,
                       std::string T::*text) {
  if (items.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  for (const T& item : items)
    emit_string(emit_string(out << YAML::Key, item.name) << YAML::Value, item.*text);
  out << YAML::EndMap;
}

void write_key(YAML::Emitter& out, const IndexKey& key) {
  const bool default_nulls = key.nulls_first == key.descending;
  if (key.expression.empty() && key.opclass.empty() && key.collation.empty() &&
      is_plain(key.column)) {
    std::string text = key.column + (key.descending ? " DESC" : "");
    if (!default_nulls) text += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    emit_string(out, text);
    return;
  }
  out << YAML::Flow << YAML::BeginMap;
  emit_string(out << YAML::Key << (key.expression.empty() ? "column" : "expression") << YAML::Value,
              key.expression.empty() ? key.column : key.expression);
  if (key.descending) out << YAML::Key << "order" << YAML::Value << "desc";
  if (!default_nulls)
    out << YAML::Key << "nulls" << YAML::Value << (key.nulls_first ? "first" : "last");
  if (!key.opclass.empty()) emit_string(out << YAML::Key << "opclass" << YAML::Value, key.opclass);
  if (!key.collation.empty())
    emit_string(out << YAML::Key << "collation" << YAML::Value, key.collation);
  out << YAML::EndMap;
}

// Plain expressions as `expressions: [...]`, as people write them; anything else as `columns`.
void write_keys(YAML::Emitter& out, const std::vector<IndexKey>& keys) {
  const bool plain_expressions = std::all_of(keys.begin(), keys.end(), [](const IndexKey& key) {
    return !key.expression.empty() && !key.descending && !key.nulls_first && key.opclass.empty() &&
           key.collation.empty();
  });
  if (plain_expressions) {
    out << YAML::Key << "expressions" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const IndexKey& key : keys) emit_string(out, key.expression);
    out << YAML::EndSeq;
    return;
  }
  out << YAML::Key << "columns" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const IndexKey& key : keys) write_key(out, key);
  out << YAML::EndSeq;
}

}  // namespace

YAML::Emitter& emit_string(YAML::Emitter& out, const std::string& text) {
  // yaml-cpp quotes what would read as null, but writes "<<" (a merge key) and booleans plain;
  // quoting booleans tells readers, and other YAML tools, that `default: "true"` is SQL text.
  if (yaml::is_boolean_or_merge_word(text)) return out << YAML::DoubleQuoted << text;
  // yaml-cpp writes control characters plain, and a reader folds a CR, or drops a trailing tab:
  // double quotes escape them ("\r", "\x10").
  const bool control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (control) return out << YAML::DoubleQuoted << text;
  return out << text;
}

void emit_names(YAML::Emitter& out, const std::vector<std::string>& names) {
  out << YAML::Flow << YAML::BeginSeq;
  for (const std::string& name : names) emit_string(out, name);
  out << YAML::EndSeq;
}

void write_sequence_options(YAML::Emitter& out, const SequenceOptions& options) {
  const std::pair<const char*, const std::optional<std::int64_t>*> numbers[] = {
      {"start", &options.start},
      {"increment", &options.increment},
      {"min_value", &options.min_value},
      {"max_value", &options.max_value},
      {"cache", &options.cache}};
  for (const auto& [key, value] : numbers) {
    if (*value) out << YAML::Key << key << YAML::Value << **value;
  }
  write_flags(out, {{"cycle", options.cycle}});
}

void write_owner(YAML::Emitter& out, const ColumnRef& owner, const std::string& document_schema) {
  out << YAML::Key << "owned_by" << YAML::Value;
  if (is_plain(owner.table.name) && is_plain(owner.column) &&
      owner.table.schema == document_schema) {
    emit_string(out, owner.table.name + "." + owner.column);
    return;
  }
  out << YAML::Flow << YAML::BeginMap;
  if (owner.table.schema != document_schema) {
    emit_string(out << YAML::Key << "schema" << YAML::Value, owner.table.schema);
  }
  emit_string(out << YAML::Key << "table" << YAML::Value, owner.table.name);
  emit_string(out << YAML::Key << "column" << YAML::Value, owner.column);
  out << YAML::EndMap;
}

void write_constraints(YAML::Emitter& out, const Table& table) {
  if (table.primary_key) {
    out << YAML::Key << "primary_key" << YAML::Value << YAML::Flow << YAML::BeginMap;
    emit_string(out << YAML::Key << "name" << YAML::Value, table.primary_key->name);
    out << YAML::Key << "columns" << YAML::Value;
    emit_names(out, table.primary_key->columns);
    write_flags(out, {{"deferrable", table.primary_key->deferrable},
                      {"initially_deferred", table.primary_key->initially_deferred}});
    out << YAML::EndMap;
  }
  write_uniques(out, table.uniques);
  if (!table.foreign_keys.empty()) {
    out << YAML::Key << "foreign_keys" << YAML::Value << YAML::BeginSeq;
    for (const ForeignKey& key : table.foreign_keys) write_foreign_key(out, key, table.name.schema);
    out << YAML::EndSeq;
  }
  write_named_texts(out, "checks", table.checks, &CheckConstraint::expression);
  write_named_texts(out, "exclusions", table.exclusions, &ExclusionConstraint::definition);
}

void write_indexes(YAML::Emitter& out, const std::vector<Index>& indexes) {
  if (indexes.empty()) return;
  out << YAML::Key << "indexes" << YAML::Value << YAML::BeginMap;
  for (const Index& index : indexes) {
    emit_string(out << YAML::Key, index.name);
    out << YAML::Value << YAML::Flow << YAML::BeginMap;
    write_keys(out, index.keys);
    if (index.unique) out << YAML::Key << "unique" << YAML::Value << true;
    if (index.method != "btree")
      emit_string(out << YAML::Key << "method" << YAML::Value, index.method);
    if (index.where) emit_string(out << YAML::Key << "where" << YAML::Value, *index.where);
    if (!index.include.empty()) {
      out << YAML::Key << "include" << YAML::Value;
      emit_names(out, index.include);
    }
    write_flags(out, {{"nulls_not_distinct", index.nulls_not_distinct}});
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

}  // namespace migrate::model
