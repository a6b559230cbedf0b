#include <fmt/format.h>
#include <pqxx/pqxx>

#include "migrate/catalog.hpp"
#include "migrate/error.hpp"

#include "catalog/connection.hpp"
#include "libpq/connect.hpp"

namespace migrate {

Database::Database(const std::string& url) : impl_(std::make_unique<Impl>()) {
  impl_->url = url;
  impl_->connection = open_connection(url);
}

Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

void Database::execute_in_transaction(const std::vector<std::string>& statements) {
  pqxx::work tx(*impl_->connection);
  for (const auto& statement : statements) {
    try {
      tx.exec(statement);
    } catch (const pqxx::sql_error& e) {
      throw DatabaseError(fmt::format("{}\nwhile running: {}", trim_message(e.what()), statement));
    }
  }
  tx.commit();
}

std::string Database::server_version() {
  pqxx::read_transaction tx(*impl_->connection);
  return tx.exec1("SELECT 'PostgreSQL ' || current_setting('server_version')")[0].as<std::string>();
}

std::string trim_message(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace migrate
