// Reading a document's 'functions:' and 'triggers:': each item a CREATE statement as pg_dump
// prints it (or as a person writes it), or a mapping of that 'definition' and the object's
// comment (and a trigger's state). The name is taken from the statement and given the
// document's schema when it has none.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migrate/render.hpp"

#include "model/model_source.hpp"
#include "sql/parse_tree.hpp"
#include "sql/routine_text.hpp"

namespace migrate::model {
namespace {

struct Declared {
  std::string definition;
  const yaml::Node* at = nullptr;  // the definition's node
  std::vector<Entry> fields;       // empty for the short form
};

Declared read_declared(const YamlReader& reader, const yaml::Node& item, const std::string& kind,
                       std::initializer_list<const char*> keys) {
  if (item.is_scalar()) return {item.scalar(), &item, {}};
  Declared declared;
  declared.fields = reader.entries(item, "a " + kind);
  reader.check_keys(declared.fields, keys, "a " + kind);
  const Entry* definition = find_entry(declared.fields, "definition");
  if (!definition) reader.fail(item, fmt::format("missing key 'definition' in a {}", kind));
  declared.definition = reader.text(*definition, "a " + kind);
  declared.at = &definition->value;
  return declared;
}

// The text with the name at span replaced by name, qualified.
std::string with_name(const std::string& text, const sql::NameSpan& span,
                      const QualifiedName& name) {
  return text.substr(0, span.begin) + quote_ident(name.schema) + "." + quote_ident(name.name) +
         text.substr(span.end);
}

QualifiedName qualified(const YamlReader& reader, const yaml::Node& at,
                        const std::vector<std::string>& parts, const std::string& schema,
                        const std::string& what) {
  if (parts.size() > 2) {
    reader.fail(at, fmt::format("{} '{}' names a database: write schema.name", what,
                                fmt::join(parts, ".")));
  }
  QualifiedName name{parts.size() == 2 ? parts[0] : schema, parts.back()};
  reader.check_identifier(name.name, position_of(at), what + " name");
  return name;
}

TriggerEnabled read_enabled(const YamlReader& reader, const Entry& entry,
                            const std::string& where) {
  const std::string value = reader.text(entry, where);
  if (value == "true" || value == "origin") return TriggerEnabled::origin;
  if (value == "false" || value == "disabled") return TriggerEnabled::disabled;
  if (value == "replica") return TriggerEnabled::replica;
  if (value == "always") return TriggerEnabled::always;
  reader.fail(entry.value,
              fmt::format("expected true, false, replica or always for 'enabled' in {}", where));
}

}  // namespace

Placed<Function> read_function(const YamlReader& reader, const DocumentDraft& document,
                               const yaml::Node& item) {
  const Declared declared = read_declared(reader, item, "function", {"definition", "comment"});
  Placed<Function> result{.at = position_of(*declared.at)};
  Function& function = result.value;
  const std::string text = sql::definition_text(declared.definition);
  const auto head = sql::routine_head(text);
  if (!head) {
    reader.fail(*declared.at,
                "expected one CREATE FUNCTION or CREATE PROCEDURE statement that PostgreSQL's "
                "parser reads");
  }
  function.procedure = head->procedure;
  function.name = qualified(reader, *declared.at, head->name.parts, document.schema,
                            head->procedure ? "procedure" : "function");
  function.arguments = head->arguments;
  function.definition = with_name(text, head->name, function.name) + "\n";
  const std::string where = fmt::format("{} {}({})", head->procedure ? "procedure" : "function",
                                        display_name(function.name), function.arguments);
  if (const Entry* comment = find_entry(declared.fields, "comment")) {
    function.comment = reader.text(*comment, where);
  }
  return result;
}

Placed<Trigger> read_trigger(const YamlReader& reader, const DocumentDraft& document,
                             const yaml::Node& item) {
  const Declared declared =
      read_declared(reader, item, "trigger", {"definition", "enabled", "comment"});
  Placed<Trigger> result{.at = position_of(*declared.at)};
  Trigger& trigger = result.value;
  const std::string text = sql::definition_text(declared.definition);
  const auto head = sql::trigger_head(text);
  if (!head || !sql::parses_as_one_statement(text)) {
    reader.fail(*declared.at,
                "expected one CREATE TRIGGER statement that PostgreSQL's parser reads");
  }
  trigger.name = head->name.parts[0];
  reader.check_identifier(trigger.name, position_of(*declared.at), "trigger name");
  trigger.table = qualified(reader, *declared.at, head->relation.parts, document.schema, "table");
  trigger.definition = with_name(text, head->relation, trigger.table);
  const std::string where =
      fmt::format("trigger {} on {}", trigger.name, display_name(trigger.table));
  if (const Entry* enabled = find_entry(declared.fields, "enabled")) {
    trigger.enabled = read_enabled(reader, *enabled, where);
  }
  if (const Entry* comment = find_entry(declared.fields, "comment")) {
    trigger.comment = reader.text(*comment, where);
  }
  return result;
}

}  // namespace migrate::model
