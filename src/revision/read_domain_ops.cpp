// Domains in operations: create_domain and drop_domain are a model domain plus 'name';
// alter_domain holds changes of its default, NOT NULL and checks.

#include "model/model_source.hpp"
#include "model/table_reader.hpp"
#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

Domain read_whole_domain(const OpReader& op) {
  op.check_keys({"name", "type", "collation", "default", "nullable", "checks", "comment", "flag"});
  const QualifiedName name = op.qualified("name");
  op.required("type");
  const model::DocumentDraft document{.schema = name.schema};
  const model::Entry entry{name.name, op.reader().text_node(name.name),
                           op.body_without({"name", "flag"})};
  return model::read_domain(op.reader(), document, entry).value;
}

std::vector<CheckConstraint> read_checks(const OpReader& op, const Entry& entry,
                                         const std::string& where) {
  std::vector<CheckConstraint> checks;
  for (auto& [check, at] : model::read_check_list(op.reader(), entry, where, false)) {
    if (check.name.empty()) {
      op.reader().fail(at, "a check constraint needs a name in " + where);
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace

Operation read_create_domain(const OpReader& op) { return CreateDomain{read_whole_domain(op)}; }

Operation read_drop_domain(const OpReader& op) { return DropDomain{read_whole_domain(op)}; }

Operation read_alter_domain(const OpReader& op) {
  op.check_keys({"name", "default", "nullable", "checks", "flag"});
  AlterDomain alter{op.qualified("name")};
  const YamlReader& reader = op.reader();
  alter.default_expr = op.change<std::optional<std::string>>(
      "default", [&](const Entry& entry, const std::string& where) {
        return read_optional_text(reader, entry, where);
      });
  alter.nullable = op.change<bool>("nullable", [&](const Entry& entry, const std::string& where) {
    return reader.boolean(entry, where);
  });
  alter.checks = op.change<std::vector<CheckConstraint>>(
      "checks", [&](const Entry& entry, const std::string& where) {
        if (entry.value.is_null()) return std::vector<CheckConstraint>{};
        return read_checks(op, entry, where);
      });
  if (!alter.default_expr && !alter.nullable && !alter.checks) {
    reader.fail(op.at(),
                "alter_domain changes nothing (expected at least one of: default, nullable, "
                "checks)");
  }
  return alter;
}

}  // namespace migrate::revision
