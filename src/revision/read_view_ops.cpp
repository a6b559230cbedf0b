// create_view and drop_view: a model view plus 'name' and, for a materialized one,
// 'materialized: true', read by the model loader's view reader.

#include "model/model_source.hpp"
#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

View read_whole_view(const OpReader& op) {
  const QualifiedName name = op.qualified("name");
  const bool materialized = op.boolean("materialized", false);
  const model::DocumentDraft document{.schema = name.schema};
  const model::Entry entry{name.name, op.reader().text_node(name.name),
                           op.body_without({"name", "materialized", "flag"})};
  View view = model::read_view(op.reader(), document, entry, materialized).value;
  view.name = name;
  return view;
}

}  // namespace

Operation read_create_view(const OpReader& op) { return CreateView{read_whole_view(op)}; }

Operation read_drop_view(const OpReader& op) { return DropView{read_whole_view(op)}; }

}  // namespace migrate::revision
