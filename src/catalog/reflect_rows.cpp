#include "catalog/reflect_rows.hpp"

#include <algorithm>
#include <sstream>

#include "catalog/connection.hpp"

namespace migrate {
namespace {

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

SequenceOptions sequence_options(const pqxx::row& row, int first) {
  SequenceOptions options;
  options.start = row[first].as<std::int64_t>();
  options.increment = row[first + 1].as<std::int64_t>();
  options.min_value = row[first + 2].as<std::int64_t>();
  options.max_value = row[first + 3].as<std::int64_t>();
  options.cache = row[first + 4].as<std::int64_t>();
  options.cycle = row[first + 5].as<bool>();
  return options;
}

ReferentialAction action(char code) {
  switch (code) {
    case 'r':
      return ReferentialAction::restrict;
    case 'c':
      return ReferentialAction::cascade;
    case 'n':
      return ReferentialAction::set_null;
    case 'd':
      return ReferentialAction::set_default;
    default:
      return ReferentialAction::no_action;
  }
}

MatchType match(char code) {
  if (code == 'f') return MatchType::full;
  if (code == 'p') return MatchType::partial;
  return MatchType::simple;
}

bool strip_suffix(std::string& text, const std::string& suffix) {
  if (text.size() <= suffix.size() ||
      text.compare(text.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return false;
  }
  text.resize(text.size() - suffix.size());
  return true;
}

// "s1000 te cp": a statistics target, a storage and a compression, each by its catalog code.
void read_column_settings(const std::string& settings, Column& column) {
  std::istringstream words(settings);
  for (std::string word; words >> word;) {
    const std::string value = word.substr(1);
    if (word[0] == 's') column.statistics = std::stoi(value);
    if (word[0] == 't') {
      column.storage = value == "p"   ? "plain"
                       : value == "e" ? "external"
                       : value == "m" ? "main"
                                      : "extended";
    }
    if (word[0] == 'c') column.compression = value == "p" ? "pglz" : "lz4";
  }
}

Table* table_of(TablesByOid& tables, const pqxx::field& oid) {
  auto it = tables.find(oid.as<pqxx::oid>());
  return it == tables.end() ? nullptr : &it->second;
}

}  // namespace

// pg_get_constraintdef() gives "CHECK ((a > 0))", then " NO INHERIT" and " NOT VALID" when they
// apply: the expression is "(a > 0)".
CheckConstraint check_of(std::string name, std::string definition) {
  CheckConstraint check{std::move(name)};
  check.not_valid = strip_suffix(definition, " NOT VALID");
  check.no_inherit = strip_suffix(definition, " NO INHERIT");
  const std::string prefix = "CHECK (";
  if (definition.rfind(prefix, 0) == 0 && definition.back() == ')') {
    check.expression = definition.substr(prefix.size(), definition.size() - prefix.size() - 1);
  } else {
    check.expression = std::move(definition);
  }
  return check;
}

void read_schemas(const pqxx::result& rows, Schema& schema) {
  for (const auto& row : rows) {
    schema.schemas.push_back(row[0].as<std::string>());
    if (!row[1].is_null()) {
      schema.schema_comments.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    }
  }
}

void read_extensions(const pqxx::result& rows, Schema& schema) {
  for (const auto& row : rows) {
    schema.extensions.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  }
}

void read_enums(const pqxx::result& rows, Schema& schema) {
  for (const auto& row : rows) {
    const QualifiedName name{row[0].as<std::string>(), row[1].as<std::string>()};
    if (schema.enums.empty() || schema.enums.back().name != name) {
      schema.enums.push_back({name, {}, optional_text(row[3])});
    }
    schema.enums.back().values.push_back(row[2].as<std::string>());
  }
}

void read_domains(const pqxx::result& rows, Schema& schema) {
  for (const auto& row : rows) {
    const QualifiedName name{row[0].as<std::string>(), row[1].as<std::string>()};
    if (schema.domains.empty() || schema.domains.back().name != name) {
      Domain domain{name, row[2].as<std::string>(), optional_text(row[3])};
      domain.default_expr = optional_text(row[4]);
      domain.nullable = !row[5].as<bool>();
      domain.comment = optional_text(row[6]);
      schema.domains.push_back(std::move(domain));
    }
    if (!row[7].is_null()) {
      CheckConstraint check = check_of(row[7].as<std::string>(), row[8].as<std::string>());
      check.comment = optional_text(row[9]);
      schema.domains.back().checks.push_back(std::move(check));
    }
  }
}

void read_composite_types(const pqxx::result& rows, Schema& schema) {
  for (const auto& row : rows) {
    const QualifiedName name{row[0].as<std::string>(), row[1].as<std::string>()};
    if (schema.composite_types.empty() || schema.composite_types.back().name != name) {
      schema.composite_types.push_back({name, {}, optional_text(row[2])});
    }
    if (row[3].is_null()) continue;
    schema.composite_types.back().attributes.push_back(
        {row[3].as<std::string>(), row[4].as<std::string>(), optional_text(row[5]),
         optional_text(row[6])});
  }
}

void read_sequences(const pqxx::result& rows, Schema& schema) {
  for (const auto& row : rows) {
    Sequence sequence{{row[0].as<std::string>(), row[1].as<std::string>()},
                      row[2].as<std::string>()};
    sequence.options = without_defaults(sequence.type, sequence_options(row, 3));
    if (!row[10].is_null() && !row[11].is_null()) {
      sequence.owned_by = ColumnRef{{row[9].as<std::string>(), row[10].as<std::string>()},
                                    row[11].as<std::string>()};
    }
    sequence.comment = optional_text(row[12]);
    schema.sequences.push_back(std::move(sequence));
  }
}

void read_tables(const pqxx::result& rows, Schema&, TablesByOid& tables) {
  for (const auto& row : rows) {
    Table table{{row[1].as<std::string>(), row[2].as<std::string>()}};
    table.comment = optional_text(row[3]);
    table.unlogged = row[4].as<bool>();
    if (!row[5].is_null()) {
      table.storage = text_array(row[5]);
      std::sort(table.storage.begin(), table.storage.end());
    }
    table.cluster_on = optional_text(row[6]);
    table.partition_by = optional_text(row[7]);
    if (!row[8].is_null()) {
      table.partition_of = QualifiedName{row[8].as<std::string>(), row[9].as<std::string>()};
      table.bounds = optional_text(row[10]);
    }
    table.replica_identity = optional_text(row[11]);
    tables.emplace(row[0].as<pqxx::oid>(), std::move(table));
  }
}

void read_columns(const pqxx::result& rows, TablesByOid& tables) {
  // Each table's columns in one allocation: 28,000 columns otherwise leave a quarter of their
  // vectors' capacity unused, and copy the rest as they grow.
  std::map<pqxx::oid, std::size_t> counts;
  for (const auto& row : rows) ++counts[row[0].as<pqxx::oid>()];
  for (const auto& [oid, count] : counts) {
    if (auto it = tables.find(oid); it != tables.end()) it->second.columns.reserve(count);
  }
  for (const auto& row : rows) {
    Table* table = table_of(tables, row[0]);
    if (!table) continue;
    Column column{row[1].as<std::string>(), row[2].as<std::string>(), !row[3].as<bool>()};
    column.default_expr = optional_text(row[4]);
    const std::string identity = row[5].as<std::string>();
    if (!identity.empty() && !row[9].is_null()) {
      // "bigint 1 1 1 9223372036854775807 1 f": the type (one word), then the options.
      std::istringstream fields(row[9].as<std::string>());
      std::string sequence_type, cycle;
      SequenceOptions options{std::int64_t{}, std::int64_t{}, std::int64_t{}, std::int64_t{},
                              std::int64_t{}};
      fields >> sequence_type >> *options.start >> *options.increment >> *options.min_value >>
          *options.max_value >> *options.cache >> cycle;
      options.cycle = cycle == "t";
      column.identity = Identity{identity == "a" ? IdentityKind::always : IdentityKind::by_default,
                                 without_defaults(sequence_type, options)};
    }
    column.generated = optional_text(row[6]);
    column.collation = optional_text(row[7]);
    column.comment = optional_text(row[8]);
    if (!row[10].is_null()) read_column_settings(row[10].as<std::string>(), column);
    table->columns.push_back(std::move(column));
  }
}

void read_constraints(const pqxx::result& rows, TablesByOid& tables) {
  for (const auto& row : rows) {
    Table* table = table_of(tables, row[0]);
    if (!table) continue;
    const std::string name = row[1].as<std::string>();
    const char type = row[2].c_str()[0];
    const auto columns = text_array(row[3]);
    const bool deferrable = row[10].as<bool>();
    const bool deferred = row[11].as<bool>();
    const auto comment = optional_text(row[15]);
    if (type == 'p') {
      table->primary_key = PrimaryKey{name, columns, deferrable, deferred, comment};
    } else if (type == 'u') {
      table->uniques.push_back({name, columns, row[13].as<bool>(), deferrable, deferred, comment});
    } else if (type == 'f') {
      table->foreign_keys.push_back({name,
                                     columns,
                                     {row[4].as<std::string>(), row[5].as<std::string>()},
                                     text_array(row[6]),
                                     action(row[8].c_str()[0]),
                                     action(row[7].c_str()[0]),
                                     match(row[9].c_str()[0]),
                                     deferrable,
                                     deferred,
                                     !row[14].as<bool>(),
                                     comment});
    } else if (type == 'c') {
      CheckConstraint check = check_of(name, row[12].as<std::string>());
      check.comment = comment;
      table->checks.push_back(std::move(check));
    } else if (type == 'x') {
      table->exclusions.push_back({name, row[12].as<std::string>(), comment});
    }
  }
}

void read_indexes(const pqxx::result& rows, TablesByOid& tables, ViewsByOid& views) {
  for (const auto& row : rows) {
    const auto oid = row[0].as<pqxx::oid>();
    std::vector<Index>* indexes = nullptr;
    if (auto table = tables.find(oid); table != tables.end()) indexes = &table->second.indexes;
    if (auto view = views.find(oid); view != views.end()) indexes = &view->second.indexes;
    if (!indexes) continue;
    const std::string name = row[1].as<std::string>();
    if (indexes->empty() || indexes->back().name != name) {
      Index index{name, row[2].as<bool>(), row[3].as<std::string>()};
      index.where = optional_text(row[5]);
      index.nulls_not_distinct = row[6].as<bool>();
      index.storage = text_array(row[13]);
      index.comment = optional_text(row[14]);
      indexes->push_back(std::move(index));
    }
    Index& index = indexes->back();
    const auto ordinal = row[7].as<int>();
    if (ordinal > row[4].as<int>()) {
      index.include.push_back(row[8].as<std::string>());
      continue;
    }
    IndexKey key;
    if (row[8].is_null()) {
      key.expression = row[9].as<std::string>();
    } else {
      key.column = row[8].as<std::string>();
    }
    const int option = row[10].as<int>();
    key.descending = (option & 1) != 0;   // INDOPTION_DESC
    key.nulls_first = (option & 2) != 0;  // INDOPTION_NULLS_FIRST
    if (!row[11].is_null()) key.opclass = row[11].as<std::string>();
    if (!row[12].is_null()) key.collation = row[12].as<std::string>();
    index.keys.push_back(std::move(key));
  }
}

void note_partition_columns(Schema& schema) {
  // What a partition's column may differ in from its parent's, in a way the model cannot say:
  // a partition has no identity nor statistics target of its parent's, and no comment.
  const auto as_inherited = [](const Column& c) {
    return std::tie(c.name, c.type, c.collation, c.nullable, c.default_expr, c.generated, c.storage,
                    c.compression);
  };
  for (const Table& table : schema.tables) {
    if (!table.partition_of) continue;
    const Table* parent = schema.find_table(*table.partition_of);
    if (!parent) continue;
    const bool same =
        std::equal(table.columns.begin(), table.columns.end(), parent->columns.begin(),
                   parent->columns.end(), [&](const Column& own, const Column& inherited) {
                     return as_inherited(own) == as_inherited(inherited) && !own.comment;
                   });
    if (!same) {
      schema.unmanaged.push_back(
          {"columns of partition", display_name(table.name) + " (differ from its parent's)"});
    }
  }
}

void read_unmanaged(const pqxx::result& rows, Schema& schema) {
  for (const auto& row : rows) {
    schema.unmanaged.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  }
}

std::vector<std::string> text_array(const pqxx::field& field) {
  std::vector<std::string> values;
  if (field.is_null()) return values;
  auto parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::done;
       item = parser.get_next()) {
    if (item.first == pqxx::array_parser::string_value) values.push_back(item.second);
  }
  return values;
}

}  // namespace migrate
