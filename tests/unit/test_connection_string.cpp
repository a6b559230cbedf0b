#include <catch2/catch.hpp>

#include "libpq/connect.hpp"

using migrate::connection_string_for;

namespace {

std::string connection_string(const std::string& url) {
  std::string error;
  const auto text = connection_string_for(url, error);
  REQUIRE(text);
  return *text;
}

}  // namespace

TEST_CASE("migrate connects with the URL's options as libpq reads them, named 'migrate'",
          "[connection]") {
  CHECK(connection_string("") == "fallback_application_name=migrate");
  // A last key left empty keeps its empty value.
  CHECK(connection_string("host=db user=app password=") ==
        "user=app password='' host=db fallback_application_name=migrate");
  CHECK(connection_string("postgresql://app@db/blog") ==
        "user=app dbname=blog host=db fallback_application_name=migrate");
  // A '?' in the password is the password's, as libpq reads it.
  CHECK(connection_string("postgresql://app:p?w@db/blog?application_name=ci") ==
        "user=app password=p?w dbname=blog host=db application_name=ci "
        "fallback_application_name=migrate");
  CHECK(connection_string("postgresql:///blog?host=/tmp/pg") ==
        "dbname=blog host=/tmp/pg fallback_application_name=migrate");
  // Values that need quotes get them; a fallback name given is kept.
  CHECK(connection_string("host=db password='it\\'s a \\\\ secret' fallback_application_name=x") ==
        "password='it\\'s a \\\\ secret' host=db fallback_application_name=x");
  std::string error;
  CHECK_FALSE(connection_string_for("postgresql://[::1", error));
  CHECK_FALSE(error.empty());
}
