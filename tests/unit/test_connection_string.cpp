#include <catch2/catch.hpp>

#include "libpq/connect.hpp"

using migrate::with_fallback_application_name;

TEST_CASE("the fallback application name goes before what the user wrote", "[connection]") {
  // key=value: first, so that a last key left empty keeps its empty value.
  CHECK(with_fallback_application_name("") == "fallback_application_name=migrate ");
  CHECK(with_fallback_application_name("host=db user=app password=") ==
        "fallback_application_name=migrate host=db user=app password=");
  // URIs: first in the query, which starts after the user information.
  CHECK(with_fallback_application_name("postgresql://app@db/blog") ==
        "postgresql://app@db/blog?fallback_application_name=migrate");
  CHECK(with_fallback_application_name("postgres://db/blog?sslmode=disable") ==
        "postgres://db/blog?fallback_application_name=migrate&sslmode=disable");
  CHECK(with_fallback_application_name("postgresql://app:p?w@db/blog") ==
        "postgresql://app:p?w@db/blog?fallback_application_name=migrate");
  CHECK(with_fallback_application_name("postgresql://app:p?w@db/blog?application_name=ci") ==
        "postgresql://app:p?w@db/blog?fallback_application_name=migrate&application_name=ci");
  CHECK(with_fallback_application_name("postgresql:///blog?host=/tmp/pg") ==
        "postgresql:///blog?fallback_application_name=migrate&host=/tmp/pg");
  CHECK(with_fallback_application_name("postgresql://db/blog?") ==
        "postgresql://db/blog?fallback_application_name=migrate&");
}
