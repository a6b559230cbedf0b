// Declared partition keys and bounds in the server's words. Each key whose text differs from the
// live table's is given to a temporary partitioned table with the declared columns; each bound
// that differs, to a temporary partition of its parent's temporary copy, created and dropped in
// turn so that bounds never overlap. All in one PL/pgSQL block, the answers read with the
// functions reflection uses; one the server rejects is compared as written.

#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "migrate/render.hpp"

#include "catalog/canonical_definitions.hpp"
#include "catalog/connection.hpp"

namespace migrate::canonical {
namespace {

struct PartitionProbe {
  std::string* target = nullptr;
  std::string name = {};  // the probe's answer row
  std::string what = {};  // for messages: "partition key of table events"
  std::string written = {};
};

// The statements run together in their own subtransaction, their failure recorded.
std::string guarded(const std::vector<std::string>& statements, const std::string& name) {
  std::string body = "  BEGIN\n";
  for (const std::string& statement : statements) {
    body += "    EXECUTE " + quote_literal(statement) + ";\n";
  }
  return body + fmt::format(
                    "  EXCEPTION WHEN others THEN "
                    "INSERT INTO pg_temp.migrate_partition_answers VALUES ({}, '!' || SQLERRM); "
                    "END;\n",
                    quote_literal(name));
}

std::string answer(const std::string& name, const std::string& expression) {
  return fmt::format("INSERT INTO pg_temp.migrate_partition_answers SELECT {}, {}",
                     quote_literal(name), expression);
}

// A declared key or bound is asked when the live table lacks that text.
bool key_to_ask(const Table& table, const Table* existing) {
  return table.partition_by && (!existing || existing->partition_by != table.partition_by);
}
bool bounds_to_ask(const Table& table, const Table* existing) {
  return table.bounds && (!existing || existing->bounds != table.bounds);
}

class Asker {
 public:
  explicit Asker(Schema& declared) : declared_(declared) {}

  // The temporary partitioned copy of a declared table, created once: its name, or nothing when
  // the table is not a partitioned table of the model.
  std::optional<std::string> copy_of(const QualifiedName& name) {
    if (const auto made = copies_.find(name); made != copies_.end()) return made->second;
    const Table* table = declared_.find_table(name);
    if (!table || !table->partition_by) return std::nullopt;
    const std::string copy = fmt::format("migrate_partitioned_{}", copies_.size());
    Table bare{{"pg_temp", copy}};
    for (const Column& column : table->columns) {
      bare.columns.push_back(Column{column.name, column.type, true, std::nullopt, std::nullopt,
                                    std::nullopt, column.collation});
    }
    bare.partition_by = *table->partition_by + "\n";  // a newline ends a "--" comment it holds
    const std::string key = "k" + copy;
    body_ += guarded({render(CreateTable{bare}).front(),
                      answer(key, fmt::format("pg_get_partkeydef('pg_temp.{}'::regclass)", copy))},
                     key);
    copies_.emplace(name, copy);
    return copy;
  }

  void ask_key(Table& table) {
    const auto copy = copy_of(table.name);
    if (!copy) return;
    probes_.push_back({&*table.partition_by, "k" + *copy,
                       "partition key of table " + display_name(table.name), *table.partition_by});
  }

  void ask_bounds(Table& table) {
    const auto parent = copy_of(*table.partition_of);
    if (!parent) return;
    const std::string partition = fmt::format("migrate_partition_{}", probes_.size());
    const std::string create = fmt::format("CREATE TABLE pg_temp.{} PARTITION OF pg_temp.{} {}\n",
                                           partition, *parent, *table.bounds);
    body_ += guarded(
        {create,
         answer(partition, fmt::format("pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = "
                                       "'pg_temp.{}'::regclass",
                                       partition)),
         fmt::format("DROP TABLE pg_temp.{}", partition)},
        partition);
    probes_.push_back({&*table.bounds, partition, "bounds of partition " + display_name(table.name),
                       *table.bounds});
  }

  void run(pqxx::work& tx) {
    if (probes_.empty()) return;
    tx.exec("CREATE TEMP TABLE migrate_partition_answers (name text, answer text)");
    tx.exec("DO " + quote_literal("BEGIN\n" + body_ + "END") + " LANGUAGE plpgsql");
    std::map<std::string, std::string> answers;
    for (const auto& row : tx.exec("SELECT name, answer FROM pg_temp.migrate_partition_answers")) {
      answers.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    }
    for (const PartitionProbe& probe : probes_) {
      const auto found = answers.find(probe.name);
      if (found != answers.end() && !found->second.starts_with("!")) {
        *probe.target = found->second;
        continue;
      }
      // A partition whose parent's copy failed fails on its own: the parent's error says why.
      const std::string error = found != answers.end() ? found->second.substr(1) : "";
      spdlog::warn("the server rejects the {} ({}){}; it is compared as written", probe.what,
                   probe.written, error.empty() ? "" : ": " + trim_message(error));
    }
  }

 private:
  Schema& declared_;
  std::map<QualifiedName, std::string> copies_;
  std::string body_;
  std::vector<PartitionProbe> probes_;
};

}  // namespace

void ask_partitions(pqxx::work& tx, Schema& declared, const Schema& live) {
  Asker asker(declared);
  // Bounds are asked of the declared parent's copy, whose key is asked as written: the key's
  // answer is read after every bound is asked.
  for (Table& table : declared.tables) {
    if (!table.partition_by && !table.bounds) continue;  // most tables: no lookup
    const Table* existing = live.find_table(table.name);
    if (key_to_ask(table, existing)) asker.ask_key(table);
    if (bounds_to_ask(table, existing)) asker.ask_bounds(table);
  }
  asker.run(tx);
}

bool partitions_to_ask(const Schema& declared, const Schema& live) {
  for (const Table& table : declared.tables) {
    if (!table.partition_by && !table.bounds) continue;
    const Table* existing = live.find_table(table.name);
    if (key_to_ask(table, existing) || bounds_to_ask(table, existing)) return true;
  }
  return false;
}

}  // namespace migrate::canonical
