// A revision as file text: keys in a fixed order, the graph's keys before the operations (which
// the graph commands rely on to read only a file's head), one operation per list item, small
// operations on one line, multi-line text (SQL, messages) as literal blocks where that reads back
// unchanged.

#include "migrate/revision.hpp"

#include "revision/revision_writer.hpp"

namespace migrate {
namespace {

using revision::Node;
using revision::Store;

Node operations_node(Store& store, const std::vector<RevisionOperation>& operations) {
  yaml::ListBuilder list(store, false);
  for (const RevisionOperation& operation : operations) {
    list.add(revision::operation_node(store, operation));
  }
  return list.node();
}

}  // namespace

std::string write_revision_yaml(const Revision& revision) {
  revision.require_operations();
  Store store;
  yaml::MapBuilder file(store, false);
  file.text("revision", revision.id)
      .add("parents", yaml::names_node(store, revision.parents))
      .add("branch_labels", yaml::names_node(store, revision.branch_labels))
      .add("depends_on", yaml::names_node(store, revision.depends_on))
      .text("message", revision.message)
      .text("created", revision.created)
      .add("transactional", yaml::bool_node(store, revision.transactional));
  if (revision.statement_lock_timeout_ms) {
    file.add("statement_lock_timeout_ms",
             yaml::integer_node(store, *revision.statement_lock_timeout_ms));
  }
  if (revision.statement_timeout_ms) {
    file.add("statement_timeout_ms", yaml::integer_node(store, *revision.statement_timeout_ms));
  }
  file.add("upgrade", operations_node(store, revision.upgrade));
  file.add("downgrade", operations_node(store, revision.downgrade));
  return yaml::emit_documents({file.node()});
}

}  // namespace migrate
