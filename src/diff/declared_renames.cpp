// Renames written in the model (`renamed_from:`), applied to the live schema before comparing, so
// that a renamed table or column is compared with its old self instead of dropped and re-added.
#include <fmt/format.h>

#include "migrate/diff.hpp"

#include "diff/follow_renames.hpp"

namespace migrate {
namespace {

bool declares_renames(const Schema& declared) {
  for (const Table& table : declared.tables) {
    if (table.renamed_from) return true;
    for (const Column& column : table.columns) {
      if (column.renamed_from) return true;
    }
  }
  return false;
}

void rename_tables(const Schema& declared, Schema& renamed, DeclaredRenames& result) {
  for (const Table& table : declared.tables) {
    if (!table.renamed_from) continue;
    const QualifiedName old_name{table.name.schema, *table.renamed_from};
    const bool old_exists = renamed.find_table(old_name) != nullptr;
    const bool new_exists = renamed.find_table(table.name) != nullptr;
    if (old_exists && !new_exists) {
      result.operations.push_back(RenameTable{old_name, table.name.name});
      diff_detail::rename_table_in(renamed, old_name, table.name.name);
    } else if (old_exists) {
      result.notes.push_back(fmt::format(
          "table {} is declared renamed_from {}, but the database has both: the rename is not "
          "applied",
          display_name(table.name), display_name(old_name)));
    } else if (!new_exists) {
      result.notes.push_back(fmt::format(
          "table {} is declared renamed_from {}, but the database has neither: it is created",
          display_name(table.name), display_name(old_name)));
    }
  }
}

void rename_columns(const Schema& declared, Schema& renamed, DeclaredRenames& result) {
  for (const Table& table : declared.tables) {
    const Table* live = renamed.find_table(table.name);
    if (!live) continue;
    for (const Column& column : table.columns) {
      if (!column.renamed_from) continue;
      const bool old_exists = live->find_column(*column.renamed_from) != nullptr;
      const bool new_exists = live->find_column(column.name) != nullptr;
      const std::string what =
          fmt::format("column {}.{} is declared renamed_from {}", display_name(table.name),
                      column.name, *column.renamed_from);
      if (old_exists && !new_exists) {
        result.operations.push_back(RenameColumn{table.name, *column.renamed_from, column.name});
        diff_detail::rename_column_in(renamed, table.name, *column.renamed_from, column.name);
        live = renamed.find_table(table.name);
      } else if (old_exists) {
        result.notes.push_back(what + ", but the table has both: the rename is not applied");
      } else if (!new_exists) {
        result.notes.push_back(what + ", but the table has neither: it is added");
      }
    }
  }
}

}  // namespace

DeclaredRenames declared_renames(const Schema& live, const Schema& declared) {
  DeclaredRenames result;
  if (!declares_renames(declared)) return result;  // spares copying a large schema
  Schema renamed = live;
  rename_tables(declared, renamed, result);
  if (!result.operations.empty()) sort_schema(renamed);
  rename_columns(declared, renamed, result);
  if (!result.operations.empty()) result.renamed = std::move(renamed);
  return result;
}

}  // namespace migrate
