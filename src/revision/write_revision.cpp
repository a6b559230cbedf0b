// A revision as file text: keys in a fixed order, the graph's keys before the operations (which
// the graph commands rely on to read only a file's head), one operation per list item, small
// operations on one line, multi-line text (SQL, messages) as literal blocks where that reads back
// unchanged.

#include "migrate/revision.hpp"

#include "revision/revision_writer.hpp"

namespace migrate {
namespace {

YAML::Node operations_node(const std::vector<RevisionOperation>& operations) {
  YAML::Node list = yaml::block_list();
  for (const RevisionOperation& operation : operations) {
    list.push_back(revision::operation_node(operation));
  }
  return list;
}

}  // namespace

std::string write_revision_yaml(const Revision& revision) {
  revision.require_operations();
  yaml::MapBuilder file(false);
  file.text("revision", revision.id)
      .add("parents", yaml::names_node(revision.parents))
      .add("branch_labels", yaml::names_node(revision.branch_labels))
      .add("depends_on", yaml::names_node(revision.depends_on))
      .text("message", revision.message)
      .text("created", revision.created)
      .add("transactional", yaml::bool_node(revision.transactional));
  if (revision.statement_lock_timeout_ms) {
    file.add("statement_lock_timeout_ms", yaml::integer_node(*revision.statement_lock_timeout_ms));
  }
  if (revision.statement_timeout_ms) {
    file.add("statement_timeout_ms", yaml::integer_node(*revision.statement_timeout_ms));
  }
  file.add("upgrade", operations_node(revision.upgrade));
  file.add("downgrade", operations_node(revision.downgrade));
  return yaml::emit_documents({file.node()});
}

}  // namespace migrate
