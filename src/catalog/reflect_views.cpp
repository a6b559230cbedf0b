// Views and materialized views from their catalog rows (queries::views, view_dependencies).

#include <nlohmann/json.hpp>

#include "catalog/connection.hpp"
#include "catalog/reflect_rows.hpp"

namespace migrate {

std::string view_query(std::string text) {
  while (!text.empty() && (text.back() == ';' || text.back() == ' ' || text.back() == '\n')) {
    text.pop_back();
  }
  const auto first = text.find_first_not_of(" \n");
  return first == std::string::npos ? std::string() : text.substr(first) + "\n";
}

namespace {

// The reloptions a view's own keys stand for; the rest are storage parameters.
void read_options(const std::vector<std::string>& options, View& view) {
  for (const std::string& option : options) {
    if (option == "security_barrier=true") {
      view.security_barrier = true;
    } else if (option == "security_invoker=true") {
      view.security_invoker = true;
    } else if (option.rfind("check_option=", 0) == 0) {
      view.check_option = option.substr(option.find('=') + 1);
    } else if (option != "security_barrier=false" && option != "security_invoker=false") {
      view.storage.push_back(option);
    }
  }
}

}  // namespace

void read_views(const pqxx::result& rows, ViewsByOid& views) {
  for (const auto& row : rows) {
    View view{{row[1].as<std::string>(), row[2].as<std::string>()}, row[3].as<bool>()};
    view.query = view_query(row[4].as<std::string>());
    read_options(text_array(row[5]), view);
    view.with_data = !view.materialized || row[6].as<bool>();
    if (!row[7].is_null()) view.comment = row[7].as<std::string>();
    if (!row[8].is_null()) {
      const auto comments = nlohmann::json::parse(row[8].c_str());
      for (auto comment = comments.begin(); comment != comments.end(); ++comment) {
        view.column_comments[comment.key()] = comment.value().get<std::string>();
      }
    }
    views.emplace(row[0].as<pqxx::oid>(), std::move(view));
  }
}

void read_view_dependencies(const pqxx::result& rows, ViewsByOid& views) {
  read_dependencies(rows, views);
}

}  // namespace migrate
