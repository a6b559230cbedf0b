// Tables and columns in operations, read by the model loader's table reader: create_table and
// drop_table are a model table plus 'name'; add_column and drop_column a model column plus
// 'table' and 'column'. Only alter_column, made of changes, has fields of its own.

#include <algorithm>

#include "migrate/types.hpp"

#include "model/model_source.hpp"
#include "model/table_reader.hpp"
#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

// serial is a model shorthand that also creates a sequence, which one operation cannot do.
void reject_serials(const OpReader& op, const model::TableDraft& draft) {
  if (draft.serials.empty()) return;
  op.reader().fail(draft.serials.front().at,
                   fmt::format("serial types are not available in {}: write an identity column, "
                               "or create_sequence and a nextval() default",
                               op.where()));
}

// The model's reader names the table by an entry's key; the name was checked where it stands.
model::Entry table_entry(const OpReader& op, const QualifiedName& name, const yaml::Node& body) {
  return {name.name, op.reader().text_node(name.name), body};
}

Table read_whole_table(const OpReader& op) {
  op.check_keys({"name", "comment", "columns", "primary_key", "unique", "foreign_keys", "checks",
                 "exclusions", "indexes", "unlogged", "storage", "cluster_on", "replica_identity",
                 "partition_of", "bounds", "partition_by", "flag"});
  const QualifiedName name = op.qualified("name");
  model::DocumentDraft document{.schema = name.schema};
  const auto entry = table_entry(op, name, op.body_without({"name", "flag"}));
  document.tables.push_back(model::read_table(op.reader(), document, entry));
  reject_serials(op, document.tables.back());
  model::name_objects(op.reader(), document);  // unnamed constraints get PostgreSQL's names
  model::ModelSource source = model::to_source(op.reader(), std::move(document));
  return std::move(source.schema.tables.front());
}

constexpr auto column_keys = {"table",    "column",      "type",      "nullable", "default",
                              "identity", "generated",   "collation", "comment",  "statistics",
                              "storage",  "compression", "flag"};

// The fields other than table and column, read as the column's model mapping.
Column read_column(const OpReader& op, const QualifiedName& table) {
  const model::YamlReader& reader = op.reader();
  const yaml::Node columns = reader.map_node(
      {{op.required("column").value, op.body_without({"table", "column", "flag"})}});
  const yaml::Node body = reader.map_node({{reader.text_node("columns"), columns}});
  const model::DocumentDraft document{.schema = table.schema};
  const model::TableDraft draft =
      model::read_table(op.reader(), document, table_entry(op, table, body));
  reject_serials(op, draft);
  return draft.table.columns.front();
}

}  // namespace

Operation read_create_table(const OpReader& op) { return CreateTable{read_whole_table(op)}; }

Operation read_drop_table(const OpReader& op) { return DropTable{read_whole_table(op)}; }

Operation read_add_column(const OpReader& op) {
  op.check_keys(column_keys);
  const QualifiedName table = op.qualified("table");
  return AddColumn{table, read_column(op, table)};
}

// A drop may name just the column (as people write it); then it cannot be reversed in full.
Operation read_drop_column(const OpReader& op) {
  op.check_keys(column_keys);
  const QualifiedName table = op.qualified("table");
  const bool name_only = std::all_of(op.fields().begin(), op.fields().end(), [](const Entry& e) {
    return e.key == "table" || e.key == "column" || e.key == "flag";
  });
  if (name_only) return DropColumn{table, Column{.name = op.identifier("column")}};
  return DropColumn{table, read_column(op, table)};
}

Operation read_alter_column(const OpReader& op) {
  op.check_keys({"table", "column", "type", "using", "collation", "nullable", "default", "identity",
                 "statistics", "storage", "compression", "flag"});
  AlterColumn alter{op.qualified("table"), op.identifier("column")};
  const YamlReader& reader = op.reader();
  const auto type = [&](const Entry& entry, const std::string& where) {
    std::string normalized = normalize_type(reader.text(entry, where));
    if (normalized.empty())
      reader.fail(entry.value, fmt::format("empty '{}' in {}", entry.key, where));
    return normalized;
  };
  const auto optional_text = [&](const Entry& entry, const std::string& where) {
    return read_optional_text(reader, entry, where);
  };
  alter.type = op.change<std::string>("type", type);
  alter.using_expr = op.change<std::optional<std::string>>("using", optional_text);
  alter.collation = op.change<std::optional<std::string>>("collation", optional_text);
  alter.nullable = op.change<bool>("nullable", [&](const Entry& entry, const std::string& where) {
    return reader.boolean(entry, where);
  });
  alter.default_expr = op.change<std::optional<std::string>>("default", optional_text);
  alter.identity = op.change<std::optional<Identity>>(
      "identity", [&](const Entry& entry, const std::string& where) {
        return read_optional_identity(reader, entry, where);
      });
  alter.statistics = op.change<std::optional<int>>(
      "statistics", [&](const Entry& entry, const std::string& where) -> std::optional<int> {
        if (entry.value.is_null()) return std::nullopt;
        return model::read_statistics(reader, entry, where);
      });
  alter.storage = op.change<std::optional<std::string>>(
      "storage", [&](const Entry& entry, const std::string& where) -> std::optional<std::string> {
        if (entry.value.is_null()) return std::nullopt;
        return model::read_column_storage(reader, entry, where);
      });
  alter.compression = op.change<std::optional<std::string>>(
      "compression",
      [&](const Entry& entry, const std::string& where) -> std::optional<std::string> {
        if (entry.value.is_null()) return std::nullopt;
        return model::read_compression(reader, entry, where);
      });
  if (!alter.type && !alter.collation && !alter.nullable && !alter.default_expr &&
      !alter.identity && !alter.statistics && !alter.storage && !alter.compression) {
    reader.fail(op.at(),
                "alter_column changes nothing (expected at least one of: type, collation, "
                "nullable, default, identity, statistics, storage, compression)");
  }
  return alter;
}

namespace {

template <typename Op>
Op read_partition_op(const OpReader& op) {
  op.check_keys({"table", "partition", "bounds", "flag"});
  return Op{op.qualified("table"), op.qualified("partition"), op.text("bounds")};
}

}  // namespace

Operation read_attach_partition(const OpReader& op) {
  return read_partition_op<AttachPartition>(op);
}
Operation read_detach_partition(const OpReader& op) {
  return read_partition_op<DetachPartition>(op);
}

Operation read_alter_table(const OpReader& op) {
  op.check_keys({"name", "unlogged", "storage", "cluster_on", "replica_identity", "flag"});
  AlterTable alter{op.qualified("name")};
  const YamlReader& reader = op.reader();
  alter.unlogged = op.change<bool>("unlogged", [&](const Entry& entry, const std::string& where) {
    return reader.boolean(entry, where);
  });
  alter.storage = op.change<std::vector<std::string>>(
      "storage", [&](const Entry& entry, const std::string& where) {
        if (entry.value.is_null()) return std::vector<std::string>{};
        return model::read_sorted_storage(reader, entry, where);
      });
  alter.cluster_on = op.change<std::optional<std::string>>(
      "cluster_on",
      [&](const Entry& entry, const std::string& where) -> std::optional<std::string> {
        if (entry.value.is_null()) return std::nullopt;
        return reader.identifier(entry.value, fmt::format("'{}' of {}", entry.key, where));
      });
  alter.replica_identity = op.change<std::optional<std::string>>(
      "replica_identity",
      [&](const Entry& entry, const std::string& where) -> std::optional<std::string> {
        if (entry.value.is_null()) return std::nullopt;
        return model::read_replica_identity(reader, entry, where);
      });
  if (!alter.unlogged && !alter.storage && !alter.cluster_on && !alter.replica_identity) {
    reader.fail(op.at(),
                "alter_table changes nothing (expected at least one of: unlogged, storage, "
                "cluster_on, replica_identity)");
  }
  return alter;
}

}  // namespace migrate::revision
