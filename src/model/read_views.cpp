// Reading a document's 'views:' and 'materialized_views:': a query, or a mapping of the query
// and the view's options, comments and (materialized) indexes.

#include <algorithm>

#include <fmt/format.h>

#include "model/table_reader.hpp"

namespace migrate::model {
namespace {

std::map<std::string, std::string> read_column_comments(const YamlReader& reader,
                                                        const Entry& entry,
                                                        const std::string& where) {
  std::map<std::string, std::string> comments;
  const std::string what = "'column_comments' of " + where;
  for (const Entry& column : reader.entries(entry.value, what)) {
    reader.check_identifier(column.key, position_of(column.key_node), "column name in " + what);
    comments[column.key] = reader.text(column, what);
  }
  return comments;
}

// A materialized view's indexes, read as a table's are; its columns are the server's to check,
// and every index must be named, since the view's columns are not known here.
std::vector<Index> read_view_indexes(const YamlReader& reader, const DocumentDraft& document,
                                     const View& view, const Entry& entry) {
  TableDraft draft;
  draft.table.name = view.name;
  TableContext context{reader, document, draft, display_name(view.name)};
  context.columns_unknown = true;
  read_indexes(context, entry);
  std::vector<Index> indexes;
  for (auto& [index, at] : draft.indexes) {
    if (index.name.empty()) {
      reader.fail(at, fmt::format("an index of materialized view {} needs a name",
                                  display_name(view.name)));
    }
    indexes.push_back(std::move(index));
  }
  return indexes;
}

void read_view_field(const YamlReader& reader, const DocumentDraft& document, const Entry& field,
                     View& view, const std::string& where) {
  const std::string& key = field.key;
  if (key == "query") view.query = reader.text(field, where);
  if (key == "security_barrier") view.security_barrier = reader.boolean(field, where);
  if (key == "security_invoker") view.security_invoker = reader.boolean(field, where);
  if (key == "check_option") {
    const std::string option = reader.text(field, where);
    if (option != "local" && option != "cascaded") {
      reader.fail(field.value,
                  fmt::format("expected local or cascaded for 'check_option' in {}", where));
    }
    view.check_option = option;
  }
  if (key == "with_data") view.with_data = reader.boolean(field, where);
  if (key == "storage") view.storage = read_sorted_storage(reader, field, where);
  if (key == "indexes") view.indexes = read_view_indexes(reader, document, view, field);
  if (key == "comment") view.comment = reader.text(field, where);
  if (key == "column_comments") view.column_comments = read_column_comments(reader, field, where);
}

}  // namespace

Placed<View> read_view(const YamlReader& reader, const DocumentDraft& document, const Entry& entry,
                       bool materialized) {
  Placed<View> result{.at = position_of(entry.key_node)};
  View& view = result.value;
  view.materialized = materialized;
  const std::string kind = materialized ? "materialized view" : "view";
  view.name = {document.schema, reader.identifier(entry.key_node, kind + " name")};
  const std::string where = kind + " " + display_name(view.name);
  if (entry.value.is_scalar()) {
    view.query = reader.text(entry, where);
    return result;
  }
  const auto fields = reader.entries(entry.value, where);
  if (materialized) {
    reader.check_keys(
        fields, {"query", "with_data", "storage", "indexes", "comment", "column_comments"}, where);
  } else {
    reader.check_keys(fields,
                      {"query", "security_barrier", "security_invoker", "check_option", "comment",
                       "column_comments"},
                      where);
  }
  if (!find_entry(fields, "query")) reader.fail(entry.value, "missing key 'query' in " + where);
  for (const Entry& field : fields) read_view_field(reader, document, field, view, where);
  return result;
}

}  // namespace migrate::model
