#include "catalog/canonical_probes.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "migrate/render.hpp"

#include "sql/scanner.hpp"

namespace migrate::canonical {
namespace {

// Columns per shared temporary table. Each clause of an ALTER TABLE rebuilds the table's
// relcache entry, so its cost grows with the table's width, while each table costs a CREATE:
// a hundred columns keeps both small (bench/README.md).
constexpr std::size_t shared_table_columns = 100;

std::string on_placeholder(const std::string& what) {
  return fmt::format("ALTER TABLE pg_temp.{} {}", placeholder_table, what);
}

// The names an expression may use as the parser reads them (bare ones folded to lower case,
// quoted ones as written): every column it can name is among them.
std::set<std::string> identifiers_in(const std::string& text) {
  std::set<std::string> names;
  for (const sql::Token& token : sql::scan(text).value_or(std::vector<sql::Token>{})) {
    if (token.kind == sql::TokenKind::identifier || token.kind == sql::TokenKind::keyword) {
      names.insert(sql::identifier_name(text, token));
    }
  }
  return names;
}

// Building one table's probes: names are numbered across the whole run.
class Collector {
 public:
  Collector(const Table& declared, const Table& live, TableProbes& out, std::size_t& next_probe)
      : declared_(declared), live_(live), out_(out), next_probe_(next_probe) {}

  std::string next_name() { return fmt::format("migrate_probe_{}", next_probe_++); }

  void need(const Column& column) {
    ProbeColumn wanted{column.name, column.type, column.collation};
    if (std::find(out_.columns.begin(), out_.columns.end(), wanted) == out_.columns.end()) {
      out_.columns.push_back(std::move(wanted));
    }
  }

  // Needs every live column the expression may name. False when it may name a column the model
  // adds: the live table cannot parse it, and a shared temporary table might, wrongly, with
  // another table's column of that name.
  bool use(const std::string& expression) {
    const auto names = identifiers_in(expression);
    const bool new_column = std::any_of(
        declared_.columns.begin(), declared_.columns.end(),
        [&](const Column& c) { return names.count(c.name) && !live_.find_column(c.name); });
    if (new_column) return false;
    for (const Column& column : live_.columns) {
      if (names.count(column.name)) need(column);
    }
    return true;
  }

  void add(ProbeKind kind, std::string* target, std::string name, std::string part,
           std::string alone, std::string what, int key_ordinal = 0) {
    Probe probe{kind, target, std::move(name), key_ordinal, std::move(part), std::move(alone)};
    probe.what = std::move(what) + " of table " + display_name(live_.name);
    probe.written = *target;
    if (kind == ProbeKind::check || kind == ProbeKind::where) {
      probe.signature = signature("check", probe.written, named_columns(probe.written));
    }
    out_.probes.push_back(std::move(probe));
  }

  // A default names no column: its answer depends on the expression and the column's type.
  void add_default(std::string* target, const ProbeColumn& column, std::string part,
                   std::string alone, std::string what) {
    add(ProbeKind::default_value, target, column.name, std::move(part), std::move(alone),
        std::move(what));
    out_.probes.back().signature =
        signature("default", *target, {{"", column.type, column.collation}});
  }

  const Table& live() const { return live_; }
  TableProbes& out() { return out_; }

 private:
  // The live columns the expression may name, in the table's order.
  std::vector<ProbeColumn> named_columns(const std::string& expression) const {
    const auto names = identifiers_in(expression);
    std::vector<ProbeColumn> named;
    for (const Column& column : live_.columns) {
      if (names.count(column.name)) named.push_back({column.name, column.type, column.collation});
    }
    return named;
  }

  static std::string signature(const char* kind, const std::string& expression,
                               const std::vector<ProbeColumn>& columns) {
    std::string text = fmt::format("{}\x1f{}", kind, expression);
    for (const ProbeColumn& column : columns) {
      text += fmt::format("\x1f{}\x1e{}\x1e{}", column.name, column.type,
                          column.collation.value_or("\x1d"));
    }
    return text;
  }

  const Table& declared_;
  const Table& live_;
  TableProbes& out_;
  std::size_t& next_probe_;
};

// 'S' with only doubled quotes inside: one standard string literal.
bool is_plain_literal(const std::string& text) {
  if (text.size() < 2 || text.front() != '\'' || text.back() != '\'') return false;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] != '\'') continue;
    if (i + 2 < text.size() && text[i + 1] == '\'') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

// The server stores a literal default as a constant of the column's type and prints it as that
// type's output, cast: 'S'::type. When the live default is the declared literal so printed, the
// literal is already that output, and the server would print it the same way again.
bool literal_already_canonical(const std::string& declared, const std::string& live,
                               const std::string& type) {
  if (!is_plain_literal(declared)) return false;
  std::string without_typmods;  // format_type's spelling of the constant's type: no typmod
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (type[i] == '(') {
      i = type.find(')', i);
      if (i == std::string::npos) return false;
    } else {
      without_typmods += type[i];
    }
  }
  return live == declared + "::" + without_typmods;
}

void probe_defaults(Table& declared, Collector& collector) {
  for (Column& column : declared.columns) {
    const Column* existing = collector.live().find_column(column.name);
    if (!existing || !column.default_expr || column.default_expr == existing->default_expr) {
      continue;
    }
    if (existing->default_expr && existing->type == column.type &&
        literal_already_canonical(*column.default_expr, *existing->default_expr, column.type)) {
      *column.default_expr = *existing->default_expr;
      continue;
    }
    // A default cannot name a column, so any column of the type and collation will do.
    const ProbeColumn probe_column{collector.next_name(), existing->type, existing->collation};
    collector.out().probe_columns.push_back(probe_column);
    // A newline ends a "--" comment the expression may hold.
    std::string part =
        fmt::format("ALTER COLUMN {} SET DEFAULT ({}\n)", probe_column.name, *column.default_expr);
    std::string alone = on_placeholder(part);
    collector.add_default(&*column.default_expr, probe_column, std::move(part), std::move(alone),
                          "default of column " + column.name);
  }
}

// A generation expression is parsed by adding the column again, generated: on a copy of the
// table's own, since the column is dropped.
void probe_generated(Table& declared, Collector& collector) {
  for (Column& column : declared.columns) {
    const Column* existing = collector.live().find_column(column.name);
    if (!existing || !column.generated || !existing->generated ||
        column.generated == existing->generated || !collector.use(*column.generated)) {
      continue;
    }
    collector.out().needs_own_copy = true;
    const std::string quoted = quote_ident(column.name);
    collector.add(ProbeKind::generated, &*column.generated, column.name, "",
                  on_placeholder("DROP COLUMN " + quoted) + "; " +
                      on_placeholder(fmt::format("ADD COLUMN {} {} GENERATED ALWAYS AS ({}) STORED",
                                                 quoted, existing->type, *column.generated)),
                  "generation expression of column " + column.name);
  }
}

void probe_checks(Table& declared, Collector& collector) {
  const Table& live = collector.live();
  for (CheckConstraint& check : declared.checks) {
    auto it = std::find_if(live.checks.begin(), live.checks.end(),
                           [&](const CheckConstraint& c) { return c.name == check.name; });
    if (it == live.checks.end() || it->expression == check.expression ||
        !collector.use(check.expression)) {
      continue;
    }
    const std::string name = collector.next_name();
    std::string part =
        fmt::format("ADD CONSTRAINT {} CHECK ({}\n) NOT VALID", name, check.expression);
    std::string alone = on_placeholder(part);
    collector.add(ProbeKind::check, &check.expression, name, std::move(part), std::move(alone),
                  "check constraint " + check.name);
  }
}

// An exclusion constraint is compared as pg_get_constraintdef prints it, and asked whole.
void probe_exclusions(Table& declared, Collector& collector) {
  const Table& live = collector.live();
  for (ExclusionConstraint& exclusion : declared.exclusions) {
    auto it = std::find_if(live.exclusions.begin(), live.exclusions.end(),
                           [&](const ExclusionConstraint& e) { return e.name == exclusion.name; });
    if (it == live.exclusions.end() || it->definition == exclusion.definition ||
        !collector.use(exclusion.definition)) {
      continue;
    }
    const std::string name = collector.next_name();
    std::string part = fmt::format("ADD CONSTRAINT {} {}\n", name, exclusion.definition);
    std::string alone = on_placeholder(part);
    collector.add(ProbeKind::exclusion, &exclusion.definition, name, "", std::move(alone),
                  "exclusion constraint " + exclusion.name);
  }
}

// A predicate is asked as a check constraint: both are stored as the expression coerced to
// boolean and printed by pg_get_expr, and a constraint costs far less than an index. Expression
// keys are asked as keys of an index (see probe_statements); alone, the whole index is created,
// one CREATE INDEX serving all its keys.
void probe_indexes(Table& declared, Collector& collector) {
  const Table& live = collector.live();
  for (Index& index : declared.indexes) {
    auto it = std::find_if(live.indexes.begin(), live.indexes.end(),
                           [&](const Index& i) { return i.name == index.name; });
    if (it == live.indexes.end() || *it == index) continue;
    // Every part is used, so that an unusable one leaves its table's needs complete anyway.
    bool usable = !index.where || collector.use(*index.where);
    for (const IndexKey& key : index.keys) {
      usable = collector.use(key.column.empty() ? key.expression : key.column) && usable;
    }
    for (const std::string& column : index.include) usable = collector.use(column) && usable;
    if (!usable) continue;
    Index copy = index;
    copy.name = collector.next_name();
    if (index.where) {
      const std::string name = collector.next_name();
      std::string part =
          fmt::format("ADD CONSTRAINT {} CHECK ({}\n) NOT VALID", name, *index.where);
      std::string alone = on_placeholder(part);
      collector.add(ProbeKind::where, &*index.where, name, std::move(part), std::move(alone),
                    "predicate of index " + index.name);
    }
    std::string statement = render(CreateIndex{{"pg_temp", placeholder_table}, copy}).front();
    for (std::size_t k = 0; k < index.keys.size(); ++k) {
      if (index.keys[k].expression.empty()) continue;
      collector.add(ProbeKind::key, &index.keys[k].expression, copy.name, index.keys[k].expression,
                    statement, fmt::format("key {} of index {}", k + 1, index.name),
                    static_cast<int>(k + 1));
    }
  }
}

QualifiedName source_of(const QualifiedName& table, const std::vector<Operation>& renames) {
  for (const Operation& op : renames) {
    const auto* rename = std::get_if<RenameTable>(&op);
    if (rename && rename->from.schema == table.schema && rename->to == table.name) {
      return rename->from;
    }
  }
  return table;
}

std::vector<RenameColumn> column_renames(const QualifiedName& table,
                                         const std::vector<Operation>& renames) {
  std::vector<RenameColumn> found;
  for (const Operation& op : renames) {
    const auto* rename = std::get_if<RenameColumn>(&op);
    if (rename && rename->table == table) found.push_back(*rename);
  }
  return found;
}

Column column_of(const ProbeColumn& column) {
  return Column{column.name, column.type, true, {}, {}, {}, column.collation};
}

std::string create_copy(const std::string& name, const TableProbes& table) {
  const QualifiedName copy{"pg_temp", name};
  std::vector<Operation> changes;
  for (const RenameColumn& rename : table.renames) {
    changes.push_back(RenameColumn{copy, rename.from, rename.to});
  }
  for (const ProbeColumn& column : table.probe_columns) {
    changes.push_back(AddColumn{copy, column_of(column)});
  }
  std::string sql =
      fmt::format("CREATE TEMP TABLE {} (LIKE {})", quote_ident(name), quote_name(table.source));
  for (const std::string& statement : render(changes)) sql += ";\n" + statement;
  return sql;
}

std::string create_shared(const std::string& name, const std::vector<ProbeColumn>& columns) {
  Table table{{"pg_temp", name}};
  for (const ProbeColumn& column : columns) table.columns.push_back(column_of(column));
  return render(CreateTable{table}).front();
}

// A shared temporary table being filled: its columns by name.
struct SharedTable {
  std::size_t index = 0;  // in the packed result
  std::vector<ProbeColumn> columns = {};
  std::map<std::string, std::size_t> by_name = {};

  bool fits(const TableProbes& table) const {
    std::size_t added = table.probe_columns.size();
    for (const ProbeColumn& column : table.columns) {
      auto it = by_name.find(column.name);
      if (it == by_name.end()) {
        ++added;
      } else if (!(columns[it->second] == column)) {
        return false;
      }
    }
    return columns.size() + added <= shared_table_columns;
  }

  void add(const TableProbes& table) {
    for (const auto* list : {&table.columns, &table.probe_columns}) {
      for (const ProbeColumn& column : *list) {
        if (by_name.emplace(column.name, columns.size()).second) columns.push_back(column);
      }
    }
  }
};

}  // namespace

std::vector<TableProbes> collect_probes(Schema& declared, const Schema& compared,
                                        const std::vector<Operation>& renames) {
  std::vector<TableProbes> result;
  std::size_t next_probe = 0;
  for (Table& table : declared.tables) {
    const Table* live = compared.find_table(table.name);
    if (!live) continue;
    TableProbes probes{table.name, source_of(table.name, renames),
                       column_renames(table.name, renames)};
    Collector collector(table, *live, probes, next_probe);
    probe_defaults(table, collector);
    probe_generated(table, collector);
    probe_checks(table, collector);
    probe_exclusions(table, collector);
    probe_indexes(table, collector);
    if (!probes.probes.empty()) result.push_back(std::move(probes));
  }
  return result;
}

std::vector<ProbeTable> pack(std::vector<TableProbes*> tables, bool own_copies,
                             std::size_t& next_temp) {
  std::vector<ProbeTable> packed;
  std::vector<SharedTable> shared;
  std::set<std::string> names;
  for (TableProbes* table : tables) {
    if (own_copies || table->needs_own_copy) {
      // Named as the table where no other copy is, so that an expression naming the table's own
      // row (CHECK (t IS NOT NULL)) finds it: pg_temp comes first in the search path.
      const std::size_t number = next_temp++;
      std::string name = table->declared.name;
      if (!own_copies || !names.insert(name).second)
        name = fmt::format("migrate_canonical_{}", number);
      packed.push_back({name, number, create_copy(name, *table), {table}, false});
      continue;
    }
    auto fit = std::find_if(shared.begin(), shared.end(),
                            [&](const SharedTable& candidate) { return candidate.fits(*table); });
    if (fit == shared.end()) {
      const std::size_t number = next_temp++;
      packed.push_back({fmt::format("migrate_canonical_{}", number), number});
      shared.push_back({packed.size() - 1});
      fit = shared.end() - 1;
    }
    fit->add(*table);
    packed[fit->index].tables.push_back(table);
  }
  for (const SharedTable& table : shared) {
    packed[table.index].create = create_shared(packed[table.index].name, table.columns);
  }
  return packed;
}

std::vector<ProbeStatement> probe_statements(ProbeTable& table,
                                             std::unordered_map<std::string, const Probe*>& asked) {
  const std::string placeholder = std::string("pg_temp.") + placeholder_table;
  const std::string actual = "pg_temp." + quote_ident(table.name);
  auto placed = [&](std::string statement) {
    for (auto at = statement.find(placeholder); at != std::string::npos;
         at = statement.find(placeholder, at + actual.size())) {
      statement.replace(at, placeholder.size(), actual);
    }
    return statement;
  };
  std::vector<ProbeStatement> statements;
  ProbeStatement defaults, checks;
  std::vector<Probe*> keys;
  for (TableProbes* probes : table.tables) {
    for (Probe& probe : probes->probes) {
      if (probe.kind == ProbeKind::generated || probe.kind == ProbeKind::exclusion) {
        statements.push_back({"", {{probe.name, placed(probe.alone)}}});
      } else if (probe.kind == ProbeKind::key) {
        keys.push_back(&probe);
      } else {
        probe.same_as = nullptr;  // asked again on a copy, every probe is asked
        if (table.shared && !probe.signature.empty()) {
          const auto [earlier, first] = asked.emplace(probe.signature, &probe);
          if (!first) {
            probe.same_as = earlier->second;
            continue;
          }
        }
        ProbeStatement& batch = probe.kind == ProbeKind::default_value ? defaults : checks;
        batch.together +=
            (batch.together.empty() ? "ALTER TABLE " + actual + " " : ",\n") + probe.part;
        batch.alone.push_back({probe.name, placed(probe.alone)});
      }
    }
  }
  for (ProbeStatement* batch : {&defaults, &checks}) {
    if (!batch->alone.empty()) statements.push_back(std::move(*batch));
  }
  // A btree index takes up to 32 keys; the opclass and collation of a key do not change how its
  // expression is printed, and are left out so that any method's keys fit.
  constexpr std::size_t keys_per_index = 32;
  for (std::size_t first = 0; first < keys.size(); first += keys_per_index) {
    Index packed{fmt::format("migrate_keys_{}_{}", table.number, first / keys_per_index)};
    ProbeStatement batch;
    std::set<std::string> asked;  // an index's keys share its statement
    for (std::size_t k = first; k < std::min(keys.size(), first + keys_per_index); ++k) {
      Probe& probe = *keys[k];
      packed.keys.push_back(IndexKey{"", probe.part});
      probe.packed_name = packed.name;
      probe.packed_ordinal = static_cast<int>(packed.keys.size());
      if (asked.insert(probe.name).second) batch.alone.push_back({probe.name, placed(probe.alone)});
    }
    batch.together = render(CreateIndex{{"pg_temp", table.name}, packed}).front();
    statements.push_back(std::move(batch));
  }
  return statements;
}

void copy_shared_answers(std::vector<ProbeTable>& tables) {
  for (ProbeTable& table : tables) {
    for (TableProbes* probes : table.tables) {
      for (Probe& probe : probes->probes) {
        if (!probe.same_as) continue;
        probe.answered = probe.same_as->answered;
        probe.error = probe.same_as->error;
        if (probe.answered) *probe.target = *probe.same_as->target;
      }
    }
  }
}

}  // namespace migrate::canonical
