#pragma once
// The names PostgreSQL gives to unnamed constraints, indexes and serial sequences, so a model
// without names matches a database built by hand (PostgreSQL's makeObjectName/ChooseRelationName).

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace migrate {

inline constexpr std::size_t max_identifier_bytes = 63;

// name1_name2_label, where the longer of name1/name2 is truncated (at a UTF-8 character boundary)
// until the whole fits in 63 bytes. name2 may be empty ("users_pkey").
std::string make_object_name(const std::string& name1, const std::string& name2,
                             const std::string& label);

// make_object_name, then label1, label2 ... until the name is not in taken; the result is added
// to taken.
std::string choose_object_name(const std::string& name1, const std::string& name2,
                               const std::string& label, std::set<std::string>& taken);

// The same, for a caller whose names live in more than one set: is_taken says whether a candidate
// is in use; nothing is recorded.
std::string choose_object_name(const std::string& name1, const std::string& name2,
                               const std::string& label,
                               const std::function<bool(const std::string&)>& is_taken);

// Column names joined with '_' as PostgreSQL does for index and constraint names ("expr" stands
// for an expression key).
std::string join_column_names(const std::vector<std::string>& columns);

// The name PostgreSQL gives an index key written as an expression (FigureIndexColname): a
// function's name ("lower(title)" -> "lower"), a column's name ("(title)" -> "title"), a cast's
// internal type name ("(a || b)::text" -> "text", "x::integer" -> "x"), "case", "array", else
// "expr". Read from PostgreSQL's own parse of the expression; "expr" when it does not parse.
std::string expression_column_name(const std::string& expression);

// Index key names made distinct as PostgreSQL does before naming an index
// (ChooseIndexColumnNames): a repeated name gets 1, 2 ... appended ({"expr", "expr"} ->
// {"expr", "expr1"}), clipped so the result stays within 63 bytes.
std::vector<std::string> distinct_column_names(const std::vector<std::string>& names);

// The column an unnamed check constraint is named after (table_column_check): the one column of
// columns that expression references, or "" when it references none or several (table_check).
// Like PostgreSQL, this looks at the expression, not at where the check was written.
std::string check_constraint_column(const std::string& expression,
                                    const std::vector<std::string>& columns);

// The name inside one double-quoted identifier (`"a""b"` -> `a"b`); nullopt when the text is
// not exactly one (`a`, `"a"."b"`).
std::optional<std::string> unquote_identifier(const std::string& text);

// `naming_convention` in migrate.yaml: a template per kind of object a model leaves unnamed,
// instead of PostgreSQL's default name. Kinds: primary_key, unique, foreign_key, check, index.
// Tokens: {table}, {columns} (the key's columns joined with '_', as PostgreSQL joins them),
// {column_0} (the first), and for foreign keys {referred_table} and {referred_columns}.
// A kind without a template keeps PostgreSQL's name.
using NamingConvention = std::map<std::string, std::string>;

// The token values of one object; absent tokens are refused by naming_template_problem.
struct NameParts {
  std::string table = {};
  std::vector<std::string> columns = {};
  std::string referred_table = {};
  std::vector<std::string> referred_columns = {};
};

// Whether `kind` is one of the kinds above; if not, the message that lists them.
std::optional<std::string> naming_kind_problem(const std::string& kind);

// Why a template cannot be used for `kind` (a known kind), if it cannot: an unknown or unclosed
// {token}, a token the kind does not have, or no token at all.
std::optional<std::string> naming_template_problem(const std::string& kind,
                                                   const std::string& name_template);

// The template with its tokens replaced (the template must have passed the check above).
std::string apply_naming_template(const std::string& name_template, const NameParts& parts);

}  // namespace migrate
