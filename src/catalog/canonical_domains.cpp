// Declared domain defaults and checks in the server's words: each one whose text differs from the
// live domain's is set on a temporary domain of the live base type, in one PL/pgSQL block, and
// read back with the functions reflection uses. One the server rejects is compared as written.

#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "migrate/render.hpp"

#include "catalog/canonical_definitions.hpp"
#include "catalog/connection.hpp"
#include "catalog/reflect_rows.hpp"

namespace migrate::canonical {
namespace {

struct DomainProbe {
  std::string* target = nullptr;
  std::string type = {};        // the temporary domain's name
  std::string constraint = {};  // the probe's check constraint; empty for the default
  std::string what = {};        // for messages: "check d_check of domain d"
  std::string written = {};
};

const char* const read_back = R"(
SELECT t.typname, '', pg_get_expr(t.typdefaultbin, 0)
FROM pg_type t
WHERE t.typnamespace = pg_my_temp_schema() AND t.typtype = 'd' AND t.typdefaultbin IS NOT NULL
UNION ALL
SELECT t.typname, con.conname, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid
WHERE t.typnamespace = pg_my_temp_schema()
UNION ALL
SELECT type_name, constraint_name, '!' || message FROM pg_temp.migrate_domain_errors)";

// The statement run in its own subtransaction, its failure recorded against the probe.
std::string guarded(const std::string& statement, const DomainProbe& probe) {
  return fmt::format(
      "  BEGIN EXECUTE {}; EXCEPTION WHEN others THEN "
      "INSERT INTO pg_temp.migrate_domain_errors VALUES ({}, {}, SQLERRM); END;\n",
      quote_literal(statement), quote_literal(probe.type), quote_literal(probe.constraint));
}

}  // namespace

void ask_domains(pqxx::work& tx, Schema& declared, const Schema& live) {
  std::vector<DomainProbe> probes;
  std::string body;
  std::size_t number = 0;
  for (Domain& domain : declared.domains) {
    const Domain* existing = live.find_domain(domain.name);
    if (!existing || existing->type != domain.type || existing->collation != domain.collation) {
      continue;
    }
    const std::string type = fmt::format("migrate_domain_{}", number++);
    const QualifiedName temporary{"pg_temp", type};
    std::vector<DomainProbe> asked;
    if (domain.default_expr && domain.default_expr != existing->default_expr) {
      asked.push_back({&*domain.default_expr, type, "",
                       "default of domain " + display_name(domain.name), *domain.default_expr});
    }
    for (CheckConstraint& check : domain.checks) {
      for (const CheckConstraint& old : existing->checks) {
        if (old.name != check.name || old.expression == check.expression) continue;
        asked.push_back(
            {&check.expression, type, fmt::format("c{}", asked.size()),
             fmt::format("check {} of domain {}", check.name, display_name(domain.name)),
             check.expression});
      }
    }
    if (asked.empty()) continue;
    Domain bare{temporary, existing->type, existing->collation};
    body += guarded(render(CreateDomain{bare}).front(), asked.front());
    for (const DomainProbe& probe : asked) {
      // A newline ends a "--" comment the expression may hold.
      const std::string statement =
          probe.constraint.empty()
              ? fmt::format("ALTER DOMAIN {} SET DEFAULT ({}\n)", quote_name(temporary),
                            probe.written)
              : fmt::format("ALTER DOMAIN {} ADD CONSTRAINT {} CHECK ({}\n) NOT VALID",
                            quote_name(temporary), probe.constraint, probe.written);
      body += guarded(statement, probe);
      probes.push_back(probe);
    }
  }
  if (probes.empty()) return;
  tx.exec(
      "CREATE TEMP TABLE migrate_domain_errors (type_name text, constraint_name text, message "
      "text)");
  tx.exec("DO " + quote_literal("BEGIN\n" + body + "END") + " LANGUAGE plpgsql");
  std::map<std::pair<std::string, std::string>, std::string> answers;
  for (const auto& row : tx.exec(read_back)) {
    const std::string text = row[2].as<std::string>();
    answers[{row[0].as<std::string>(), row[1].as<std::string>()}] = text;
  }
  for (const DomainProbe& probe : probes) {
    auto answer = answers.find({probe.type, probe.constraint});
    if (answer != answers.end() && !answer->second.starts_with("!")) {
      *probe.target = probe.constraint.empty()
                          ? answer->second
                          : check_of(probe.constraint, answer->second).expression;
      continue;
    }
    // When the CREATE DOMAIN failed, each statement after it failed too, on its own.
    const std::string error = answer != answers.end() ? answer->second.substr(1) : "";
    spdlog::warn("the server rejects the {} ({}){}; it is compared as written", probe.what,
                 probe.written, error.empty() ? "" : ": " + trim_message(error));
  }
}

}  // namespace migrate::canonical
