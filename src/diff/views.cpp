// Views and materialized views: created once what they read exists, dropped before it goes,
// and dropped and created again around a change to anything they read.

#include <algorithm>
#include <optional>
#include <set>

#include "diff/table_parts.hpp"

namespace migrate::diff_detail {
namespace {

// The plan's keys of what the view reads in `schema`, and its schema.
std::vector<std::string> view_dependencies(const View& view, const Schema& schema) {
  std::vector<std::string> keys = dependency_keys(view.depends_on, schema);
  keys.push_back(schema_key(view.name.schema));
  return keys;
}

View without_dependencies(View view) {
  view.depends_on.clear();
  return view;
}

PlannedOperation create_view(const View& view, const Schema& schema) {
  PlannedOperation op{CreateView{without_dependencies(view)},
                      {view_key(view.name)},
                      {},
                      view_dependencies(view, schema)};
  // After the drop of a relation of that name: the view's old self, or a table.
  op.needs.push_back(absent_relation(view.name, view.name.name));
  // What a query the server could not read depends on is not known: it comes after every
  // function, table and column.
  if (view.depends_on.empty()) {
    for (const Function& function : schema.functions) {
      op.needs.push_back(function_key(function.name, function.arguments));
    }
    for (const Table& table : schema.tables) {
      op.needs.push_back(table_key(table.name));
      for (const Column& column : table.columns) {
        op.needs.push_back(column_key(table.name, column.name));
      }
    }
  }
  return op;
}

PlannedOperation drop_view(const View& view, const Schema& schema) {
  // The relation's name is free again once it is gone: a table of that name may follow.
  return {DropView{without_dependencies(view)},
          {absent_relation(view.name, view.name.name)},
          {view_key(view.name)},
          {},
          view_dependencies(view, schema)};
}

bool same_definition(const View& a, const View& b) {
  View a_commented = a;
  a_commented.comment = b.comment;
  a_commented.column_comments = b.column_comments;
  a_commented.indexes = b.indexes;
  return a_commented == b;
}

void plan_view_comments(const View& a, const View& b, Plan& plan) {
  if (a.comment != b.comment) {
    const auto target = b.materialized ? CommentTarget::materialized_view : CommentTarget::view;
    plan.push_back({SetComment{target, b.name, "", {a.comment, b.comment}}});
  }
  std::set<std::string> columns;
  for (const auto& [column, comment] : a.column_comments) columns.insert(column);
  for (const auto& [column, comment] : b.column_comments) columns.insert(column);
  for (const std::string& column : columns) {
    const auto from = a.column_comments.find(column);
    const auto to = b.column_comments.find(column);
    const auto before =
        from == a.column_comments.end() ? std::nullopt : std::optional<std::string>(from->second);
    const auto after =
        to == b.column_comments.end() ? std::nullopt : std::optional<std::string>(to->second);
    if (before != after) {
      plan.push_back({SetComment{CommentTarget::column, b.name, column, {before, after}}});
    }
  }
}

const Index* same_but_comment(const std::vector<Index>& indexes, const Index& index) {
  auto it = std::find_if(indexes.begin(), indexes.end(),
                         [&](const Index& other) { return equal_but_comment(other, index); });
  return it == indexes.end() ? nullptr : &*it;
}

void plan_view_indexes(const View& a, const View& b, Plan& plan) {
  for (const Index& index : a.indexes) {
    if (!same_but_comment(b.indexes, index)) {
      plan.push_back({DropIndex{a.name, index}, {absent_relation(a.name, index.name)}});
    }
  }
  for (const Index& index : b.indexes) {
    if (const Index* existing = same_but_comment(a.indexes, index)) {
      plan_index_comment(b.name, *existing, index, plan);
    } else {
      plan.push_back({CreateIndex{b.name, index}, {}, {}, {absent_relation(b.name, index.name)}});
    }
  }
}

bool is_dropped(const Plan& plan, const QualifiedName& name) {
  return std::any_of(plan.begin(), plan.end(), [&](const PlannedOperation& step) {
    const auto* drop = std::get_if<DropView>(&step.op);
    return drop && drop->view.name == name;
  });
}

}  // namespace

void plan_views(const Schema& from, const Schema& to, Plan& plan) {
  for (const View& view : to.views) {
    const View* existing = from.find_view(view.name);
    if (!existing || !same_definition(*existing, view)) {
      if (existing) plan.push_back(drop_view(*existing, from));
      plan.push_back(create_view(view, to));
      continue;
    }
    plan_view_comments(*existing, view, plan);
    plan_view_indexes(*existing, view, plan);
  }
  for (const View& view : from.views) {
    if (!to.find_view(view.name)) plan.push_back(drop_view(view, from));
  }
}

void plan_rebuilt_views(const Schema& from, const Schema& to, Plan& plan) {
  // Until nothing changes: a view rebuilt makes the views that read it be rebuilt too.
  for (bool changed = true; changed;) {
    changed = false;
    std::set<std::string> removed;
    for (const PlannedOperation& step : plan)
      removed.insert(step.removes.begin(), step.removes.end());
    for (const View& view : from.views) {
      const View* kept = to.find_view(view.name);
      if (!kept || is_dropped(plan, view.name)) continue;
      const auto keys = view_dependencies(view, from);
      if (std::none_of(keys.begin(), keys.end(),
                       [&](const std::string& key) { return removed.count(key) > 0; })) {
        continue;
      }
      plan.push_back(drop_view(view, from));
      plan.push_back(create_view(*kept, to));
      changed = true;
    }
  }
}

}  // namespace migrate::diff_detail
