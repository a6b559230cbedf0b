// Domains: CREATE DOMAIN with what it can hold, then what it cannot (NOT VALID checks, the
// comment); ALTER DOMAIN for a kept domain's default, NOT NULL and checks.
#include <algorithm>

#include <fmt/format.h>

#include "migrate/render.hpp"

#include "render/render_internal.hpp"

namespace migrate {
namespace {

std::string alter_domain_prefix(const QualifiedName& name) {
  return "ALTER DOMAIN " + quote_name(name);
}

std::string add_check(const QualifiedName& domain, const CheckConstraint& check) {
  return fmt::format("{} ADD CONSTRAINT {} CHECK ({}){}", alter_domain_prefix(domain),
                     quote_ident(check.name), check.expression,
                     check.not_valid ? " NOT VALID" : "");
}

void add_check_comment(Statements& sql, const QualifiedName& domain, const CheckConstraint& check) {
  add_comment(sql, CommentTarget::domain_constraint, domain, check.name, check.comment);
}

}  // namespace

Statements create_domain(const Domain& domain) {
  std::string sql = fmt::format("CREATE DOMAIN {} AS {}", quote_name(domain.name), domain.type);
  if (domain.collation) sql += " COLLATE " + *domain.collation;
  if (domain.default_expr) sql += " DEFAULT " + *domain.default_expr;
  if (!domain.nullable) sql += " NOT NULL";
  Statements later;
  for (const CheckConstraint& check : domain.checks) {
    if (check.not_valid) {
      later.push_back(add_check(domain.name, check));
    } else {
      sql += fmt::format(" CONSTRAINT {} CHECK ({})", quote_ident(check.name), check.expression);
    }
  }
  Statements statements = {sql};
  statements.insert(statements.end(), later.begin(), later.end());
  add_comment(statements, CommentTarget::domain, domain.name, "", domain.comment);
  for (const CheckConstraint& check : domain.checks) {
    add_check_comment(statements, domain.name, check);
  }
  return statements;
}

Statements drop_domain(const Domain& domain) { return {"DROP DOMAIN " + quote_name(domain.name)}; }

// Checks are dropped before any is added, so that one replaced under its name is free to come
// back; the default and NOT NULL come last, once the checks they must pass are in place.
Statements alter_domain(const AlterDomain& op) {
  const std::string prefix = alter_domain_prefix(op.name);
  Statements sql;
  if (op.checks) {
    const auto& from = op.checks->from;
    const auto& to = op.checks->to;
    std::vector<const CheckConstraint*> added;
    for (const CheckConstraint& old : from) {
      const CheckConstraint* kept = find_named(to, old.name);
      const bool validated =
          kept && kept->expression == old.expression && old.not_valid && !kept->not_valid;
      if (kept && (equal_but_comment(*kept, old) || validated)) continue;
      sql.push_back(fmt::format("{} DROP CONSTRAINT {}", prefix, quote_ident(old.name)));
      if (kept) added.push_back(kept);
    }
    for (const CheckConstraint& check : to) {
      const CheckConstraint* old = find_named(from, check.name);
      if (!old) added.push_back(&check);
    }
    for (const CheckConstraint* check : added) {
      sql.push_back(add_check(op.name, *check));
      add_check_comment(sql, op.name, *check);
    }
    for (const CheckConstraint& check : to) {
      const CheckConstraint* old = find_named(from, check.name);
      if (old && old->expression == check.expression && old->not_valid && !check.not_valid) {
        sql.push_back(fmt::format("{} VALIDATE CONSTRAINT {}", prefix, quote_ident(check.name)));
      }
    }
  }
  if (op.default_expr) {
    sql.push_back(op.default_expr->to ? prefix + " SET DEFAULT " + *op.default_expr->to
                                      : prefix + " DROP DEFAULT");
  }
  if (op.nullable) sql.push_back(prefix + (op.nullable->to ? " DROP NOT NULL" : " SET NOT NULL"));
  return sql;
}

}  // namespace migrate
