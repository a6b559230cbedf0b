#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migrate/diff.hpp"
#include "migrate/flags.hpp"

namespace migrate {
namespace {

bool is_column_partner(const DropColumn& drop, const Operation& op) {
  const auto* add = std::get_if<AddColumn>(&op);
  return add && add->table == drop.table && may_be_renamed(drop.column, add->column);
}

// diff() puts a likely rename's add right after its drop, where the rename goes: that partner
// first, else the first alike.
std::optional<std::size_t> column_partner(const std::vector<Operation>& ops,
                                          const std::vector<RevisionOperation>& out,
                                          std::size_t drop_at) {
  const auto& drop = std::get<DropColumn>(ops[drop_at]);
  if (drop_at + 1 < ops.size() && !out[drop_at + 1].flag &&
      is_column_partner(drop, ops[drop_at + 1]))
    return drop_at + 1;
  for (std::size_t j = 0; j < ops.size(); ++j) {
    if (!out[j].flag && is_column_partner(drop, ops[j])) return j;
  }
  return std::nullopt;
}

double table_share(const DropTable& drop, const Operation& op) {
  const auto* create = std::get_if<CreateTable>(&op);
  if (!create || create->table.name.schema != drop.table.name.schema) return 0.0;
  return shared_column_share(drop.table, create->table);
}

std::optional<std::size_t> table_partner(const std::vector<Operation>& ops,
                                         const std::vector<RevisionOperation>& out,
                                         std::size_t drop_at) {
  const auto& drop = std::get<DropTable>(ops[drop_at]);
  if (drop_at + 1 < ops.size() && !out[drop_at + 1].flag &&
      table_share(drop, ops[drop_at + 1]) >= likely_rename_share) {
    return drop_at + 1;
  }
  std::optional<std::size_t> best;
  double best_share = likely_rename_share;
  for (std::size_t j = 0; j < ops.size(); ++j) {
    const double share = out[j].flag ? 0.0 : table_share(drop, ops[j]);
    if (share >= best_share) {
      best = j;
      best_share = share;
    }
  }
  return best;
}

void flag_column_renames(const std::vector<Operation>& ops, std::vector<RevisionOperation>& out) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto* drop = std::get_if<DropColumn>(&ops[i]);
    if (!drop || out[i].flag) continue;
    if (const auto j = column_partner(ops, out, i)) {
      const auto* add = &std::get<AddColumn>(ops[*j]);
      const std::string table = display_name(drop->table);
      const std::string rename = fmt::format("rename_column: {{table: {}, from: {}, to: {}}}",
                                             table, drop->column.name, add->column.name);
      out[i].flag = fmt::format(
          "possible rename of column {}.{} to {}: to keep the data, replace this drop and the "
          "add_column of {} with `{}`",
          table, drop->column.name, add->column.name, add->column.name, rename);
      out[*j].flag = fmt::format("possible rename of column {}.{} to {}: see the drop_column of {}",
                                 table, drop->column.name, add->column.name, drop->column.name);
    }
  }
}

void flag_table_renames(const std::vector<Operation>& ops, std::vector<RevisionOperation>& out) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto* drop = std::get_if<DropTable>(&ops[i]);
    if (!drop || out[i].flag) continue;
    const auto best = table_partner(ops, out, i);
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

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Labels that differ at the same position, the old one gone and the new one new: most likely
// renamed, which ALTER TYPE ... RENAME VALUE does while keeping the rows that hold them.
std::vector<std::pair<std::string, std::string>> renamed_labels(const AlterEnumValues& alter) {
  const auto& from = alter.values.from;
  const auto& to = alter.values.to;
  if (from.size() != to.size()) return {};
  std::vector<std::pair<std::string, std::string>> renamed;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (from[i] == to[i]) continue;
    if (contains(to, from[i]) || contains(from, to[i])) return {};
    renamed.emplace_back(from[i], to[i]);
  }
  return renamed;
}

void flag_enum_value_renames(const std::vector<Operation>& ops,
                             std::vector<RevisionOperation>& out) {
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto* alter = std::get_if<AlterEnumValues>(&ops[i]);
    if (!alter || out[i].flag) continue;
    const auto renamed = renamed_labels(*alter);
    if (renamed.empty()) continue;
    std::vector<std::string> values, suggested;
    for (const auto& [from, to] : renamed) {
      values.push_back(fmt::format("'{}' to '{}'", from, to));
      suggested.push_back(fmt::format("`rename_enum_value: {{name: {}, from: {}, to: {}}}`",
                                      display_name(alter->name), from, to));
    }
    out[i].flag = fmt::format(
        "possible rename of value {} of enum {}: to keep the rows that hold it, replace this "
        "alter_enum with {}",
        fmt::join(values, " and "), display_name(alter->name), fmt::join(suggested, " and "));
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

std::vector<RevisionOperation> flag_renames(const std::vector<Operation>& ops) {
  std::vector<RevisionOperation> out;
  out.reserve(ops.size());
  for (const Operation& op : ops) out.push_back({op});
  flag_table_renames(ops, out);
  flag_column_renames(ops, out);
  flag_enum_value_renames(ops, out);
  return out;
}

std::vector<RevisionOperation> flag_operations(const std::vector<Operation>& ops) {
  std::vector<RevisionOperation> out = flag_renames(ops);
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
