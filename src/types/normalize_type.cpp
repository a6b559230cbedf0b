#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "migrate/types.hpp"

#include "util/lowercase.hpp"

namespace migrate {
namespace {

// A declared type split into its words, its one parenthesized modifier list and array-ness:
// "timestamp(3) with time zone[]" -> {"timestamp with time zone", "3", true}.
struct TypeParts {
  std::string words;
  std::string modifiers;
  bool has_modifiers = false;
};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
// format_type() prints no space before "(", ")", "[", "]", "," nor after "(", "[", ",".
bool drops_space_before(char c) { return c == '(' || c == ')' || c == ',' || c == '[' || c == ']'; }
bool drops_space_after(char c) { return c == '(' || c == ',' || c == '['; }

// Trims, collapses whitespace runs and drops spaces next to punctuation.
std::string collapse_whitespace(const std::string& text) {
  std::string result;
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !result.empty();
      continue;
    }
    if (pending_space && !drops_space_before(c) && !drops_space_after(result.back())) result += ' ';
    pending_space = false;
    result += c;
  }
  return result;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Strips every "[]", "[n]", " ARRAY" and " ARRAY[n]" suffix: PostgreSQL keeps no dimensions.
bool strip_array_suffix(std::string& text) {
  bool array = false;
  for (;;) {
    const auto open = text.rfind('[');
    if (!text.empty() && text.back() == ']' && open != std::string::npos) {
      const std::string inside = text.substr(open + 1, text.size() - open - 2);
      if (!inside.empty() && !all_digits(inside)) return array;
      text.erase(open);
    } else if (ends_with(lowercase(text), " array")) {
      text.erase(text.size() - 6);
    } else {
      return array;
    }
    array = true;
  }
}

std::optional<TypeParts> split_modifiers(const std::string& text) {
  const auto open = text.find('(');
  if (open == std::string::npos) return TypeParts{lowercase(text), "", false};
  const auto close = text.find(')', open);
  if (close == std::string::npos || text.find_first_of("()", close + 1) != std::string::npos) {
    return std::nullopt;
  }
  std::string words = text.substr(0, open) + text.substr(close + 1);
  return TypeParts{lowercase(words), text.substr(open + 1, close - open - 1), true};
}

// Names that take no modifier, by every spelling PostgreSQL accepts.
const std::map<std::string, std::string>& plain_types() {
  static const std::map<std::string, std::string> types = {
      {"int", "integer"},
      {"int4", "integer"},
      {"integer", "integer"},
      {"int2", "smallint"},
      {"smallint", "smallint"},
      {"int8", "bigint"},
      {"bigint", "bigint"},
      {"float4", "real"},
      {"real", "real"},
      {"float8", "double precision"},
      {"double precision", "double precision"},
      {"bool", "boolean"},
      {"boolean", "boolean"},
      {"text", "text"},
      {"date", "date"},
      {"uuid", "uuid"},
      {"json", "json"},
      {"jsonb", "jsonb"},
      {"jsonpath", "jsonpath"},
      {"bytea", "bytea"},
      {"inet", "inet"},
      {"cidr", "cidr"},
      {"macaddr", "macaddr"},
      {"macaddr8", "macaddr8"},
      {"money", "money"},
      {"xml", "xml"},
      {"tsvector", "tsvector"},
      {"tsquery", "tsquery"},
      {"oid", "oid"},
      {"name", "name"},
      {"regclass", "regclass"},
      {"regtype", "regtype"},
      {"regproc", "regproc"},
      {"point", "point"},
      {"line", "line"},
      {"lseg", "lseg"},
      {"box", "box"},
      {"path", "path"},
      {"polygon", "polygon"},
      {"circle", "circle"},
      {"int4range", "int4range"},
      {"int8range", "int8range"},
      {"numrange", "numrange"},
      {"tsrange", "tsrange"},
      {"tstzrange", "tstzrange"},
      {"daterange", "daterange"},
      {"pg_lsn", "pg_lsn"},
      {"txid_snapshot", "txid_snapshot"},
      {"pg_snapshot", "pg_snapshot"},
      {"\"char\"", "\"char\""},
      {"bpchar", "bpchar"},
      {"varchar", "character varying"},
      {"character varying", "character varying"},
      {"char varying", "character varying"},
      {"varbit", "bit varying"},
      {"bit varying", "bit varying"},
      {"numeric", "numeric"},
      {"decimal", "numeric"},
      {"dec", "numeric"},
      {"float", "double precision"},
      {"char", "character(1)"},
      {"character", "character(1)"},
      {"nchar", "character(1)"},
      {"national character", "character(1)"},
      {"bit", "bit(1)"}};
  return types;
}

// Names whose one modifier is a length or precision written right after the name.
const std::map<std::string, std::string>& length_types() {
  static const std::map<std::string, std::string> types = {
      {"varchar", "character varying"},
      {"character varying", "character varying"},
      {"char varying", "character varying"},
      {"char", "character"},
      {"character", "character"},
      {"nchar", "character"},
      {"national character", "character"},
      {"bpchar", "character"},
      {"bit", "bit"},
      {"varbit", "bit varying"},
      {"bit varying", "bit varying"},
      {"interval", "interval"}};
  return types;
}

// Date/time names, as {before the precision, after it}.
const std::map<std::string, std::pair<std::string, std::string>>& time_types() {
  static const std::map<std::string, std::pair<std::string, std::string>> types = {
      {"timestamp", {"timestamp", " without time zone"}},
      {"timestamp without time zone", {"timestamp", " without time zone"}},
      {"timestamptz", {"timestamp", " with time zone"}},
      {"timestamp with time zone", {"timestamp", " with time zone"}},
      {"time", {"time", " without time zone"}},
      {"time without time zone", {"time", " without time zone"}},
      {"timetz", {"time", " with time zone"}},
      {"time with time zone", {"time", " with time zone"}}};
  return types;
}

std::optional<std::string> numeric_type(const std::string& modifiers) {
  const auto comma = modifiers.find(',');
  const std::string precision = modifiers.substr(0, comma);
  std::string scale = comma == std::string::npos ? "0" : modifiers.substr(comma + 1);
  const bool negative = !scale.empty() && scale[0] == '-';
  if (!all_digits(precision) || !all_digits(negative ? scale.substr(1) : scale)) {
    return std::nullopt;
  }
  return "numeric(" + precision + "," + scale + ")";
}

std::optional<std::string> float_type(const std::string& modifiers) {
  if (!all_digits(modifiers) || modifiers.size() > 2) return std::nullopt;
  const int precision = std::stoi(modifiers);
  if (precision >= 1 && precision <= 24) return "real";
  if (precision >= 25 && precision <= 53) return "double precision";
  return std::nullopt;
}

bool is_interval_fields(const std::string& words) {
  static const char* const fields[] = {"year",
                                       "month",
                                       "day",
                                       "hour",
                                       "minute",
                                       "second",
                                       "year to month",
                                       "day to hour",
                                       "day to minute",
                                       "day to second",
                                       "hour to minute",
                                       "hour to second",
                                       "minute to second"};
  return std::find(std::begin(fields), std::end(fields), words) != std::end(fields);
}

std::optional<std::string> with_modifiers(const TypeParts& parts) {
  const std::string& words = parts.words;
  if (words == "numeric" || words == "decimal" || words == "dec") {
    return numeric_type(parts.modifiers);
  }
  if (words == "float") return float_type(parts.modifiers);
  if (!all_digits(parts.modifiers)) return std::nullopt;
  const std::string suffix = "(" + parts.modifiers + ")";
  if (auto found = length_types().find(words); found != length_types().end()) {
    return found->second + suffix;
  }
  if (auto found = time_types().find(words); found != time_types().end()) {
    return found->second.first + suffix + found->second.second;
  }
  if (words.rfind("interval ", 0) == 0 && is_interval_fields(words.substr(9))) {
    return words + suffix;  // format_type() prints the precision after the fields
  }
  return std::nullopt;
}

std::optional<std::string> builtin_type(const TypeParts& parts) {
  if (parts.has_modifiers) return with_modifiers(parts);
  if (auto found = plain_types().find(parts.words); found != plain_types().end()) {
    return found->second;
  }
  if (auto found = time_types().find(parts.words); found != time_types().end()) {
    return found->second.first + found->second.second;
  }
  if (parts.words == "interval" ||
      (parts.words.rfind("interval ", 0) == 0 && is_interval_fields(parts.words.substr(9)))) {
    return parts.words;
  }
  return std::nullopt;
}

// A user type keeps its spelling; "public." is implicit, as format_type() omits it.
std::string user_type(const std::string& text) {
  if (lowercase(text.substr(0, 7)) == "public." && text.size() > 7) return text.substr(7);
  return text;
}

}  // namespace

std::string normalize_type(const std::string& declared) {
  std::string text = collapse_whitespace(declared);
  const bool array = strip_array_suffix(text);
  std::string unqualified = text;
  if (lowercase(text.substr(0, 11)) == "pg_catalog.") unqualified = text.substr(11);
  std::optional<std::string> canonical;
  if (auto parts = split_modifiers(unqualified)) canonical = builtin_type(*parts);
  return canonical.value_or(user_type(text)) + (array ? "[]" : "");
}

}  // namespace migrate
