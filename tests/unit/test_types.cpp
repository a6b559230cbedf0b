#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "migrate/types.hpp"

using migrate::normalize_type;

namespace {

// declared -> what format_type() prints for the column PostgreSQL creates from it.
const std::vector<std::pair<std::string, std::string>> canonical_types = {
    {"int", "integer"},
    {"int4", "integer"},
    {"integer", "integer"},
    {"INT", "integer"},
    {"Integer", "integer"},
    {"int2", "smallint"},
    {"smallint", "smallint"},
    {"int8", "bigint"},
    {"BIGINT", "bigint"},
    {"float4", "real"},
    {"real", "real"},
    {"float8", "double precision"},
    {"double precision", "double precision"},
    {"DOUBLE   PRECISION", "double precision"},
    {"float", "double precision"},
    {"float(1)", "real"},
    {"float(24)", "real"},
    {"float(25)", "double precision"},
    {"float(53)", "double precision"},
    {"bool", "boolean"},
    {"boolean", "boolean"},
    {"varchar", "character varying"},
    {"varchar(50)", "character varying(50)"},
    {"VARCHAR (50)", "character varying(50)"},
    {"character varying(255)", "character varying(255)"},
    {"char varying(3)", "character varying(3)"},
    {"char(10)", "character(10)"},
    {"character(2)", "character(2)"},
    {"char", "character(1)"},
    {"character", "character(1)"},
    {"bpchar", "bpchar"},
    {"bpchar(5)", "character(5)"},
    {"\"char\"", "\"char\""},
    {"text", "text"},
    {"numeric", "numeric"},
    {"numeric(10,2)", "numeric(10,2)"},
    {"numeric(10, 2)", "numeric(10,2)"},
    {"decimal(12, 4)", "numeric(12,4)"},
    {"numeric(10)", "numeric(10,0)"},
    {"timestamp", "timestamp without time zone"},
    {"timestamp without time zone", "timestamp without time zone"},
    {"timestamptz", "timestamp with time zone"},
    {"TIMESTAMP WITH TIME ZONE", "timestamp with time zone"},
    {"timestamp(3)", "timestamp(3) without time zone"},
    {"timestamptz(3)", "timestamp(3) with time zone"},
    {"timestamp(6) with time zone", "timestamp(6) with time zone"},
    {"time", "time without time zone"},
    {"timetz", "time with time zone"},
    {"time(2)", "time(2) without time zone"},
    {"time with time zone", "time with time zone"},
    {"interval", "interval"},
    {"interval(3)", "interval(3)"},
    {"interval day to second", "interval day to second"},
    {"interval day to second(3)", "interval day to second(3)"},
    {"date", "date"},
    {"uuid", "uuid"},
    {"json", "json"},
    {"JSONB", "jsonb"},
    {"bytea", "bytea"},
    {"inet", "inet"},
    {"cidr", "cidr"},
    {"macaddr", "macaddr"},
    {"money", "money"},
    {"xml", "xml"},
    {"tsvector", "tsvector"},
    {"bit", "bit(1)"},
    {"bit(8)", "bit(8)"},
    {"varbit", "bit varying"},
    {"varbit(16)", "bit varying(16)"},
    {"bit varying(16)", "bit varying(16)"},
    {"oid", "oid"},
    {"pg_catalog.int4", "integer"},
    {"int[]", "integer[]"},
    {"int4[]", "integer[]"},
    {"integer ARRAY", "integer[]"},
    {"integer ARRAY[4]", "integer[]"},
    {"int[][]", "integer[]"},
    {"text [ ]", "text[]"},
    {"varchar(10)[]", "character varying(10)[]"},
    {"timestamptz[]", "timestamp with time zone[]"},
    {"post_status", "post_status"},
    {"Post_Status", "Post_Status"},
    {"  post_status  ", "post_status"},
    {"public.post_status", "post_status"},
    {"app.post_status", "app.post_status"},
    {"post_status[]", "post_status[]"},
    {"geometry(Point, 4326)", "geometry(Point,4326)"},
    {"my   type", "my type"},
};

}  // namespace

TEST_CASE("type aliases normalize to the names format_type() prints", "[types]") {
  for (const auto& [declared, canonical] : canonical_types) {
    INFO("declared: " << declared);
    CHECK(normalize_type(declared) == canonical);
  }
}

TEST_CASE("normalizing a canonical type name changes nothing", "[types]") {
  for (const auto& [declared, canonical] : canonical_types) {
    INFO("canonical: " << canonical);
    CHECK(normalize_type(canonical) == canonical);
  }
}

TEST_CASE("serial pseudo-types are left for the model loader to expand", "[types]") {
  CHECK(normalize_type("serial") == "serial");
  CHECK(normalize_type("bigserial") == "bigserial");
}
