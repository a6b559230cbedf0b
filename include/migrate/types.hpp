#pragma once
// Type names as written by people, normalized to the text PostgreSQL's format_type() prints.

#include <string>

namespace migrate {

// "int" -> "integer", "varchar(50)" -> "character varying(50)", "timestamptz" ->
// "timestamp with time zone", "int4[]" -> "integer[]", "numeric(10, 2)" -> "numeric(10,2)".
// Unknown names (user types) are returned with whitespace normalized and case kept.
// serial types are not handled here: the model loader expands them.
std::string normalize_type(const std::string& declared);

}  // namespace migrate
