#pragma once
// The declared model: YAML model files (format in docs/model-format.md) loaded into a Schema, and
// a Schema written back as model YAML (`migrate model dump`).
//
// Beyond DESIGN.md §3, the loader accepts:
// - Several YAML documents ("---") in one file. Each document has its own `schema:` (default
//   public) and names its objects in that schema; this is how one file holds several schemas,
//   and write_model_yaml writes one document per schema (public first).
// - `schemas: [name, ...]`: namespaces to declare even when no object lives in them. Every
//   namespace other than public that an object or extension uses is listed in Schema::schemas
//   whether or not it is declared.
// - `extensions:` as a list of names or a mapping name -> {schema}; the schema defaults to the
//   document's.
// - `exclusions:` on a table: name -> the constraint's pg_get_constraintdef() text.
// - `sequences:` name -> {type, start, increment, min_value, max_value, cache, cycle, owned_by},
//   owned_by being "table.column", "schema.table.column" or {schema, table, column}.
// - YAML merge keys (`<<: *anchor`) besides anchors and aliases; explicit keys win.
// Positions in errors are 1-based; columns count bytes, as yaml-cpp does.
//
// Default names follow PostgreSQL's CREATE TABLE order (serial sequences, checks, primary key,
// unique constraints, foreign keys, then indexes), after every explicit name of the document is
// claimed; a unique constraint identical to the primary key or an earlier one is dropped, as
// PostgreSQL does. Names are chosen per document, so a clash with an object of another file is
// not seen. An index expression is named as PostgreSQL names it (see expression_column_name).

#include <filesystem>
#include <string>
#include <vector>

#include "migrate/names.hpp"
#include "migrate/schema.hpp"

namespace migrate {

// Loads one model file's text. file_name is used in error messages only.
// Throws FileError ("file:line:column: what is wrong (expected ...)") on any invalid input;
// references to tables of other files are not checked here (see load_model_files).
// The result is sorted (sort_schema) and uses canonical type names and default constraint names.
// Unnamed objects get the names `convention` makes for their kind (see NamingConvention).
Schema load_model_text(const std::string& file_name, const std::string& text,
                       const NamingConvention& convention = {});

// Loads and merges every *.yaml / *.yml file under each path (a file or a directory, searched
// recursively, in sorted order). A table, enum or sequence defined in two files is a FileError
// naming both; foreign keys must reference an existing table and columns of the merged model,
// and those columns must be its primary key or unique; a sequence's owned_by must name an
// existing column. A path that does not exist is a FileError with line 0.
Schema load_model_files(const std::vector<std::filesystem::path>& paths,
                        const NamingConvention& convention = {});

// Writes a schema as one model file's YAML text; load_model_text(write_model_yaml(s)) == s for a
// sorted schema whose Schema::schemas lists every namespace its objects use and whose primary
// key columns are NOT NULL (as loading and reflection produce). Every constraint and index is
// written with its name, serial columns as a sequence plus a nextval default, and
// Schema::unmanaged not at all.
std::string write_model_yaml(const Schema& schema);

}  // namespace migrate
