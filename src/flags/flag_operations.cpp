#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "migrate/flags.hpp"

namespace migrate {
namespace {

// Everything about a column but its name: what must agree for a drop and an add to be a rename.
bool same_shape(const Column& a, const Column& b) {
  return a.type == b.type && a.nullable == b.nullable && a.default_expr == b.default_expr &&
         a.identity == b.identity && a.generated == b.generated && a.collation == b.collation;
}

// Columns of `a` found in `b` with the same name and type, over the larger column count.
double shared_columns(const Table& a, const Table& b) {
  std::size_t shared = 0;
  for (const Column& column : a.columns) {
    const Column* other = b.find_column(column.name);
    if (other && other->type == column.type) ++shared;
  }
  const std::size_t total = std::max(a.columns.size(), b.columns.size());
  return total == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(total);
}

void flag_column_renames(const std::vector<Operation>& ops, std::vector<RevisionOperation>& out) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto* drop = std::get_if<DropColumn>(&ops[i]);
    if (!drop || out[i].flag) continue;
    for (std::size_t j = 0; j < ops.size(); ++j) {
      const auto* add = std::get_if<AddColumn>(&ops[j]);
      if (!add || out[j].flag || add->table != drop->table ||
          !same_shape(add->column, drop->column)) {
        continue;
      }
      const std::string table = display_name(drop->table);
      const std::string rename = fmt::format("rename_column: {{table: {}, from: {}, to: {}}}",
                                             table, drop->column.name, add->column.name);
      out[i].flag = fmt::format(
          "possible rename of column {}.{} to {}: to keep the data, replace this drop and the "
          "add_column of {} with `{}`",
          table, drop->column.name, add->column.name, add->column.name, rename);
      out[j].flag = fmt::format("possible rename of column {}.{} to {}: see the drop_column of {}",
                                table, drop->column.name, add->column.name, drop->column.name);
      break;
    }
  }
}

void flag_table_renames(const std::vector<Operation>& ops, std::vector<RevisionOperation>& out) {
  constexpr double enough_shared = 0.5;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto* drop = std::get_if<DropTable>(&ops[i]);
    if (!drop || out[i].flag) continue;
    std::optional<std::size_t> best;
    double best_share = enough_shared;
    for (std::size_t j = 0; j < ops.size(); ++j) {
      const auto* create = std::get_if<CreateTable>(&ops[j]);
      if (!create || out[j].flag || create->table.name.schema != drop->table.name.schema) continue;
      const double share = shared_columns(drop->table, create->table);
      if (share >= best_share) {
        best = j;
        best_share = share;
      }
    }
    if (!best) continue;
    const std::string from = display_name(drop->table.name);
    const std::string& to = std::get<CreateTable>(ops[*best]).table.name.name;
    out[i].flag = fmt::format(
        "possible rename of table {} to {}: to keep the data, replace this drop and the "
        "create_table of {} with `rename_table: {{from: {}, to: {}}}`",
        from, to, to, from, to);
    out[*best].flag =
        fmt::format("possible rename of table {} to {}: see the drop_table of {}", from, to, from);
  }
}

std::optional<std::string> may_fail(const Operation& op) {
  if (const auto* add = std::get_if<AddColumn>(&op)) {
    const Column& c = add->column;
    if (!c.nullable && !c.default_expr && !c.identity && !c.generated) {
      return fmt::format(
          "may fail: adds NOT NULL column {}.{} without a default, which fails if "
          "the table holds rows; add a default or fill it in a data migration",
          display_name(add->table), c.name);
    }
  }
  if (const auto* alter = std::get_if<AlterColumn>(&op);
      alter && alter->nullable && !alter->nullable->to) {
    return fmt::format("may fail: sets NOT NULL on {}.{}, which fails if a row holds NULL",
                       display_name(alter->table), alter->column);
  }
  return std::nullopt;
}

}  // namespace

std::vector<RevisionOperation> flag_operations(const std::vector<Operation>& ops) {
  std::vector<RevisionOperation> out;
  out.reserve(ops.size());
  for (const Operation& op : ops) out.push_back({op});
  flag_table_renames(ops, out);
  flag_column_renames(ops, out);
  for (RevisionOperation& flagged : out) {
    if (flagged.flag) continue;
    if (auto loss = data_loss(flagged.op)) {
      flagged.flag = "data loss: " + *loss;
    } else if (auto risk = may_fail(flagged.op)) {
      flagged.flag = *risk;
    }
  }
  return out;
}

}  // namespace migrate
