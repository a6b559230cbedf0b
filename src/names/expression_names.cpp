// PostgreSQL's FigureIndexColname for the expressions people write in index keys. The expression
// is scanned, not parsed: anything that is not one function call, column, parenthesized group,
// CASE, ARRAY[...] or a cast of one of those is an operator expression, named "expr".

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "migrate/names.hpp"

namespace migrate {
namespace {

// A figured name and how strongly it names the expression: PostgreSQL prefers a column or
// function name (2) over a cast's type name or "case" (1); literals have none (0).
struct Figured {
  std::string name = {};
  int strength = 0;
};

constexpr auto npos = std::string::npos;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::size_t skip_spaces(const std::string& text, std::size_t pos) {
  while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  return pos;
}

// The position after a quoted run starting at pos ('...' or "..."; a doubled quote escapes).
std::size_t skip_quoted(const std::string& text, std::size_t pos) {
  const char quote = text[pos];
  for (++pos; pos < text.size(); ++pos) {
    if (text[pos] != quote) continue;
    if (pos + 1 < text.size() && text[pos + 1] == quote) {
      ++pos;
    } else {
      return pos + 1;
    }
  }
  return npos;
}

// The position after the bracket group opening at pos, or npos when unbalanced.
std::size_t skip_group(const std::string& text, std::size_t pos) {
  int depth = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '\'' || c == '"') {
      pos = skip_quoted(text, pos);
      if (pos == npos) return npos;
      continue;
    }
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && --depth == 0) return pos + 1;
    ++pos;
  }
  return npos;
}

bool starts_identifier(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80) != 0;
}

bool continues_identifier(char c) {
  return starts_identifier(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// Scans "a", "\"A\"" or "s.f" from pos; returns the last component, folded as the parser does.
std::optional<std::string> scan_name(const std::string& text, std::size_t& pos) {
  std::optional<std::string> last;
  for (;;) {
    if (pos < text.size() && text[pos] == '"') {
      const auto end = skip_quoted(text, pos);
      if (end == npos) return std::nullopt;
      std::string name = text.substr(pos + 1, end - pos - 2);
      for (auto at = name.find("\"\""); at != npos; at = name.find("\"\"", at + 1)) {
        name.erase(at, 1);
      }
      last = name;
      pos = end;
    } else if (pos < text.size() && starts_identifier(text[pos])) {
      const auto start = pos;
      while (pos < text.size() && continues_identifier(text[pos])) ++pos;
      last = lowercase(text.substr(start, pos - start));
    } else {
      return std::nullopt;
    }
    if (pos >= text.size() || text[pos] != '.') return last;
    ++pos;
  }
}

// The name the parser gives a type written in a cast: its internal name ("integer" -> "int4").
std::string type_name(const std::string& written) {
  static const std::map<std::string, std::string> internal = {
      {"int", "int4"},
      {"integer", "int4"},
      {"smallint", "int2"},
      {"bigint", "int8"},
      {"real", "float4"},
      {"float", "float8"},
      {"double precision", "float8"},
      {"boolean", "bool"},
      {"decimal", "numeric"},
      {"dec", "numeric"},
      {"character varying", "varchar"},
      {"char varying", "varchar"},
      {"character", "bpchar"},
      {"char", "bpchar"},
      {"national character", "bpchar"},
      {"nchar", "bpchar"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"time without time zone", "time"},
      {"time with time zone", "timetz"},
      {"bit varying", "varbit"}};
  std::string text = trim(written.substr(0, written.find_first_of("([")));
  const auto paren = written.find(')');  // "timestamp(3) with time zone"
  if (paren != npos && written.find('(') != npos) text += " " + trim(written.substr(paren + 1));
  std::string words = lowercase(trim(text));
  words.erase(
      std::unique(words.begin(), words.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
      words.end());
  if (auto found = internal.find(words); found != internal.end()) return found->second;
  std::size_t pos = 0;
  return scan_name(text, pos).value_or(words);
}

std::optional<Figured> figure(const std::string& expression);

std::optional<Figured> figure_cast_call(const std::string& arguments) {
  const auto as = lowercase(arguments).rfind(" as ");
  if (as == npos) return std::nullopt;
  const Figured inner = figure(arguments.substr(0, as)).value_or(Figured{});
  if (inner.strength > 1) return inner;
  return Figured{type_name(arguments.substr(as + 4)), 1};
}

// A name, possibly called: a column reference, a function call, CASE or ARRAY[...].
std::optional<Figured> figure_named(const std::string& text, std::size_t& pos) {
  const auto start = pos;
  auto name = scan_name(text, pos);
  if (!name) return std::nullopt;
  const bool keyword = text[start] != '"' && text.find('.', start) >= pos;
  const auto open = skip_spaces(text, pos);
  if (keyword && *name == "case") {
    const bool ends_case = lowercase(text.substr(text.size() - 3)) == "end";
    pos = ends_case ? text.size() : npos;
    return ends_case ? std::optional<Figured>(Figured{"case", 1}) : std::nullopt;
  }
  if (open < text.size() && (text[open] == '(' || (keyword && *name == "array"))) {
    pos = skip_group(text, open);
    if (pos == npos) return std::nullopt;
    if (keyword && *name == "cast") return figure_cast_call(text.substr(open + 1, pos - open - 2));
    return Figured{*name, 2};
  }
  return Figured{*name, 2};
}

std::optional<Figured> figure_primary(const std::string& text, std::size_t& pos) {
  if (text[pos] == '(') {
    const auto end = skip_group(text, pos);
    if (end == npos) return std::nullopt;
    const std::string inner = text.substr(pos + 1, end - pos - 2);
    pos = end;
    return figure(inner).value_or(Figured{});  // "(a + b)" is a primary without a name
  }
  if (text[pos] == '\'') {
    pos = skip_quoted(text, pos);
    return pos == npos ? std::nullopt : std::optional<Figured>(Figured{});
  }
  if (std::isdigit(static_cast<unsigned char>(text[pos]))) {
    while (pos < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '.')) {
      ++pos;
    }
    return Figured{};
  }
  return figure_named(text, pos);
}

// primary ( "::" type )*; anything else (operators, keywords) is not named.
std::optional<Figured> figure(const std::string& expression) {
  const std::string text = trim(expression);
  if (text.empty()) return std::nullopt;
  std::size_t pos = 0;
  auto figured = figure_primary(text, pos);
  while (figured && pos != npos && (pos = skip_spaces(text, pos)) < text.size()) {
    if (text.compare(pos, 2, "::") != 0) return std::nullopt;
    const auto next_cast = text.find("::", pos + 2);
    const std::string type = text.substr(pos + 2, next_cast == npos ? npos : next_cast - pos - 2);
    if (figured->strength <= 1) figured = Figured{type_name(type), 1};
    pos = next_cast == npos ? text.size() : next_cast;
  }
  if (pos == npos) return std::nullopt;
  return figured;
}

// Every name an expression mentions outside string literals, except called functions' names.
std::vector<std::string> mentioned_names(const std::string& text) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '\'') {
      pos = skip_quoted(text, pos);
      if (pos == npos) break;
    } else if (c == '"' || starts_identifier(c)) {
      const auto name = scan_name(text, pos);
      if (!name || pos == npos) break;
      if (skip_spaces(text, pos) >= text.size() || text[skip_spaces(text, pos)] != '(') {
        names.push_back(*name);
      }
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (pos < text.size() && continues_identifier(text[pos])) ++pos;  // 1e5, not "e5"
    } else {
      ++pos;
    }
  }
  return names;
}

}  // namespace

std::string check_constraint_column(const std::string& expression,
                                    const std::vector<std::string>& columns) {
  std::string found;
  for (const std::string& name : mentioned_names(expression)) {
    if (std::find(columns.begin(), columns.end(), name) == columns.end() || name == found) continue;
    if (!found.empty()) return {};
    found = name;
  }
  return found;
}

std::string expression_column_name(const std::string& expression) {
  const auto figured = figure(expression);
  return figured && !figured->name.empty() ? figured->name : "expr";
}

std::optional<std::string> unquote_identifier(const std::string& text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
  std::string name;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '"') {
      if (i + 2 >= text.size() || text[i + 1] != '"') return std::nullopt;  // `"a"."b"`
      ++i;
    }
    name += text[i];
  }
  return name;
}

}  // namespace migrate
