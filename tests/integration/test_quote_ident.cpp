#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "migrate/render.hpp"

#include "support/postgres.hpp"

using namespace migrate;
using namespace migrate::testing;

TEST_CASE("quote_ident agrees with the server on every keyword and hostile names", "[render]") {
  pqxx::connection connection(server_url());
  pqxx::work tx(connection);
  std::vector<std::string> names;
  for (const auto& row : tx.exec("SELECT word FROM pg_get_keywords()")) {
    names.push_back(row[0].as<std::string>());
  }
  for (const char* hostile : {"Select", "a b", "a\"b", "x;drop table t;--", "café", "1abc", "_ok",
                              "UPPER", "with.dot", "tab\there", ""}) {
    names.push_back(hostile);
  }
  const std::string long_name(63, 'n');
  names.push_back(long_name);
  std::size_t checked = 0;
  for (const auto& name : names) {
    const auto expected = tx.exec_params1("SELECT quote_ident($1)", name)[0].as<std::string>();
    INFO(name);
    CHECK(quote_ident(name) == expected);
    ++checked;
  }
  CHECK(checked > 400);
}
