// Functions and triggers in revisions: create_, drop_ (the object in the model's form, with
// 'definition' spelled out) and replace_function / alter_trigger ({from, to} of that form), read
// by the model loader's readers.

#include "model/model_source.hpp"
#include "revision/revision_reader.hpp"

namespace migrate::revision {
namespace {

const model::DocumentDraft document{};  // definitions in revisions are qualified

template <typename T, typename Read>
Change<T> read_change(const OpReader& op, Read read) {
  op.check_keys({"from", "to", "flag"});
  return {read(op.reader(), document, op.required("from").value).value,
          read(op.reader(), document, op.required("to").value).value};
}

}  // namespace

Operation read_create_function(const OpReader& op) {
  return CreateFunction{
      model::read_function(op.reader(), document, op.body_without({"flag"})).value};
}

Operation read_drop_function(const OpReader& op) {
  return DropFunction{model::read_function(op.reader(), document, op.body_without({"flag"})).value};
}

Operation read_replace_function(const OpReader& op) {
  return ReplaceFunction{read_change<Function>(op, model::read_function)};
}

Operation read_create_trigger(const OpReader& op) {
  return CreateTrigger{model::read_trigger(op.reader(), document, op.body_without({"flag"})).value};
}

Operation read_drop_trigger(const OpReader& op) {
  return DropTrigger{model::read_trigger(op.reader(), document, op.body_without({"flag"})).value};
}

Operation read_alter_trigger(const OpReader& op) {
  return AlterTrigger{read_change<Trigger>(op, model::read_trigger)};
}

}  // namespace migrate::revision
